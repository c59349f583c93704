"""The documents of a collection for ``docket track``: files, folders, or ingested output folders.

An output folder of ``docket ingest`` (it has a ``catalog.sqlite`` or a ``documents.jsonl``) gives
its stored records, so nothing the catalog holds is read again; a ``.json`` record is read as is;
every other file is extracted. The same document met twice (its record and its file) counts once.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import process  # the module, looked up on each call (tests stub process.process_file)
from ..api import RecordsFileError, iter_records
from ..diff.load import RECORD_SUFFIXES
from ..models import Document
from ..outputs import CATALOG_NAME, MANIFEST_NAME, Layout
from ..records_io import document_from_dict


@dataclass
class Collection:
    documents: list[Document] = field(default_factory=list)
    # documents without any recommendation or decision: skipped by the linker (by name), still
    # members of the series found for the user
    without_recommendations: list[str] = field(default_factory=list)
    skipped: list[Document] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # "name: why"
    from_records: int = 0  # documents taken from stored records


def is_output_folder(path: Path) -> bool:
    layout = Layout(path)
    return path.is_dir() and (layout.catalog.is_file() or layout.jsonl.is_file())


def collect(paths: Iterable[str | os.PathLike[str]]) -> Collection:
    """Read every input; a document without recommendations or decisions is skipped (by name), a file that
    cannot be read is noted (by name), neither stops the others."""
    out = Collection()
    seen: set[str] = set()

    def add(document: Document) -> None:
        if document.info.id in seen:
            return
        seen.add(document.info.id)
        if document.recommendations or document.decisions:
            out.documents.append(document)
        else:
            out.without_recommendations.append(document.info.source_file or document.info.id)
            out.skipped.append(document)

    for raw in paths:
        path = Path(raw)
        if is_output_folder(path) or path.suffix.lower() in RECORD_SUFFIXES:
            try:
                for record in iter_records(path):
                    add(document_from_dict(record))
                    out.from_records += 1
            except (RecordsFileError, ValueError, TypeError, json.JSONDecodeError) as e:
                out.failed.append(f"{path}: {e}")
            continue
        for source in _sources(process.iter_sources([path])):
            result = process.process_file(source)
            if result.document is None:
                out.failed.append(result.failure.message if result.failure else f"{source}: {result.status}")
            else:
                add(result.document)
    return out


def _sources(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to extract: records found while walking a folder are read as records elsewhere."""
    for p in paths:
        if p.suffix.lower() not in RECORD_SUFFIXES and p.name not in (CATALOG_NAME, MANIFEST_NAME):
            yield p
