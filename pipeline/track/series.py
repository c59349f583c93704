"""Series a collection holds, found for the user so that they know what to compare.

Three kinds, each from what the documents say of themselves, never from file names:

- ``revisions``: one symbol with its revisions, addenda and corrigenda (``E/ICEF/2025/11`` and
  ``E/ICEF/2025/11/Rev.1``);
- ``same title``: one title issued again, in other years or as new versions (the Fourth
  Committee's report on Article 73 e information in 1996, 1997 and 1998). Numbers, years and
  ordinal words ("thirty-fourth session") do not count, and two documents whose symbols name
  different bodies (``A/AC.109`` and ``E/ICEF``) are not one series however alike their titles;
  a title of fewer than ``MIN_TITLE_WORDS`` words ("Provisional agenda") says too little, unless
  the documents are about one meeting (the same first day: versions of its programme);
- ``report and response`` (a management response and the document whose recommendations it
  answers) and ``shared records`` (two other documents holding the same recommendations or
  decisions): pairs of documents joined by at least ``MIN_SHARED`` chains of ``docket track``, or
  by every record of the smaller one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import DocType, Document
from .link import Chain, document_order

MIN_TITLE_WORDS = 5
MIN_SHARED = 3

_REVISION = re.compile(r"(?:/(?:Rev|Add|Corr|Amend)\.\d+)+$|\s*\((?:Part|Vol\.?)\s+[\w.]+\)$", re.I)
_ORDINAL = (
    r"(?:\w+-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|\w+teenth|\w+tieth|\w+ieth)"
)
_VARIABLE = re.compile(rf"\b(?:{_ORDINAL}|\d[\d/.\-\u2013]*)\b", re.I)


@dataclass(frozen=True, slots=True)
class Series:
    """Documents (indices into the collection, in date order) that belong together, and why."""

    id: str
    kind: str  # "revisions" | "same title" | "report and response" | "shared records"
    key: str  # the symbol stem, the title, or the number of shared chains
    members: tuple[int, ...]


def symbol_stem(symbol: str) -> str:
    """The symbol without its revision, addendum, corrigendum or part ("E/ICEF/2025/11/Rev.1" ->
    "E/ICEF/2025/11")."""
    stem, previous = symbol.strip(), None
    while stem != previous:
        previous, stem = stem, _REVISION.sub("", stem).strip()
    return stem


def symbol_body(symbol: str) -> str:
    """The issuing body's part of a symbol: the parts before the first that holds a digit
    ("A/AC.109/2025/19" -> "A/AC.109"; "A/51/595" -> "A")."""
    parts: list[str] = []
    for part in symbol.split("/"):
        if re.search(r"\d", part) and parts:
            break
        parts.append(part)
    return "/".join(parts)


def title_key(title: str) -> str:
    """The title without case, punctuation, numbers, years and ordinal words."""
    text = _VARIABLE.sub(" ", title.lower())
    return " ".join(re.findall(r"[^\W\d_]+", text))


def find_series(documents: Sequence[Document], chains: Sequence[Chain] = ()) -> list[Series]:
    """Every series of the collection: by symbol, by title, then by shared records."""
    rank = {d: n for n, d in enumerate(document_order(documents))}
    found: list[tuple[str, str, tuple[int, ...]]] = []

    by_stem: dict[str, list[int]] = defaultdict(list)
    for d, doc in enumerate(documents):
        if doc.info.symbol:
            by_stem[symbol_stem(doc.info.symbol)].append(d)
    for stem, members in by_stem.items():
        if len({documents[d].info.symbol for d in members}) > 1:
            found.append(("revisions", stem, _ordered(members, rank)))

    by_title: dict[tuple[str, str], list[int]] = defaultdict(list)
    for d, doc in enumerate(documents):
        key = title_key(doc.info.title)
        if len(key.split()) >= MIN_TITLE_WORDS:
            by_title[(key, symbol_body(doc.info.symbol) if doc.info.symbol else "")].append(d)
        elif key and (doc.info.meeting_start or doc.info.date):
            # a short title ("UEW 2026 Program") is one series only for one meeting: its versions
            by_title[(key, "@" + (doc.info.meeting_start or doc.info.date or ""))].append(d)
    for (_key, _body), members in _merge_unsymbolled(by_title).items():
        stems = {symbol_stem(documents[d].info.symbol) for d in members if documents[d].info.symbol}
        if len(members) > 1 and not (len(stems) == 1 and all(documents[d].info.symbol for d in members)):
            found.append(("same title", documents[members[0]].info.title, _ordered(members, rank)))

    shared: dict[tuple[int, int], int] = defaultdict(int)
    for chain in chains:
        docs = sorted({m.doc for m in chain.members})
        for i, a in enumerate(docs):
            for b in docs[i + 1 :]:
                shared[(a, b)] += 1
    together = [set(members) for _kind, _key, members in found]
    for (a, b), n in shared.items():
        smaller = min(_records(documents[a]), _records(documents[b]))
        if any({a, b} <= group for group in together):
            continue  # already one series (a title issued again shares its paragraphs)
        if n >= MIN_SHARED or n == smaller:
            responses = [documents[x].info.doc_type == DocType.MANAGEMENT_RESPONSE for x in (a, b)]
            kind = "report and response" if sum(responses) == 1 else "shared records"
            found.append((kind, str(n), _ordered([a, b], rank)))

    order = {"revisions": 0, "same title": 1, "report and response": 2, "shared records": 3}
    found.sort(key=lambda s: (order[s[0]], [rank[d] for d in s[2]]))
    width = max(3, len(str(len(found))))
    return [
        Series(f"series-{n:0{width}d}", kind, key, members) for n, (kind, key, members) in enumerate(found, 1)
    ]


def _merge_unsymbolled(by_title: dict[tuple[str, str], list[int]]) -> dict[tuple[str, str], list[int]]:
    """A document without a symbol joins the one group of its title that has a body, if only one
    has; otherwise documents without symbols group among themselves."""
    out: dict[tuple[str, str], list[int]] = defaultdict(list)
    bodies: dict[str, list[str]] = defaultdict(list)
    for key, body in by_title:
        if body and not body.startswith("@"):
            bodies[key].append(body)
    for (key, body), members in by_title.items():
        if not body and len(bodies[key]) == 1:
            out[(key, bodies[key][0])] += members
        else:
            out[(key, body)] += members
    return out


def _records(document: Document) -> int:
    return len(document.recommendations) + len(document.decisions)


def _ordered(members: Sequence[int], rank: dict[int, int]) -> tuple[int, ...]:
    return tuple(sorted(set(members), key=lambda d: rank[d]))
