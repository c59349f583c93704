"""Actors: the editable registry (``config/actors.csv``) and addressee recognition.

The registry is a CSV that analysts edit in a spreadsheet: ``id,name,kind,aliases,abbreviations``
with ``;`` between aliases. Every surface form becomes a ``PhraseMatcher`` pattern on ``LOWER``
(case-insensitive) whose match id is the actor id, so an alias normalises to its canonical name.

Addressees are found three ways:

- in an addressee label (``actors_raw``: "For NEASPEC secretariat, SOM, and ESCAP"),
  by registry matches first and the list structure for the rest (``actors_from_raw``);
- in the recommendation text, as the subject of "X should ..." (``actors_from_text``);
- through abbreviations the document defines itself ("Senior Officials Meeting (SOM)",
  see ``abbreviations.py``).

Names not in the registry are kept as they are printed, with ``registered=False``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from ..errors import ConfigError
from ..models import Actor
from ..parse import vocab
from ..parse.addressees import (
    FUNCTION_PAIR,
    GLUED_WORD,
    OF_PAIR,
    PLURAL_OF,
    split_addressees,  # noqa: F401  (one splitter: re-exported for NLP users)
)
from .config import load_settings

COLUMNS = ("id", "name", "kind", "aliases", "abbreviations")
SPAN_KEY = "docket_actors"
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_GPE_KINDS = {"member state", "country", "place"}


# --------------------------------------------------------------------------- registry


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One row of the registry."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()

    def forms(self) -> list[str]:
        seen: dict[str, str] = {}
        for form in (self.name, *self.aliases, *self.abbreviations):
            seen.setdefault(alias_key(form), form)
        return list(seen.values())

    def actor(self, matched_as: str = "") -> Actor:
        return Actor(name=self.name, id=self.id, kind=self.kind, matched_as=matched_as, registered=True)


def alias_key(text: str) -> str:
    """The lookup key of a name: lower case, possessives and leading 'the' dropped, spaces collapsed."""
    t = text.replace("’", "'").replace("‘", "'").lower()
    t = re.sub(r"'s\b", "", t)
    t = re.sub(r"\s*([-/&])\s*", r"\1", t)
    t = re.sub(r"\s+", " ", t).strip(" \t\n.,;:•●▪*-–")
    t = re.sub(r"^(?:the|a|an)\s+", "", t)
    return t


class ActorRegistry:
    """Canonical actors and their surface forms, keyed by ``alias_key``."""

    def __init__(self, entries: Iterable[ActorEntry], source: str = "<memory>"):
        self.source = source
        self.entries: dict[str, ActorEntry] = {}
        self._by_key: dict[str, str] = {}
        for entry in entries:
            if entry.id in self.entries:
                raise ConfigError(source, f"duplicate actor id {entry.id!r}", key="id")
            self.entries[entry.id] = entry
            for form in entry.forms():
                key = alias_key(form)
                other = self._by_key.get(key)
                if other is not None and other != entry.id:
                    raise ConfigError(
                        source, f"name {form!r} of {entry.id!r} is already a name of {other!r}", key="aliases"
                    )
                self._by_key[key] = entry.id

    @classmethod
    def from_csv(cls, path: Path | str) -> ActorRegistry:
        return cls(read_registry_rows(path), source=str(path))

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries.values())

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.entries

    def get(self, actor_id: str) -> ActorEntry | None:
        return self.entries.get(actor_id)

    def lookup(self, surface: str) -> ActorEntry | None:
        actor_id = self._by_key.get(alias_key(surface))
        return self.entries[actor_id] if actor_id else None

    def patterns(self) -> list[tuple[str, str]]:
        """(actor id, surface form) pairs, including possessive variants ("ESCAP's Executive Secretary")."""
        out: list[tuple[str, str]] = []
        for entry in self.entries.values():
            for form in entry.forms():
                out.append((entry.id, form))
                words = form.split()
                if len(words) >= 2 and not words[0].endswith(("'s", "’s")) and words[0][:1].isupper():
                    for apostrophe in ("'", "’"):
                        out.append((entry.id, f"{words[0]}{apostrophe}s {' '.join(words[1:])}"))
        return out


def read_registry_rows(path: Path | str) -> list[ActorEntry]:
    """Parse the CSV; a bad row raises ConfigError naming the file, row and column."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise ConfigError(str(path), f"cannot read the actor registry: {e.strerror or e}") from e
    except UnicodeDecodeError as e:
        raise ConfigError(str(path), "not UTF-8 text; save the sheet as 'CSV UTF-8'") from e
    reader = csv.DictReader(text.splitlines())
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in ("id", "name", "kind") if c not in header]
    if missing:
        raise ConfigError(
            str(path), f"missing column(s) {missing}; the header must be {','.join(COLUMNS)}", key="row 1"
        )
    reader.fieldnames = header
    entries = []
    for rowno, row in enumerate(reader, start=2):
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        if None in row:
            raise ConfigError(
                str(path), "more cells than columns (quote names that contain commas)", key=f"row {rowno}"
            )

        def cell(col: str, rowno: int = rowno, row: dict = row) -> str:
            return (row.get(col) or "").strip()

        actor_id, name, kind = cell("id"), cell("name"), cell("kind")
        if not actor_id:
            raise ConfigError(str(path), "id is empty", key=f"row {rowno}, column id")
        if not _ID.match(actor_id):
            raise ConfigError(
                str(path),
                f"id {actor_id!r} must be lower case letters, digits, '_', '-' or '.'",
                key=f"row {rowno}, column id",
            )
        if not name:
            raise ConfigError(str(path), "name is empty", key=f"row {rowno}, column name")
        if not kind:
            raise ConfigError(
                str(path),
                "kind is empty (e.g. secretariat, governing body, member State)",
                key=f"row {rowno}, column kind",
            )
        aliases = tuple(a.strip() for a in cell("aliases").split(";") if a.strip())
        abbrevs = tuple(a.strip() for a in cell("abbreviations").split(";") if a.strip())
        entries.append(ActorEntry(actor_id, name, kind, aliases, abbrevs))
    return entries


