"""The collection report: one self-contained HTML page summarising a folder of docket outputs."""

from .build import CollectionStats, build_stats
from .html import render_html, write_report

__all__ = ["CollectionStats", "build_stats", "render_html", "write_report"]
