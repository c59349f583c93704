"""The tagging stage: Document -> Document with actors, topics and entities filled in.

``build_nlp(settings)`` assembles the spaCy pipeline from ``[nlp]`` in ``docket.toml``: a blank
English pipeline (or a named trained model, whose statistical entities are then kept), then
``docket_actor_tagger``, one ``docket_topic_tagger`` per taxonomy and ``docket_entity_tagger``.
``tag_document`` runs every text of a document through it with ``nlp.pipe`` and returns a new
Document (``dataclasses.replace``); the input is never changed.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import spacy
from spacy.language import Language

from ..models import Actor, Document, Entity
from ..parse.decisions import addressed
from ..parse.responses import responsible_names
from .abbreviations import learn_abbreviations
from .actors import _TEXT_KEY, ActorTagger, actors_from_raw, actors_from_text
from .config import NlpSettings, load_settings
from .topics import load_taxonomy

log = logging.getLogger(__name__)

MODEL_EXCLUDE = ["parser", "tagger", "attribute_ruler", "lemmatizer", "senter", "morphologizer"]


@dataclass
class Tagger:
    """A built pipeline and what tagging needs next to it."""

    nlp: Language
    settings: NlpSettings
    warnings: tuple[str, ...] = ()

    @property
    def actor_tagger(self) -> ActorTagger:
        return cast(ActorTagger, self.nlp.get_pipe("docket_actor_tagger"))


def _base_pipeline(settings: NlpSettings) -> tuple[Language, list[str]]:
    if not settings.model:
        return spacy.blank("en"), []
    try:
        return spacy.load(settings.model, exclude=MODEL_EXCLUDE), []
    except (OSError, ImportError, ValueError) as e:
        where = settings.source or "docket.toml"
        msg = (
            f"{where}: [nlp] model {settings.model!r} is not installed or cannot be loaded "
            f"({str(e).splitlines()[0][:160]}); tagging with the rule-based pipeline only. "
            f'Install the model, or set model = "" to silence this.'
        )
        log.warning(msg)
        return spacy.blank("en"), [msg]


class _TextKeepingTokenizer:
    """spaCy's tokenizer, which also keeps the text it was given on the Doc (``actors.doc_text``):
    spaCy rebuilds ``doc.text`` from the tokens on every access, a tenth of the tagging time.
    Tokenization is non-destructive, so the tokens' text is that text."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str):
        doc = self.tokenizer(text)
        doc.user_data[_TEXT_KEY] = text
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str):  # vocab, explain, to_bytes ...: the wrapped tokenizer's
        return getattr(self.tokenizer, name)


def build_nlp(settings: NlpSettings) -> Tagger:
    """Assemble the pipeline (uncached; use ``get_tagger`` for the cached one)."""
    nlp, warnings = _base_pipeline(settings)
    nlp.max_length = max(nlp.max_length, 5_000_000)
    nlp.tokenizer = _TextKeepingTokenizer(nlp.tokenizer)
    nlp.add_pipe("docket_actor_tagger", config={"registry_path": str(settings.actors)})
    for i, path in enumerate(settings.taxonomies):
        name = "docket_topic_tagger" if i == 0 else f"docket_topic_tagger_{load_taxonomy(path).name}"
        nlp.add_pipe("docket_topic_tagger", name=name, config={"taxonomy_path": str(path)})
    nlp.add_pipe("docket_entity_tagger")
    return Tagger(nlp=nlp, settings=settings, warnings=tuple(warnings))


_CACHE: dict[tuple, Tagger] = {}
_LOCK = threading.Lock()


def get_tagger(settings_dir: Path | str | None = None) -> Tagger:
    """The pipeline for a settings folder, built once per process and per version of its files."""
    settings = load_settings(settings_dir)
    key = settings.cache_key()
    with _LOCK:
        tagger = _CACHE.get(key)
        if tagger is None:
            tagger = _CACHE[key] = build_nlp(settings)
        return tagger


def _with_source(entities, where: str) -> tuple[Entity, ...]:
    return tuple(dataclasses.replace(e, attrs=(*e.attrs, ("in", where))) for e in entities)


