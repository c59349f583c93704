"""The notebook API: ingest files or load docket outputs as typed records, tabulate, compare.

>>> from pipeline import ingest, compare
>>> docs = ingest(["inputs/"])                  # a Collection of Document records
>>> frames = docs.to_frame()                    # {"documents": DataFrame, "recommendations": ...}
>>> docs.to_json("out/documents.jsonl")
>>> same = Collection.from_json("out/documents.jsonl")
>>> report = compare(docs[0], docs[1])          # pipeline.diff's DiffReport
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .content import content_key, primary_first, with_sources
from .errors import DocketError
from .export.base import atomic_write, dumps, get_exporter
from .export.columns import BOOL_COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS, TABLES
from .export.folder import export_records
from .load import load_document
from .models import Document, Failure, Reason, Result
from .outputs import FAILURE_COLUMNS, Layout, failure_rows, path_key, stored_records
from .process import iter_results
from .records_io import document_from_dict
from .report import build_stats, render_html

if TYPE_CHECKING:  # pandas is imported only when a frame is asked for
    import pandas as pd

PathLike = str | os.PathLike[str]


class RecordsFileError(DocketError):
    """A file of records (JSON, JSON Lines, catalog) cannot be read."""


@dataclass(frozen=True, slots=True)
class Collection:
    """Documents (in input order) and the files that failed, with table and JSON views."""

    documents: tuple[Document, ...] = ()
    failures: tuple[Failure, ...] = ()

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __getitem__(self, key: int | str) -> Document:
        """A document by position, or by its ``document.id`` or ``source_file``."""
        if isinstance(key, int):
            return self.documents[key]
        for doc in self.documents:
            if key in (doc.info.id, doc.info.source_file):
                return doc
        raise KeyError(f"no document with id or source_file {key!r}")

    @classmethod
    def from_results(cls, results: Iterable[Result]) -> Collection:
        documents, failures = [], []
        for result in results:
            if result.document is not None:
                documents.append(result.document)
            elif result.failure is not None:
                failures.append(result.failure)
        return cls(tuple(documents), tuple(failures))

    @classmethod
    def from_json(cls, *sources: PathLike) -> Collection:
        """Load records written by docket: a ``.json`` record or list, a ``.jsonl``, an output folder."""
        documents = tuple(document_from_dict(r) for s in sources for r in iter_records(s))
        failures = tuple(f for s in sources if Path(s).is_dir() for f in iter_failures(s))
        return cls(documents, failures)

    def records(self) -> Iterator[dict[str, Any]]:
        """The JSON record of each document (``Document.to_dict()``)."""
        return (doc.to_dict() for doc in self.documents)

    def to_frame(self, table: str | None = None) -> dict[str, pd.DataFrame] | pd.DataFrame:
        """One pandas DataFrame per table of export/columns.py, plus ``failures``.

        Columns and values are those of the Parquet export: nullable integer, float and boolean
        columns, and Python lists for ``documents.warnings/sources`` and ``recommendations.actors/topics``.
        With ``table`` only that table's frame is returned.
        """
        if table is not None and table not in TABLES and table != "failures":
            raise ValueError(f"unknown table {table!r}; choose one of {', '.join([*TABLES, 'failures'])}")
        wanted = [table] if table else [*TABLES, "failures"]
        records = list(self.records())
        frames = {name: _frame(name, records, self.failures) for name in wanted}
        return frames[table] if table else frames

    def to_json(self, path: PathLike) -> Path:
        """Write the records: JSON Lines when ``path`` ends in ``.jsonl``, else one JSON list."""
        path = Path(path)
        with atomic_write(path) as fh:
            if path.suffix == ".jsonl":
                exporter = get_exporter("jsonl")
                exporter.start(fh)
                for record in self.records():
                    exporter.write(record)
                exporter.finish()
            else:
                fh.write((dumps(list(self.records())) + "\n").encode("utf-8"))
        return path

    def report(self, path: PathLike | None = None, title: str = "docket collection report") -> str:
        """The collection report (as ``docket report`` writes it); saved to ``path`` when given."""
        page = render_html(build_stats(self.records(), self.failures), title)
        if path is not None:
            with atomic_write(path, "w") as fh:
                fh.write(page)
        return page

    def export(self, out_dir: PathLike, formats: Sequence[str] = ("csv",), raw: bool = False) -> list[Path]:
        """Write the tables in each format, laid out as ``docket export`` does; returns the files."""
        return export_records(self.records(), out_dir, formats, raw=raw)


def _frame(name: str, records: list[dict[str, Any]], failures: Sequence[Failure]) -> pd.DataFrame:
    import pandas as pd  # start-up: pandas and pyarrow load only when a frame is asked for

    from .export.parquet_exporter import LIST_COLUMNS, typed_rows  # start-up: pyarrow

    if name == "failures":
        return pd.DataFrame([f.to_dict() for f in failures], columns=list(FAILURE_COLUMNS), dtype="string")
    columns = TABLES[name]
    df = pd.DataFrame([row for r in records for row in typed_rows(name, r)], columns=list(columns))
    for column in columns:
        if (name, column) in LIST_COLUMNS:
            df[column] = df[column].astype(object)
        elif column in INTEGER_COLUMNS:
            df[column] = df[column].astype("Int64")
        elif column in FLOAT_COLUMNS:
            df[column] = df[column].astype("Float64")
        elif column in BOOL_COLUMNS:
            df[column] = df[column].astype("boolean")
        else:
            df[column] = df[column].astype("string")
    return df


def ingest(paths: PathLike | Iterable[PathLike], settings: Any = None) -> Collection:
    """Ingest files and folders (recursively) into a Collection; failed files land in ``.failures``."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    return Collection.from_results(iter_results(paths, settings))


