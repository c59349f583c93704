"""docket: intergovernmental meeting documents in, typed records out."""

__version__ = "0.1.0"
