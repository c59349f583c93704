"""Word-level diff of two wordings: insertions and deletions of words, punctuation kept as tokens."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .normalize import fold_layout

# A word (with inner hyphens/apostrophes: "Secretary-General", "NEASPEC's", "2022-2025") or one
# punctuation character.
_TOKEN = re.compile(r"\w+(?:['\-]\w+)*|[^\w\s]")
_NO_SPACE_BEFORE = set(",.;:!?)]}%'\"")
_NO_SPACE_AFTER = set("([{\"'")


@dataclass(frozen=True, slots=True)
class WordOp:
    """One run of the diff: ``equal``, ``insert``, ``delete`` or ``replace``, with the tokens."""

    op: str
    old: tuple[str, ...]
    new: tuple[str, ...]

    def to_list(self) -> list:
        return [self.op, list(self.old), list(self.new)]


def tokenize(text: str) -> list[str]:
    """Words and punctuation marks, in order, after layout folding (so reflow never shows)."""
    return _TOKEN.findall(fold_layout(text))


def join_tokens(tokens: tuple[str, ...] | list[str]) -> str:
    """Put tokens back together with conventional spacing (no space before "," or after "(")."""
    out: list[str] = []
    for tok in tokens:
        if out and tok not in _NO_SPACE_BEFORE and out[-1] not in _NO_SPACE_AFTER:
            out.append(" ")
        out.append(tok)
    return "".join(out)


def word_diff(old: str, new: str) -> list[WordOp]:
    """Diff two texts at word granularity; equal runs are included so the ops rebuild both texts."""
    a, b = tokenize(old), tokenize(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [WordOp(tag, tuple(a[i1:i2]), tuple(b[j1:j2])) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


def changed_ops(ops: list[WordOp]) -> list[WordOp]:
    return [op for op in ops if op.op != "equal"]
