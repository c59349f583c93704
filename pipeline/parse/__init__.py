"""Structure parsers: format-blind, they turn a block stream into the records of SCHEMA.md."""

from __future__ import annotations

import dataclasses

from ..models import Block, Document, DocumentInfo
from .agenda import find_agenda_items
from .classify import classify
from .metadata import HEAD_CHARS, cover_blocks, document_date, event_name, extract_metadata
from .objectives import find_objectives, has_objectives_section
from .recommendations import find_recommendations_with_warnings
from .sections import build_sections, section_spans


def parse_document(info: DocumentInfo, blocks: tuple[Block, ...], warnings: tuple[str, ...] = ()) -> Document:
    meta = extract_metadata(blocks)
    spans = section_spans(blocks)
    sections = build_sections(spans)
    recommendations, rec_warnings = find_recommendations_with_warnings(blocks)
    warnings = (*warnings, *rec_warnings)
    year = _year(meta.meeting_start or meta.issued)
    agenda_items = find_agenda_items(blocks, year, meta.meeting_start)
    cover_text = "\n".join(b.text for b in cover_blocks(blocks))
    title = meta.title
    doc_type = classify(
        title,
        cover_text,
        len(recommendations),
        len(agenda_items),
        has_objectives=has_objectives_section(spans),
    )
    objectives = find_objectives(spans, doc_type)
    if not title:
        title = event_name("\n".join(b.text[:HEAD_CHARS] for b in blocks[:40]))
    info = dataclasses.replace(
        info,
        doc_type=doc_type,
        title=title,
        date=document_date(doc_type, meta, blocks),
        issued=meta.issued,
        meeting_start=meta.meeting_start,
        meeting_end=meta.meeting_end,
        meeting_name=meta.meeting_name,
        meeting_number=meta.meeting_number,
        symbol=meta.symbol,
        organisation=meta.organisation,
        venue=meta.venue,
        meeting_format=meta.meeting_format,
        time_zone=meta.time_zone,
    )
    found = (objectives, agenda_items, recommendations)
    if not any(found):
        warnings = (*warnings, "no objectives, agenda items or recommendations were recognised")
    return Document(
        info=info,
        sections=sections,
        objectives=objectives,
        agenda_items=agenda_items,
        recommendations=recommendations,
        warnings=tuple(warnings),
    )


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None
