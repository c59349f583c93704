"""Document type from what the document says it is and from what its body holds, never from the
file name or from one word of running text.

Strategies, tried in order (each gives a ``doc_type`` and the name of the rule that decided it):

1. ``title``: the kinds the title names; the one named first wins ("Management response to the
   evaluation of ..."). Kind phrases are ``[document]`` vocabulary (see ``kinds.py``).
2. ``cover``: the first short line of the cover that names a kind ("CONCEPT NOTE", "Agenda",
   "Review Highlights"). A body sentence ("the 2030 Agenda for ...") is not a cover line.
3. ``structure``: what the body holds: recommendations with management-response cues (a response
   matrix), an evaluation's sections (findings, conclusions, methodology ...) or recommendations,
   a meeting's objectives, a timetable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Block, BlockKind, DocType
from . import kinds, vocab

_COVER_LINE_WORDS = 14  # a cover line that names a kind is short; longer text is running prose
_AUTHORED_SECTIONS = 2  # an authored report may have "Recommendations" and one more such heading
_AUTHORED_WORDS = 12  # "Report of the Special Rapporteur on the right to food" is a short line
_SENTENCE_WORDS = 5  # a line of more words ending in a full stop is a sentence of the body


@dataclass(slots=True)
class Evidence:
    """What the classifier looks at, gathered by ``parse_document``."""

    title: str = ""
    cover_lines: list[str] = field(default_factory=list)
    n_recommendations: int = 0
    n_responses: int = 0  # recommendations that carry a management response
    n_agenda_items: int = 0
    has_objectives: bool = False
    objectives_labelled: bool = False  # the objectives are one "Objective: ..." field of a header
    response_cues: int = 0  # distinct management-response cues in the body
    evaluation_sections: int = 0  # distinct evaluation section headings
    meeting_future: bool = False  # the meeting is announced ("will be held")
    authored_report: bool = False  # the cover says whose report it is ("Report of the Secretary-General")


def classify(evidence: Evidence) -> tuple[DocType, str]:
    """The document type and the name of the strategy that decided it."""
    title_hits = kinds.kind_hits(evidence.title)
    if title_hits:
        return _refine([h.kind for h in title_hits], evidence, from_title=True), "doc_type.title"
    for line in evidence.cover_lines:
        hits = kinds.kind_hits(line)
        if hits:
            return _refine([h.kind for h in hits], evidence, from_title=False), "doc_type.cover"
    return _from_structure(evidence)


def _cover_names(ev: Evidence, kind: DocType) -> bool:
    return any(h.kind == kind for line in ev.cover_lines[:6] for h in kinds.kind_hits(line))


def _refine(found: list[DocType], ev: Evidence, from_title: bool) -> DocType:
    kind = found[0]
    if from_title and kind == DocType.EVALUATION_REPORT and _cover_names(ev, DocType.MANAGEMENT_RESPONSE):
        # "MANAGEMENT RESPONSE AND ACTION PLAN MATRIX" over "Final evaluation of ...": a response
        # is always to an evaluation, so the evaluation in the title is its subject
        return DocType.MANAGEMENT_RESPONSE
    if kind == DocType.AGENDA and not from_title and ev.n_agenda_items == 0 and len(found) > 1:
        kind = found[1]  # a cover that says "programme" with no timetable in the body names something else
    if kind == DocType.EVALUATION_REPORT and DocType.MEETING_REPORT in found and ev.n_recommendations == 0:
        return DocType.MEETING_REPORT
    return kind


def _from_structure(ev: Evidence) -> tuple[DocType, str]:
    if ev.n_recommendations and (ev.n_responses * 2 >= ev.n_recommendations or ev.response_cues >= 3):
        return DocType.MANAGEMENT_RESPONSE, "doc_type.structure.responses"
    if ev.objectives_labelled and ev.n_agenda_items >= 3:
        return DocType.AGENDA, "doc_type.structure.timetable"  # a programme with a header of fields
    if ev.has_objectives and (ev.n_agenda_items or ev.meeting_future):
        return DocType.CONCEPT_NOTE, "doc_type.structure.objectives"
    if ev.authored_report and ev.n_recommendations and ev.evaluation_sections <= _AUTHORED_SECTIONS:
        # "Report of the Secretary-General" with a recommendations chapter: a body reports, nobody
        # evaluates (an evaluation has findings, methodology, conclusions besides)
        return DocType.OTHER, "doc_type.structure.authored_report"
    if ev.evaluation_sections >= 2 or (ev.n_recommendations and ev.evaluation_sections >= 1):
        return DocType.EVALUATION_REPORT, "doc_type.structure.evaluation"
    if ev.has_objectives:
        return DocType.CONCEPT_NOTE, "doc_type.structure.objectives"
    if ev.n_agenda_items >= 3:
        return DocType.AGENDA, "doc_type.structure.timetable"
    if ev.n_recommendations:
        return DocType.EVALUATION_REPORT, "doc_type.structure.recommendations"
    return DocType.OTHER, "doc_type.none"


def cover_lines(cover: list[Block]) -> list[str]:
    """The short lines of a cover, in reading order: headings, short paragraphs, one-cell tables."""
    out: list[str] = []
    for b in cover:
        if b.kind == BlockKind.LIST_ITEM:
            continue  # a list on the cover is body (an agenda's items, a contents list)
        texts = [c.text for row in b.rows for c in row] if b.kind == BlockKind.TABLE else [b.text]
        if b.kind == BlockKind.TABLE and len(b.rows) > 3:
            continue
        for t in texts:
            for line in t.split("\n"):
                line = line.strip()
                words = len(line.split())
                if (
                    line
                    and words <= _COVER_LINE_WORDS
                    and not (words > _SENTENCE_WORDS and line.endswith("."))
                ):
                    out.append(line)  # a short line, not a sentence ("... for the Spending Review.")
    return out


def names_its_author(lines: list[str]) -> bool:
    """A cover line that says whose report or note the document is ("Report of the
    Secretary-General", "Note by the Secretariat"; ``[document] authored_report_leads`` followed by
    a capitalised name), naming no kind of document itself."""
    rx = vocab.current().regex("document", "authored_report_leads", r"^(?:{})\s+(?:the\s+)?(?-i:[A-Z])")
    return any(
        rx.match(line) and len(line.split()) <= _AUTHORED_WORDS and not kinds.kind_hits(line)
        for line in lines
    )


def count_response_cues(blocks: tuple[Block, ...]) -> int:
    """Distinct management-response cues in the body ("Partially accepted", "Responsible unit")."""
    rx = vocab.current().regex("document", "response_cues", r"(?<![\w-])({})(?![\w-])")
    seen: set[str] = set()
    for b in blocks:
        for m in rx.finditer(b.text[:2000]):
            seen.add(re.sub(r"\s+", " ", m.group(1).lower()))
    return len(seen)


def count_evaluation_sections(blocks: tuple[Block, ...]) -> int:
    """Distinct headings of an evaluation's body ("Findings", "Conclusions", "Methodology")."""
    rx = vocab.current().regex("document", "evaluation_sections", r"^(?:[\dIVXivx.]+\s+)?({})\b")
    seen: set[str] = set()
    for b in blocks:
        if b.kind != BlockKind.HEADING and not (b.bold and len(b.text) < 80):
            continue
        text = b.text.strip()
        if len(text.split()) > 8:
            continue
        m = rx.match(text)
        if m:
            seen.add(re.sub(r"\s+", " ", m.group(1).lower()))
    return len(seen)
