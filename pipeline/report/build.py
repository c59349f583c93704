"""Aggregates for the collection report, computed from document records (the JSON dicts).

Counting rules (the report's captions repeat them):
- a document's year is the first four digits of ``date``, else of ``issued`` or ``meeting_start``,
  else "undated";
- an actor or topic counts once per recommendation that names it, however often it appears there;
- the topic x year heat map counts recommendations and objectives tagged with the topic;
- the same document in several files (the same text as TXT, DOCX and PDF, or a copy:
  ``pipeline.content.content_key``) counts once; ``n_copies`` says how many files were folded.
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
    for record in records:
        key = content_key(record)
        if key is not None and key in seen:
            n_copies += 1
            continue
        if key is not None:
            seen.add(key)
        doc = record.get("document") or {}
        n_docs += 1
        doc_type, year = str(doc.get("doc_type") or "other"), year_of(doc)
        by_type[doc_type] += 1
        by_year[year] += 1
        type_year[doc_type, year] += 1
        for rec in record.get("recommendations", []):
            n_recs += 1
            names = {str(a.get("name") or ""): bool(a.get("registered")) for a in rec.get("actors", [])}
            for name, registered in names.items():
                if name:
                    actors[name] += 1
                    if not registered:
                        unregistered[name] += 1
            for topic in {_topic_name(t) for t in rec.get("topics", [])} - {""}:
                topics[topic] += 1
                topic_year[topic, year] += 1
        for obj in record.get("objectives", []):
            n_objs += 1
            for topic in {_topic_name(t) for t in obj.get("topics", [])} - {""}:
                topic_year[topic, year] += 1
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
    )
