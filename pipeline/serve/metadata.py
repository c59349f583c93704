"""Datasette metadata for a collection, made from the declared columns (pipeline.export.columns).

Every column of the browsing copy gets a description (a test fails on a new column without one),
each table a description, facets on the columns analysts pivot by, and two canned queries.
"""

from __future__ import annotations

from typing import Any

from ..batch.catalog import FILE_KEY
from ..export.columns import TABLES
from .browse import KEY_ACTIONS, SEARCHED, SOURCE_PAGE, browse_columns, fts_table

DATABASE = "catalog"  # the browsing copy's file stem: Datasette's URL /catalog

TABLE_DESCRIPTIONS = {
    "documents": "One row per source file of the collection: its document's metadata and record counts.",
    "sections": "The numbered sections (headings and text) of each document.",
    "objectives": "The objectives stated in concept notes and terms of reference.",
    "agenda_items": "The items of each agenda: time, title, session and speakers.",
    "recommendations": "Each recommendation with the actors it addresses and the management response.",
    "key_actions": "One row per key action of a management response: what, who, by when, and its status.",
    "actors": "One row per actor a recommendation addresses (a recommendation to three actors has three rows).",
    "topics": "One row per topic tagged on a recommendation, objective or decision, with its score and evidence.",
    "decisions": "Each operative paragraph of a resolution, decision or agreed conclusions, numbered as printed.",
}

COLUMN_DESCRIPTIONS = {
    FILE_KEY: "The source file as ingested; links to its document",
    KEY_ACTIONS: "Key actions of the management response (action | time frame | responsible), one a line",
    SOURCE_PAGE: "Where to find the record: source file and page",
    "document_id": "The document's id (the first 16 hex digits of the file's SHA-256)",
    "record_id": "The record's id within its document (e.g. <document_id>:rec:3)",
    "source_file": "The source file as ingested",
    "sha256": "SHA-256 of the source file",
    "format": "File format (pdf, docx, txt, md)",
    "doc_type": "Document type (concept note, agenda, evaluation report, management response...)",
    "title": "Title",
    "date": "Date (ISO: YYYY-MM-DD, YYYY-MM or YYYY)",
    "date_precision": "How precise the date is: day, month or year",
    "year": "Year of the document's date",
    "issued": "Date the document was issued",
    "meeting_start": "First day of the meeting",
    "meeting_end": "Last day of the meeting",
    "meeting_name": "Name of the meeting",
    "meeting_number": "Number of the meeting or session",
    "symbol": "Document symbol (e.g. E/ICEF/2025/11)",
    "organisation": "Organisation that published the document",
    "venue": "Where the meeting takes place",
    "meeting_format": "In person, online or hybrid",
    "time_zone": "Time zone of the meeting's times",
    "language": "Language of the document",
    "pages": "Number of pages",
    "n_sections": "Number of sections",
    "n_objectives": "Number of objectives",
    "n_agenda_items": "Number of agenda items",
    "n_recommendations": "Number of recommendations",
    "warnings": "What docket could not read with confidence",
    "n_decisions": "Number of decisions (operative paragraphs of resolutions and decisions)",
    "sources": "Every file holding this document (the same text as PDF, DOCX, TXT, or a copy), separated by ;",
    "verb": "Operative verb that opens the paragraph (Requests, Also decides...)",
    "instrument": "What the paragraph belongs to: draft resolution, decision, agreed conclusions...",
    "instrument_number": "Number of the resolution or decision as printed (e.g. 2025/3)",
    "instrument_title": "Title of the resolution or decision",
    "body": "Body that adopts it (General Assembly, Executive Board...)",
    "number": "Number as printed (e.g. 3 or 2.1)",
    "heading": "Section heading",
    "level": "Heading level (1 is a top-level section)",
    "text": "Text as printed",
    "page": "Page of the source where the record starts",
    "block": "Text block on that page",
    "start": "Start time",
    "end": "End time",
    "description": "Description of the agenda item",
    "session": "Session the item belongs to",
    "speakers": "Speakers (name, role, organisation), separated by ;",
    "label": "Label as printed (recommendations) or topic label (topics)",
    "group_heading": "Heading of the group the recommendation is printed under",
    "actors_raw": "Addressees as printed",
    "actors": "Actors addressed, separated by ;",
    "response_category": "Management response: accepted, partially accepted, rejected... (empty: no response)",
    "response_text": "Text of the management response",
    "topics": "Topic ids tagged on the recommendation, separated by ;",
    "table_index": "Table of the page the recommendation was read from",
    "record_type": "Kind of record (recommendation, decision or objective)",
    "name": "Actor's name as found",
    "actor_id": "Actor's id in the actor register",
    "kind": "Kind of actor (organisation, body, role...)",
    "matched_as": "How the actor was recognised",
    "registered": "1 if the actor is in the register",
    "topic_id": "Topic's id in the taxonomy",
    "taxonomy": "Taxonomy the topic comes from",
    "score": "How strongly the text matches the topic",
    "evidence": "The words that matched (JSON)",
    "action_id": "The key action's id (<record_id>:action:N)",
    "action": "Position of the key action in its response (1, 2, ...)",
    "responsible": "Units responsible for the key action, as printed",
    "time_frame": "Time frame of the key action, as printed",
    "due": "Due date of the key action (ISO, as precise as printed)",
    "status": "Implementation status as printed (of the key action, or printed beside the recommendation)",
    "status_category": "Implementation status: implemented, in progress, not started or outside remit",
    "comments": "Comments printed with the key action",
    "document_title": "Title of the record's document",
    "document_symbol": "Symbol of the record's document",
    "document_year": "Year of the record's document",
    "document_date": "Date of the record's document",
    "document_date_precision": "Precision of that date: day, month or year",
}

