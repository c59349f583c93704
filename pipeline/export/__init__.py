"""Exporters: one module per output format behind a small common interface."""

from .base import EXPORTERS, Exporter, atomic_write, get_exporter

__all__ = ["EXPORTERS", "Exporter", "atomic_write", "get_exporter"]