# --------------------------------------------------------------------------- spaCy component

_TEXT_KEY = ("docket", "text")


def doc_text(doc: Doc) -> str:
    """``doc.text``, which spaCy rebuilds from the tokens on every access, computed once per Doc."""
    user_data: dict[Any, Any] = doc.user_data  # spaCy types it with str keys; any hashable key works
    text = user_data.get(_TEXT_KEY)
    if text is None:  # the text of a Doc never changes (retokenizing keeps it), so this stays valid
        text = user_data[_TEXT_KEY] = doc.text
    return text


class ActorTagger:
    """Marks registry actors in a Doc: ``doc.spans["docket_actors"]`` (kb_id = actor id) and ``doc.ents``.

    Registry matches replace overlapping statistical entities, so "ESCAP" is an ORG here even where
    a trained model calls it a place.
    """

    def __init__(
        self,
        vocab: Vocab,
        registry: ActorRegistry,
        name: str = "docket_actor_tagger",
        overwrite_ents: bool = True,
    ):
        self.name = name
        self.registry = registry
        self.overwrite_ents = overwrite_ents
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        from spacy.lang.en import English  # tokenizer only, for the patterns

        tokenizer = English(vocab=vocab).tokenizer
        by_id: dict[str, list[Doc]] = {}
        for actor_id, form in registry.patterns():
            by_id.setdefault(actor_id, []).append(tokenizer(form))
        for actor_id, docs in by_id.items():
            self.matcher.add(actor_id, docs)

    def find(self, doc: Doc) -> list[Span]:
        spans = []
        for match_id, start, end in self.matcher(doc):
            actor_id = doc.vocab.strings[match_id]
            entry = self.registry.get(actor_id)
            label = "GPE" if entry and entry.kind.lower() in _GPE_KINDS else "ORG"
            spans.append(Span(doc, start, end, label=label, kb_id=actor_id, span_id=actor_id))
        return sorted(filter_spans(spans), key=lambda s: s.start)

    def __call__(self, doc: Doc) -> Doc:
        spans = self.find(doc)
        doc.spans[SPAN_KEY] = spans
        if self.overwrite_ents and spans:
            taken = {i for s in spans for i in range(s.start, s.end)}
            kept = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
            doc.ents = sorted(filter_spans([*kept, *spans]), key=lambda s: s.start)
        return doc


def make_actor_tagger(nlp: Language, name: str, registry_path: str, overwrite_ents: bool) -> ActorTagger:
    """Factory of ``docket_actor_tagger``. ``registry_path`` "" = the default registry."""
    path = registry_path or str(load_settings(None).actors)
    return ActorTagger(nlp.vocab, load_registry(path), name=name, overwrite_ents=overwrite_ents)


if not Language.has_factory("docket_actor_tagger"):
    Language.factory(
        "docket_actor_tagger",
        default_config={"registry_path": "", "overwrite_ents": True},
        assigns=["doc.ents", "doc.spans"],
    )(make_actor_tagger)


