"""Recommendations from annex tables, labelled paragraphs, management-response matrices and
numbered lists.

Strategies, tried in order; the first that finds any recommendation wins (a document prints its
recommendations one way, and mixing strategies is how running text turns into false records):

1. annex tables "No. and actor(s) | Recommendation" (``recs_tables``);
2. lettered groups "Evaluation recommendation A - ..." with numbering restarting per group (``recs_lists``);
3. recommendations quoted as reported speech "In paragraph 96, the Board recommended that the Fund ..."
   (``recs_reported``);
4. labels "Recommendation 3." / "Evaluation recommendation # 4:" / boxed "Recommendation N" (``recs_labelled``);
5. matrices with a "Recommendation" column (``recs_tables``);
6. numbered items in a recommendations region: under a heading in the field of "recommend"
   ("KEY-RECOMMENDATIONS", "What the evaluation recommends"), up to the next heading printed as
   large (``recs_regions``, ``recs_lists``), numbered in any style of the shared grammar
   (``numbering``);
7. items numbered by graphic digits in such a region (``recs_graphic``);
8. a recommendations heading and its numbered lines inside one table cell, where a page laid out
   as a table holds the whole box (``recs_lists``).

A list whose numbering is not consecutive still gives its records, and a warning naming the page
(``find_recommendations_with_warnings``).

Repeats (an executive summary restating the body, a box restating the chapter with the management
response) are merged by number, keeping the formal statement: the one that carries the management
response, else the fuller text.
Addressees printed in a bracket at the end of the wording ("... outcomes. (Addressed to: Programme
Unit)") are split off the text into the record's actors, whichever strategy found it. Labelled
recommendations that print no addressees take them from a table listing the same recommendations
with an "Addressed to" column, matched by number and wording; that table adds no records of its own.
"""

from __future__ import annotations

import dataclasses
import re

from ..models import Block, BlockKind, Recommendation
from ..textutil import join_lines
from . import vocab
from .addressees import raw_actors, split_trailing_addressees
from .recs_common import Unit, linearize, plausible_text, quality
from .recs_graphic import from_graphic_digits
from .recs_labelled import from_labels
from .recs_lists import from_cell_lists, from_groups, from_lists, same_wording
from .recs_recommending import from_recommending_paragraphs
from .recs_regions import find_regions
from .recs_reported import from_reported
from .recs_responded import from_responded
from .recs_tables import from_column_tables, from_label_tables, from_region_tables
from .responses import with_actions


def find_recommendations(blocks: tuple[Block, ...]) -> tuple[Recommendation, ...]:
    return find_recommendations_with_warnings(blocks)[0]


def find_recommendations_with_warnings(
    blocks: tuple[Block, ...],
) -> tuple[tuple[Recommendation, ...], tuple[str, ...]]:
    """The recommendations of a block stream, and warnings about what looked wrong in it."""
    blocks = tuple(blocks)
    warnings: list[str] = []
    recs = _named("recommendations.label_table", from_label_tables(blocks))
    if not recs:
        units = linearize(blocks)
        labelled = (
            _named("recommendations.lettered_groups", from_groups(units, blocks))
            or _reported_or_paragraphs(units)
            or _named("recommendations.labels", from_labels(units, blocks))
            or _named("recommendations.responded", from_responded(units))
        )
        if labelled:
            listed = from_column_tables(blocks)
            recs = _listed_actors(
                _trailing_sources(
                    [_trailing_addressees(_trailing_status(_trailing_reference(r))) for r in labelled]
                ),
                listed,
            )
            return tuple(_with_actions(_dedupe(recs))), ()
        recs = _named("recommendations.column_table", from_column_tables(blocks))
        regions = find_regions(units) if not recs else []
        if not recs:
            listed, warnings = from_lists(units, blocks, regions)
            recs = _named("recommendations.region_list", listed)
        if not recs:
            spans = [(units[r.start].block, units[r.end - 1].block + 1) for r in regions if r.end > r.start]
            recs = _named("recommendations.region_table", from_region_tables(blocks, spans))
        if not recs:
            recs = _named("recommendations.graphic_digits", from_graphic_digits(units, regions))
        if not recs:
            recs = _named("recommendations.cell_list", from_cell_lists(units))
        if not recs:
            recs = _named("recommendations.recommending_paragraphs", from_recommending_paragraphs(units))
    recs = _kind_labelled(recs)
    out = _dedupe(
        _trailing_sources([_trailing_addressees(_trailing_status(_trailing_reference(r))) for r in recs])
    )
    return tuple(_with_actions(_counted_addressees(blocks, out))), tuple(warnings)


