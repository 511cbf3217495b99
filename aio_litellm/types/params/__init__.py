"""Generated parameter TypedDicts, one module per route group (tools/gen_params.py)."""