_REGISTRY_CACHE: dict[tuple[str, int], ActorRegistry] = {}


def load_registry(path: Path | str) -> ActorRegistry:
    """Read (and cache per file version) an actor registry CSV."""
    p = Path(path)
    try:
        key = (str(p.resolve()), p.stat().st_mtime_ns)
    except OSError as e:
        raise ConfigError(str(p), "actor registry not found") from e
    if key not in _REGISTRY_CACHE:
        _REGISTRY_CACHE[key] = ActorRegistry.from_csv(p)
    return _REGISTRY_CACHE[key]


# --------------------------------------------------------------------------- addressee text

_LEAD = re.compile(
    r"^\s*(?:(?:evaluation\s+)?recommendations?\s*(?:\d+[a-z]?|[a-z]\.\d+)?\s*(?:addressed\s+)?(?:to|for)"
    r"|addressed\s+to|for|to|actors?\s*(?:\(s\))?)\s*:?\s+",
    re.I,
)
_ITEM_SEP = re.compile(r"\s*(?:;|\n|[•●▪■◦]|(?:^|\s)-\s)\s*")
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and|or)\s+|,|\s+and\s+|\s+or\s+|\s+as\s+well\s+as\s+|:)\s*", re.I)
_PAREN_ASIDE = re.compile(r"\s*\((?:e\.\s?g\.|i\.\s?e\.|including|such as)[^)]*\)", re.I)
_HEAD = re.compile(
    r"\b(?:staff|team|teams|unit|units|division|divisions|office|offices|bureau|bureaux|bureaus|secretariat"
    r"|(?:senior|top|executive|country|office|regional|project|line|programme)\s+management|management\s+team"
    r"|committee|committees|board|boards|council|commission|assembly|organs?|bodies|body|heads?"
    r"|states|governments?|ministry|ministries|ministers?|partners|donors|agency|agencies|department"
    r"|departments|directorate|director|secretary|coordinators?|focal\s+points?|members|authorities|officials"
    r"|managers?|section|branch|headquarters|mission|missions|personnel|specialists?|experts?|team\s+leaders?"
    r"|programme\s+officers?|country\s+teams?)\b",
    re.I,
)
_NOT_START = re.compile(
    r"^(?:who|which|that|whose|involved|in|on|for|to|with|by|of|at|from|such|e\.g|i\.e)\b", re.I
)
_DET = re.compile(r"^(?:the|a|an|all|its|their|each|both)\s+", re.I)


def clean_name(surface: str) -> str:
    """A printed name without bullets, end punctuation, asides or a leading article."""
    t = _PAREN_ASIDE.sub("", surface)
    t = re.sub(r"\s+", " ", t).strip(" \t\n.,;:•●▪■◦*-–—")
    t = _DET.sub("", t)
    return t


def normalise_actor(
    surface: str, registry: ActorRegistry, doc_abbrevs: Mapping[str, str] | None = None
) -> Actor:
    """One printed name -> Actor: the registry's canonical name, or the cleaned surface, unregistered.

    ``doc_abbrevs`` maps short forms the document defines to their long forms ("SOM" ->
    "Senior Officials Meeting"); a short form, or a name containing one, is looked up expanded too.
    """
    cleaned = clean_name(surface)
    entry = registry.lookup(cleaned)
    if entry is None and doc_abbrevs:
        long_form = doc_abbrevs.get(cleaned) or doc_abbrevs.get(cleaned.rstrip("s"))
        if long_form:
            entry = registry.lookup(long_form)
        if entry is None:
            expanded = " ".join(doc_abbrevs.get(w, w) for w in cleaned.split())
            if expanded != cleaned:
                entry = registry.lookup(expanded)
    if entry is not None:
        return entry.actor(matched_as=cleaned)
    return Actor(name=cleaned, matched_as=cleaned, registered=False)


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    actor: Actor


def _registry_hits(
    text: str, tagger: ActorTagger, tokenizer, doc_abbrevs: Mapping[str, str] | None
) -> list[_Hit]:
    doc = tokenizer(text)
    hits = [
        _Hit(s.start_char, s.end_char, tagger.registry.entries[s.kb_id_].actor(matched_as=s.text))
        for s in tagger.find(doc)
    ]
    for short, long_form in (doc_abbrevs or {}).items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(short)}s?(?![\w-])", text):
            if any(h.start <= m.start() < h.end for h in hits):
                continue
            entry = tagger.registry.lookup(long_form) or tagger.registry.lookup(short)
            if entry is None and not _HEAD.search(long_form):
                continue  # "Sustainable Development Goals (SDGs)" defines a term, not a body
            actor = (
                entry.actor(matched_as=m.group(0))
                if entry
                else Actor(name=short, matched_as=m.group(0), registered=False)
            )
            hits.append(_Hit(m.start(), m.end(), actor))
    return sorted(hits, key=lambda h: h.start)


