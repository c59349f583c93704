"""The output folder as a collection: every flat output rebuilt from the catalog.

``catalog.sqlite`` holds every document ever ingested into a folder and not removed; after each
run (and ``docket remove``) the flat outputs are regenerated from it, in the collection's order
(source paths, folder by folder), so they always hold the whole collection, not the last batch:
documents.jsonl, csv/<table>.csv, failures.csv and json/<name>.json through ``OutputWriter``,
and the exports a user has added to the folder (documents.xlsx, parquet/, report.html) when
present. Each file is replaced atomically; json/ files of documents no longer in the collection
are removed.

manifest.csv lists every source of the collection, one row each: ``status`` and ``reason`` say
what the last run that saw it did (ingested, skipped, failed), ``run`` is that run; ``pages``,
``seconds`` and ``record_run`` are those of the run that made its record, so a re-run that skips a
document keeps the time it took; ``duplicate_of`` names the source whose record stands for a
source holding the same document (the same text in another format, or a copy).

Sources with the same content are one document (``Catalog.documents``): the flat outputs hold it
once, as the record of its primary source (a PDF before Word before text, then the first in
collection order) with ``document.sources`` listing every file that holds it.
"""

from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

from ..cells import neutralise, plain
from ..content import with_sources
from ..export.base import atomic_write
from ..export.columns import TABLES
from ..export.folder import export_records
from ..export.writer import OutputWriter
from ..models import Failure, Reason, Result, Status
from ..outputs import Layout
from ..report import build_stats, render_html
from .catalog import MANIFEST_COLUMNS, Catalog

# manifest.csv: the catalog's manifest row without its run keys, then the runs and the duplicate
MANIFEST_HEADER = (
    *MANIFEST_COLUMNS[MANIFEST_COLUMNS.index("source_file") :],
    "run",
    "record_run",
    "duplicate_of",
)
FAILED = ("failed", "interrupted")  # files.status of a source with no record


def rebuild(catalog: Catalog, out_dir: Path, raw_csv: bool = False) -> dict[str, str]:
    """Write the manifest, and the flat outputs unless they already hold exactly the collection.
    Returns the duplicates: source_file -> the primary source of the document it holds."""
    layout = Layout(out_dir)
    duplicates = find_duplicates(catalog.documents())
    fingerprint, n_records = catalog.fingerprint()
    fingerprint = f"{fingerprint}:{int(raw_csv)}"
    if catalog.get_meta("export_fingerprint") != fingerprint or not _outputs_present(layout, n_records):
        _write_flat(catalog, layout, raw_csv)
        catalog.set_meta("export_fingerprint", fingerprint)
    write_manifest(catalog, layout, duplicates, raw_csv)
    return duplicates


def _write_flat(catalog: Catalog, layout: Layout, raw_csv: bool) -> None:
    with OutputWriter(layout.root, raw_csv=raw_csv, skip_identical_json=True) as writer:
        for entry in catalog.collection(with_record=False):
            name = entry.source_file
            if entry.status in FAILED:
                failure = Failure(name, _reason(entry.reason), entry.message or "")
                writer.add(Result(name, Status.FAILED, failure=failure))
        for record in _records(catalog):
            writer.write_record(record)
        names = set(writer.json_names)
    if layout.json_dir.is_dir():
        for path in layout.json_dir.glob("*.json"):
            if path.name not in names:
                path.unlink(missing_ok=True)
    _refresh_exports(catalog, layout, raw_csv)


def _refresh_exports(catalog: Catalog, layout: Layout, raw_csv: bool) -> None:
    """Exports the user added to the folder (`docket export OUT -o OUT`, `docket report OUT`) are
    part of the collection too: rebuild those that exist, so none lags behind the catalog."""
    formats = [f for f, there in (("xlsx", layout.xlsx), ("parquet", layout.parquet_dir)) if there.exists()]
    if formats:
        export_records(_records(catalog), layout.root, formats, raw=raw_csv)
    if layout.report.is_file():
        title = _title_of(layout.report)
        failures = (
            Failure(e.source_file, _reason(e.reason), e.message or "")
            for e in catalog.collection(with_record=False)
            if e.status in FAILED
        )
        page = render_html(build_stats(_records(catalog), failures), title, source=str(layout.root))
        with atomic_write(layout.report, "w") as fh:
            fh.write(page)


def _records(catalog: Catalog) -> Iterator[dict]:
    """One record per document of the collection, in collection order, with its sources."""
    documents = catalog.documents()
    for entry in catalog.collection():
        sources = documents.get(entry.source_file)
        if entry.record is not None and sources and sources[0] == entry.source_file:
            yield with_sources(json.loads(entry.record), sources)


def _title_of(report: Path) -> str:
    """The title the report was written with (`docket report --title`), kept across rebuilds."""
    try:
        found = re.search(r"<title>(.*?)</title>", report.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        found = None
    return html.unescape(found.group(1)) if found else "docket collection report"


def find_duplicates(documents: dict[str, list[str]]) -> dict[str, str]:
    """source_file -> the primary source of its document, for every source that is not one."""
    return {name: sources[0] for name, sources in documents.items() if sources[0] != name}


def write_manifest(
    catalog: Catalog, layout: Layout, duplicates: dict[str, str], raw_csv: bool = False
) -> None:
    cell = plain if raw_csv else neutralise
    seen = catalog.last_seen()
    with atomic_write(layout.manifest, "w") as fh:
        fh.write("\ufeff")
        manifest = csv.writer(fh, lineterminator="\r\n")
        manifest.writerow(MANIFEST_HEADER)
        for entry in catalog.collection(with_record=False):
            last = seen.get(entry.source_file, {})
            status = last.get("status") or ("failed" if entry.status in FAILED else "ingested")
            manifest.writerow(
                [
                    cell(entry.source_file),
                    status,
                    last.get("reason") or entry.reason or "",
                    cell(last.get("message") or entry.message or ""),
                    "" if entry.pages is None else entry.pages,
                    "" if entry.seconds is None else f"{entry.seconds:.3f}",
                    entry.sha256 or "",
                    last.get("run_id") or "",
                    "" if entry.work_run is None else entry.work_run,
                    cell(duplicates.get(entry.source_file, "")),
                ]
            )


def _outputs_present(layout: Layout, n_records: int) -> bool:
    needed = [layout.jsonl, layout.failures, *(layout.table(t) for t in TABLES)]
    if not all(p.is_file() for p in needed):
        return False
    json_dir = layout.json_dir
    return sum(1 for _ in json_dir.glob("*.json")) == n_records if json_dir.is_dir() else n_records == 0


def _reason(code: str | None) -> Reason:
    if code is None:
        return Reason.INTERNAL
    try:
        return Reason(code)
    except ValueError:
        return Reason.INTERNAL
