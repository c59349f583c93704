"""The output folder's layout: what lives where, and the one rule that names per-document files.

An output folder of ``docket ingest`` is a collection: ``catalog.sqlite`` is its source of
truth, and every other file here (the flat outputs) is rebuilt from it after each run or
``docket remove``. Every command and the API find these files through ``Layout``, and read the
flat records and failures back through ``stored_records`` and ``failure_rows``, so the layout is
written down once.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .cells import restore

CATALOG_NAME = "catalog.sqlite"
MANIFEST_NAME = "manifest.csv"
JSONL_NAME = "documents.jsonl"
FAILURES_NAME = "failures.csv"
JSON_DIR = "json"
CSV_DIR = "csv"
PARQUET_DIR = "parquet"
XLSX_NAME = "documents.xlsx"
REPORT_NAME = "report.html"
LOCK_NAME = ".docket.lock"

FAILURE_COLUMNS = ("source_file", "reason", "message")


@dataclass(frozen=True)
class Layout:
    """The paths of one output folder."""

    root: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root))

    @property
    def catalog(self) -> Path:
        return self.root / CATALOG_NAME

    @property
    def manifest(self) -> Path:
        return self.root / MANIFEST_NAME

    @property
    def jsonl(self) -> Path:
        return self.root / JSONL_NAME

    @property
    def failures(self) -> Path:
        return self.root / FAILURES_NAME

    @property
    def json_dir(self) -> Path:
        return self.root / JSON_DIR

    @property
    def xlsx(self) -> Path:
        return self.root / XLSX_NAME

    @property
    def parquet_dir(self) -> Path:
        return self.root / PARQUET_DIR

    @property
    def report(self) -> Path:
        return self.root / REPORT_NAME

    @property
    def lock(self) -> Path:
        return self.root / LOCK_NAME

    def table(self, table: str, fmt: str = "csv", suffix: str = ".csv") -> Path:
        """``csv/<table>.csv``, ``parquet/<table>.parquet``: one file per table of export/columns.py."""
        return self.root / {"csv": CSV_DIR, "parquet": PARQUET_DIR}[fmt] / f"{table}{suffix}"


def safe_filename(name: str, max_len: int = 120) -> str:
    """A file name from a document name that cannot escape the output folder or start an option."""
    base = re.split(r"[\\/]", name)[-1]
    base = unicodedata.normalize("NFKC", base)
    base = re.sub(r"[^\w.\- ]+", "_", base).strip().replace(" ", "_")
    base = base.lstrip(".-_") or "document"
    return base[:max_len]


@dataclass
class DocumentNames:
    """Per-document file names (``json/<file>.json``), unique within one pass over a collection:
    the same file name in two folders gets the document id's first 8 hex digits."""

    suffix: str = ".json"
    used: set[str] = field(default_factory=set)

    def name(self, record: dict) -> str:
        doc = record["document"]
        stem = safe_filename(str(doc.get("source_file") or doc["id"]))
        if stem + self.suffix in self.used:
            stem += f".{str(doc['id'])[:8]}"
        self.used.add(stem + self.suffix)
        return stem + self.suffix


def path_key(source_file: str) -> tuple[str, ...]:
    """The collection's order: source paths compared folder by folder, as a folder walk lists them."""
    return tuple(re.split(r"[\\/]", source_file))


def stored_records(layout: Layout) -> Iterator[tuple[str, str]]:
    """``(where, JSON text)`` of each record in the flat outputs: ``documents.jsonl`` (``where`` is
    ``file:line``), else ``json/*.json``; nothing when neither is there. The caller parses."""
    if layout.jsonl.is_file():
        with open(layout.jsonl, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    yield f"{layout.jsonl}:{n}", line
    elif layout.json_dir.is_dir():
        for path in sorted(layout.json_dir.glob("*.json")):
            yield str(path), path.read_text(encoding="utf-8")


def failure_rows(layout: Layout) -> Iterator[tuple[str, str, str]]:
    """``(source_file, reason, message)`` of each row of ``failures.csv``, cells as written before
    the CSV writer neutralised them; nothing when the file is not there."""
    if layout.failures.is_file():
        with open(layout.failures, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                yield restore(row.get("source_file")), row.get("reason") or "", restore(row.get("message"))
