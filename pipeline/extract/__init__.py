"""Extractors: one module per file format, each turning a file into a list of Blocks."""

from .base import EXTRACTORS, Extraction, Extractor, extract, sniff_format

__all__ = ["EXTRACTORS", "Extraction", "Extractor", "extract", "sniff_format"]