def compare(
    old: Document | PathLike,
    new: Document | PathLike,
    kinds: Iterable[str] = ("recommendations",),
    **options: Any,
) -> Comparison:
    """Compare two versions of a document with ``pipeline.diff`` (as ``docket diff`` does).

    ``old`` and ``new`` are Documents, JSON record files, or source files to ingest. ``kinds`` are
    record kinds ("recommendations", "agenda", "objectives"); other keyword options
    (``options``, ``old_label``, ``new_label``) go to ``pipeline.diff.compare``.
    """
    from .diff import Kind  # start-up: pipeline.diff loads scipy
    from .diff import compare as diff_compare

    old_doc = old if isinstance(old, Document) else load_document(old)
    new_doc = new if isinstance(new, Document) else load_document(new)
    return Comparison(diff_compare(old_doc, new_doc, tuple(Kind(k) for k in kinds), **options))


@dataclass(frozen=True, slots=True)
class Comparison:
    """A ``pipeline.diff`` DiffReport with a table view; other attributes are the report's own."""

    report: Any

    def __getattr__(self, name: str) -> Any:
        return getattr(self.report, name)

    def to_frame(self, kind: str | None = None) -> dict[str, pd.DataFrame] | pd.DataFrame:
        """One DataFrame per compared record kind, one row per aligned pair (lists stay lists)."""
        import pandas as pd  # start-up: pandas loads only when a frame is asked for

        frames = {}
        for k, pairs in self.report.sections:
            rows = []
            for pair in pairs:
                row = pair.to_dict()
                row.pop("word_ops")
                row["old_text"], row["new_text"] = pair.old_text, pair.new_text
                del row["old"], row["new"]
                rows.append(row)
            frames[str(k)] = pd.DataFrame(rows, columns=list(_comparison_columns()))
        if kind is None:
            return frames
        if kind not in frames:
            raise ValueError(f"no {kind!r} in this comparison; compared: {', '.join(frames)}")
        return frames[kind]


def _comparison_columns() -> tuple[str, ...]:
    """The diff CSV's declared columns, less the two a per-kind frame does not need."""
    from .diff.report_csv import COLUMNS  # start-up: pipeline.diff loads scipy

    return tuple(c for c in COLUMNS if c not in ("kind", "word_ops"))


# --- reading docket outputs -------------------------------------------------------------------------


