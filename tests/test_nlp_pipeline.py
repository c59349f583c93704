"""Building the tagging pipeline from config, the model fallback, tag_document, entities, CLI."""

from __future__ import annotations

import csv
import json
import logging
import shutil
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner

from pipeline.cli.actors_cli import actors_command
from pipeline.errors import ConfigError
from pipeline.models import (
    AgendaItem,
    Document,
    DocumentInfo,
    Objective,
    Provenance,
    Recommendation,
    Section,
)
from pipeline.nlp import build_nlp, get_tagger, load_settings, tag_document
from pipeline.nlp.config import PACKAGE_DATA
from pipeline.nlp.entities import find_dates, find_meetings

REPO_CONFIG = Path(__file__).resolve().parent.parent / "config"
PROV = Provenance(source_file="seed.txt")


def seed_like_document() -> Document:
    return Document(
        info=DocumentInfo(id="d1", source_file="seed.txt", sha256="0", format="txt", title="NFP meeting"),
        sections=(
            Section(
                heading="1. Background",
                level=1,
                provenance=PROV,
                text="Mandated by the 23rd Senior Officials Meeting (SOM), the evaluation was reviewed at "
                "the 24th SOM in October 2020.",
            ),
        ),
        objectives=(Objective(text="Examine the funding mechanism of NEASPEC;", provenance=PROV),),
        agenda_items=(
            AgendaItem(
                title="Opening",
                provenance=PROV,
                description="Mr. Ganbold Baasanjav, Head of ESCAP East and North-East Asia Office",
            ),
        ),
        recommendations=(
            Recommendation(
                number="4",
                provenance=PROV,
                actors_raw="For ESCAP's Executive Secretary and NEASPEC secretariat",
                text="Strengthen existing links and identify and broaden new communication and reporting "
                "channels between NEASPEC and ESCAP.",
            ),
            Recommendation(
                number="5",
                provenance=PROV,
                text="The Senior Officials Meeting should revise the funding modalities by SOM-25.",
            ),
        ),
    )


def test_pipeline_blank_by_default_with_docket_components():
    tagger = get_tagger()
    assert tagger.nlp.pipe_names == [
        "docket_actor_tagger",
        "docket_topic_tagger",
        "docket_topic_tagger_environment",
        "docket_topic_tagger_sdg",
        "docket_entity_tagger",
    ]
    assert tagger.warnings == ()
    assert get_tagger() is tagger  # cached per settings folder


def test_pipeline_tag_document_fills_records():
    doc = seed_like_document()
    out = tag_document(doc)
    assert out is not doc and doc.recommendations[0].actors == ()
    r4, r5 = out.recommendations
    assert [a.name for a in r4.actors] == ["ESCAP Executive Secretary", "NEASPEC Secretariat"]
    assert all(a.registered for a in r4.actors)
    assert [a.name for a in r5.actors] == ["SOM"]
    comm = next(t for t in r4.topics if t.id == "communication")
    assert all(r4.text[e.start : e.end] == e.term for e in comm.evidence)
    assert {e.label for e in r4.entities} == {"ORG"}
    meeting = next(e for e in r5.entities if e.label == "MEETING")
    assert (meeting.text, meeting.normalized) == ("SOM-25", "SOM-25")
    assert [t.id for t in out.objectives[0].topics][:1] == ["funding"]
    by_label = {(e.label, e.text) for e in out.entities}
    assert ("MEETING", "24th SOM") in by_label and ("DATE", "October 2020") in by_label
    person = next(e for e in out.entities if e.label == "PERSON")
    assert dict(person.attrs)["role"] == "Head"
    assert dict(person.attrs)["organisation"] == "ESCAP East and North-East Asia Office"
    assert dict(person.attrs)["in"] == "agenda_items[0].description"
    json.dumps(out.to_dict())  # serialisable


