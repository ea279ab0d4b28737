"""The profiles bundled with jobfit: TOML data files, read with importlib.resources."""
