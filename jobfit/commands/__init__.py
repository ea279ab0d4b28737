"""The jobfit commands, one module per stage; each registers its commands on `jobfit.cli.cli`."""
