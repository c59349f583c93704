"""Spreadsheet cells: the one rule that keeps formula-looking text from running, and its inverse.

Every CSV and XLSX docket writes (exports, the manifest, diff and track reports) renders its
cells here; every reader of those files (the API, ``docket repair``) undoes it here.
"""

from __future__ import annotations

from typing import Any

# OWASP CSV injection: a cell starting with one of these is run as a formula by spreadsheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def plain(value: Any) -> str:
    """A cell as text: empty for None, ``true``/``false`` for booleans."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def neutralise(value: Any) -> str:
    """Render a cell; text a spreadsheet would execute gets a leading apostrophe."""
    text = plain(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def restore(value: str | None) -> str:
    """Undo ``neutralise``: drop the apostrophe put before formula-looking text."""
    value = value or ""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES) else value
