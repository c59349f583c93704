"""Link every recommendation (and every operative paragraph of a resolution or decision) of a
collection to its counterparts in the other documents.

The same recommendation is quoted in a management response, a brief, a follow-up report or next
year's version, under other numbers ("14" in the report is "E.2" in the response matrix). So
links are made from the wording, as ``docket diff`` pairs two versions: all records are scored
against all others at once (rapidfuzz ratio on layout- and case-folded text; above a few hundred
records, candidates are first blocked by tf-idf word cosine, so 10,000 records stay fast), only
pairs from two different documents count, and within each pair of documents an optimal
one-to-one assignment keeps the best pairs (a same number only breaks near-ties). Pairs are then
joined into chains, best first, never putting two records of one document in one chain.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from ..diff.items import Item
from ..diff.matching import AlignOptions, assign, candidate_scores
from ..diff.normalize import equality_key, similarity_key
from ..models import Decision, DocType, Document, Recommendation

DEFAULT_THRESHOLD = 0.65


# The kinds of record linked, each only to records of its own kind: a recommendation to the same
# recommendation elsewhere, an operative paragraph to the same paragraph of next year's resolution.
KINDS = ("recommendation", "decision")


def records_of(document: Document, kind: str) -> tuple[Recommendation, ...] | tuple[Decision, ...]:
    return document.decisions if kind == "decision" else document.recommendations


@dataclass(frozen=True, slots=True)
class Member:
    """One record in a chain: document ``doc`` (index into the collection), record ``position``
    (index into its recommendations, or its decisions when ``kind`` is "decision");
    ``similarity`` to the member before it in the chain (None for the first) and the ``change``
    from it."""

    doc: int
    position: int
    similarity: float | None = None
    change: str = ""
    kind: str = "recommendation"


@dataclass(frozen=True, slots=True)
class Chain:
    id: str
    members: tuple[Member, ...]


def document_order(documents: Sequence[Document]) -> list[int]:
    """Documents by date (issue date where no date; undated ones last); on the same date (or none)
    a management response after the other documents (it answers them), then by file name."""

    def key(d: int) -> tuple[str, bool, str, int]:
        info = documents[d].info
        return (
            info.date or info.issued or "9999",
            info.doc_type == DocType.MANAGEMENT_RESPONSE,
            info.source_file,
            d,
        )

    return sorted(range(len(documents)), key=key)


def link(
    documents: Sequence[Document], threshold: float = DEFAULT_THRESHOLD, kinds: Sequence[str] = KINDS
) -> list[Chain]:
    """The chains of the collection's recommendations and decisions: one per record and its
    counterparts of the same kind; a record without any is a chain of its own."""
    rank = {d: n for n, d in enumerate(document_order(documents))}
    groups: list[tuple[tuple[int, int, int], list[Member]]] = []
    for k, kind in enumerate(kinds):
        for members in _chains(documents, threshold, kind):
            first = members[0]
            groups.append(((rank[first.doc], k, first.position), members))
    groups.sort(key=lambda g: g[0])
    width = max(4, len(str(len(groups))))
    return [Chain(f"chain-{n:0{width}d}", tuple(members)) for n, (_key, members) in enumerate(groups, 1)]


def _chains(documents: Sequence[Document], threshold: float, kind: str) -> list[list[Member]]:
    """The chains of one kind of record, each as its members in document order."""
    opts = AlignOptions(threshold=threshold)
    nodes = [(d, i) for d, doc in enumerate(documents) for i, _r in enumerate(records_of(doc, kind))]
    texts = [records_of(documents[d], kind)[i].text for d, i in nodes]
    keys = [similarity_key(t) for t in texts]
    scored = [k for k, t in enumerate(texts) if t.strip()]
    edges = _pairs(nodes, [keys[k] for k in scored], scored, documents, opts, kind)
    parent = list(range(len(nodes)))
    docs_of: dict[int, set[int]] = {k: {nodes[k][0]} for k in range(len(nodes))}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _score, a, b in sorted(edges, key=lambda e: (-e[0], e[1], e[2])):
        ra, rb = find(a), find(b)
        if ra == rb or docs_of[ra] & docs_of[rb]:
            continue  # already one chain, or the chains hold records of the same document
        parent[max(ra, rb)] = min(ra, rb)
        docs_of[min(ra, rb)] = docs_of[ra] | docs_of[rb]
    groups: dict[int, list[int]] = defaultdict(list)
    for k in range(len(nodes)):
        groups[find(k)].append(k)
    rank = {d: n for n, d in enumerate(document_order(documents))}
    out = []
    for group in groups.values():
        group.sort(key=lambda k: (rank[nodes[k][0]], nodes[k][1]))
        members = []
        for j, k in enumerate(group):
            if j == 0:
                members.append(Member(*nodes[k], kind=kind))
                continue
            prev = group[j - 1]
            same = equality_key(texts[prev]) == equality_key(texts[k])
            score = 1.0 if same else round(fuzz.ratio(keys[prev], keys[k]) / 100.0, 4)
            change = "unchanged" if same else "reworded"
            members.append(Member(*nodes[k], similarity=score, change=change, kind=kind))
        out.append(members)
    return out


def _pairs(
    nodes: list[tuple[int, int]],
    keys: list[str],
    index: list[int],
    documents: Sequence[Document],
    opts: AlignOptions,
    kind: str = "recommendation",
) -> list[tuple[float, int, int]]:
    """(score, node a, node b) of the pairs kept by a one-to-one assignment per pair of documents."""
    if len(keys) < 2:
        return []
    rows, cols, vals = candidate_scores(keys, keys, opts)
    ids = np.asarray(index, dtype=np.int64)
    doc = np.asarray([nodes[k][0] for k in index], dtype=np.int64)
    keep = (rows < cols) & (doc[rows] != doc[cols])
    rows, cols, vals = rows[keep], cols[keep], vals[keep]
    by_docs: dict[tuple[int, int], list[int]] = defaultdict(list)
    for e, (r, c) in enumerate(zip(doc[rows].tolist(), doc[cols].tolist(), strict=True)):
        by_docs[(min(r, c), max(r, c))].append(e)
    out: list[tuple[float, int, int]] = []
    cutoff = opts.threshold * 100.0
    for (da, _db), edge_ids in by_docs.items():
        # orient every edge from document da to the other document, then assign one-to-one
        a_side, b_side, scores = [], [], []
        for e in edge_ids:
            r, c = int(ids[rows[e]]), int(ids[cols[e]])
            if nodes[r][0] != da:
                r, c = c, r
            a_side.append(r)
            b_side.append(c)
            scores.append(float(vals[e]))
        a_nodes = sorted(set(a_side))
        b_nodes = sorted(set(b_side))
        a_at = {k: n for n, k in enumerate(a_nodes)}
        b_at = {k: n for n, k in enumerate(b_nodes)}
        a_items = [_item(documents, nodes[k], n, kind) for n, k in enumerate(a_nodes)]
        b_items = [_item(documents, nodes[k], n, kind) for n, k in enumerate(b_nodes)]
        matches = assign(
            np.asarray([a_at[k] for k in a_side], dtype=np.int64),
            np.asarray([b_at[k] for k in b_side], dtype=np.int64),
            np.asarray(scores, dtype=np.float32),
            a_items,
            b_items,
            cutoff,
        )
        out += [(score, a_nodes[i], b_nodes[j]) for i, (j, score) in matches.items()]
    return out


def _item(documents: Sequence[Document], node: tuple[int, int], position: int, kind: str) -> Item:
    """The little ``assign`` needs: the number (a same number breaks near-ties) and a position."""
    return Item(position=position, number=records_of(documents[node[0]], kind)[node[1]].number or "", text="")
