"""Read one version for comparison from a JSON record of ``docket ingest``. A source document or an
output folder's stored record is loaded by ``pipeline.load``, which can ingest."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import DocketError
from ..models import Document
from ..records_io import document_from_dict

RECORD_SUFFIXES = {".json", ".jsonl"}


class DiffInputError(DocketError):
    """A version could not be loaded; the message names the file and says why."""


def load_record(p: Path) -> Document:
    """The Document of a JSON record file (``.json``, or ``.jsonl`` holding one record)."""
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
