"""Which old item answers which new one: similarity scores and the optimal one-to-one assignment.

Texts are scored against each other with rapidfuzz (``fuzz.ratio`` on layout- and case-folded
text); above ``exact_limit`` pairs, candidates are first blocked by tf-idf word cosine, so memory
follows the candidates, not old x new. The assignment maximises the total similarity per
connected component of the candidate graph (dense ``linear_sum_assignment`` or, for a huge
component, a sparse matching with the same optimum). ``diff.align`` classifies the pairs;
``track.link`` links items across a whole collection with the same two steps.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import connected_components, min_weight_full_bipartite_matching

from .items import Item
from .normalize import number_key

# Components up to this many old x new cells go to the dense solver (8 MB of float64).
DENSE_BLOCK_LIMIT = 1_000_000


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


class WordCounts:
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
    old_keys: list[str], new_keys: list[str], opts: AlignOptions, counts: WordCounts | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, cols, scores 0-100) of every old x new pair scoring at least the threshold."""
    cutoff = opts.threshold * 100.0
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))
    if not old_keys or not new_keys:
        return empty
    if len(old_keys) * len(new_keys) <= opts.exact_limit:
        return _dense_scores(old_keys, new_keys, cutoff)
    return _blocked_scores(old_keys, new_keys, cutoff, opts, counts or WordCounts(old_keys, new_keys))


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
    old_keys: list[str], new_keys: list[str], cutoff: float, opts: AlignOptions, counts: WordCounts
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