def test_pipeline_missing_model_falls_back_with_clear_message(tmp_path, caplog):
    (tmp_path / "docket.toml").write_text('[nlp]\nmodel = "en_core_web_nonexistent"\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        out = tag_document(seed_like_document(), tmp_path)
    message = next(w for w in out.warnings if "en_core_web_nonexistent" in w)
    assert "not installed" in message and "rule-based pipeline" in message and "docket.toml" in message
    assert any("en_core_web_nonexistent" in r.getMessage() for r in caplog.records)
    assert [a.name for a in out.recommendations[0].actors] == [
        "ESCAP Executive Secretary",
        "NEASPEC Secretariat",
    ]


def test_pipeline_settings_fall_back_to_packaged_defaults(tmp_path):
    (tmp_path / "docket.toml").write_text('[nlp]\nmodel = ""\n', encoding="utf-8")
    settings = load_settings(tmp_path)
    assert settings.actors == PACKAGE_DATA / "actors.csv"
    assert [p.name for p in settings.taxonomies] == ["topics.toml", "environment.toml", "sdg.toml"]
    shutil.copy(REPO_CONFIG / "actors.csv", tmp_path / "actors.csv")
    assert load_settings(tmp_path).actors == tmp_path / "actors.csv"
    nested = tmp_path / "proj"
    (nested / "config").mkdir(parents=True)
    (nested / "config" / "docket.toml").write_text('[nlp]\ntaxonomies = ["topics.toml"]\n', encoding="utf-8")
    assert [p.name for p in load_settings(nested).taxonomies] == ["topics.toml"]


def test_pipeline_packaged_defaults_match_repo_config():
    for name in ("actors.csv", "topics.toml", "environment.toml", "sdg.toml", "docket.toml"):
        assert (PACKAGE_DATA / name).read_bytes() == (REPO_CONFIG / name).read_bytes(), name


@pytest.mark.parametrize(
    ("toml", "match"),
    [
        ('[nlp]\nmodell = ""\n', "unknown key"),
        ("[nlp]\nmodel = 3\n", r"nlp\.model"),
        ('[nlp]\ntaxonomies = ["nope.toml"]\n', "'nope.toml' not found"),
        ("[nlp\n", "not valid TOML"),
    ],
)
def test_pipeline_bad_settings_raise_config_error(tmp_path, toml, match):
    (tmp_path / "docket.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=match):
        load_settings(tmp_path)


def test_pipeline_factories_are_declared_as_entry_points():
    eps = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    if "docket_actor_tagger" not in eps:
        pytest.skip("package not installed (pip install -e .)")
    assert eps["docket_actor_tagger"] == "pipeline.nlp.actors:make_actor_tagger"
    assert eps["docket_topic_tagger"] == "pipeline.nlp.topics:make_topic_tagger"
    for value in eps.values():
        module, func = value.split(":")
        assert callable(getattr(__import__(module, fromlist=[func]), func))


def test_pipeline_components_work_in_any_blank_pipeline():
    nlp = spacy.blank("en")
    for name in ("docket_actor_tagger", "docket_topic_tagger", "docket_entity_tagger"):
        nlp.add_pipe(name)
    doc = nlp("ESCAP and the NEASPEC secretariat will hold virtual meetings on 30 March 2021.")
    assert [(e.text, e.label_) for e in doc.ents] == [("ESCAP", "ORG"), ("NEASPEC secretariat", "ORG")]
    assert "meetings_digital" in {t.id for t in doc._.docket_topics}
    assert ("DATE", "2021-03-30") in {(e.label, e.normalized) for e in doc._.docket_entities}


def test_pipeline_build_is_independent_of_the_cache():
    tagger = build_nlp(load_settings(None))
    assert tagger is not get_tagger()


@pytest.mark.parametrize(
    ("text", "normalized", "attrs"),
    [
        ("the 24th SOM in October 2020", "SOM-24", {"ordinal": "24", "year": "2020"}),
        ("at SOM-25", "SOM-25", {"ordinal": "25"}),
        ("At its eighty-first session, the General Assembly", "session 81", {"ordinal": "81"}),
        ("the 9th Uganda Evaluation Week", "Uganda Evaluation Week 9", {"ordinal": "9"}),
    ],
)
def test_entities_meeting_references(text, normalized, attrs):
    (m,) = find_meetings(text)
    assert m.normalized == normalized and attrs.items() <= dict(m.attrs).items()
    assert text[m.start : m.end] == m.text


def test_entities_dates():
    got = [(e.text, e.normalized) for e in find_dates("25 February 2020, May 4-8, 2026 and December 2024")]
    assert got == [
        ("25 February 2020", "2020-02-25"),
        ("May 4-8, 2026", "2026-05-04"),
        ("December 2024", "2024-12"),
    ]


def _write_output(folder: Path, name: str, actors: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(
        json.dumps({"recommendations": [{"number": "1", "actors": actors}]}), encoding="utf-8"
    )


def test_cli_actors_lists_counts_and_filters(tmp_path):
    som = {"name": "SOM", "id": "som", "kind": "governing body", "registered": True}
    odd = {"name": "Regional Coordination Unit", "id": "", "kind": "", "registered": False}
    _write_output(tmp_path / "a" / "json", "x.json", [som, odd])
    _write_output(tmp_path / "b", "y.json", [som])
    (tmp_path / "b" / "broken.json").write_text("{", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(actors_command, [str(tmp_path / "a"), str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "broken.json" in result.stderr
    assert lines[1].split()[:3] == ["SOM", "yes", "governing"] and lines[1].split()[-1] == "2"
    assert "Regional Coordination Unit" in lines[2] and lines[2].split()[-1] == "1"
    csv_out = runner.invoke(actors_command, [str(tmp_path), "--csv"]).stdout
    assert csv_out.splitlines()[0] == "name,id,kind,registered,count"
    assert csv_out.splitlines()[1:] == ["SOM,som,governing body,yes,2", "Regional Coordination Unit,,,no,1"]
    unreg = runner.invoke(actors_command, [str(tmp_path), "--unregistered", "--csv"]).stdout
    assert unreg.splitlines()[0] == "id,name,kind,aliases,abbreviations,count,documents,example"
    assert unreg.splitlines()[1].startswith(
        "regional_coordination_unit,Regional Coordination Unit,unit,,,1,1,"
    )
    assert len(unreg.splitlines()) == 2, "the registered SOM is no proposal"


def test_issue_17_actors_propose_registry_rows(tmp_path):
    rcu = {"name": "Regional Coordination Unit", "id": "", "kind": "", "registered": False}
    rcu2 = {"name": "regional coordination unit", "id": "", "kind": "", "registered": False}
    abbrev = {"name": "RCU", "id": "", "kind": "", "registered": False}
    board = {"name": "Audit Advisory Committee", "id": "", "kind": "", "registered": False}
    common = {"name": "partners", "id": "", "kind": "", "registered": False}
    som = {"name": "SOM", "id": "som", "kind": "governing body", "registered": True}
    _write_output(tmp_path / "a", "x.json", [rcu, rcu, board, common, som])
    _write_output(tmp_path / "b", "y.json", [rcu2, abbrev, common])
    result = CliRunner().invoke(actors_command, [str(tmp_path), "--propose"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(result.stdout.splitlines()))
    assert rows[0] == ["id", "name", "kind", "aliases", "abbreviations", "count", "documents"]
    assert rows[1:] == [
        [
            "regional_coordination_unit",
            "Regional Coordination Unit",
            "unit",
            "regional coordination unit",
            "RCU",
            "4",
            "2",
        ],
        ["audit_advisory_committee", "Audit Advisory Committee", "governing body", "", "", "1", "1"],
    ], "ranked by frequency; no row for the common noun 'partners' nor for the registered SOM"


def test_pipeline_doc_keeps_its_text_exactly():
    from pipeline.nlp.actors import doc_text

    nlp = get_tagger().nlp
    for text in ("The Board  should review\tits rules.\n(a) e.g. “quotes”;  trailing ", "", "  "):
        doc = nlp(text)
        assert doc_text(doc) == doc.text == text
    assert nlp.tokenizer.vocab is nlp.vocab
