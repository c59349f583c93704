"""Recommendations from annex tables, labelled paragraphs, management-response matrices and
numbered lists.

Strategies, tried in order; the first that finds any recommendation wins (a document prints its
recommendations one way, and mixing strategies is how running text turns into false records):

1. annex tables "No. and actor(s) | Recommendation" (``recs_tables``);
2. lettered groups "Evaluation recommendation A - ..." with numbering restarting per group (``recs_lists``);
3. labels "Recommendation 3." / "Evaluation recommendation # 4:" / boxed "Recommendation N" (``recs_labelled``);
4. matrices with a "Recommendation" column (``recs_tables``);
5. numbered items under a "Recommendations" heading (``recs_lists``).

Repeats (an executive summary restating the body) are merged by number, keeping the fuller text.
Addressees printed in a bracket at the end of the wording ("... outcomes. (Addressed to: Programme
Unit)") are split off the text into the record's actors, whichever strategy found it. Labelled
recommendations that print no addressees take them from a table listing the same recommendations
with an "Addressed to" column, matched by number and wording; that table adds no records of its own.
"""

from __future__ import annotations

import dataclasses
import re

from ..models import Block, Recommendation
from .addressees import raw_actors, split_trailing_addressees
from .recs_common import linearize, quality
from .recs_labelled import from_labels
from .recs_lists import from_groups, from_lists
from .recs_tables import from_column_tables, from_label_tables


def find_recommendations(blocks: tuple[Block, ...]) -> tuple[Recommendation, ...]:
    blocks = tuple(blocks)
    recs = _named("recommendations.label_table", from_label_tables(blocks))
    if not recs:
        units = linearize(blocks)
        labelled = _named("recommendations.lettered_groups", from_groups(units, blocks)) or _named(
            "recommendations.labels", from_labels(units, blocks)
        )
        if labelled:
            listed = from_column_tables(blocks)
            return tuple(_dedupe(_listed_actors([_trailing_addressees(r) for r in labelled], listed)))
        recs = _named("recommendations.column_table", from_column_tables(blocks)) or _named(
            "recommendations.heading_list", from_lists(units)
        )
    return tuple(_dedupe([_trailing_addressees(r) for r in recs]))


def _named(rule: str, recs: list[Recommendation]) -> list[Recommendation]:
    """The records of one strategy, each naming it in its provenance."""
    return [dataclasses.replace(r, provenance=r.provenance.by(rule)) for r in recs]


def _listed_actors(recs: list[Recommendation], listed: list[Recommendation]) -> list[Recommendation]:
    """Addressees for labelled recommendations that print none, from a table listing the same
    recommendations with an "Addressed to" column (an annex); the table adds no records."""
    donors = [r for r in listed if r.actors_raw]
    out = []
    for rec in recs:
        if not rec.actors_raw:
            donor = next(
                (d for d in donors if d.number == rec.number and _same_wording(d.text, rec.text)), None
            )
            if donor is not None:
                rec = dataclasses.replace(rec, actors_raw=donor.actors_raw, actors=donor.actors)
        out.append(rec)
    return out


def _same_wording(a: str, b: str) -> bool:
    """Whether two texts word the same recommendation (most words of the shorter are in the longer)."""
    wa, wb = (set(re.findall(r"[a-z]{3,}", t.lower())) for t in (a, b))
    small = min(wa, wb, key=len)
    return bool(small) and len(wa & wb) >= 0.6 * len(small)


def _trailing_addressees(rec: Recommendation) -> Recommendation:
    """The wording without a closing "(Addressed to: X)"; X becomes the addressees when none were
    printed elsewhere."""
    text, who = split_trailing_addressees(rec.text)
    if not who:
        return rec
    if rec.actors_raw:
        return dataclasses.replace(rec, text=text)
    return dataclasses.replace(rec, text=text, actors_raw=who, actors=raw_actors(who))


def _dedupe(recs: list[Recommendation]) -> list[Recommendation]:
    """One record per number: the fullest wording wins; a title or addressee found elsewhere is kept."""
    order: list[str] = []
    by_number: dict[str, list[Recommendation]] = {}
    for r in recs:
        if r.number not in by_number:
            order.append(r.number)
            by_number[r.number] = []
        by_number[r.number].append(r)
    out = []
    for number in order:
        group = by_number[number]
        best = max(group, key=lambda r: quality(r.text))
        if not best.text:
            continue
        title = best.title or next((r.title for r in group if r.title), "")
        if not best.actors_raw:
            donor = next((r for r in group if r.actors_raw), None)
            if donor is not None:
                best = dataclasses.replace(best, actors_raw=donor.actors_raw, actors=donor.actors)
        if best.management_response is None:
            mr = next((r.management_response for r in group if r.management_response), None)
            if mr is not None:
                best = dataclasses.replace(best, management_response=mr)
        out.append(dataclasses.replace(best, title=title))
    return out
