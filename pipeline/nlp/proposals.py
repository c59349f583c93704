"""Registry rows proposed from the unregistered actors of a set of outputs (``docket actors --propose``).

The registry (``config/actors.csv``) grows from data: every addressee docket found but could not
match is counted, and the names that look like an actor are turned into rows of the registry's
columns (``id, name, kind, aliases, abbreviations``), most frequent first, for an analyst to
accept or drop:

- a name needs a capitalised word or an acronym: a common noun ("partners", "the private sector")
  is never proposed;
- spellings that differ only in case or spacing are one row, the most frequent spelling first, the
  others as aliases;
- an acronym seen on its own that spells the initials of a longer name seen too ("RCU" and
  "Regional Coordination Unit") becomes that name's abbreviation, and their counts are added;
- the kind is guessed from the name's head word, its last or the last before "of"
  (``KIND_BY_HEAD``: "... Office" is a unit, "... Committee" a governing body, "Minister of ..." a
  role), and left empty when the head word says nothing.
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


@dataclass
class Proposal:
    """One proposed registry row and how often its names were seen."""

    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    abbreviations: list[str] = field(default_factory=list)
    count: int = 0
    documents: set[str] = field(default_factory=set)

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


def propose(seen: list[tuple[str, str]]) -> list[Proposal]:
    """``seen``: (printed name, document) of every unregistered mention. Rows, most frequent first."""
    by_key: dict[str, Counter] = {}
    docs: dict[str, set[str]] = {}
    for name, document in seen:
        name = " ".join(name.split())
        if not name:
            continue
        key = name.lower()
        by_key.setdefault(key, Counter())[name] += 1
        docs.setdefault(key, set()).add(document)
    rows: dict[str, Proposal] = {}
    for key, spellings in by_key.items():
        if not any(looks_like_a_name(s) for s in spellings):
            continue  # a common noun, in every spelling seen
        ranked = [s for s, _ in sorted(spellings.items(), key=lambda x: (-x[1], x[0]))]
        rows[key] = Proposal(
            name=ranked[0],
            kind=guess_kind(ranked[0]),
            aliases=ranked[1:],
            count=sum(spellings.values()),
            documents=set(docs[key]),
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
            target.abbreviations.append(row.name)
            target.count += row.count
            target.documents |= row.documents
            del rows[key]
    out = list(rows.values())
    for row in out:
        if _ACRONYM.match(row.name) and row.name not in row.abbreviations:
            row.abbreviations.insert(0, row.name)
    out.sort(key=lambda r: (-r.count, -len(r.documents), r.name.lower()))
    return out
