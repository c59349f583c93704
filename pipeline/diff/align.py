"""Align two lists of items (old version, new version) and classify every pair.

Pairing does not trust numbering: texts are scored against each other with rapidfuzz
(``fuzz.ratio`` on the layout- and case-folded text), and an optimal one-to-one assignment
(scipy's ``linear_sum_assignment``) maximises the total similarity over the pairs that reach the
threshold. Numbers and positions only break near-ties. Leftovers are then checked for splits
(one old item whose text is the concatenation of two or more new ones) and merges (the reverse).

Change types (one per pair), decided in this order:

- ``added`` / ``removed``: no counterpart at or above the threshold.
- ``split`` / ``merged``: one old item became several new ones, or several old ones became one.
- ``reworded``: paired, and the wording differs once layout is folded away (line breaks,
  end-of-line hyphenation, quote and dash styles and white space never count).
  ``renumbered`` and ``moved`` are still reported as flags on the pair.
- ``moved``: same wording, but the item changed place: it is outside the longest run of pairs
  that kept their relative order (so inserting or deleting an item moves nothing, while taking an
  item from the end to the front moves that one item), or, for agenda items, its date, start,
  end or session changed.
- ``renumbered``: same wording and place, different number.
- ``updated``: same wording, place and number, but what is read beside the wording changed: the
  actors (an agenda item's speakers, a recommendation's addressees) or a detail (a
  recommendation's management response, its category or text, its key actions; an agenda item's
  description). Layout alone (line breaks, hyphenation) is no change.
- ``unchanged``: same wording, place and number, actors and details. Actor, topic and detail
  changes are listed on every pair whatever its type.

``no response`` is not decided here: ``report.compare`` gives it to a recommendation present only
in the evaluation when the other side is the management response to it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import connected_components, min_weight_full_bipartite_matching

from .items import Item
from .normalize import equality_key, fold_layout, number_key
from .words import WordOp, word_diff

# Components up to this many old x new cells go to the dense solver (8 MB of float64).
DENSE_BLOCK_LIMIT = 1_000_000


class Change(StrEnum):
    UNCHANGED = "unchanged"
    REWORDED = "reworded"
    UPDATED = "updated"
    RENUMBERED = "renumbered"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"
    ADDED = "added"
    REMOVED = "removed"
    NO_RESPONSE = "no response"


CHANGE_ORDER: tuple[Change, ...] = tuple(Change)


@dataclass(frozen=True, slots=True)
class AlignOptions:
    """Tuning knobs, validated once.

    ``threshold``: least similarity (0-1, rapidfuzz ratio / 100) for two items to be paired.
    ``containment``: share of a fragment's distinct words that must occur in the whole for a
    split or merge to be considered. ``exact_limit``: up to this many old x new pairs every pair
    is scored; above it candidates are first blocked by word-vector cosine (``min_cosine``).
    """

    threshold: float = 0.6
    ignore_case: bool = False
    containment: float = 0.7
    exact_limit: int = 250_000
    min_cosine: float = 0.2
    block_rows: int = 1024

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold!r}")
        if not 0.0 < self.containment <= 1.0:
            raise ValueError(f"containment must be in (0, 1], got {self.containment!r}")
        if self.exact_limit < 0 or self.block_rows < 1:
            raise ValueError("exact_limit must be >= 0 and block_rows >= 1")

    @classmethod
    def resolve(cls, value: AlignOptions | dict | None) -> AlignOptions:
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        if isinstance(value, dict):
            return cls(**value)
        raise TypeError(f"options must be AlignOptions, dict or None, not {type(value).__name__}")


@dataclass(frozen=True, slots=True)
class Pair:
    """One aligned group: 0-2+ old items against 0-2+ new items, with what changed."""

    change: Change
    old: tuple[Item, ...]
    new: tuple[Item, ...]
    similarity: float = 0.0
    renumbered: bool = False
    moved: bool = False
    actors_added: tuple[str, ...] = ()
    actors_removed: tuple[str, ...] = ()
    topics_added: tuple[str, ...] = ()
    topics_removed: tuple[str, ...] = ()
    slot_changes: tuple[tuple[str, str, str], ...] = ()
    detail_changes: tuple[tuple[str, str, str], ...] = ()  # (detail, old value, new value)
    ops: tuple[WordOp, ...] = field(default=(), repr=False)

    @property
    def old_number(self) -> str:
        return "; ".join(i.label for i in self.old)

    @property
    def new_number(self) -> str:
        return "; ".join(i.label for i in self.new)

    @property
    def old_text(self) -> str:
        return "\n".join(i.text for i in self.old)

    @property
    def new_text(self) -> str:
        return "\n".join(i.text for i in self.new)

    def to_dict(self) -> dict:
        return {
            "change": str(self.change),
            "old_number": self.old_number,
            "new_number": self.new_number,
            "similarity": round(self.similarity, 4),
            "renumbered": self.renumbered,
            "moved": self.moved,
            "actors_added": list(self.actors_added),
            "actors_removed": list(self.actors_removed),
            "topics_added": list(self.topics_added),
            "topics_removed": list(self.topics_removed),
            "slot_changes": [list(c) for c in self.slot_changes],
            "detail_changes": [list(c) for c in self.detail_changes],
            "old": [i.to_dict() for i in self.old],
            "new": [i.to_dict() for i in self.new],
            "word_ops": [op.to_list() for op in self.ops],
        }


def align(old: Sequence[Item], new: Sequence[Item], options: AlignOptions | dict | None = None) -> list[Pair]:
    """Pair and classify ``old`` against ``new``; pairs come back in new-document order."""
    opts = AlignOptions.resolve(options)
    old_folded = [fold_layout(i.text) for i in old]
    new_folded = [fold_layout(i.text) for i in new]
    old_keys = [t.casefold() for t in old_folded]
    new_keys = [t.casefold() for t in new_folded]
    counts = _WordCounts(old_keys, new_keys)
    cutoff = opts.threshold * 100.0
    rows, cols, vals = candidate_scores(old_keys, new_keys, opts, counts)
    matches = assign(rows, cols, vals, old, new, cutoff)
    groups = _find_splits_and_merges(old_keys, new_keys, matches, opts, counts)
    eq_old, eq_new = (old_keys, new_keys) if opts.ignore_case else (old_folded, new_folded)
    return _classify(old, new, eq_old, eq_new, groups)


class _WordCounts:
    """Document x word count matrices of both sides over one vocabulary, built on first use."""

    def __init__(self, old_keys: list[str], new_keys: list[str]) -> None:
        self._keys = (old_keys, new_keys)
        self._m: tuple[sparse.csr_matrix, sparse.csr_matrix] | None = None

    def get(self) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        if self._m is None:
            self._m = word_counts(*self._keys)
        return self._m


# --- scoring ---------------------------------------------------------------------------------


def candidate_scores(
    old_keys: list[str], new_keys: list[str], opts: AlignOptions, counts: _WordCounts | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, cols, scores 0-100) of every old x new pair scoring at least the threshold."""
    cutoff = opts.threshold * 100.0
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))
    if not old_keys or not new_keys:
        return empty
    if len(old_keys) * len(new_keys) <= opts.exact_limit:
        return _dense_scores(old_keys, new_keys, cutoff)
    return _blocked_scores(old_keys, new_keys, cutoff, opts, counts or _WordCounts(old_keys, new_keys))


