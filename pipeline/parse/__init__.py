"""Structure parsers: format-blind, they turn a block stream into the records of SCHEMA.md."""

from __future__ import annotations

import dataclasses
import re

from ..models import Block, BlockKind, Document, DocumentInfo
from .agenda import find_agenda_items
from .classify import (
    Evidence,
    classify,
    count_evaluation_sections,
    count_response_cues,
    cover_lines,
    names_its_author,
)
from .decisions import find_decisions_and_lead_ins, operative_texts, repeats_decision
from .metadata import HEAD_CHARS, announces_meeting, cover_blocks, document_date, event_name, extract_metadata
from .objectives import objectives_in, takes_objectives
from .rec_status import with_status
from .recommendations import find_recommendations_with_warnings
from .sections import build_sections, section_spans


def parse_document(
    info: DocumentInfo,
    blocks: tuple[Block, ...],
    warnings: tuple[str, ...] = (),
    margins: tuple[str, ...] = (),
) -> Document:
    """The document record. ``margins`` are the first page's margin lines the extractor took off
    as running heads (a document symbol is printed there)."""
    meta = extract_metadata(blocks, margins)
    spans = section_spans(blocks)
    sections = build_sections(spans)
    recommendations, rec_warnings = find_recommendations_with_warnings(blocks)
    decisions, lead_ins = find_decisions_and_lead_ins(blocks)
    if decisions:  # a resolution's operative paragraphs are decisions, not recommendations
        keys = operative_texts(decisions, lead_ins)
        recommendations = tuple(r for r in recommendations if not repeats_decision(r.text, keys))
    recommendations = with_status(recommendations)
    warnings = (*warnings, *rec_warnings)
    cover = cover_blocks(blocks)
    year = _year(meta.meeting_start or meta.issued) or _printed_year(meta.title, cover)
    agenda_items = find_agenda_items(blocks, year, meta.meeting_start)
    days = sorted({a.date for a in agenda_items if a.date and len(a.date) == 10})
    if days and (not meta.meeting_start or (len(meta.meeting_start) == 10 and meta.meeting_start < days[0])):
        # the meeting runs over the days of its timetable: a programme whose days carry no year
        # ("Monday, 26 February") under "Alumni Event 2018", or one whose cover date comes before
        # its first day (the date it was issued, not the meeting's)
        if meta.meeting_start and not meta.issued:
            meta.issued = meta.meeting_start
        meta.meeting_start, meta.meeting_end = days[0], (days[-1] if len(days) > 1 else None)
    objectives = objectives_in(spans, blocks)
    lines = cover_lines(cover)
    evidence = Evidence(
        title=meta.title,
        cover_lines=lines,
        n_recommendations=len(recommendations),
        n_responses=sum(1 for r in recommendations if r.management_response),
        n_agenda_items=len(agenda_items),
        has_objectives=bool(objectives),
        objectives_labelled=bool(objectives)
        and all(o.provenance.rule == "objectives.label" for o in objectives),
        response_cues=count_response_cues(blocks) if recommendations else 0,
        evaluation_sections=count_evaluation_sections(blocks),
        meeting_future=announces_meeting(blocks),
        authored_report=names_its_author(lines),
    )
    doc_type, _ = classify(evidence)
    if not takes_objectives(doc_type):
        objectives = ()
    title = meta.title or event_name("\n".join(b.text[:HEAD_CHARS] for b in blocks[:40]))
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
    found = (objectives, agenda_items, recommendations, decisions)
    if not any(found):
        warnings = (*warnings, "no objectives, agenda items, recommendations or decisions were recognised")
    return Document(
        info=info,
        sections=sections,
        objectives=objectives,
        agenda_items=agenda_items,
        recommendations=recommendations,
        warnings=tuple(warnings),
        decisions=decisions,
    )


def _printed_year(title: str, cover: list[Block]) -> int | None:
    """The year the title prints ("... Event 2018"), else the first a cover line prints."""
    for text in [title, *(b.text for b in cover if b.kind != BlockKind.TABLE)]:
        m = _YEAR.search(text or "")
        if m:
            return int(m.group(0))
    return None


_YEAR = re.compile(r"(?<![\d/.-])(?:19|20)\d{2}(?![\d/.-])")


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None
