"""`python -m jobfit` runs the command line."""

from jobfit.cli import cli

cli()
