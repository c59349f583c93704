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


class Token(str):
    """A token preceded by white space; it compares and hashes as its text, so the diff never
    sees the spacing, but redlines can put the spacing back."""

    space = True


class TightToken(Token):
    """A token glued to the one before it ("," after a word, ")" after a number)."""

    space = False


_SPACED_TOKEN = re.compile(r"(\s?)\s*(" + _TOKEN.pattern + ")")


def tokenize(text: str) -> list[str]:
    """Words and punctuation marks, in order, after layout folding (so reflow never shows)."""
    return [Token(tok) if gap else TightToken(tok) for gap, tok in _SPACED_TOKEN.findall(fold_layout(text))]


def space_before(tok: str, prev: str | None = None) -> bool:
    """Whether ``tok`` was preceded by white space (guessed from punctuation for plain strings)."""
    if isinstance(tok, Token):
        return tok.space
    return tok not in _NO_SPACE_BEFORE and (prev is None or prev not in _NO_SPACE_AFTER)


def join_tokens(tokens: tuple[str, ...] | list[str]) -> str:
    """Put tokens back together with their original spacing (conventional spacing for plain strings)."""
    out: list[str] = []
    for k, tok in enumerate(tokens):
        if k and space_before(tok, tokens[k - 1]):
            out.append(" ")
        out.append(tok)
    return "".join(out)


def render_ops(ops: list[WordOp] | tuple[WordOp, ...], escape, wrap_del, wrap_ins) -> str:
    """Render a redline: ``escape`` applies to all text, ``wrap_del``/``wrap_ins`` mark the changes."""
    out: list[str] = []
    for op in ops:
        if op.op == "equal":
            pieces = [("", op.old)]
        elif op.op == "delete":
            pieces = [("del", op.old)]
        elif op.op == "insert":
            pieces = [("ins", op.new)]
        else:
            pieces = [("del", op.old), ("ins", op.new)]
        for kind, toks in pieces:
            if not toks:
                continue
            lead = " " if out and space_before(toks[0]) else ""
            body = escape(join_tokens(toks))
            out.append(
                lead + (wrap_del(body) if kind == "del" else wrap_ins(body) if kind == "ins" else body)
            )
    return "".join(out)


def word_diff(old: str, new: str) -> list[WordOp]:
    """Diff two texts at word granularity; equal runs are included so the ops rebuild both texts."""
    a, b = tokenize(old), tokenize(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [WordOp(tag, tuple(a[i1:i2]), tuple(b[j1:j2])) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]
