"""Objectives of a meeting: the list under an 'Objectives' heading or lead-in sentence."""

from __future__ import annotations

import re

from ..models import Block, BlockKind, DocType, Objective
from .sections import SectionSpan, heading_matches

_LEAD_IN = re.compile(r"\bobjectives?\b[^.]{0,80}(?:are|is|include)?\s*(?:as follows)?\s*:\s*$", re.I)
_STOP_HEADINGS = ("outcome", "output", "result", "deliverable", "publication", "participation", "participant")


def find_objectives(spans: list[SectionSpan], doc_type: DocType) -> tuple[Objective, ...]:
    """Objectives are a meeting's aims; evaluation reports' 'objectives of the review' are scope, not these."""
    if doc_type in (DocType.EVALUATION_REPORT, DocType.MANAGEMENT_RESPONSE, DocType.MEETING_REPORT):
        return ()
    found: list[Objective] = []
    for span in spans:
        if span.heading is None or not heading_matches(
            span, "objective", "objectives", "aims", "purpose and objectives"
        ):
            continue
        if any(heading_matches(span, w) for w in _STOP_HEADINGS):
            continue
        found.extend(_named("objectives.section", _items_in(span.blocks)))
    if not found:
        for span in spans:
            found.extend(_named("objectives.lead_in", _items_after_lead_in(span.blocks)))
    if not found:
        # 'III. Purpose of the seminar' (UN guidelines for a meeting): the section's numbered
        # paragraphs or list items state what the meeting is for, one objective each
        for span in spans:
            if span.heading is not None and _PURPOSE_HEADING.match(span.title):
                found.extend(_named("objectives.purpose_section", _purpose_items(span.blocks)))
    return tuple(found)


def _named(rule: str, found: list[Objective]) -> list[Objective]:
    return [Objective(o.text, o.provenance.by(rule), o.topics) for o in found]


_PURPOSE_HEADING = re.compile(
    r"^(?:purposes?|aims?)(?:\s+of\s+the\s+(?:meeting|seminar|workshop|conference|session|forum|"
    r"consultation|dialogue|event|visit|mission))?\s*:?$",
    re.I,
)


def _purpose_items(blocks: list[Block]) -> list[Objective]:
    """Top-level list items (numbered paragraphs) of a purpose section, else its paragraphs."""
    items = [
        Objective(b.text, b.provenance) for b in blocks if b.kind == BlockKind.LIST_ITEM and b.level == 0
    ]
    if items:
        return items
    return [
        Objective(b.text, b.provenance) for b in blocks if b.kind == BlockKind.PARAGRAPH and b.text.strip()
    ]


def _split_run_in(b: Block) -> list[Objective]:
    """A numbered item with the next numbers run into it ("1." item: "Examine ...; 2. Exchange ...; and
    3. Develop ...", when the PDF's lines of a numbered list were read as one block) is one objective
    per number. Only the numbers that follow the item's own, in sequence, split it."""
    m = re.fullmatch(r"\(?(\d{1,2})([.)])", (b.marker or "").strip())
    if not m:
        return [Objective(b.text, b.provenance)]
    n, sep = int(m.group(1)), m.group(2)
    parts, rest = [], b.text
    while True:
        n += 1
        cut = re.search(
            r"(?:(?<=[;.:,])|(?<=\band)|(?<=\bor))\s+\(?" + str(n) + re.escape(sep) + r"\s+(?=[A-Z])", rest
        )
        if not cut:
            break
        parts.append(rest[: cut.start()].strip())
        rest = rest[cut.end() :]
    parts.append(rest.strip())
    return [Objective(t, b.provenance) for t in parts if t]


def _items_in(blocks: list[Block]) -> list[Objective]:
    """Prefer the list after a lead-in sentence; else every top-level list item of the section."""
    after = _items_after_lead_in(blocks)
    if after:
        return after
    return [o for b in blocks if b.kind == BlockKind.LIST_ITEM and b.level == 0 for o in _split_run_in(b)]


def _items_after_lead_in(blocks: list[Block]) -> list[Objective]:
    out: list[Objective] = []
    collecting = False
    for b in blocks:
        if b.kind == BlockKind.PARAGRAPH and _LEAD_IN.search(b.text):
            collecting, out = True, []
            continue
        if collecting:
            if b.kind == BlockKind.LIST_ITEM:
                if b.level == 0:
                    out.extend(_split_run_in(b))
                continue
            if out:
                break
    return out


def has_objectives_section(spans: list[SectionSpan]) -> bool:
    """An 'Objectives' heading with items under it: a concept-note cue for classification."""
    return any(
        span.heading is not None
        and heading_matches(span, "objective", "objectives")
        and any(b.kind == BlockKind.LIST_ITEM for b in span.blocks)
        for span in spans
    )
