"""Load one version of a document for comparison (``docket diff``, ``history``, ``track``, and
``pipeline.compare``): a JSON record from ``docket ingest``, the stored record of an ingested
output folder, or a source document ingested now. It sits above ``pipeline.process``, so
``pipeline.diff`` only ever compares Documents.

Records already ingested: ``docket diff``/``history --records OUT`` take a source's record from
the output folder's catalog instead of reading the file again (seconds per PDF saved). A stored
record is used only when it was made from the same bytes (sha256) by the same pipeline and
extraction (code, configuration and vocabulary, as ``docket ingest`` decides whether to re-read a
file); otherwise the file is read as usual. The catalog is opened read-only.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from . import process  # the module, looked up on each call (tests stub process.process_file)
from .config import Settings
from .diff.load import RECORD_SUFFIXES, DiffInputError, load_record
from .models import Document
from .outputs import CATALOG_NAME
from .records_io import document_from_dict


def load_document(path: str | os.PathLike[str], stored: StoredRecords | None = None) -> Document:
    """A ``Document`` from a record (``.json``, or ``.jsonl`` holding one record) or any ingestible
    file; with ``stored``, a file whose record an ingested output folder holds is not read again."""
    p = Path(path)
    if not p.is_file():
        raise DiffInputError(f"{p}: no such file")
    if p.suffix.lower() in RECORD_SUFFIXES:
        return load_record(p)
    if stored is not None:
        document = stored.document(p)
        if document is not None:
            return document
    result = process.process_file(p)
    if result.document is None:
        why = f"{result.failure.reason}: {result.failure.message}" if result.failure else str(result.status)
        raise DiffInputError(f"{p}: could not be read ({why})")
    return result.document


_QUERY = (
    "SELECT source_file, record FROM files WHERE sha256 = ? AND pipeline_version = ? "
    "AND extraction_version = ? AND record IS NOT NULL ORDER BY source_file LIMIT 1"
)


class StoredRecords:
    """The records of one ingested output folder (or its ``catalog.sqlite``), looked up by content."""

    def __init__(self, folder: str | Path):
        path = Path(folder)
        self.path = path if path.is_file() else path / CATALOG_NAME
        if not self.path.is_file():
            raise DiffInputError(
                f"{folder}: no {CATALOG_NAME} here; pass the output folder of `docket ingest`"
            )
        from .batch.versions import config_versions  # start-up: pipeline.batch loads the batch runner

        self.versions = config_versions(Settings.resolve(None))
        self.used: list[str] = []  # files whose stored record was taken
        self.read: list[str] = []  # files read again (not in the catalog, or stored by another extraction)

    def document(self, source: str | Path) -> Document | None:
        """The stored record of ``source``'s bytes, or None when the catalog has none that fits."""
        try:
            sha = process.file_sha256(Path(source))
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                row = db.execute(_QUERY, (sha, self.versions.pipeline, self.versions.extraction)).fetchone()
            finally:
                db.close()
        except OSError:
            row = None
        except sqlite3.Error as e:
            raise DiffInputError(f"{self.path}: cannot read the catalog ({e})") from e
        if row is None:
            self.read.append(str(source))
            return None
        try:
            document = document_from_dict(json.loads(row[1]))
        except (ValueError, TypeError) as e:
            raise DiffInputError(f"{self.path} ({row[0]}): stored record is not readable ({e})") from e
        self.used.append(str(source))
        return document

    def summary(self) -> str:
        read = f", {len(self.read)} read again (not stored by this version of docket)" if self.read else ""
        return f"{len(self.used)} record(s) from {self.path}{read}"