# Facets analysts pivot by: document type, year, publisher, actor, topic, response.
FACETS = {
    "documents": ("doc_type", "year", "organisation", "format", "language"),
    "sections": ("document_title",),
    "objectives": ("document_year", "document_title"),
    "agenda_items": ("document_year", "session", "document_title"),
    "recommendations": ("document_year", "response_category", "status_category", "document_title"),
    "key_actions": ("status_category", "document_year", "document_title"),
    "actors": ("name", "kind", "document_year"),
    "topics": ("label", "record_type", "document_year"),
    "decisions": ("document_year", "instrument", "body", "document_title"),
}
LABEL_COLUMN = {"documents": "title"}

QUERIES = {
    "recommendations_to_actor": {
        "title": "Recommendations addressed to an actor across years",
        "description": "Every recommendation whose addressees include the actor (part of a name or an id), by year.",
        "sql": (
            "SELECT r.document_year, r.document_title, r.number, r.text, r.response_category, "
            "a.name AS actor, r.source_page\n"
            "FROM actors a JOIN recommendations r "
            f"ON r.{FILE_KEY} = a.{FILE_KEY} AND r.record_id = a.record_id\n"
            "WHERE a.name LIKE '%' || :actor || '%' OR a.actor_id = :actor\n"
            "ORDER BY r.document_year, r.document_title, r.page, r.number"
        ),
    },
    "recommendations_without_response": {
        "title": "Recommendations without a response",
        "description": "Recommendations with no management response recorded.",
        "sql": (
            "SELECT r.document_year, r.document_title, d.doc_type, r.number, r.text, r.actors, r.source_page\n"
            f"FROM recommendations r JOIN documents d ON d.{FILE_KEY} = r.{FILE_KEY}\n"
            "WHERE r.response_category IS NULL\n"
            "ORDER BY r.document_year, r.document_title, r.page, r.number"
        ),
    },
}


def table_metadata(table: str) -> dict[str, Any]:
    columns = browse_columns(table)
    meta: dict[str, Any] = {
        "description": TABLE_DESCRIPTIONS[table],
        "columns": {c: COLUMN_DESCRIPTIONS[c] for c in columns},
        "facets": list(FACETS[table]),
    }
    if table in SEARCHED:
        meta["fts_table"] = fts_table(table)
        meta["fts_pk"] = "rowid"
    if table in LABEL_COLUMN:
        meta["label_column"] = LABEL_COLUMN[table]
    return meta


def metadata() -> dict[str, Any]:
    """The Datasette metadata (the ``-m`` file) for a collection's browsing copy."""
    return {
        "title": "docket collection",
        "description": "The records docket extracted from the collection's meeting documents. Read-only.",
        "databases": {
            DATABASE: {
                "tables": {t: table_metadata(t) for t in TABLES},
                "queries": QUERIES,
            }
        },
    }
