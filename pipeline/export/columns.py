"""Declared CSV columns per record type: the published, stable table schema.

Each table has a ``document_id`` so the tables join; record-level tables also carry a
``record_id`` (e.g. ``<document_id>:rec:3``, ``<document_id>:dec:2`` for a decision) that the key-actions, actors and topics tables point
to (a key action has its own ``action_id``, ``<document_id>:rec:3:action:1``), and their
document's title, symbol, year and date (``DOCUMENT_CONTEXT``), so a pivot by title or year needs
no join. Columns are never taken from the data, so a missing field is an empty cell, not a shifted
table; no column is an SQL reserved word. ``TABLES_VERSION`` versions this table schema
(docs/SCHEMA_CHANGELOG.md, "Tables"), apart from the record's ``schema_version``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

TABLES_VERSION = "2.1"

# The document's own fields repeated on every row of the record tables.
DOCUMENT_CONTEXT = (
    "document_title",
    "document_symbol",
    "document_year",
    "document_date",
    "document_date_precision",
)

TABLES: dict[str, tuple[str, ...]] = {
    "documents": (
        "document_id",
        "source_file",
        "sha256",
        "format",
        "doc_type",
        "title",
        "date",
        "date_precision",
        "year",
        "issued",
        "meeting_start",
        "meeting_end",
        "meeting_name",
        "meeting_number",
        "symbol",
        "organisation",
        "venue",
        "meeting_format",
        "time_zone",
        "language",
        "pages",
        "n_sections",
        "n_objectives",
        "n_agenda_items",
        "n_recommendations",
        "warnings",
        "n_decisions",
        "sources",
    ),
    "sections": (
        "document_id",
        "record_id",
        "number",
        "heading",
        "level",
        "text",
        "page",
        "block",
        *DOCUMENT_CONTEXT,
    ),
    "objectives": ("document_id", "record_id", "text", "page", "block", *DOCUMENT_CONTEXT),
    "agenda_items": (
        "document_id",
        "record_id",
        "date",
        "start",
        "end",
        "number",
        "title",
        "description",
        "session",
        "speakers",
        "page",
        "block",
        *DOCUMENT_CONTEXT,
    ),
    "recommendations": (
        "document_id",
        "record_id",
        "number",
        "label",
        "title",
        "group_heading",
        "actors_raw",
        "actors",
        "text",
        "response_category",
        "response_text",
        "topics",
        "page",
        "block",
        "table_index",
        *DOCUMENT_CONTEXT,
        "status",
        "status_category",
    ),
    "key_actions": (
        "document_id",
        "record_id",
        "action_id",
        "number",
        "action",
        "text",
        "responsible",
        "actors",
        "time_frame",
        "due",
        "status",
        "status_category",
        "comments",
        *DOCUMENT_CONTEXT,
    ),
    "actors": (
        "document_id",
        "record_id",
        "record_type",
        "number",
        "name",
        "actor_id",
        "kind",
        "matched_as",
        "registered",
        *DOCUMENT_CONTEXT,
    ),
    "topics": (
        "document_id",
        "record_id",
        "record_type",
        "number",
        "topic_id",
        "label",
        "taxonomy",
        "score",
        "evidence",
        *DOCUMENT_CONTEXT,
    ),
    # operative paragraphs of resolutions, decisions and agreed conclusions (schema 1.3)
    "decisions": (
        "document_id",
        "record_id",
        "number",
        "verb",
        "instrument",
        "instrument_number",
        "instrument_title",
        "body",
        "actors",
        "text",
        "topics",
        "page",
        "block",
        *DOCUMENT_CONTEXT,
    ),
}

# Column types (CSV has none; Parquet, the catalog's SQL tables and DataFrames use these).
INTEGER_COLUMNS = frozenset(
    {
        "pages",
        "year",
        "document_year",
        "n_sections",
        "n_objectives",
        "n_agenda_items",
        "n_recommendations",
        "n_decisions",
        "level",
        "page",
        "block",
        "table_index",
        "action",
    }
)
FLOAT_COLUMNS = frozenset({"score"})
BOOL_COLUMNS = frozenset({"registered"})
PRECISIONS = {10: "day", 7: "month", 4: "year"}  # length of an ISO date -> what it gives


def date_precision(date: Any) -> str | None:
    """``day``, ``month`` or ``year`` for ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``; None without a date."""
    return PRECISIONS.get(len(date)) if isinstance(date, str) and date[:4].isdigit() else None


def year_of(date: Any) -> int | None:
    return int(date[:4]) if date_precision(date) else None


def document_context(doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "document_title": doc.get("title"),
        "document_symbol": doc.get("symbol"),
        "document_year": year_of(doc.get("date")),
        "document_date": doc.get("date"),
        "document_date_precision": date_precision(doc.get("date")),
    }


def sources_of(doc: dict[str, Any]) -> list[str]:
    """Every file holding the document (``document.sources`` in a collection), else its own."""
    return [str(s) for s in doc.get("sources") or [doc.get("source_file") or ""]]


def _page(rec: dict[str, Any]) -> tuple[Any, Any, Any]:
    p = rec.get("provenance") or {}
    return p.get("page"), p.get("block"), p.get("table")


def rows_for(table: str, record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Yield the rows of one table for one document record (the SCHEMA.md dict)."""
    if table == "documents":
        yield from _rows(table, record)
        return
    context = document_context(record["document"])
    for row in _rows(table, record):
        yield {**row, **context}