def _dedupe(actors: Iterable[Actor]) -> tuple[Actor, ...]:
    """Each actor once: registered ones by id, unregistered ones by their words, so that "every
    provider board", "provider boards" and "boards" (one body named again) count once."""
    seen: set[str] = set()
    out: list[Actor] = []
    words: list[frozenset[str]] = []
    for a in actors:
        key = a.id or a.name.lower()
        if key in seen:
            continue
        own = _content_words(a.name) if not a.id else frozenset()
        if own and any(own <= w for w in words):
            continue  # the same body named again with fewer words
        seen.add(key)
        out.append(a)
        words.append(own)
    return tuple(out)


def _content_words(name: str) -> frozenset[str]:
    """A name's words without determiners, each in the singular ("every provider boards" -> provider, board)."""
    tokens = re.findall(r"[\w'’-]+", name.lower())
    tokens = [t for t in tokens if t not in {"every", "each", "all", "the", "a", "an", "any", "its", "their"}]
    return frozenset(t[:-1] if len(t) > 3 and t.endswith("s") and not t.endswith("ss") else t for t in tokens)


def _segments(text: str, sep: re.Pattern, protected: list[_Hit], offset: int = 0) -> list[tuple[int, int]]:
    """Split ``text`` at ``sep`` except where a separator falls inside a protected hit."""
    cuts, pos = [], 0
    for m in sep.finditer(text):
        if m.start() == m.end():
            continue
        a, b = m.start() + offset, m.end() + offset
        if any(h.start < b and a < h.end for h in protected):
            continue
        cuts.append((pos, m.start()))
        pos = m.end()
    cuts.append((pos, len(text)))
    return [(s + offset, e + offset) for s, e in cuts if text[s:e].strip()]


def actors_from_raw(
    raw: str, tagger: ActorTagger, tokenizer, doc_abbrevs: Mapping[str, str] | None = None
) -> tuple[Actor, ...]:
    """Addressees of an addressee label or "Recommendation to:" field.

    Registry matches come first; list separators inside a match do not split it ("legislative
    organs and/or governing bodies"). A list part without a match is kept as an unregistered
    actor when it names a body ("staff involved in regional coordination meetings") or is a whole
    bullet of its own ("External asisstance"); qualifiers ("regional cooperation") are dropped.
    """
    lead = _LEAD.match(raw)
    body = raw[lead.end() :] if lead else raw
    body = _PAREN_ASIDE.sub(lambda m: " " * len(m.group(0)), body)
    body = GLUED_WORD.sub(r"\1 ", body)
    hits = _registry_hits(body, tagger, tokenizer, doc_abbrevs)
    for k, h in enumerate(hits):
        pair = _FUNCTION_BEFORE.search(body[: h.start])
        if (
            pair
        ):  # "Monitoring and Evaluation Unit": the registered "Evaluation Unit" is part of a longer name
            name = body[pair.start() : h.end]
            hits[k] = _Hit(pair.start(), h.end, normalise_actor(name, tagger.registry, doc_abbrevs))
    found: list[tuple[int, Actor]] = [(h.start, h.actor) for h in hits]
    # "Minister of Mineral Resources and Energy": one title, never split at its "and"
    titles = [_Hit(m.start(), m.end(), Actor(name=m.group(0))) for m in OF_PAIR.finditer(body)]
    # "Monitoring and Evaluation Unit": one unit named by two functions
    titles += [_Hit(m.start(), m.end(), Actor(name=m.group(0))) for m in FUNCTION_PAIR.finditer(body)]
    whole = PLURAL_OF.match(body.strip())
    if whole:  # "Ministers of Mines, and Energy": the plural title governs every conjunct
        titles.append(_Hit(0, len(body), Actor(name=body.strip())))
    for i0, i1 in _segments(body, _ITEM_SEP, hits):
        item_hits = [h for h in hits if i0 <= h.start < i1]
        parts = _segments(body[i0:i1], _LIST_SEP, hits + titles, offset=i0)
        whole_item = not item_hits and len(parts) == 1
        for p0, p1 in parts:
            if any(p0 <= h.start < p1 for h in hits):
                continue
            name = clean_name(body[p0:p1])
            if not name or _NOT_START.match(name) or not re.search(r"[A-Za-z]{2}", name):
                continue
            if _HEAD.search(name) or (whole_item and len(name.split()) <= 5):
                found.append((p0, normalise_actor(name, tagger.registry, doc_abbrevs)))
    return _dedupe(a for _, a in sorted(found, key=lambda x: x[0]))


