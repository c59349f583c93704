"""Rebuild a damaged catalog from the collection's own records (``docket repair OUT``).

The flat outputs hold every record of the collection (documents.jsonl, else json/*.json) and
every failed source (failures.csv), so a catalog that is truncated or corrupted can be made
again from them, and no document is lost, even one whose source file is gone. The damaged file
is kept beside it. Rebuilt entries carry ``pipeline_version = "recovered"``: the next ingest of
a source that still exists reads it again, and the others stay as recovered.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import DocketError
from ..export.base import dumps
from ..models import Status
from ..outputs import Layout, failure_rows, stored_records
from .catalog import Catalog, Entry
from .collection import rebuild
from .tasks import relabel

RECOVERED = "recovered"


class RepairError(DocketError):
    pass


@dataclass
class Repaired:
    records: int
    failures: int
    damaged: Path | None  # where the damaged catalog was moved


def repair(out_dir: Path) -> Repaired:
    """Move the damaged catalog aside and make a new one from the flat outputs. Caller holds the lock."""
    layout = Layout(out_dir)
    records = list(_records(layout))
    failures = list(failure_rows(layout))
    if not records and not failures:
        raise RepairError(
            f"{out_dir}: no records to rebuild the catalog from (no documents.jsonl, json/*.json or "
            "failures.csv); move the catalog away and ingest the documents again"
        )
    damaged = None
    if layout.catalog.exists():
        damaged = layout.catalog.with_name(f"{layout.catalog.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        os.replace(layout.catalog, damaged)
    for suffix in ("-wal", "-shm"):
        Path(f"{layout.catalog}{suffix}").unlink(missing_ok=True)
    catalog = Catalog(layout.catalog)
    try:
        with catalog.transaction():
            for text in records:
                for entry in _entries(json.loads(text)):
                    catalog.put(entry)
            for name, reason, message in failures:
                catalog.put(_failed(name, reason, message))
        rebuild(catalog, out_dir)
    finally:
        catalog.close()
    return Repaired(len(records), len(failures), damaged)


def _records(layout: Layout) -> Iterator[str]:
    """Each record as compact JSON text, from documents.jsonl, else json/*.json."""
    for where, text in stored_records(layout):
        yield _checked(text, where)


def _checked(text: str, where: str) -> str:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as e:
        raise RepairError(f"{where}: not valid JSON ({e.msg}); the records are damaged too") from e
    if not isinstance(record, dict) or not isinstance(record.get("document"), dict):
        raise RepairError(f"{where}: not a docket document record")
    return json.dumps(record, ensure_ascii=False)


def _entries(record: dict) -> Iterator[Entry]:
    """The entry of a document's primary source, and one for each other source it lists: those
    hold its record under their name (the same content) until the next ingest reads them again."""
    doc = {k: v for k, v in record["document"].items() if k != "sources"}
    name = str(doc.get("source_file") or doc["id"])
    text = dumps({**record, "document": doc}, None)
    yield _entry(name, doc, text, record)
    for other in record["document"].get("sources") or ():
        if other != name:
            yield _entry(str(other), {"pages": doc.get("pages")}, relabel(text, name, str(other)), record)


def _entry(name: str, doc: dict, text: str | None, record: dict) -> Entry:
    return Entry(
        name,
        os.path.abspath(name),
        doc.get("sha256"),
        None,
        None,
        doc.get("id"),
        str(Status.PARTIAL if record.get("warnings") else Status.OK),
        None,
        None,
        doc.get("pages"),
        None,
        RECOVERED,
        RECOVERED,
        RECOVERED,
        text,
        None,
    )


def _failed(name: str, reason: str, message: str) -> Entry:
    return Entry(
        name,
        os.path.abspath(name),
        None,
        None,
        None,
        None,
        str(Status.FAILED),
        reason,
        message,
        None,
        None,
        RECOVERED,
        RECOVERED,
        RECOVERED,
        None,
        None,
    )