def _dense_scores(old_keys: list[str], new_keys: list[str], cutoff: float, row_offset: int = 0):
    m = process.cdist(
        old_keys, new_keys, scorer=fuzz.ratio, dtype=np.float32, workers=-1, score_cutoff=cutoff
    )
    r, c = np.nonzero(m >= cutoff)
    return r.astype(np.int64) + row_offset, c.astype(np.int64), m[r, c]


_WORD = re.compile(r"\w+")


def word_counts(
    old_docs: Sequence[str], new_docs: Sequence[str]
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Sparse document x word count matrices of both sides over one shared vocabulary."""
    words: list[str] = []
    lengths: list[int] = []
    for doc in (*old_docs, *new_docs):
        found = _WORD.findall(doc)
        words.extend(found)
        lengths.append(len(found))
    if not words:
        return sparse.csr_matrix((len(old_docs), 1), dtype=np.float32), sparse.csr_matrix(
            (len(new_docs), 1), dtype=np.float32
        )
    vocab: dict[str, int] = {}
    word_ids = np.fromiter((vocab.setdefault(w, len(vocab)) for w in words), dtype=np.int64, count=len(words))
    doc_ids = np.repeat(np.arange(len(lengths)), lengths)
    m = sparse.csr_matrix(
        (np.ones(len(words), np.float32), (doc_ids, word_ids)), shape=(len(lengths), len(vocab))
    )
    m.sum_duplicates()
    return m[: len(old_docs)], m[len(old_docs) :]


def _blocked_scores(
    old_keys: list[str], new_keys: list[str], cutoff: float, opts: AlignOptions, counts: _WordCounts
):
    """Score only the pairs whose tf-idf word cosine reaches ``min_cosine``, block by block.

    Memory stays proportional to the candidates, not to old x new. Items with no informative word
    (all of their words are very common) are scored against everything instead.
    """
    a, b = counts.get()
    df = np.asarray((a > 0).sum(axis=0) + (b > 0).sum(axis=0)).ravel()
    n = len(old_keys) + len(new_keys)
    idf = np.log((1 + n) / (1 + df)) + 1.0
    # Words in more than 5% of all texts link nearly everything and only blow up the product.
    idf[df > max(20, 0.05 * n)] = 0.0
    weight = sparse.diags(idf.astype(np.float32))
    a = _l2_rows(a @ weight)
    b = _l2_rows(b @ weight)
    bt = b.T.tocsc()
    old_arr, new_arr = np.array(old_keys, dtype=object), np.array(new_keys, dtype=object)
    old_len = np.fromiter(map(len, old_keys), dtype=np.float64, count=len(old_keys))
    new_len = np.fromiter(map(len, new_keys), dtype=np.float64, count=len(new_keys))
    out_r, out_c, out_v = [], [], []
    for start in range(0, a.shape[0], opts.block_rows):
        sims = (a[start : start + opts.block_rows] @ bt).tocoo()
        keep = sims.data >= opts.min_cosine
        r = sims.row[keep] + start
        c = sims.col[keep]
        # ratio <= 2 * min(len) / (len_a + len_b): drop pairs whose lengths alone rule them out.
        la, lb = old_len[r], new_len[c]
        fits = 200.0 * np.minimum(la, lb) >= cutoff * (la + lb)
        r, c = r[fits], c[fits]
        scores = process.cpdist(
            old_arr[r].tolist(),
            new_arr[c].tolist(),
            scorer=fuzz.ratio,
            dtype=np.float32,
            workers=-1,
            score_cutoff=cutoff,
        )
        ok = scores >= cutoff
        out_r.append(r[ok].astype(np.int64))
        out_c.append(c[ok].astype(np.int64))
        out_v.append(scores[ok])
    # Fallback for items the blocking cannot see.
    blind_old = np.flatnonzero(np.diff(a.indptr) == 0)
    for i in blind_old:
        r, c, v = _dense_scores([old_keys[i]], new_keys, cutoff, row_offset=int(i))
        out_r.append(r)
        out_c.append(c)
        out_v.append(v)
    blind_new = np.flatnonzero(np.diff(b.tocsr().indptr) == 0)
    for j in blind_new:
        r, c, v = _dense_scores(old_keys, [new_keys[j]], cutoff)
        keep = np.isin(r, blind_old, invert=True)  # already scored above
        out_r.append(r[keep])
        out_c.append(np.full(int(keep.sum()), j, np.int64))
        out_v.append(v[keep])
    return np.concatenate(out_r), np.concatenate(out_c), np.concatenate(out_v)


def _l2_rows(m: sparse.spmatrix) -> sparse.csr_matrix:
    m = sparse.csr_matrix(m)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)


# --- assignment ------------------------------------------------------------------------------


def assign(
    rows: np.ndarray,
    cols: np.ndarray,
    vals: np.ndarray,
    old: Sequence[Item],
    new: Sequence[Item],
    cutoff: float,
) -> dict[int, tuple[int, float]]:
    """Optimal one-to-one matching over the candidate edges: {old index: (new index, score)}.

    The bipartite graph of candidate edges falls apart into connected components; the optimum is
    the union of the optima per component, so ``linear_sum_assignment`` runs on each small dense
    block instead of one old x new matrix. A same number adds 0.5 and closeness of relative
    position up to 0.25 (out of 100), so numbering and order only decide near-ties.
    """
    n_old, n_new = len(old), len(new)
    if len(rows) == 0:
        return {}
    codes: dict[str, int] = {"": -1}
    old_num = np.array([codes.setdefault(number_key(i.number), len(codes)) for i in old])
    new_num = np.array([codes.setdefault(number_key(i.number), len(codes)) for i in new])
    same_number = (old_num[rows] == new_num[cols]) & (old_num[rows] >= 0)
    rel = np.abs(rows / max(n_old - 1, 1) - cols / max(n_new - 1, 1))
    adjusted = vals.astype(np.float64) + 0.5 * same_number + 0.25 * (1.0 - rel)
    graph = sparse.coo_matrix(
        (np.ones(len(rows)), (rows, cols + n_old)), shape=(n_old + n_new, n_old + n_new)
    )
    _, labels = connected_components(graph, directed=False)
    comp = labels[rows]
    order = np.argsort(comp, kind="stable")
    bounds = np.flatnonzero(np.diff(comp[order])) + 1
    matches: dict[int, tuple[int, float]] = {}
    for edge_ids in np.split(order, bounds):
        if len(edge_ids) == 1:
            e = edge_ids[0]
            matches[int(rows[e])] = (int(cols[e]), float(vals[e]))
            continue
        r_nodes, r_idx = np.unique(rows[edge_ids], return_inverse=True)
        c_nodes, c_idx = np.unique(cols[edge_ids], return_inverse=True)
        shape = (len(r_nodes), len(c_nodes))
        raw = sparse.csr_matrix((vals[edge_ids], (r_idx, c_idx)), shape=shape)
        if shape[0] * shape[1] <= DENSE_BLOCK_LIMIT:
            block = np.zeros(shape)
            block[r_idx, c_idx] = adjusted[edge_ids]
            ri, ci = linear_sum_assignment(block, maximize=True)
        else:
            ri, ci = _sparse_assignment(r_idx, c_idx, adjusted[edge_ids], shape)
        scores = np.asarray(raw[ri, ci]).ravel()
        for a, b, score in zip(ri, ci, scores, strict=True):
            if score >= cutoff:  # a zero cell is a non-edge the solver had to fill in
                matches[int(r_nodes[a])] = (int(c_nodes[b]), float(score))
    return matches


def _sparse_assignment(
    r: np.ndarray, c: np.ndarray, weight: np.ndarray, shape: tuple[int, int]
) -> tuple[np.ndarray, np.ndarray]:
    """Maximum-weight matching on sparse edges, memory O(edges), same optimum as the dense solver.

    ``min_weight_full_bipartite_matching`` needs a perfect matching, so every row gets a dummy
    column and every column a dummy row (cost C/2 each: staying unmatched), and each real edge
    (i, j) a near-free dummy edge (j', i') so its two dummies can pair up when i and j do.
    Pairing i with j then saves ``weight``, so the optimum maximises the total weight.
    """
    nr, nc = shape
    big = float(weight.max()) * 2.0 + 1.0
    rows = np.concatenate([r, np.arange(nr), nr + np.arange(nc), nr + c])
    cols = np.concatenate([c, nc + np.arange(nr), np.arange(nc), nc + r])
    data = np.concatenate([big - weight, np.full(nr, big / 2), np.full(nc, big / 2), np.full(len(r), 1e-9)])
    ri, ci = min_weight_full_bipartite_matching(
        sparse.csr_matrix((data, (rows, cols)), shape=(nr + nc, nc + nr))
    )
    real = (ri < nr) & (ci < nc)
    return ri[real], ci[real]


# --- splits and merges -----------------------------------------------------------------------


@dataclass(slots=True)
class _Group:
    old: list[int]
    new: list[int]
    score: float  # 0-100


def _find_splits_and_merges(
    old_keys: list[str],
    new_keys: list[str],
    matches: dict[int, tuple[int, float]],
    opts: AlignOptions,
    counts: _WordCounts,
) -> list[_Group]:
    groups = {i: _Group([i], [j], s) for i, (j, s) in matches.items()}  # keyed by first old index
    by_new = {j: i for i, (j, _s) in matches.items()}
    free_new = [j for j in range(len(new_keys)) if j not in by_new]
    free_old = [i for i in range(len(old_keys)) if i not in matches]
    cutoff = opts.threshold * 100.0

    # Splits: free new fragments contained in an old item.
    for i, parts in _containers(new_keys, free_new, old_keys, opts, *reversed(counts.get())).items():
        current = groups.get(i)
        if current is not None and len(current.old) != 1:
            continue
        base = list(current.new) if current else []
        chosen, score = _grow(old_keys[i], base, parts, new_keys)
        before = _group_score(new_keys[base[0]], old_keys[i]) if base else 0.0
        if len(chosen) >= 2 and score >= cutoff and score > before + 1.0:
            groups[i] = _Group([i], chosen, score)
            for j in chosen:
                by_new[j] = i
            free_new = [j for j in free_new if j not in chosen]
    # Merges: free old fragments contained in a new item.
    for j, parts in _containers(old_keys, free_old, new_keys, opts, *counts.get()).items():
        owner = by_new.get(j)
        current = groups.get(owner) if owner is not None else None
        if current is not None and len(current.new) != 1:
            continue
        parts = [i for i in parts if i not in groups]
        base = list(current.old) if current else []
        chosen, score = _grow(new_keys[j], base, parts, old_keys)
        before = _group_score(old_keys[base[0]], new_keys[j]) if base else 0.0
        if len(chosen) >= 2 and score >= cutoff and score > before + 1.0:
            if owner is not None:
                del groups[owner]
            groups[chosen[0]] = _Group(chosen, [j], score)
    return list(groups.values())


def _containers(
    frag_keys: list[str],
    free: list[int],
    whole_keys: list[str],
    opts: AlignOptions,
    frag_counts: sparse.csr_matrix,
    whole_counts: sparse.csr_matrix,
) -> dict[int, list[int]]:
    """{whole index: [free fragment indices mostly contained in it]}, fragments shorter than the whole."""
    if not free or not whole_keys:
        return {}
    f = (frag_counts[free] > 0).astype(np.float32)
    w = (whole_counts > 0).astype(np.float32)
    sizes = np.asarray(f.sum(axis=1)).ravel()
    shared = (f @ w.T).tocoo()
    share = shared.data / np.maximum(sizes[shared.row], 1)
    keep = np.flatnonzero((sizes[shared.row] >= 2) & (share >= opts.containment))
    out: dict[int, list[tuple[float, int]]] = {}
    for e in keep:
        k, c = free[shared.row[e]], int(shared.col[e])
        if len(frag_keys[k]) < len(whole_keys[c]):
            out.setdefault(c, []).append((-float(share[e]), k))
    return {c: [k for _s, k in sorted(cands)] for c, cands in sorted(out.items())}


def _group_score(a: str, b: str) -> float:
    """Similarity of a joined group to a whole: the fragments may come in another order."""
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))


def _grow(whole: str, base: list[int], candidates: list[int], keys: list[str]) -> tuple[list[int], float]:
    """Add fragments (best contained first) while the joined text gets closer to ``whole``."""
    chosen = list(base)

    def score(parts: list[int]) -> float:
        return _group_score(" ".join(keys[k] for k in sorted(parts)), whole) if parts else 0.0

    best = score(chosen)
    for k in candidates:
        if k in chosen:
            continue
        trial = score(chosen + [k])
        if trial > best:
            chosen.append(k)
            best = trial
    return sorted(chosen), best


# --- classification --------------------------------------------------------------------------


def _stable_indices(groups: list[_Group]) -> set[int]:
    """Indices (into ``groups``) on a longest run that kept relative order; the rest moved."""
    order = sorted(range(len(groups)), key=lambda g: (groups[g].old[0], groups[g].new[0]))
    seq = [groups[g].new[0] for g in order]
    tails: list[int] = []  # tails[k]: index into seq ending the best increasing run of length k+1
    tail_values: list[int] = []
    prev = [-1] * len(seq)
    for idx, value in enumerate(seq):
        k = bisect.bisect_left(tail_values, value)
        if k > 0:
            prev[idx] = tails[k - 1]
        if k == len(tails):
            tails.append(idx)
            tail_values.append(value)
        else:
            tails[k] = idx
            tail_values[k] = value
    stable: set[int] = set()
    idx = tails[-1] if tails else -1
    while idx >= 0:
        stable.add(order[idx])
        idx = prev[idx]
    return stable


def _name_key(name: str) -> str:
    return " ".join(equality_key(name, ignore_case=True).replace(".", " ").split())


def _diff_names(
    old: Sequence[Item], new: Sequence[Item], attr: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(added, removed) names; case, full stops and spacing do not count ("Dr Olwenyi Martha" is
    "Dr. Olwenyi Martha", "NEASPEC secretariat" is "NEASPEC Secretariat")."""
    before = {_name_key(n): n for i in reversed(old) for n in reversed(getattr(i, attr))}
    after = {_name_key(n): n for i in reversed(new) for n in reversed(getattr(i, attr))}
    added = tuple(dict.fromkeys(after[k] for k in reversed(after) if k not in before))
    removed = tuple(dict.fromkeys(before[k] for k in reversed(before) if k not in after))
    return added, removed


def _detail_changes(old: Sequence[Item], new: Sequence[Item]) -> tuple[tuple[str, str, str], ...]:
    """(detail, old, new) for each detail whose text differs beyond layout; of a split or merge,
    the details of its items are read together."""
    before: dict[str, list[str]] = {}
    after: dict[str, list[str]] = {}
    for items, into in ((old, before), (new, after)):
        for i in items:
            for k, v in i.details:
                into.setdefault(k, []).append(v)
    out = []
    for k in dict.fromkeys([*before, *after]):
        a, b = "\n".join(before.get(k, ())), "\n".join(after.get(k, ()))
        if fold_layout(a) != fold_layout(b):
            out.append((k, a, b))
    return tuple(out)


def _classify(
    old: Sequence[Item], new: Sequence[Item], old_eq: list[str], new_eq: list[str], groups: list[_Group]
) -> list[Pair]:
    """Turn groups into classified pairs; ``old_eq``/``new_eq`` are the wording-equality keys."""
    stable = _stable_indices(groups)
    pairs: list[tuple[tuple, Pair]] = []
    for g_idx, g in enumerate(groups):
        o = tuple(old[i] for i in g.old)
        n = tuple(new[j] for j in g.new)
        renumbered = number_key(o[0].number) != number_key(n[0].number)
        slot_changes: tuple[tuple[str, str, str], ...] = ()
        if len(o) == 1 and len(n) == 1:
            before, after = dict(o[0].slot), dict(n[0].slot)
            slot_changes = tuple(
                (k, before.get(k, ""), after.get(k, ""))
                for k in dict.fromkeys([*before, *after])
                if before.get(k, "") != after.get(k, "")
            )
        moved = g_idx not in stable or bool(slot_changes)
        detail_changes = _detail_changes(o, n)
        actors_added, actors_removed = _diff_names(o, n, "actors")
        same_words = len(o) == 1 and len(n) == 1 and old_eq[g.old[0]] == new_eq[g.new[0]]
        if len(o) == 1 and len(n) > 1:
            change = Change.SPLIT
        elif len(o) > 1:
            change = Change.MERGED
        elif not same_words:
            change = Change.REWORDED
        elif moved:
            change = Change.MOVED
        elif renumbered:
            change = Change.RENUMBERED
        elif detail_changes or actors_added or actors_removed:
            change = Change.UPDATED
        else:
            change = Change.UNCHANGED
        ops: tuple[WordOp, ...] = ()
        if not same_words:
            ops = tuple(word_diff(" ".join(x.text for x in o), " ".join(x.text for x in n)))
        topics_added, topics_removed = _diff_names(o, n, "topics")
        pair = Pair(
            change=change,
            old=o,
            new=n,
            similarity=1.0 if same_words else min(round(g.score / 100.0, 4), 0.9999),
            renumbered=renumbered,
            moved=moved,
            actors_added=actors_added,
            actors_removed=actors_removed,
            topics_added=topics_added,
            topics_removed=topics_removed,
            slot_changes=slot_changes,
            detail_changes=detail_changes,
            ops=ops,
        )
        pairs.append(((min(g.new), 0, min(g.old)), pair))
    matched_old = {i for g in groups for i in g.old}
    matched_new = {j for g in groups for j in g.new}
    new_pos_of_old = {i: min(g.new) for g in groups for i in g.old}
    anchor = -1
    for i, item in enumerate(old):
        if i in matched_old:
            anchor = new_pos_of_old[i]
            continue
        removed = Pair(Change.REMOVED, (item,), (), actors_removed=item.actors, topics_removed=item.topics)
        pairs.append(((anchor, 1, i), removed))
    for j, item in enumerate(new):
        if j not in matched_new:
            added = Pair(Change.ADDED, (), (item,), actors_added=item.actors, topics_added=item.topics)
            pairs.append(((j, 0, -1), added))
    pairs.sort(key=lambda kp: kp[0])
    return [p for _k, p in pairs]