_MAX_COUNTED_WORDS = 8


def _counted_addressees(blocks: tuple[Block, ...], recs: list[Recommendation]) -> list[Recommendation]:
    """Addressees the text names for exactly this many recommendations ("The review included 43
    recommendations to the agency and five to the Executive Board" over 43 records): they are the
    addressees of every record that prints none (``[recommendations] lead_in_recommending``)."""
    if not recs or all(r.actors_raw for r in recs):
        return recs
    rx = vocab.current().regex(
        "recommendations",
        "lead_in_recommending",
        r"\b(?P<n>\d{{1,3}})\s+(?:{})\s+(?P<who>[^,.;:()]+?)(?=\s+and\s|\s*[,.;:(]|$)",
    )
    for b in blocks:
        if b.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            continue
        for m in rx.finditer(b.text):
            who = join_lines(m.group("who")).strip()
            name = vocab.current().regex("recommendations", "name_determiners", r"^(?:{})\s+").sub("", who)
            if (
                int(m.group("n")) != len(recs)
                or not name[:1].isupper()
                or len(who.split()) > _MAX_COUNTED_WORDS
            ):
                continue
            return [
                r if r.actors_raw else dataclasses.replace(r, actors_raw=who, actors=raw_actors(who))
                for r in recs
            ]
    return recs


def _with_actions(recs: list[Recommendation]) -> list[Recommendation]:
    """Each response's printed key-action rows also as ``KeyAction`` records."""
    return [
        dataclasses.replace(r, management_response=with_actions(r.management_response))
        if r.management_response is not None
        else r
        for r in recs
    ]


def _named(rule: str, recs: list[Recommendation]) -> list[Recommendation]:
    """The records of one strategy, each naming it in its provenance (a record that names a more
    particular strategy of its own keeps that name)."""
    return [dataclasses.replace(r, provenance=r.provenance.by(r.provenance.rule or rule)) for r in recs]


def _reported_or_paragraphs(units: list[Unit]) -> list[Recommendation]:
    """Reported speech at the head of units ("The meeting recommended that ..."), unless the report's
    numbered paragraphs hold more recommendations, those among them (or three or more where no unit
    opens with the frame): then the paragraphs."""
    reported = _named("recommendations.reported", from_reported(units))
    paragraphs = from_recommending_paragraphs(units)
    if not reported and len(paragraphs) >= 3:
        return _named("recommendations.recommending_paragraphs", paragraphs)
    if len(paragraphs) > len(reported) and {r.number for r in reported} <= {p.number for p in paragraphs}:
        return _named("recommendations.recommending_paragraphs", paragraphs)
    return reported


def _listed_actors(recs: list[Recommendation], listed: list[Recommendation]) -> list[Recommendation]:
    """Addressees for labelled recommendations that print none, from a table listing the same
    recommendations with an "Addressed to" column (an annex); the table adds no records."""
    donors = [r for r in listed if r.actors_raw]
    out = []
    for rec in recs:
        if not rec.actors_raw:
            donor = next(
                (d for d in donors if d.number == rec.number and same_wording(d.text, rec.text)), None
            )
            if donor is not None:
                rec = dataclasses.replace(rec, actors_raw=donor.actors_raw, actors=donor.actors)
        out.append(rec)
    return out


_MAX_STATUS_WORDS = 30


def _trailing_status(rec: Recommendation) -> Recommendation:
    """The wording without a closing status sentence ("... in the process. Completed to planned
    scope in 2023."; ``[recommendations] status_leads``), which is kept as the status."""
    rx = vocab.current().regex("recommendations", "status_leads", r"(?<=[.!?;])\s+(?=(?:{})\b)")
    for m in rx.finditer(rec.text):
        head, tail = rec.text[: m.start()], rec.text[m.end() :]
        if len(tail.split()) <= _MAX_STATUS_WORDS and plausible_text(head):
            return dataclasses.replace(rec, text=head, status=tail.strip())
    return rec


def _kind_rx():
    return vocab.current().regex(
        "recommendations",
        "citation_words",
        r"\s*[(\[]\s*(?P<kind>[^\W\d_][\w ]{{2,30}}?)\s*,\s*(?:{})\s*\d[\d.,\s\-\u2013]*[)\]]\s*\.?\s*$",
    )


