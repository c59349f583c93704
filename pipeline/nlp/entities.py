"""Rule-based entities: people with role and organisation, dates and meeting references.

``docket_entity_tagger`` writes ``doc._.docket_entities`` (a list of ``Entity`` records with
character offsets in the Doc's text). Organisations and places come from the actor registry
(``doc.spans["docket_actors"]``) and, when a trained model is loaded, from its ``doc.ents``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from ..models import Entity
from ..parse.dates import ORDINALS, find_month_years
from ..parse.dates import find_dates as parse_dates
from .actors import SPAN_KEY, doc_text

if not Doc.has_extension("docket_entities"):
    Doc.set_extension("docket_entities", default=None)

_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ORD_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\s])?(?:first|second|third|fourth|"
    r"fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
    r"seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|"
    r"eightieth|ninetieth"
)
_MEETING_NOUN = (
    r"(?:SOM|Senior\s+Officials\s+Meeting|session|meeting|Meeting|Session|Conference|conference|"
    r"Summit|Forum|Assembly|Week|NFP\s+Meeting|National\s+Focal\s+Points?\s+Meeting|"
    r"Commission\s+session|Board\s+session)"
)
_MEETING_PATTERNS = [
    re.compile(
        rf"\b(?P<n>\d{{1,3}})(?:st|nd|rd|th)\s+(?:(?P<pre>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){{0,4}})\s+)?(?P<what>{_MEETING_NOUN})\b"
    ),
    re.compile(
        rf"\b(?P<w>{_ORD_WORD})\s+(?:(?P<pre>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){{0,4}})\s+)?(?P<what>{_MEETING_NOUN})\b",
        re.I,
    ),
    re.compile(r"\b(?P<what>SOM|NFP|COP|CSD|HLPF)[-\s]?(?P<n>\d{1,3})\b"),
]
_TITLE = r"(?:Mr|Ms|Mrs|Miss|Dr|Prof|Professor|H\.\s?E|Sir|Madam|Mme)\.?"
_NAME = r"[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|[A-Z]\.|van|von|de|da|bin|al-[\w]+)){0,4}"
_PERSON = re.compile(rf"\b(?P<title>{_TITLE})\s+(?P<name>{_NAME})(?:\s*,\s*(?P<role>[^,;\n()]{{2,120}}))?")
_ROLE_SPLIT = re.compile(r"\s+(?:of|at|for)\s+(?:the\s+)?|\s*,\s*", re.I)


def _ordinal_value(word: str) -> int | None:
    w = word.lower().replace(" ", "-")
    if w in ORDINALS:
        return ORDINALS[w]
    if "-" in w:
        tens, unit = w.split("-", 1)
        if tens in _TENS and unit in ORDINALS:
            return _TENS[tens] + ORDINALS[unit]
    return None


def find_dates(text: str) -> list[Entity]:
    """Dates as entities, read by the parsers' one date grammar (``parse.dates``): full dates and
    ranges ("10–13 June 2025", "14–18 and 21–23 July 2025", "Décembre 2020"), month-years."""
    spans = sorted(parse_dates(text) + find_month_years(text), key=lambda d: (d.pos, -len(d.text)))
    out: list[Entity] = []
    taken: list[tuple[int, int]] = []
    for d in spans:
        start, end = d.pos, d.pos + len(d.text)
        if any(s < end and start < e for s, e in taken):
            continue
        attrs = (("end", d.end),) if d.end and d.end != d.start else ()
        out.append(Entity(d.text, "DATE", start, end, normalized=d.start, attrs=attrs))
        taken.append((start, end))
    return out


def find_meetings(text: str) -> list[Entity]:
    out: list[Entity] = []
    taken: list[tuple[int, int]] = []
    for pat in _MEETING_PATTERNS:
        for m in pat.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            g = m.groupdict()
            n = int(g["n"]) if g.get("n") else _ordinal_value(g.get("w") or "")
            if n is None:
                continue
            what = re.sub(r"\s+", " ", g["what"])
            name = " ".join(x for x in (g.get("pre"), what) if x)
            attrs = [("ordinal", str(n)), ("meeting", name)]
            year = re.match(r"[^.;\n]{0,40}?\b((?:19|20)\d\d)\b", text[m.end() :])
            if year:
                attrs.append(("year", year.group(1)))
            acronym = "SOM" if re.fullmatch(r"SOM|Senior Officials['’]? Meeting", name) else what
            normalized = f"{acronym}-{n}" if acronym.isupper() else f"{name} {n}"
            out.append(
                Entity(m.group(0), "MEETING", m.start(), m.end(), normalized=normalized, attrs=tuple(attrs))
            )
            taken.append((m.start(), m.end()))
    return out


def find_people(text: str, actor_spans: Sequence[tuple[int, int, str]] = ()) -> list[Entity]:
    out = []
    for m in _PERSON.finditer(text):
        name = m.group("name").strip()
        attrs = [("title", m.group("title"))]
        end = m.end("name")
        role_text = (m.group("role") or "").strip().rstrip(".")
        if role_text and role_text[:1].isupper() and not re.match(r"(?:The|This|It|He|She|We)\b", role_text):
            parts = _ROLE_SPLIT.split(role_text, maxsplit=1)
            role = parts[0].strip()
            org = parts[1].strip() if len(parts) > 1 else ""
            attrs.append(("role", role))
            end = m.start("role") + len(role_text)
            if org:
                org_start = m.start("role") + role_text.rfind(org)
                org_id = ""
                for s, e, actor_id in actor_spans:
                    if s == org_start:  # the registry knows where the organisation's name ends
                        org, org_id, end = text[s:e], actor_id, e
                        break
                attrs.append(("organisation", org))
                if org_id:
                    attrs.append(("organisation_id", org_id))
        out.append(
            Entity(text[m.start() : end], "PERSON", m.start(), end, normalized=name, attrs=tuple(attrs))
        )
    return out


class EntityTagger:
    """Collects people, organisations, places, dates and meeting references into ``doc._.docket_entities``."""

    def __init__(self, name: str = "docket_entity_tagger", model_labels: tuple[str, ...] = ()):
        self.name = name
        self.model_labels = set(model_labels)

    def entities(self, doc: Doc) -> list[Entity]:
        text = doc_text(doc)
        actor_spans = list(doc.spans[SPAN_KEY]) if SPAN_KEY in doc.spans else []
        found: list[Entity] = []
        found += find_people(text, [(s.start_char, s.end_char, s.kb_id_) for s in actor_spans])
        found += find_meetings(text)
        found += find_dates(text)
        for s in actor_spans:
            found.append(
                Entity(
                    s.text,
                    s.label_,
                    s.start_char,
                    s.end_char,
                    normalized=s.kb_id_,
                    attrs=(("actor_id", s.kb_id_),),
                )
            )
        actor_ids = {s.kb_id_ for s in actor_spans}
        for ent in doc.ents:  # statistical entities of a trained model, where one is loaded
            if ent.kb_id_ in actor_ids or (self.model_labels and ent.label_ not in self.model_labels):
                continue
            found.append(
                Entity(ent.text, ent.label_, ent.start_char, ent.end_char, attrs=(("source", "model"),))
            )
        # one entity per stretch of text: earlier rules (people, meetings, dates, registry) win
        kept: list[Entity] = []
        for e in found:
            if not any(k.start < e.end and e.start < k.end for k in kept):
                kept.append(e)
        return sorted(kept, key=lambda e: (e.start, e.end))

    def __call__(self, doc: Doc) -> Doc:
        doc._.docket_entities = self.entities(doc)
        return doc


def make_entity_tagger(nlp: Language, name: str, model_labels: list[str]) -> EntityTagger:
    """Factory of ``docket_entity_tagger``; ``model_labels`` limits which statistical labels are kept."""
    return EntityTagger(name=name, model_labels=tuple(model_labels))


if not Language.has_factory("docket_entity_tagger"):
    Language.factory(
        "docket_entity_tagger",
        default_config={
            "model_labels": ["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "DATE", "EVENT", "LAW"]
        },
        assigns=["doc._.docket_entities"],
        requires=["doc.spans"],
    )(make_entity_tagger)
