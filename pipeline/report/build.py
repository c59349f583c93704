"""Aggregates for the collection report, computed from document records (the JSON dicts).

Counting rules (the report's captions repeat them):
- a document's year is the first four digits of ``date``, else of ``issued`` or ``meeting_start``,
  else "undated";
- an actor or topic counts once per recommendation that names it, however often it appears there;
- the topic x year heat map counts recommendations and objectives tagged with the topic;
- the same document in several files (the same text as TXT, DOCX and PDF, or a copy:
  ``pipeline.content.content_key``; a collection's record lists them in ``document.sources``)
  counts once; ``n_copies`` says how many files were folded.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..content import content_key
from ..models import Failure

UNDATED = "undated"
_YEAR = re.compile(r"^(\d{4})")

Counts = tuple[tuple[str, int], ...]
# A record a chart's bar or cell stands for: (index into CollectionStats.documents, "rec" or "obj",
# index of the record in its document's list).
Ref = tuple[int, str, int]
Drill = tuple[tuple[str, tuple[Ref, ...]], ...]  # label -> the records it counts, in collection order


@dataclass(frozen=True, slots=True)
class RecommendationLine:
    number: str
    text: str
    actors: tuple[str, ...]
    topics: tuple[str, ...]
    response: str
    page: int | None


@dataclass(frozen=True, slots=True)
class AgendaLine:
    date: str
    time: str
    title: str


@dataclass(frozen=True, slots=True)
class DocumentEntry:
    """One document as the report lists it, with the records a reader drills down to."""

    anchor: str  # "doc-<id>": the fragment of its section in the page
    title: str
    doc_type: str
    year: str
    date: str
    symbol: str
    organisation: str
    sources: tuple[str, ...]
    recommendations: tuple[RecommendationLine, ...]
    objectives: tuple[str, ...]
    agenda_items: tuple[AgendaLine, ...]


@dataclass(frozen=True, slots=True)
class CollectionStats:
    """Everything the report shows; every count is computed here, never in the HTML layer."""

    n_documents: int
    n_recommendations: int
    n_objectives: int
    by_type: Counts
    by_year: Counts
    type_year: tuple[tuple[str, tuple[int, ...]], ...]  # (doc_type, count per year of ``years``)
    years: tuple[str, ...]
    recs_by_actor: Counts
    recs_by_topic: Counts
    topics: tuple[str, ...]  # heat-map rows (topic labels), most frequent first
    topic_year: tuple[tuple[int, ...], ...]  # [topic][year]
    unregistered: Counts
    failures: tuple[Failure, ...]
    failures_by_reason: Counts
    n_copies: int = 0  # files holding the same document as one counted before
    # Drill-down: every document, and for each bar or cell the documents or records it counts
    documents: tuple[DocumentEntry, ...] = ()
    docs_by_type: tuple[tuple[str, tuple[int, ...]], ...] = ()
    docs_by_year: tuple[tuple[str, tuple[int, ...]], ...] = ()
    recs_of_actor: Drill = ()
    recs_of_topic: Drill = ()
    records_of_topic_year: tuple[tuple[tuple[str, str], tuple[Ref, ...]], ...] = ()


def year_of(document: dict[str, Any]) -> str:
    for key in ("date", "issued", "meeting_start"):
        match = _YEAR.match(str(document.get(key) or ""))
        if match:
            return match.group(1)
    return UNDATED


def _ranked(counter: Counter[str]) -> Counts:
    """Most frequent first; ties in name order, so the report is deterministic."""
    return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _years(counter: Counter[str]) -> tuple[str, ...]:
    return tuple(sorted(y for y in counter if y != UNDATED)) + ((UNDATED,) if UNDATED in counter else ())


def _topic_name(tag: dict[str, Any]) -> str:
    return str(tag.get("label") or tag.get("id") or "")


def build_stats(records: Iterable[dict[str, Any]], failures: Iterable[Failure] = ()) -> CollectionStats:
    """Count documents, recommendations, actors, topics and failures over a collection."""
    by_type: Counter[str] = Counter()
    by_year: Counter[str] = Counter()
    type_year: Counter[tuple[str, str]] = Counter()
    actors: Counter[str] = Counter()
    unregistered: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    topic_year: Counter[tuple[str, str]] = Counter()
    n_docs = n_recs = n_objs = n_copies = 0
    seen: set[str] = set()
    entries: list[DocumentEntry] = []
    anchors: set[str] = set()
    type_docs: dict[str, list[int]] = {}
    year_docs: dict[str, list[int]] = {}
    actor_refs: dict[str, list[Ref]] = {}
    topic_refs: dict[str, list[Ref]] = {}
    topic_year_refs: dict[tuple[str, str], list[Ref]] = {}
    for record in records:
        key = content_key(record)
        if key is not None and key in seen:
            n_copies += 1
            continue
        if key is not None:
            seen.add(key)
        doc = record.get("document") or {}
        n_docs += 1
        n_copies += max(0, len(doc.get("sources") or ()) - 1)
        doc_type, year = str(doc.get("doc_type") or "other"), year_of(doc)
        d = len(entries)
        entries.append(_entry(record, year, anchors))
        by_type[doc_type] += 1
        by_year[year] += 1
        type_year[doc_type, year] += 1
        type_docs.setdefault(doc_type, []).append(d)
        year_docs.setdefault(year, []).append(d)
        for i, rec in enumerate(record.get("recommendations", [])):
            n_recs += 1
            names = {str(a.get("name") or ""): bool(a.get("registered")) for a in rec.get("actors", [])}
            for name, registered in names.items():
                if name:
                    actors[name] += 1
                    actor_refs.setdefault(name, []).append((d, "rec", i))
                    if not registered:
                        unregistered[name] += 1
            for topic in sorted({_topic_name(t) for t in rec.get("topics", [])} - {""}):
                topics[topic] += 1
                topic_year[topic, year] += 1
                topic_refs.setdefault(topic, []).append((d, "rec", i))
                topic_year_refs.setdefault((topic, year), []).append((d, "rec", i))
        for i, obj in enumerate(record.get("objectives", [])):
            n_objs += 1
            for topic in sorted({_topic_name(t) for t in obj.get("topics", [])} - {""}):
                topic_year[topic, year] += 1
                topic_year_refs.setdefault((topic, year), []).append((d, "obj", i))
    failures = tuple(failures)
    years = _years(by_year)
    types = [t for t, _ in _ranked(by_type)]
    heat_totals: Counter[str] = Counter()
    for (topic, _), n in topic_year.items():
        heat_totals[topic] += n
    heat_topics = [t for t, _ in _ranked(heat_totals)]
    return CollectionStats(
        n_documents=n_docs,
        n_recommendations=n_recs,
        n_objectives=n_objs,
        by_type=_ranked(by_type),
        by_year=tuple((y, by_year[y]) for y in years),
        type_year=tuple((t, tuple(type_year[t, y] for y in years)) for t in types),
        years=years,
        recs_by_actor=_ranked(actors),
        recs_by_topic=_ranked(topics),
        topics=tuple(heat_topics),
        topic_year=tuple(tuple(topic_year[t, y] for y in years) for t in heat_topics),
        unregistered=_ranked(unregistered),
        failures=tuple(sorted(failures, key=lambda f: f.source_file)),
        failures_by_reason=_ranked(Counter(str(f.reason) for f in failures)),
        n_copies=n_copies,
        documents=tuple(entries),
        docs_by_type=tuple((t, tuple(type_docs[t])) for t in types),
        docs_by_year=tuple((y, tuple(year_docs[y])) for y in years),
        recs_of_actor=tuple((a, tuple(actor_refs[a])) for a, _ in _ranked(actors)),
        recs_of_topic=tuple((t, tuple(topic_refs[t])) for t, _ in _ranked(topics)),
        records_of_topic_year=tuple(sorted((k, tuple(v)) for k, v in topic_year_refs.items())),
    )


def _entry(record: dict[str, Any], year: str, anchors: set[str]) -> DocumentEntry:
    doc = record.get("document") or {}
    anchor = f"doc-{_fragment(str(doc.get('id') or ''))}"
    while anchor in anchors:  # the same id twice (a file given twice): keep fragments unique
        anchor += "-"
    anchors.add(anchor)

    def text(value: Any) -> str:
        return "" if value is None else str(value)

    recs = tuple(
        RecommendationLine(
            number=text(r.get("number")),
            text=text(r.get("text")),
            actors=tuple(text(a.get("name")) for a in r.get("actors", [])),
            topics=tuple(sorted({_topic_name(t) for t in r.get("topics", [])} - {""})),
            response=text((r.get("management_response") or {}).get("category")),
            page=(r.get("provenance") or {}).get("page"),
        )
        for r in record.get("recommendations", [])
    )
    agenda = tuple(
        AgendaLine(
            date=text(a.get("date")),
            time="–".join(x for x in (text(a.get("start")), text(a.get("end"))) if x),
            title=text(a.get("title")),
        )
        for a in record.get("agenda_items", [])
    )
    return DocumentEntry(
        anchor=anchor,
        title=text(doc.get("title")) or text(doc.get("source_file")),
        doc_type=text(doc.get("doc_type") or "other"),
        year=year,
        date=text(doc.get("date")),
        symbol=text(doc.get("symbol")),
        organisation=text(doc.get("organisation")),
        sources=tuple(text(s) for s in doc.get("sources") or [doc.get("source_file") or ""]),
        recommendations=recs,
        objectives=tuple(text(o.get("text")) for o in record.get("objectives", [])),
        agenda_items=agenda,
    )


def _fragment(value: str) -> str:
    """A document id as a URL fragment: letters, digits and dashes only."""
    return re.sub(r"[^A-Za-z0-9-]+", "-", value) or "x"