def iter_records(source: PathLike) -> Iterator[dict[str, Any]]:
    """Yield the record dicts in ``source``.

    ``source`` is a ``.json`` file (one record or a list), a ``.jsonl`` file, a ``catalog.sqlite``,
    or an output folder of ``docket ingest``: its ``documents.jsonl``, else its ``json/*.json``,
    else its ``catalog.sqlite``, else the ``.jsonl`` and ``.json`` files directly inside it.
    """
    path = Path(source)
    if path.is_dir():
        layout = Layout(path)
        if layout.jsonl.is_file() or layout.json_dir.is_dir():
            try:
                for where, text in stored_records(layout):
                    yield from _parse_json(text, where, lines=layout.jsonl.is_file())
            except UnicodeDecodeError as e:
                raise RecordsFileError(f"{path}: a record file is not UTF-8 text ({e})") from e
        elif layout.catalog.is_file():
            yield from _read_catalog(layout.catalog)
        else:
            files = sorted(
                p for p in path.iterdir() if p.suffix in (".json", ".jsonl") and not p.name.startswith(".")
            )
            if not files:
                raise RecordsFileError(
                    f"{path}: no records found; expected documents.jsonl, json/*.json or catalog.sqlite "
                    "(the output folder of `docket ingest`)"
                )
            for p in files:
                yield from iter_records(p)
    elif path.suffix == ".jsonl":
        yield from _read_jsonl(path)
    elif path.suffix in (".sqlite", ".db"):
        yield from _read_catalog(path)
    elif path.is_file():
        yield from _read_json(path)
    else:
        raise RecordsFileError(f"{path}: no such file or folder")


def _check(record: Any, where: str) -> dict[str, Any]:
    if not isinstance(record, dict) or not isinstance(record.get("document"), dict):
        raise RecordsFileError(f"{where}: not a docket document record (no 'document' object)")
    return record


def _parse_json(text: str, where: str, lines: bool = False) -> Iterator[dict[str, Any]]:
    """The records of one JSON text: a record, or a list of them (not on a JSON Lines line)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise RecordsFileError(f"{where}: not valid JSON ({e.msg if lines else e})") from e
    if lines or not isinstance(data, list):
        yield _check(data, where)
    else:
        for i, record in enumerate(data):
            yield _check(record, f"{where} [{i}]")


def _read_json(path: Path) -> Iterator[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise RecordsFileError(f"{path}: not valid JSON ({e})") from e
    yield from _parse_json(text, str(path))


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                yield from _parse_json(line, f"{path}:{n}", lines=True)


def _catalog_rows(path: Path, query: str) -> list[tuple]:
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return db.execute(query).fetchall()
        finally:
            db.close()
    except sqlite3.Error as e:
        raise RecordsFileError(f"{path}: cannot read the catalog ({e})") from e


def _read_catalog(path: Path) -> Iterator[dict[str, Any]]:
    """Records stored by pipeline.batch's catalog (``files.record``, one per source file), one per
    document as the collection publishes them: files with the same content fold into the record of
    their primary source, listing them in ``document.sources`` (pipeline.content)."""
    rows = _catalog_rows(path, "SELECT source_file, record FROM files WHERE record IS NOT NULL")
    records: dict[str, dict[str, Any]] = {}
    groups: dict[str, list[str]] = {}
    for source_file, text in sorted(rows, key=lambda row: path_key(row[0])):
        try:
            record = _check(json.loads(text), f"{path} ({source_file})")
        except json.JSONDecodeError as e:
            raise RecordsFileError(f"{path} ({source_file}): stored record is not valid JSON") from e
        records[source_file] = record
        groups.setdefault(content_key(record) or f"\0{source_file}", []).append(source_file)
    primaries = {names[0]: names for names in map(primary_first, groups.values())}
    for source_file, record in records.items():
        if source_file in primaries:
            yield with_sources(record, primaries[source_file])


def iter_failures(source: PathLike) -> Iterator[Failure]:
    """The failed files of an output folder: its ``failures.csv``, else its catalog's failed files."""
    layout = Layout(Path(source))
    if layout.failures.is_file():
        for source_file, reason, message in failure_rows(layout):
            yield Failure(source_file, _reason(reason), message)
    elif layout.catalog.is_file():
        query = "SELECT source_file, reason, message FROM files WHERE status = 'failed' ORDER BY source_file"
        for source_file, reason, message in _catalog_rows(layout.catalog, query):
            yield Failure(source_file, _reason(reason or ""), message or "")


def _reason(value: str) -> Reason:
    try:
        return Reason(value)
    except ValueError:
        return Reason.INTERNAL


__all__ = [
    "Collection",
    "Comparison",
    "RecordsFileError",
    "compare",
    "ingest",
    "iter_failures",
    "iter_records",
]