def _rows(table: str, record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    doc = record["document"]
    did = doc["id"]
    if table == "documents":
        yield {
            **{k: doc.get(k) for k in TABLES["documents"] if k in doc},
            "document_id": did,
            "date_precision": date_precision(doc.get("date")),
            "year": year_of(doc.get("date")),
            "n_sections": len(record.get("sections", [])),
            "n_objectives": len(record.get("objectives", [])),
            "n_agenda_items": len(record.get("agenda_items", [])),
            "n_recommendations": len(record.get("recommendations", [])),
            "warnings": " | ".join(record.get("warnings", [])),
            "n_decisions": len(record.get("decisions", [])),
            "sources": "; ".join(sources_of(doc)),
        }
    elif table == "sections":
        for i, s in enumerate(record.get("sections", []), 1):
            page, block, _ = _page(s)
            yield {
                "document_id": did,
                "record_id": f"{did}:sec:{i}",
                "number": s.get("number"),
                "heading": s.get("heading"),
                "level": s.get("level"),
                "text": s.get("text"),
                "page": page,
                "block": block,
            }
    elif table == "objectives":
        for i, o in enumerate(record.get("objectives", []), 1):
            page, block, _ = _page(o)
            yield {
                "document_id": did,
                "record_id": f"{did}:obj:{i}",
                "text": o.get("text"),
                "page": page,
                "block": block,
            }
    elif table == "agenda_items":
        for i, a in enumerate(record.get("agenda_items", []), 1):
            page, block, _ = _page(a)
            speakers = "; ".join(
                ", ".join(x for x in (s.get("name"), s.get("role"), s.get("organisation")) if x)
                for s in a.get("speakers", [])
            )
            yield {
                "document_id": did,
                "record_id": f"{did}:agenda:{i}",
                **{
                    k: a.get(k) for k in ("date", "start", "end", "number", "title", "description", "session")
                },
                "speakers": speakers,
                "page": page,
                "block": block,
            }
    elif table == "recommendations":
        for i, r in enumerate(record.get("recommendations", []), 1):
            page, block, tbl = _page(r)
            mr = r.get("management_response") or {}
            yield {
                "document_id": did,
                "record_id": f"{did}:rec:{i}",
                **{k: r.get(k) for k in ("number", "label", "title", "actors_raw", "text")},
                "group_heading": r.get("group"),
                "actors": "; ".join(a.get("name", "") for a in r.get("actors", [])),
                "response_category": mr.get("category"),
                "response_text": mr.get("text"),
                "topics": "; ".join(t.get("id", "") for t in r.get("topics", [])),
                "page": page,
                "block": block,
                "table_index": tbl,
                "status": r.get("status"),
                "status_category": r.get("status_category"),
            }
    elif table == "key_actions":
        for i, r in enumerate(record.get("recommendations", []), 1):
            mr = r.get("management_response") or {}
            for k, a in enumerate(mr.get("actions", []), 1):
                yield {
                    "document_id": did,
                    "record_id": f"{did}:rec:{i}",
                    "action_id": f"{did}:rec:{i}:action:{k}",
                    "number": r.get("number"),
                    "action": k,
                    **{
                        c: a.get(c)
                        for c in (
                            "text",
                            "responsible",
                            "time_frame",
                            "due",
                            "status",
                            "status_category",
                            "comments",
                        )
                    },
                    "actors": "; ".join(x.get("name", "") for x in a.get("actors", [])),
                }
    elif table == "decisions":
        for i, d in enumerate(record.get("decisions", []), 1):
            page, block, _ = _page(d)
            yield {
                "document_id": did,
                "record_id": f"{did}:dec:{i}",
                **{
                    k: d.get(k)
                    for k in ("number", "verb", "instrument", "instrument_number", "instrument_title", "body")
                },
                "actors": "; ".join(a.get("name", "") for a in d.get("actors", [])),
                "text": d.get("text"),
                "topics": "; ".join(t.get("id", "") for t in d.get("topics", [])),
                "page": page,
                "block": block,
            }
    elif table in ("actors", "topics"):
        yield from _mention_rows(table, record, did)
    else:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")


def _mention_rows(table: str, record: dict[str, Any], did: str) -> Iterator[dict[str, Any]]:
    """The rows of ``actors`` and ``topics``: one per actor or topic of each record that has them."""
    if table == "actors":
        for kind, key, prefix in (
            ("recommendation", "recommendations", "rec"),
            ("decision", "decisions", "dec"),
        ):
            for i, r in enumerate(record.get(key, []), 1):
                for a in r.get("actors", []):
                    yield {
                        "document_id": did,
                        "record_id": f"{did}:{prefix}:{i}",
                        "record_type": kind,
                        "number": r.get("number"),
                        "name": a.get("name"),
                        "actor_id": a.get("id"),
                        "kind": a.get("kind"),
                        "matched_as": a.get("matched_as"),
                        "registered": a.get("registered"),
                    }
    elif table == "topics":
        for kind, key, prefix in (
            ("recommendation", "recommendations", "rec"),
            ("objective", "objectives", "obj"),
            ("decision", "decisions", "dec"),
        ):
            for i, r in enumerate(record.get(key, []), 1):
                for t in r.get("topics", []):
                    yield {
                        "document_id": did,
                        "record_id": f"{did}:{prefix}:{i}",
                        "record_type": kind,
                        "number": r.get("number"),
                        "topic_id": t.get("id"),
                        "label": t.get("label"),
                        "taxonomy": t.get("taxonomy"),
                        "score": t.get("score"),
                        "evidence": json.dumps(t.get("evidence", []), ensure_ascii=False),
                    }