_SENT = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(])|(?<=:)\s+(?=\(?[a-z0-9ivx]{1,4}[.)])")
_MODAL = re.compile(
    r"\s+(?:should|must|shall|will\s+need\s+to|needs?\s+to|(?:is|are)\s+(?:requested|encouraged|invited|"
    r"urged|called\s+upon|advised)\s+to)\b",
    re.I,
)
# 'the need to', 'an urgent need to': 'need' is a noun there, not a modal after a subject
_NOUN_NEED = re.compile(
    r"\b(?:the|a|an|any|no|this|that|their|its|our|his|her|each|every|some|such)\s+"
    r"(?:(?:urgent|pressing|clear|growing|continued|continuing|ongoing|critical|strong|real|particular|"
    r"further|greater|identified|specific|overall|general|key|main|possible|potential|perceived)\s+)?$",
    re.I,
)


_PASSIVE = re.compile(r"\s+(?:also\s+|further\s+|not\s+)?be\s+\w+(?:ed|en|wn|lt|nt)\b", re.I)
_CLAUSE = re.compile(r"\b(?:whether|which|that|if|how|where|what)\b", re.I)


def _find_modal(sentence: str) -> re.Match[str] | None:
    """The first modal after a subject ('X should', 'X needs to', ``[recommendations] subject_modals``:
    'X devraient'), skipping the noun 'the need to'."""
    found = None
    for m in _MODAL.finditer(sentence):
        if re.match(r"\s+needs?\s", m.group(0), re.I) and _NOUN_NEED.search(sentence[: m.start()] + " "):
            continue
        found = m
        break
    other = _words("subject_modals", r"\s+(?:{})\b").search(sentence)
    if other is not None and (found is None or other.start() < found.start()):
        return other
    return found


def _words(key: str, template: str) -> re.Pattern[str]:
    return vocab.current().regex("recommendations", key, template)


def _impersonal(sentence: str) -> tuple[int, int] | None:
    """The span of the addressees an impersonal lead names, up to the infinitive ("Il serait opportun
    pour <les agences de mise en œuvre> d'élargir ..."; ``addressee_leads``, ``infinitive_marks``):
    the mark must be followed by an infinitive (a word in -er, -ir, -re)."""
    lead = _words("addressee_leads", r"\b(?:{})\s+").search(sentence)
    if lead is None:
        return None
    inf = _words("infinitive_marks", r"\s+(?:{})(?:(?<=['\u2019])|\s+)(?=\w+(?:er|ir|re)\b)").search(
        sentence, lead.end()
    )
    if inf is None:
        return None
    return lead.end(), inf.start()


# a function named before a registered unit, sharing it ("Monitoring and " + "Evaluation Unit")
_FUNCTION_BEFORE = re.compile(r"(?<![\w-])(?-i:[A-Z])[a-z]+ing\s+(?:and|&)\s+$")

# the complement after a phrase's head noun ("heads of the organizations", "providers of NHS-funded care")
_COMPLEMENT = re.compile(
    r"\s+(?:of|for|in|at|on|from|within|across|under|to|de|du|des|d['’]|en|à|au|aux|pour|dans)(?:\s|(?<=['’])).*$",
    re.I,
)

# a name of capitalised words and acronyms ("NHS England", "Transnet National Ports Authority"),
# not a pronoun or a sentence opener
_PROPER_NAME = re.compile(
    r"(?!(?:We|It|They|This|These|That|Those|There|Each|All|Any|Such|Both)\b)"
    r"(?:[A-Z][\w'’&.-]*s?)(?:\s+(?:(?:of|and|for|the|&)\s+)?[A-Z][\w'’&.-]*){0,5}"
)


