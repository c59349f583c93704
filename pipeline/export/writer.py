"""Write a batch's outputs: one JSON per document, a JSONL of all, CSV tables, failures.

Every file is written through ``atomic_write``; records stream straight to disk, so
memory does not grow with the batch.
"""

from __future__ import annotations

import contextlib
import csv
import json
from pathlib import Path
from typing import Any

from ..cells import neutralise, plain
from ..models import Result, Status
from ..outputs import FAILURE_COLUMNS, DocumentNames, Layout, safe_filename
from .base import atomic_write, dumps, get_exporter
from .columns import TABLES


class OutputWriter:
    """Context manager collecting Results into ``out_dir``."""

    def __init__(
        self,
        out_dir: str | Path,
        raw_csv: bool = False,
        per_document_json: bool = True,
        skip_identical_json: bool = False,
    ):
        self.out_dir = Path(out_dir)
        self.layout = Layout(self.out_dir)
        self.raw_csv = raw_csv
        self.per_document_json = per_document_json
        # Leave json/<name>.json alone when it already holds these bytes (fast re-runs).
        self.skip_identical_json = skip_identical_json
        self.counts = {"ok": 0, "partial": 0, "failed": 0, "skipped": 0}
        self._names = DocumentNames()
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> OutputWriter:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._jsonl = get_exporter("jsonl")
        self._jsonl_stream = self._stack.enter_context(atomic_write(self.layout.jsonl))
        self._jsonl.start(self._jsonl_stream)
        self._tables = {}
        for table in TABLES:
            exporter = get_exporter("csv", table=table, raw=self.raw_csv)
            exporter.start(self._stack.enter_context(atomic_write(self.layout.table(table))))
            self._tables[table] = exporter
        fh = self._stack.enter_context(atomic_write(self.layout.failures, "w"))
        fh.write("\ufeff")
        self._failures = csv.writer(fh, lineterminator="\r\n")
        self._failures.writerow(FAILURE_COLUMNS)
        return self

    def add(self, result: Result) -> dict[str, Any] | None:
        """Write one result; returns the record dict when there is a document."""
        self.counts[str(result.status)] = self.counts.get(str(result.status), 0) + 1
        if result.status == Status.FAILED and result.failure is not None:
            f = result.failure
            self._failures.writerow([self._cell(f.source_file), f.reason, self._cell(f.message)])
            return None
        if result.document is None:
            return None
        record = result.document.to_dict()
        self.write_record(record)
        return record

    def write_record(self, record: dict[str, Any], compact: str | None = None) -> None:
        """Write one record; ``compact`` is its ``dumps(record, None)`` text when the caller has it."""
        if compact is None:
            self._jsonl.write(record)
        else:
            self._jsonl_stream.write((compact + "\n").encode("utf-8"))
        for exporter in self._tables.values():
            exporter.write(record)
        if self.per_document_json:
            path = self.layout.json_dir / self._names.name(record)
            if self.skip_identical_json and _holds(path, record):
                return
            with atomic_write(path) as fh:
                fh.write((dumps(record) + "\n").encode("utf-8"))

    @property
    def json_names(self) -> frozenset[str]:
        """Names of the json/ files this writer has written (or found identical)."""
        return frozenset(self._names.used)

    def _cell(self, value: str) -> str:
        return plain(value) if self.raw_csv else neutralise(value)

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self._jsonl.finish()
            for exporter in self._tables.values():
                exporter.finish()
        # On an exception the ExitStack removes the temp files: no half-written outputs.
        self._stack.__exit__(exc_type, exc, tb)


def _holds(path: Path, record: dict[str, Any]) -> bool:
    """Whether ``path`` is this record as ``write_record`` writes it (parsing is far cheaper than indenting)."""
    try:
        data = path.read_bytes()
        return data.endswith(b"\n") and b"\n  " in data[:4] and json.loads(data) == record
    except (OSError, ValueError):
        return False


def results_summary(counts: dict[str, int]) -> str:
    done = counts.get("ok", 0) + counts.get("partial", 0)
    parts = [f"{done} ingested"]
    if counts.get("partial"):
        parts.append(f"{counts['partial']} with warnings")
    parts.append(f"{counts.get('failed', 0)} failed")
    if counts.get("skipped"):
        parts.append(f"{counts['skipped']} skipped")
    if counts.get("excluded"):
        parts.append(f"{counts['excluded']} excluded")
    return ", ".join(parts)


__all__ = ["OutputWriter", "safe_filename", "results_summary"]
