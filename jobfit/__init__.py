"""jobfit: the command line and the report, wiring crawler, db and matcher."""

__version__ = "0.1.0"
