"""Regenerate a run's collection files from the catalog, streaming rows in input order.

documents.jsonl, csv/<table>.csv, failures.csv and json/<name>.json go through
``OutputWriter``; manifest.csv lists every source of the run with its status, reason, pages
and seconds. Each file is replaced atomically; json/ files of sources no longer in the run are
removed.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from ..export.base import atomic_write
from ..export.columns import TABLES
from ..export.csv_exporter import neutralise, plain
from ..export.writer import OutputWriter
from ..models import Failure, Reason, Result, Status
from .catalog import Catalog

MANIFEST_NAME = "manifest.csv"
MANIFEST_HEADER = ("source_file", "status", "reason", "message", "pages", "seconds", "sha256")


def write_outputs(catalog: Catalog, run_id: int, out_dir: Path, raw_csv: bool = False) -> None:
    """Write the manifest, and the collection files unless they already hold exactly this run's records."""
    fingerprint, n_records = catalog.run_fingerprint(run_id)
    fingerprint = f"{fingerprint}:{int(raw_csv)}"
    if catalog.get_meta("export_fingerprint") == fingerprint and _outputs_present(out_dir, n_records):
        write_manifest(catalog, run_id, out_dir, raw_csv)
        return
    with OutputWriter(out_dir, raw_csv=raw_csv, skip_identical_json=True) as writer:
        for row, record in catalog.run_rows(run_id):
            name = row["source_file"]
            if row["status"] == "failed":
                writer.add(
                    Result(name, Status.FAILED, failure=Failure(name, _reason(row["reason"]), row["message"]))
                )
            elif record is not None:
                writer.write_record(json.loads(record), compact=record)
        names = set(writer.json_names)
    json_dir = out_dir / "json"
    if json_dir.is_dir():
        for path in json_dir.glob("*.json"):
            if path.name not in names:
                path.unlink(missing_ok=True)
    write_manifest(catalog, run_id, out_dir, raw_csv)
    catalog.set_meta("export_fingerprint", fingerprint)


def write_manifest(catalog: Catalog, run_id: int, out_dir: Path, raw_csv: bool = False) -> None:
    cell = plain if raw_csv else neutralise
    with atomic_write(out_dir / MANIFEST_NAME, "w") as fh:
        fh.write("\ufeff")
        manifest = csv.writer(fh, lineterminator="\r\n")
        manifest.writerow(MANIFEST_HEADER)
        for row in catalog.manifest_rows(run_id):
            seconds = "" if row["seconds"] is None else f"{row['seconds']:.3f}"
            manifest.writerow(
                [
                    cell(row["source_file"]),
                    row["status"],
                    row["reason"],
                    cell(row["message"]),
                    "" if row["pages"] is None else row["pages"],
                    seconds,
                    row["sha256"] or "",
                ]
            )


def _outputs_present(out_dir: Path, n_records: int) -> bool:
    needed = [
        out_dir / "documents.jsonl",
        out_dir / "failures.csv",
        *(out_dir / "csv" / f"{t}.csv" for t in TABLES),
    ]
    if not all(p.is_file() for p in needed):
        return False
    json_dir = out_dir / "json"
    return sum(1 for _ in json_dir.glob("*.json")) == n_records if json_dir.is_dir() else n_records == 0


def _reason(code: str | None) -> Reason:
    try:
        return Reason(code)
    except ValueError:
        return Reason.INTERNAL
