"""Per-field scoring of records against gold annotations (the GOLD.md format), for the tests.

The matching rules are those of the project's scorer, ``/work/shared/tools/score_extraction.py``
(shared with the annotated corpus, outside this repository), copied here so that the repository
tests itself without it: text compared after NFKC, quote, dash and space normalisation, lower case
and trailing punctuation dropped; objectives and agenda titles match at similarity >= 0.9,
recommendation texts at >= 0.98, matched by number; a gold actor is a list of accepted names.
Keep the two in step when the scorer's rules change.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

FIELDS = ("document", "objectives", "agenda_items", "recommendations", "actors")


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    text = re.sub(r"\s+", " ", text).strip().lower()
    return text.rstrip(" .;,")


def similar(a: str | None, b: str | None) -> float:
    a, b = norm(a), norm(b)
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def hhmm(value: str | None) -> str:
    m = re.search(r"(\d{1,2})[:.h](\d{2})", value or "")
    return f"{int(m.group(1)):02d}:{m.group(2)}" if m else norm(value)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def f1(self) -> float:
        if self.tp == 0:
            return 0.0 if (self.fp or self.fn) else 1.0
        p, r = self.tp / (self.tp + self.fp), self.tp / (self.tp + self.fn)
        return 2 * p * r / (p + r)

    @property
    def checked(self) -> bool:
        return bool(self.tp + self.fp + self.fn)


def _match_lists(gold: list, pred: list, same) -> tuple[int, int, int]:
    """Greedy one-to-one matching: tp, fp, fn."""
    left = list(pred)
    tp = fn = 0
    for g in gold:
        hit = next((p for p in left if same(g, p)), None)
        if hit is None:
            fn += 1
        else:
            left.remove(hit)
            tp += 1
    return tp, len(left), fn


def _agenda_match(g: dict, p: dict) -> bool:
    if "start" in g and hhmm(p.get("start")) != g["start"]:
        return False
    if "end" in g and hhmm(p.get("end")) != g["end"]:
        return False
    if "date" in g and str(p.get("date") or "")[:10] != g["date"]:
        return False
    if "number" in g and norm(str(p.get("number"))) != norm(str(g["number"])):
        return False
    return similar(g["title"], p.get("title")) >= 0.9


def _actor_names(rec: dict) -> list[str]:
    return [norm(a.get("name") if isinstance(a, dict) else a) for a in rec.get("actors") or []]


def _actors_match(gold_groups: list[list[str]], pred: list[str]) -> tuple[int, int, int]:
    left = list(pred)
    tp = 0
    for group in gold_groups:
        options = {norm(o) for o in group}
        hit = next((p for p in left if p in options), None)
        if hit is not None:
            left.remove(hit)
            tp += 1
    return tp, len(left), len(gold_groups) - tp


def score(gold: dict, rec: dict, tallies: dict[str, Tally]) -> None:
    """Add one record's counts, field by field, to TALLIES (as the shared scorer counts them)."""
    doc = rec.get("document") or {}
    for key, want in (gold.get("document") or {}).items():
        if key == "title_contains":
            ok = norm(want) in norm(doc.get("title"))
        elif key == "date":
            got = str(doc.get("date") or "")
            ok = got == want or (len(want) == 10 and got[:10] == want)
        else:
            ok = norm(str(doc.get(key))) == norm(str(want))
        tallies["document"].add(int(ok), 0, int(not ok))
    if "objectives" in gold:
        objectives = [o.get("text") if isinstance(o, dict) else o for o in rec.get("objectives") or []]
        tallies["objectives"].add(
            *_match_lists(gold["objectives"], objectives, lambda g, p: similar(g, p) >= 0.9)
        )
    if "agenda_items" in gold:
        tp, fp, fn = _match_lists(gold["agenda_items"], rec.get("agenda_items") or [], _agenda_match)
        tallies["agenda_items"].add(tp, 0 if gold.get("partial_agenda") else fp, fn)
    if "recommendations" not in gold:
        return
    preds = {norm(str(r.get("number"))): r for r in rec.get("recommendations") or []}
    for g in gold["recommendations"]:
        p = preds.pop(norm(str(g["number"])), None)
        if p is None:
            tallies["recommendations"].add(0, 0, 1)
            tallies["actors"].add(0, 0, len(g.get("actors", [])))
            continue
        if similar(g["text"], p.get("text")) >= 0.98:
            tallies["recommendations"].add(1, 0, 0)
        else:
            tallies["recommendations"].add(0, 1, 1)
        if "actors" in g:
            tallies["actors"].add(*_actors_match(g["actors"], _actor_names(p)))
    tallies["recommendations"].add(0, len(preds), 0)