def _is_name(name: str, doc_abbrevs: Mapping[str, str] | None) -> bool:
    """Whether a subject phrase names a body: a head noun ("staff", ``subject_heads``) or an
    acronym of one."""
    bare = _words("subject_determiners", r"^(?:{})(?:(?<=['\u2019])|\s+)").sub("", name).strip()
    words = bare.split()
    if not bare or len(words) > 8 or re.search(r"\b(?:this|these|such)\b", bare, re.I):
        return False
    core = _COMPLEMENT.sub("", bare).split()
    last = core[-1] if core else ""
    heads = _words("subject_heads", r"\b(?:{})\b")
    if (
        len(core) > 1
        and re.fullmatch(r"[a-z][a-z-]{2,}s", last)
        and not (_HEAD.fullmatch(last) or heads.fullmatch(last))
    ):
        return False  # the head noun is another thing ("staff training programmes"): a body only modifies it
    if _HEAD.search(bare) or heads.search(bare):
        return True
    if _PROPER_NAME.fullmatch(bare) and (
        len(words) >= 2 or _ACRONYM.match(bare) and bare not in (doc_abbrevs or {})
    ):
        # "NHS England", "CQC": a proper name before the modal names its body (an acronym the
        # document defines is judged by what it stands for, below)
        return True
    return (
        len(words) == 1
        and bool(_ACRONYM.match(bare))
        and bool(_HEAD.search((doc_abbrevs or {}).get(bare, "unit")))
    )


def _aside(chunk: str) -> bool:
    """A chunk that opens with a preposition: partners or circumstances, not addressees."""
    return bool(_PREP_CHUNK.match(chunk)) or bool(_words("subject_asides", r"^(?:{})\b").match(chunk))


def _names_more(tail: str) -> bool:
    """Whether the words after a preposition name someone (a determiner or a capital: "avec le
    secrétariat", "en Haïti"), rather than finish a name ("agences de mise en œuvre")."""
    return bool(re.search(r"(?-i:\b[A-Z])", tail)) or bool(
        _words("subject_determiners", r"(?:^|\s)(?:{})(?:(?<=['\u2019])|\s)").search(tail)
    )


def _unregistered_conjuncts(
    subject: str,
    base: int,
    chunks: list[tuple[int, int]],
    hits: list[_Hit],
    tagger: ActorTagger,
    doc_abbrevs: Mapping[str, str] | None,
) -> list[tuple[int, Actor]]:
    """Names listed beside registered ones in a subject ("Member States, parties to conflict and
    humanitarian organizations should"): each list part that holds no registry match and names a
    body by its head noun."""
    out: list[tuple[int, Actor]] = []
    conj = _words("subject_conjunctions", r"\s+(?:{})\s+")
    for c0, c1 in chunks:
        chunk = subject[c0:c1]
        if not chunk.strip() or _aside(chunk.strip()):
            continue
        for a, b in _segments(chunk, conj, []):
            if any(base + c0 + a <= h.start < base + c0 + b for h in hits):
                continue
            name = clean_name(_MARKER.sub("", chunk[a:b]))
            if name and not _aside(name) and not _NOT_START.match(name) and _is_name(name, doc_abbrevs):
                out.append((base + c0 + a, normalise_actor(name, tagger.registry, doc_abbrevs)))
    return out


def _named_parts(phrase: str, doc_abbrevs: Mapping[str, str] | None) -> list[tuple[int, str]]:
    """The names of a subject joined by a conjunction (``subject_conjunctions``: "Le PNUD et l'OIM"),
    each without a trailing aside ("l'OIM en Haïti"); [] unless every part names a body."""
    out: list[tuple[int, str]] = []
    pos = 0
    cuts = [m for m in _words("subject_conjunctions", r"\s+(?:{})\s+").finditer(phrase)]
    spans = []
    for m in cuts:
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(phrase)))
    aside = _words("subject_asides", r"\s+(?:{})\s")
    if (
        len(spans) > 1
        and re.fullmatch(r"[a-z][\w-]*", phrase[spans[-1][0] : spans[-1][1]].strip())
        and len(phrase[spans[0][0] : spans[0][1]].split()) > 1
    ):
        spans = [(spans[0][0], spans[-1][1])]  # "United Nations bodies and agencies": one shared name
    for a, b in spans:
        part = phrase[a:b]
        if not _is_name(clean_name(part), doc_abbrevs):
            cut = aside.search(part)
            if cut is None and _aside(part.strip()):
                continue  # "en République dominicaine": a place joined to the names
            part = part[: cut.start()] if cut else part
            if not _is_name(clean_name(part), doc_abbrevs):
                return []
        out.append((a, clean_name(part)))
    return out


