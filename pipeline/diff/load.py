"""Load one version for comparison: a JSON record from ``docket ingest`` or a source document."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DocketError
from ..models import Document
from ..records_io import document_from_dict

if TYPE_CHECKING:
    from .stored import StoredRecords

RECORD_SUFFIXES = {".json", ".jsonl"}


class DiffInputError(DocketError):
    """A version could not be loaded; the message names the file and says why."""


def load_document(path: str | os.PathLike[str], stored: StoredRecords | None = None) -> Document:
    """A ``Document`` from a record (``.json``, or ``.jsonl`` holding one record) or any ingestible
    file; with ``stored``, a file whose record an ingested output folder holds is not read again."""
    p = Path(path)
    if not p.is_file():
        raise DiffInputError(f"{p}: no such file")
    if p.suffix.lower() in RECORD_SUFFIXES:
        return _load_record(p)
    if stored is not None:
        document = stored.document(p)
        if document is not None:
            return document
    try:
        from ..ingest import process_file
    except ImportError as e:  # pragma: no cover - ingest ships with the package
        raise DiffInputError(f"{p}: cannot ingest source documents ({e}); pass a JSON record instead") from e
    result = process_file(p)
    if result.document is None:
        why = f"{result.failure.reason}: {result.failure.message}" if result.failure else str(result.status)
        raise DiffInputError(f"{p}: could not be read ({why})")
    return result.document


def _load_record(p: Path) -> Document:
    try:
        text = p.read_text(encoding="utf-8")
        if p.suffix.lower() == ".jsonl":
            lines = [ln for ln in text.splitlines() if ln.strip()]
            if len(lines) != 1:
                raise DiffInputError(f"{p}: holds {len(lines)} records; compare one document per file")
            data = json.loads(lines[0])
        else:
            data = json.loads(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise DiffInputError(f"{p}: not a readable JSON record ({e})") from e
    if not isinstance(data, dict) or "document" not in data:
        raise DiffInputError(f"{p}: not a docket document record (no 'document' object)")
    try:
        return document_from_dict(data)
    except (TypeError, ValueError) as e:
        raise DiffInputError(f"{p}: malformed document record ({e})") from e