def _kind_labelled(recs: list[Recommendation]) -> list[Recommendation]:
    """A closing list that labels each item with its kind and the paragraph it summarises
    ("... every five years. (Recommendation, Paragraph 17)", "(Conclusion, Paragraph 12)"): the items
    labelled as recommendations are the records, the conclusions are findings; the label goes."""
    rx = _kind_rx()
    found = [rx.search(r.text) for r in recs]
    kinds = [m.group("kind").strip().lower() if m else None for m in found]
    recommending = [k is not None and k.startswith(("recommend", "recomend")) for k in kinds]
    if sum(recommending) < 2 or sum(k is not None for k in kinds) < 0.8 * len(recs):
        return recs
    return [
        dataclasses.replace(r, text=r.text[: m.start()].rstrip())
        for r, m, keep in zip(recs, found, recommending, strict=True)
        if keep and m is not None
    ]


def _trailing_reference(rec: Recommendation) -> Recommendation:
    """The wording without a closing cross-reference to the paragraphs of the report that made
    it ("... every two years. (Paragraph 34)", "(paras. 12-14)"; ``[recommendations]
    citation_words``): where the recommendation comes from, not what it says."""
    m = _reference_rx().search(rec.text)
    if m is None or not plausible_text(rec.text[: m.start()]):
        return rec
    return dataclasses.replace(rec, text=rec.text[: m.start()].rstrip())


def _reference_rx():
    return vocab.current().regex(
        "recommendations",
        "citation_words",
        r"\s*[(\[]\s*(?:see\s+)?(?:{})\s*\d[\d.,;\s\-\u2013a-z]*(?:\s+(?:and|to|of)\s+[\d.]+)*\s*[)\]]\s*\.?\s*$",
    )


# "(Egypt);", "(Algeria) (Cabo Verde) (Iran (Islamic Republic of));": who made the recommendation,
# printed after its wording as a run of parenthesised names
_NAME_GROUP = r"\(\s*[A-Z](?:[^()]|\([^()]{1,40}\)){0,400}?\)"
_SOURCE_RUN = re.compile(r"(?:\s*" + _NAME_GROUP + r"(?:\s*(?:,|and)\s*)?)+\s*[;,.]?(?:\s*and)?\s*$")


def _trailing_sources(recs: list[Recommendation]) -> list[Recommendation]:
    """The wording without the recommending parties printed after it, where the list does so
    throughout (three or more records, most of them): a list of recommendations made by several
    States or members, each ending '(Name)'. One closing parenthesis alone is wording."""
    found = [_SOURCE_RUN.search(r.text) for r in recs]
    hits = [m for m in found if m is not None and _names(m.group(0))]
    if len(hits) < 3 or len(hits) < 0.6 * len(recs):
        return recs
    out = []
    for r, m in zip(recs, found, strict=True):
        head = r.text[: m.start()].rstrip(" ;,") if m is not None else r.text
        out.append(dataclasses.replace(r, text=head) if m is not None and len(head.split()) >= 2 else r)
    return out


def _names(run: str) -> bool:
    """Every parenthesis of the run lists names: short, capitalised, separated by commas."""
    for group in re.findall(_NAME_GROUP, run):
        inner = re.sub(r"\([^()]*\)", "", group[1:-1])
        if not all(
            n.strip()[:1].isupper() and len(n.split()) <= 10
            for n in re.split(r",|\band\b", inner)
            if n.strip()
        ):
            return False
    return True


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
        title = next((r.title for r in by_number[number] if r.title), "")
        group = [_untitled(r, title) for r in by_number[number]]
        best = max(group, key=_formality)
        if not best.text:
            continue
        if best.provenance.table is not None and best.management_response is None:
            # a table that restates the recommendations without answering them (a summary, its
            # cells' columns run into the wording) gives way to the statement printed in the text
            body = next(
                (
                    r
                    for r in group
                    if r.provenance.table is None and r.text and same_wording(r.text, best.text)
                ),
                None,
            )
            best = body or best
        title = best.title or title
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


def _untitled(rec: Recommendation, title: str) -> Recommendation:
    """The record without its title run into the wording ("Privacy Principles in the Core Service
    Requirements The DTA should ...", where another copy prints the title apart)."""
    if not title or rec.title or not rec.text.startswith(title + " "):
        return rec
    return dataclasses.replace(rec, text=rec.text[len(title) + 1 :].lstrip(), title=title)


def _formality(rec: Recommendation) -> tuple[bool, float]:
    """Which of a recommendation's repeats is its formal statement: the one the management
    response answers, else the fullest wording."""
    return (rec.management_response is not None and bool(rec.text), quality(rec.text))