_SUBREC = re.compile(
    r"\b(?:sub-?)?recommendations?\s+(?:addressed\s+)?(?:to|for)\s+(?P<who>.+?)(?=\s+(?:include|includes|are|to|for|"
    r"on|regarding)\b|:|$)",
    re.I,
)
_PREP_CHUNK = re.compile(
    r"^(?:within|in|at|by|with|under|for|through|as|to|following|given|based|after|before|during|on|from|"
    r"building|in\s+line|while|where|when|if|together|beyond|taking|including|such\s+as|notably|especially|"
    r"particularly|e\.g\.)\b",
    re.I,
)
_MARKER = re.compile(r"^\(?(?:[a-z]|[ivx]{1,4}|\d+(?:\.\d+)*)[.)]\s*")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&-]{1,9}s?$")


# the name a "recommend that" clause opens with ("the Government", "NHS England and the Department")
_FRAMED_NAME = re.compile(r"(?:(?:the|all|each|every)\s+)?" + _PROPER_NAME.pattern)


# "... the HMICFRS reports the Government": the capitalised name that ends a subject, after "the"
_TRAILING_NAME = re.compile(r"\b(?:the|The)\s+(?P<name>[A-Z][\w'’-]+(?:\s+(?:of\s+)?[A-Z][\w'’-]+){0,4})$")


def _subject_actors(
    subject: str, base: int, hits: list[_Hit], tagger: ActorTagger, doc_abbrevs: Mapping[str, str] | None
) -> list[tuple[int, Actor]]:
    """Actors named in the subject of a sentence (text before its modal)."""
    found: list[tuple[int, Actor]] = []
    pos = 0
    chunks = []
    for m in re.finditer(r",\s*", subject):
        chunks.append((pos, m.start()))
        pos = m.end()
    chunks.append((pos, len(subject)))
    for c0, c1 in chunks:
        chunk = subject[c0:c1].strip()
        if chunk and _aside(chunk) and (c0, c1) == chunks[-1]:
            # "As part of a formal response the Government should ...", "If it has not done so already
            # the Government should ...": a lead phrase printed without its comma; the name that ends
            # right before the modal is the subject
            end = base + len(subject.rstrip())
            ending = [(h.start, h.actor) for h in hits if base + c0 <= h.start and h.end == end]
            tail = _TRAILING_NAME.search(subject.rstrip())
            if not ending and tail and _is_name(tail.group("name"), doc_abbrevs):
                ending = [
                    (
                        base + tail.start("name"),
                        normalise_actor(tail.group("name"), tagger.registry, doc_abbrevs),
                    )
                ]
            found += ending
            continue
        if not chunk or _aside(chunk):
            continue
        chunk_hits = [h for h in hits if base + c0 <= h.start < base + c1]
        for h in chunk_hits:
            pair = _FUNCTION_BEFORE.search(subject[c0 : h.start - base])
            if (
                pair
            ):  # "Monitoring and Evaluation Unit": a registered "Evaluation Unit" is part of a longer name
                name = subject[c0 + pair.start() : h.end - base]
                found.append((base + c0 + pair.start(), normalise_actor(name, tagger.registry, doc_abbrevs)))
            else:
                found.append((h.start, h.actor))
    if found:
        return found + _unregistered_conjuncts(subject, base, chunks, hits, tagger, doc_abbrevs)
    filled = [c for c in chunks if subject[c[0] : c[1]].strip()]
    named = [c for c in filled if not _aside(subject[c[0] : c[1]].strip())]
    if named and filled and named[-1] != filled[-1]:
        # "Le PNUD et l'OIM, en coordination avec les bureaux locaux": the chunk before the aside
        c0, c1 = named[-1]
        parts = _named_parts(_MARKER.sub("", subject[c0:c1]), doc_abbrevs)
        whole = clean_name(_MARKER.sub("", subject[c0:c1]))
        if not parts and whole and _is_name(whole, doc_abbrevs):
            parts = [(0, whole)]  # "Trust and provider leaders": one body named by a shared head
        return [(base + c0 + a, normalise_actor(n, tagger.registry, doc_abbrevs)) for a, n in parts]
    at = filled[-1][0] if filled else chunks[-1][0]
    if _words("subject_conjunctions", r"\s+(?:{})\s+").search(subject[at:]):
        parts = _named_parts(_MARKER.sub("", subject[at:].strip()), doc_abbrevs)
        if len(parts) > 1:
            # "States, the private sector and multilateral financial institutions": the names before
            for c0, c1 in reversed([c for c in filled if c[0] < at]):
                name = clean_name(_MARKER.sub("", subject[c0:c1]))
                if not name or _aside(name) or not _is_name(name, doc_abbrevs):
                    break
                parts.insert(0, (c0 - at, name))
            return [(base + at + a, normalise_actor(n, tagger.registry, doc_abbrevs)) for a, n in parts]
    last = clean_name(_MARKER.sub("", subject[at:].strip()))
    last = re.sub(
        r"\s+(?:more\s+)?(?:broadly|specifically|also|further|therefore|jointly|together)$",
        "",
        last,
        flags=re.I,
    )
    cut = _words("subject_asides", r"\s+(?:{})\s").search(last)
    if cut and _is_name(last[: cut.start()], doc_abbrevs) and _names_more(last[cut.end() :]):
        last = last[: cut.start()]  # "L'agence lead en collaboration avec le secrétariat"
    split = (
        _named_parts(_MARKER.sub("", subject[at:].strip()), doc_abbrevs)
        if last and _words("subject_conjunctions", r"\s+(?:{})\s+").search(last)
        else []
    )
    if len(split) > 1:
        # "ICSs and provider collaboratives": two bodies, each named by its own head or acronym
        found += [(base + at + a, normalise_actor(n, tagger.registry, doc_abbrevs)) for a, n in split]
    elif last and not _aside(last) and _is_name(last, doc_abbrevs):
        found.append((base + at, normalise_actor(last, tagger.registry, doc_abbrevs)))
    elif last and not _aside(last):
        # "Le PNUD et l'OIM en Haïti": names joined by a conjunction, each without its aside
        parts = _named_parts(_MARKER.sub("", subject[at:].strip()), doc_abbrevs)
        found += [(base + at + a, normalise_actor(n, tagger.registry, doc_abbrevs)) for a, n in parts]
    return found


