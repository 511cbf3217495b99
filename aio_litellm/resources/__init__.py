"""Resource groups, one module per group of the proxy's routes."""
