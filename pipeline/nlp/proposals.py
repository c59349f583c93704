"""Registry rows proposed from the unregistered actors of a set of outputs (``docket actors
--unregistered``, ``--propose``).

The registry (``config/actors.csv``) grows from data: every addressee docket found but could not
match is counted, and the names that look like an actor are turned into rows of the registry's
columns (``id, name, kind, aliases, abbreviations``), most frequent first, for an analyst to
accept or drop:

- a name needs a capitalised word or an acronym: a common noun ("partners", "the private sector")
  is never proposed, nor one capitalised only because it starts a sentence ("Partners should ...",
  unless it is capitalised elsewhere too: "the Government");
- spellings that differ only in case or spacing are one row, the most frequent spelling first, the
  others as aliases;
- an acronym seen on its own that spells the initials of a longer name seen too ("RCU" and
  "Regional Coordination Unit") becomes that name's abbreviation, and their counts are added;
- the kind is guessed from the name's head word, its last or the last before "of"
  (``KIND_BY_HEAD``: "... Office" is a unit, "... Committee" a governing body, "Minister of ..." a
  role), and left empty when the head word says nothing;
- an acronym the document defines ("Crown Prosecution Service (CPS)") is proposed under its long
  form, with the acronym as its abbreviation;
- each row keeps an example: the sentence of a recommendation that names it, so the analyst sees
  the name in use before adding it.

The names that are never proposed (common nouns) are still counted (``common_nouns``): a user sees
what the tagger kept and why it proposes nothing for it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# The last word of a name -> the registry kind it suggests (the kinds of config/actors.csv).
KIND_BY_HEAD: dict[str, str] = {
    **dict.fromkeys(["secretariat", "secretariats"], "secretariat"),
    **dict.fromkeys(
        "office offices division divisions unit units bureau bureaux bureaus department departments section "
        "branch team teams centre center headquarters service services".split(),
        "unit",
    ),
    **dict.fromkeys(
        "board committee council commission assembly conference parliament meeting".split(), "governing body"
    ),
    **dict.fromkeys(
        "executive executives secretary-general director-general administrator".split(), "executive head"
    ),
    **dict.fromkeys(
        "director directors head heads manager managers management staff coordinator "
        "coordinators officer officers minister representative representatives chair".split(),
        "role",
    ),
    **dict.fromkeys(
        "ministry ministries agency authority authorities government governments".split(), "government agency"
    ),
    **dict.fromkeys("association network society federation union".split(), "association"),
    **dict.fromkeys("donor donors".split(), "donor"),
}
_SMALL = frozenset("of and the for on in to at by de du des la le les et pour".split())
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&-]{1,11}$")
_WORD = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*")


@dataclass(frozen=True)
class Mention:
    """One unregistered actor as printed in one recommendation: its name, the document it is in,
    and the sentence that names it (``example_sentence``)."""

    name: str
    document: str
    example: str = ""
    sentence_initial: bool = False  # printed only at the start of a sentence, where all words have capitals
    long_form: str = ""  # what the document defines the name (an acronym) as: "Crown Prosecution Service"

    @property
    def is_named(self) -> bool:
        """Printed like a name: a capital that is not just the sentence's first letter, or an acronym
        (one the document defines is a name)."""
        if self.long_form:
            return True
        if self.sentence_initial:
            words = _WORD.findall(self.name)
            return bool(words) and (bool(_ACRONYM.match(words[0])) or looks_like_a_name(" ".join(words[1:])))
        return looks_like_a_name(self.name)


@dataclass
class Proposal:
    """One proposed registry row and how often its names were seen."""

    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    abbreviations: list[str] = field(default_factory=list)
    count: int = 0
    documents: set[str] = field(default_factory=set)
    example: str = ""

    @property
    def id(self) -> str:
        return re.sub(r"[^a-z0-9]+", "_", self.name.lower()).strip("_") or "actor"


def looks_like_a_name(name: str) -> bool:
    """A capitalised word (not a function word) or an acronym: "Regional Coordination Unit", "RCU"."""
    words = _WORD.findall(name)
    return any(w[:1].isupper() and w.lower() not in _SMALL for w in words)


def initials(name: str) -> str:
    """ "Regional Coordination Unit" -> "RCU" (function words skipped)."""
    return "".join(w[0] for w in _WORD.findall(name) if w.lower() not in _SMALL).upper()


def guess_kind(name: str) -> str:
    """The kind its head word suggests: the last word, or the last before "of" ("Minister of ...")."""
    words = [w.lower() for w in _WORD.findall(name)]
    if "of" in words[1:]:
        words = words[: words.index("of", 1)]
    return KIND_BY_HEAD.get(words[-1], "") if words else ""


_SENTENCE_END = re.compile(r"(?<=[.:!?])\s+(?=[(\"“‘A-Z0-9])|(?<=;)\s+")
_SENTENCE_START = re.compile(r"(?:^|[.:;!?]\s+|\(\w{1,3}\)\s*)[\"“‘(]?$")
EXAMPLE_CHARS = 240


def example_sentence(text: str, names: list[str], fallback: str = "") -> str:
    """The sentence of ``text`` that names the actor (the first of ``names`` found, in any case),
    shortened around the name to ``EXAMPLE_CHARS``; ``fallback`` (the printed addressee line, "For
    X and Y") or the text's first sentence when no name is found in it."""
    text = " ".join(text.split())
    low = text.lower()
    at = next((i for n in names if n and (i := low.find(" ".join(n.split()).lower())) >= 0), -1)
    if at < 0:
        fallback = " ".join(fallback.split())
        if fallback:
            return _shorten(fallback, 0)
        at = 0
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > at:
            return _shorten(text[start : m.start()], at - start)
        start = m.end()
    return _shorten(text[start:], at - start)


def printed_at_sentence_start(text: str, name: str) -> bool:
    """True when every time ``name`` is printed in ``text`` (any case) it opens a sentence or a list
    item, where its capital says nothing; False when it is not found."""
    low, needle = text.lower(), " ".join(name.split()).lower()
    if not needle:
        return False
    starts = [m.start() for m in re.finditer(re.escape(needle), low)]
    return bool(starts) and all(_SENTENCE_START.search(text[max(0, i - 12) : i]) for i in starts)


def _shorten(sentence: str, at: int) -> str:
    if len(sentence) <= EXAMPLE_CHARS:
        return sentence
    lo = max(0, min(at - EXAMPLE_CHARS // 3, len(sentence) - EXAMPLE_CHARS))
    lo = sentence.rfind(" ", 0, lo) + 1 if lo else 0
    hi = sentence.rfind(" ", lo, lo + EXAMPLE_CHARS)
    hi = hi if hi > lo else lo + EXAMPLE_CHARS
    return ("…" if lo else "") + sentence[lo:hi] + "…"


def _key(m: Mention) -> str:
    return " ".join((m.long_form or m.name).split()).lower()


def _named_keys(seen: list[Mention]) -> set[str]:
    return {_key(m) for m in seen if m.is_named}


def common_nouns(seen: list[Mention]) -> list[tuple[str, int]]:
    """The unregistered names never proposed (no spelling printed like a name), with counts, most
    frequent first: "partners", "the private sector"."""
    named = _named_keys(seen)
    spellings: dict[str, Counter] = {}
    for m in seen:
        name, key = " ".join(m.name.split()), _key(m)
        if name and key not in named:
            spellings.setdefault(key, Counter())[name] += 1
    rows = [(min(c, key=lambda s: (-c[s], s != s.lower(), s)), sum(c.values())) for c in spellings.values()]
    return sorted(rows, key=lambda x: (-x[1], x[0]))


def propose(seen: list[Mention]) -> list[Proposal]:
    """``seen``: every unregistered mention. Registry rows, most frequent first."""
    by_key: dict[str, Counter] = {}
    docs: dict[str, set[str]] = {}
    examples: dict[str, dict[str, str]] = {}
    defined: dict[str, list[str]] = {}  # key -> acronyms the documents define it by
    for mention in seen:
        name = " ".join((mention.long_form or mention.name).split())
        if not name:
            continue
        key = name.lower()
        by_key.setdefault(key, Counter())[name] += 1
        docs.setdefault(key, set()).add(mention.document)
        if mention.long_form and mention.name not in defined.setdefault(key, []):
            defined[key].append(mention.name)
        if mention.example:
            examples.setdefault(key, {}).setdefault(name, mention.example)
    named = _named_keys(seen)
    rows: dict[str, Proposal] = {}
    for key, spellings in by_key.items():
        if key not in named:
            continue  # a common noun, in every spelling seen
        ranked = [s for s, _ in sorted(spellings.items(), key=lambda x: (-x[1], x[0]))]
        rows[key] = Proposal(
            name=ranked[0],
            kind=guess_kind(ranked[0]),
            aliases=ranked[1:],
            abbreviations=list(defined.get(key, [])),
            count=sum(spellings.values()),
            documents=set(docs[key]),
            example=next((examples.get(key, {})[s] for s in ranked if s in examples.get(key, {})), ""),
        )
    # an acronym that spells a longer name's initials is that name's abbreviation
    long_by_initials: dict[str, list[str]] = {}
    for key, row in rows.items():
        if not _ACRONYM.match(row.name) and len(_WORD.findall(row.name)) >= 2:
            long_by_initials.setdefault(initials(row.name), []).append(key)
    for key in list(rows):
        row = rows[key]
        targets = long_by_initials.get(row.name) if _ACRONYM.match(row.name) else None
        if targets and len(targets) == 1:
            target = rows[targets[0]]
            if row.name not in target.abbreviations:
                target.abbreviations.append(row.name)
            target.count += row.count
            target.documents |= row.documents
            target.example = target.example or row.example
            del rows[key]
    out = list(rows.values())
    for row in out:
        if _ACRONYM.match(row.name) and row.name not in row.abbreviations:
            row.abbreviations.insert(0, row.name)
    out.sort(key=lambda r: (-r.count, -len(r.documents), r.name.lower()))
    return out