def actors_from_text(
    text: str, tagger: ActorTagger, tokenizer, doc_abbrevs: Mapping[str, str] | None = None
) -> tuple[Actor, ...]:
    """Addressees named inside a recommendation's wording.

    The first sentence whose subject names an actor ("The executive heads of United Nations
    system organizations should ...", "IOM more broadly, and the AAP team more specifically,
    should ...") or that addresses sub-recommendations ("Subrecommendations to UNICEF include:")
    gives the actors. Actors after the modal verb ("request an update from the executive heads")
    and in leading phrases ("In consultation with ESCAP, ...") are not addressees.
    """
    if not text.strip():
        return ()
    hits = _registry_hits(text, tagger, tokenizer, doc_abbrevs)
    pos = 0
    bounds = []
    for m in _SENT.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    every: list[tuple[int, Actor]] = []
    for s0, s1 in bounds:
        sentence = text[s0:s1]
        found: list[tuple[int, Actor]] = []
        lead = _impersonal(sentence)
        modal = _find_modal(sentence) if lead is None else None
        if lead is not None:
            found += _subject_actors(sentence[lead[0] : lead[1]], s0 + lead[0], hits, tagger, doc_abbrevs)
        later = bool(every) or s0 > 0
        if (
            modal
            and later
            and (_PASSIVE.match(sentence[modal.end() :]) or _CLAUSE.search(sentence[: modal.start()]))
        ):
            modal = None  # "... knowledge should be protected", "whether the division should": not addressed
        frame = _words("subject_frames", r"\b(?:{})\s+").search(sentence) if lead is None else None
        if modal:
            cut = max(sentence.rfind(";", 0, modal.start()), sentence.rfind(":", 0, modal.start())) + 1
            if frame and cut <= frame.start() and frame.end() <= modal.start():
                cut = frame.end()  # "We recommend that the Government should ...": after the frame
            found += _subject_actors(sentence[cut : modal.start()], s0 + cut, hits, tagger, doc_abbrevs)
        elif frame:
            # "We recommend that the Government consults ...": the subjunctive's subject, a name
            name = _FRAMED_NAME.match(sentence, frame.end())
            if name:
                found += _subject_actors(
                    sentence[frame.end() : name.end()], s0 + frame.end(), hits, tagger, doc_abbrevs
                )
        for m in _SUBREC.finditer(sentence):
            w0, w1 = s0 + m.start("who"), s0 + m.end("who")
            found += [(h.start, h.actor) for h in hits if w0 <= h.start < w1]
        every += found
    # every sentence's subject counts: "Provider boards should ... CQC should ... NHS England should"
    return _dedupe(a for _, a in sorted(every, key=lambda x: x[0])) if every else ()
