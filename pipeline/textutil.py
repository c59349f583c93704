"""Small text helpers shared by extractors and parsers."""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_HYPHEN_BREAK = re.compile(r"(\w)[-\u00ad]\n(\w)")
# "top-\u00ad\u2010down": a hyphen printed twice around a soft hyphen (a broken text layer): one hyphen
_DOUBLED_HYPHEN = re.compile(r"[-\u2010]\u00ad+[-\u2010]")
BULLETS = "•●○◦▪■□►▶➢➤⮚✓✔-–—*·⁃"


def clean_spaces(text: str) -> str:
    """Collapse runs of horizontal white space; keep line breaks."""
    text = _DOUBLED_HYPHEN.sub("-", text).replace("\u00ad", "")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def join_lines(text: str) -> str:
    """Join wrapped lines into one paragraph, undoing end-of-line hyphenation.

    A line ending in "-" followed by a lower-case word is taken as an automatic break
    ("environ-\\nmental" -> "environmental"); a hyphen before a capital or digit is kept
    ("Secretary-\\nGeneral" -> "Secretary-General"). A soft hyphen (U+00AD) at a line end is
    always removed.
    """
    lines = [ln.strip() for ln in _DOUBLED_HYPHEN.sub("-", text).replace("\r", "\n").split("\n")]
    out = ""
    for line in lines:
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("\u00ad"):  # a soft hyphen only shows where the line broke: always undo
            out = out[:-1] + line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].islower():
            out = out + line if is_compound_break(out, line) else out[:-1] + line
        elif out.endswith(("-", "\u2013", "\u2014", "/")) and not out.endswith((" -", " \u2013", " \u2014")):
            out = out + line
        else:
            out = out + " " + line
    return _SPACES.sub(" ", out).strip()


# Words that follow a hyphen in compounds ("capacity-building", "child-focused", "long-term"): a line
# break right before one of them is a typed hyphen, not automatic hyphenation ("docu-ment").
COMPOUND_HEADS = frozenset(
    """
    based led focused centred centered building making sectoral related specific sensitive oriented
    driven informed owned term level wide scale income up bound free aware intensive efficient effective
    responsive friendly sharing taking saving setting year month day party wise step off depth
""".split()
)
# First parts that are always hyphenated in UN and evaluation English ("self-assessment").
COMPOUND_LEADS = frozenset("self cross non well child gender victim evidence results country".split())


def is_compound_break(before: str, after: str) -> bool:
    """Is ``before`` + "-" + ``after`` (a hyphen at a line end) a compound that keeps its hyphen?"""
    lead = re.search(r"([A-Za-z]+)-$", before)
    tail = re.match(r"[a-z]+", after)
    if not lead or not tail or len(lead.group(1)) < 3:
        return False
    return tail.group(0) in COMPOUND_HEADS or lead.group(1).lower() in COMPOUND_LEADS
