"""Recommendations from annex tables, numbered paragraphs and management-response matrices."""

from __future__ import annotations

import re

from ..models import Block, BlockKind, Provenance, Recommendation
from ..textutil import join_lines
from .addressees import raw_actors

_LABEL = re.compile(
    r"^\s*(?P<label>(?:evaluation\s+)?recommendation\s*(?:no\.?|#)?\s*(?P<num>[A-Z]?\d+[a-z]?(?:\.\d+)?|[A-Z]))"
    r"\s*[:.\-–]?\s*(?P<rest>.*)$",
    re.I | re.S,
)
_FOR = re.compile(r"^\s*(?:for|to|addressed\s+to)\s*:?\s+(?P<actors>.+)$", re.I | re.S)


def find_recommendations(blocks: tuple[Block, ...]) -> tuple[Recommendation, ...]:
    recs: list[Recommendation] = []
    for block in blocks:
        if block.kind == BlockKind.TABLE:
            recs.extend(_from_label_table(block))
    return tuple(_dedupe(recs))


def _from_label_table(block: Block) -> list[Recommendation]:
    """'No. and actor(s) | Recommendation': label cell 'Recommendation 1: For X and Y', text cell."""
    out = []
    for i, row in enumerate(block.rows):
        cells = [c for c in row if c.text.strip()]
        if len(cells) < 2:
            continue
        m = _LABEL.match(join_lines(cells[0].text))
        if not m:
            continue
        actors_raw = ""
        fm = _FOR.match(m.group("rest") or "")
        if fm:
            actors_raw = join_lines(m.group("rest"))
        text = join_lines(" ".join(c.text for c in cells[1:]))
        prov = Provenance(block.provenance.source_file, page=block.provenance.page, table=block.provenance.table,
                          row=i, block=block.provenance.block, extractor=block.provenance.extractor)
        out.append(Recommendation(number=m.group("num"), text=text, provenance=prov,
                                  label=join_lines(m.group("label")), actors_raw=actors_raw,
                                  actors=raw_actors(actors_raw)))
    return out


def _dedupe(recs: list[Recommendation]) -> list[Recommendation]:
    seen: set[str] = set()
    out = []
    for r in recs:
        if r.number in seen:
            continue
        seen.add(r.number)
        out.append(r)
    return out
