"""Align two lists of items (old version, new version) and classify every pair.

Pairing does not trust numbering (``diff.matching``): texts are scored against each other with rapidfuzz
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
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
from rapidfuzz import fuzz
from scipy import sparse

from .items import Item
from .matching import AlignOptions, WordCounts, assign, candidate_scores
from .normalize import equality_key, fold_layout, number_key
from .words import WordOp, word_diff


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
    counts = WordCounts(old_keys, new_keys)
    cutoff = opts.threshold * 100.0
    rows, cols, vals = candidate_scores(old_keys, new_keys, opts, counts)
    matches = assign(rows, cols, vals, old, new, cutoff)
    groups = _find_splits_and_merges(old_keys, new_keys, matches, opts, counts)
    eq_old, eq_new = (old_keys, new_keys) if opts.ignore_case else (old_folded, new_folded)
    return _classify(old, new, eq_old, eq_new, groups)


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
    counts: WordCounts,
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
