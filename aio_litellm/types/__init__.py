"""Parameter TypedDicts and response models, one module per resource group."""
