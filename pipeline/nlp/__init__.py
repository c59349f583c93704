"""The tagging stage: actors, topics and entities on parsed records, with spaCy.

Importing this package registers docket's spaCy factories (``docket_actor_tagger``,
``docket_topic_tagger``, ``docket_entity_tagger``), so they can be added to any pipeline::

    import spacy, pipeline.nlp
    nlp = spacy.blank("en")
    nlp.add_pipe("docket_actor_tagger")

The same factories are declared under ``[project.entry-points.spacy_factories]``.
"""

from __future__ import annotations

from .actors import (
    ActorEntry,
    ActorRegistry,
    ActorTagger,
    actors_from_raw,
    actors_from_text,
    load_registry,
    make_actor_tagger,
    normalise_actor,
    split_addressees,
)
from .config import NlpSettings, load_settings
from .entities import EntityTagger, make_entity_tagger
from .tag import Tagger, build_nlp, document_abbreviations, get_tagger, tag_document
from .topics import Taxonomy, TopicTagger, load_taxonomy, make_topic_tagger

__all__ = [
    "ActorEntry",
    "ActorRegistry",
    "ActorTagger",
    "EntityTagger",
    "NlpSettings",
    "Tagger",
    "Taxonomy",
    "TopicTagger",
    "actors_from_raw",
    "actors_from_text",
    "build_nlp",
    "document_abbreviations",
    "get_tagger",
    "load_registry",
    "load_settings",
    "load_taxonomy",
    "make_actor_tagger",
    "make_entity_tagger",
    "make_topic_tagger",
    "normalise_actor",
    "split_addressees",
    "tag_document",
]