def document_abbreviations(doc: Document) -> dict[str, str]:
    """Short form -> long form for the abbreviations defined anywhere in the document."""
    texts = [doc.info.title]
    texts += [t for s in doc.sections for t in (s.heading, s.text)]
    texts += [o.text for o in doc.objectives]
    texts += [t for a in doc.agenda_items for t in (a.title, a.description)]
    texts += [t for r in doc.recommendations for t in (r.title, r.text, r.actors_raw)]
    return learn_abbreviations(texts)


def tag_document(doc: Document, settings_dir: Path | None = None) -> Document:
    """Return a new Document whose recommendations and decisions carry actors, topics and entities,
    whose objectives carry topics and which carries the entities of its sections and agenda."""
    tagger = get_tagger(settings_dir)
    nlp = tagger.nlp
    abbrevs = document_abbreviations(doc)
    tokenizer = nlp.tokenizer
    actor_tagger = tagger.actor_tagger

    jobs: list[tuple[str, int, str]] = []  # (kind, index, field)
    texts: list[str] = []
    for i, r in enumerate(doc.recommendations):
        jobs.append(("rec", i, "text"))
        texts.append(r.text)
    for i, dec in enumerate(doc.decisions):
        jobs.append(("dec", i, "text"))
        texts.append(dec.text)
    for i, o in enumerate(doc.objectives):
        jobs.append(("obj", i, "text"))
        texts.append(o.text)
    for i, s in enumerate(doc.sections):
        jobs.append(("sec", i, "text"))
        texts.append(s.text)
    for i, a in enumerate(doc.agenda_items):
        for field in ("title", "description"):
            if getattr(a, field):
                jobs.append(("agenda", i, field))
                texts.append(getattr(a, field))
    docs = list(nlp.pipe(texts, batch_size=tagger.settings.batch_size))
    by_job = dict(zip(jobs, docs, strict=True))

    recs = []
    for i, r in enumerate(doc.recommendations):
        d = by_job[("rec", i, "text")]
        actors: tuple[Actor, ...] = ()
        if r.actors_raw.strip():
            actors = actors_from_raw(r.actors_raw, actor_tagger, tokenizer, abbrevs)
        if not actors:
            actors = actors_from_text(r.text, actor_tagger, tokenizer, abbrevs)
        response = r.management_response
        if response is not None and response.actions:
            response = dataclasses.replace(
                response,
                actions=tuple(
                    dataclasses.replace(
                        a,
                        actors=actors_from_raw(
                            responsible_names(a.responsible), actor_tagger, tokenizer, abbrevs
                        ),
                    )
                    if a.responsible.strip()
                    else a
                    for a in response.actions
                ),
            )
        recs.append(
            dataclasses.replace(
                r,
                actors=actors,
                management_response=response,
                topics=tuple(d._.docket_topics or ()),
                entities=tuple(d._.docket_entities or ()),
            )
        )
    decisions = [
        dataclasses.replace(
            dec,
            actors=actors_from_raw(addressed(dec), actor_tagger, tokenizer, abbrevs)
            if addressed(dec)
            else (),
            topics=tuple(by_job[("dec", i, "text")]._.docket_topics or ()),
            entities=tuple(by_job[("dec", i, "text")]._.docket_entities or ()),
        )
        for i, dec in enumerate(doc.decisions)
    ]
    objectives = [
        dataclasses.replace(o, topics=tuple(by_job[("obj", i, "text")]._.docket_topics or ()))
        for i, o in enumerate(doc.objectives)
    ]
    entities: list[Entity] = []
    for (kind, i, field), d in by_job.items():
        if kind == "sec":
            entities += _with_source(d._.docket_entities or (), f"sections[{i}].{field}")
        elif kind == "agenda":
            entities += _with_source(d._.docket_entities or (), f"agenda_items[{i}].{field}")
    warnings = tuple(doc.warnings) + tuple(w for w in tagger.warnings if w not in doc.warnings)
    return dataclasses.replace(
        doc,
        recommendations=tuple(recs),
        decisions=tuple(decisions),
        objectives=tuple(objectives),
        entities=tuple(entities),
        warnings=warnings,
    )
