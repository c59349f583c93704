"""How a recommendation's wording is read for topic scoring: names, acronyms, clause roles,
leads, word families and coordinated phrases (pipeline/nlp/clauses.py, wordforms.py, topics.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.nlp import load_taxonomy
from pipeline.nlp.clauses import BODY, DIRECTIVE, LEAD, MAIN, NAME, PURPOSE, SIDE, SKIP, analyse
from pipeline.nlp.topics import tag_text
from pipeline.nlp.wordforms import Lexicon

CONFIG = Path(__file__).resolve().parent.parent / "config"


def roles_of(text: str, words: str) -> list[int]:
    """The roles of the words of ``words`` (a substring of ``text``)."""
    a = analyse(text)
    start = text.index(words)
    end = start + len(words)
    return [a.role[k] for k in range(len(a.starts)) if start <= a.starts[k] and a.ends[k] <= end]


def test_clauses_a_name_needs_capitalised_words_not_connectors():
    # "Strengthen the Department" is a sentence's first word, "the" and one capitalised word: no name
    text = "Strengthen the Department’s administrative capacity to collect all money due."
    assert roles_of(text, "Strengthen the Department") == [MAIN, MAIN, MAIN]
    named = "Create an Education Outcomes Fund for the region."
    assert roles_of(named, "Education Outcomes Fund") == [NAME, NAME, NAME]


def test_clauses_acronyms_are_not_words():
    a = analyse("Incorporate SEA into enterprise risk management and protect the sea.")
    assert "SEA" in a.lemmas and "sea" in a.lemmas
    env = load_taxonomy(CONFIG / "environment.toml")
    assert tag_text("Incorporate SEA into enterprise risk management processes.", env) == []
    default = load_taxonomy(CONFIG / "topics.toml")
    tags = tag_text("Train all personnel on SEA and PSEA reporting lines.", default)
    assert "ethics_integrity" in {t.id for t in tags}
    # an acronym that is no word matches its pattern in any case: "COVID-19" is "covid-19"
    sdg = load_taxonomy(CONFIG / "sdg.toml")
    assert "sdg3" in {t.id for t in tag_text("Support staff affected by COVID-19 with counselling.", sdg)}
    # a text set in capitals says nothing by its capitals: its words stay words
    assert "sea" in analyse("PROTECT THE SEA AND THE COAST").lemmas


def test_clauses_purpose_and_condition_are_told_apart():
    text = "Review the policy in order to improve monitoring, if funds permit, and report annually."
    assert set(roles_of(text, "in order to improve monitoring")) == {PURPOSE}
    assert set(roles_of(text, "if funds permit")) == {SIDE}
    assert set(roles_of(text, "Review the policy")) == {MAIN}


def test_clauses_time_and_frame_phrases_are_side_clauses():
    text = "UNDP, before the adoption of the strategic plan, assess the reconfiguration of hubs."
    assert set(roles_of(text, "before the adoption of the strategic plan")) == {SIDE}
    assert set(roles_of(text, "assess the reconfiguration")) == {MAIN}
    once = "Once the audit is signed, brief the Committee on the audit outcomes."
    assert set(roles_of(once, "Once the audit is signed")) == {SIDE}
    assert set(roles_of(once, "brief the Committee")) == {MAIN}


def test_clauses_later_sentence_with_its_own_modal_is_a_directive():
    text = (
        "NHS England should establish a programme of work. The evidence is mixed. "
        "CQC should assess the quality of this information."
    )
    a = analyse(text)
    place = {text[a.starts[k] : a.ends[k]]: a.lead[k] for k in range(len(a.starts))}
    assert place["programme"] == LEAD
    assert place["mixed"] == BODY
    assert place["quality"] == DIRECTIVE
    assert place["CQC"] == DIRECTIVE and a.role[a.lemmas.index("cqc")] == SKIP  # its addressee


def test_clauses_directive_weight_decides_what_later_asks_count(tmp_path):
    body = (
        '[taxonomy]\nname = "t"\nmin_score = 0.4\nbody_weight = 0.0\nlead_boost = 1.0\n'
        '[[topics]]\nid = "audit"\nlabel = "Audit"\nlemmas = ["audit"]\n'
        '[[topics]]\nid = "training"\nlabel = "Training"\nlemmas = ["training"]\n'
    )
    text = (
        "The office should commission an audit. Staff said training was short. The unit must plan training."
    )
    tax = tmp_path / "t.toml"
    tax.write_text(body.replace("lead_boost", "directive_weight = 0.0\nlead_boost"), encoding="utf-8")
    assert [t.id for t in tag_text(text, load_taxonomy(tax))] == ["audit"]
    tax.write_text(body.replace("lead_boost", "directive_weight = 1.0\nlead_boost"), encoding="utf-8")
    tags = {t.id: t for t in tag_text(text, load_taxonomy(tax))}
    assert set(tags) == {"audit", "training"}
    # the evidence is the directive's "training", not the finding's
    assert [e.start for e in tags["training"].evidence] == [text.rindex("training")]


def test_wordforms_agent_nouns_lend_no_family():
    lex = Lexicon.for_language("en")
    assert "collaboration" in lex.family("collaborate") and "collaborator" in lex.family("collaborate")
    assert "indicate" not in lex.family("indicator")
    assert "regulator" not in lex.family("regulation") and "regulate" in lex.family("regulation")


def test_topics_coordinated_phrase_and_longer_phrase_first():
    default = load_taxonomy(CONFIG / "topics.toml")
    tags = {
        t.id: t for t in tag_text("UNDP schedule staffing and organizational reviews of offices.", default)
    }
    assert "staff_hr" in tags
    assert [e.term for e in tags["staff_hr"].evidence] == ["staffing and organizational reviews"]
    # "human and financial resources" is the capacity of a unit, not human resources (staff)
    ids = {t.id for t in tag_text("Provide the unit with adequate human and financial resources.", default)}
    assert "secretariat_capacity" in ids and "staff_hr" not in ids


def test_topics_reversed_phrases_stop_at_compounds_and_conjunctions(tmp_path):
    tax = tmp_path / "t.toml"
    tax.write_text(
        '[taxonomy]\nname = "t"\nmin_score = 0.3\n'
        '[[topics]]\nid = "risk"\nlabel = "Risk"\nphrases = ["risk-based"]\n'
        '[[topics]]\nid = "funding"\nlabel = "Funding"\nphrases = ["financial resources"]\n',
        encoding="utf-8",
    )
    t = load_taxonomy(tax)
    assert [x.id for x in tag_text("Adopt a risk-based approach.", t)] == ["risk"]
    # a hyphenated compound is matched word for word only: "based on ... risk" is not "risk-based"
    assert tag_text("Decide based on a sustainability risk.", t) == []
    # "resources, financial and human" still reads as "financial resources"; a conjunction ends it
    assert [x.id for x in tag_text("Mobilise resources, financial and human, for the office.", t)] == [
        "funding"
    ]
    assert tag_text("Analyse the human resources and the financial consequences.", t) == []


def test_taxonomy_new_weights_are_checked(tmp_path):
    tax = tmp_path / "w.toml"
    tax.write_text(
        '[taxonomy]\ndirective_weight = 7\n[[topics]]\nid = "a"\nlabel = "A"\nlemmas = ["a"]\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"w\.toml \(taxonomy\.directive_weight\).*from 0\.0 to 5\.0"):
        load_taxonomy(tax)
    tax.write_text(
        '[taxonomy]\npurpose_weight = "half"\n[[topics]]\nid = "a"\nlabel = "A"\nlemmas = ["a"]\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"purpose_weight must be a number"):
        load_taxonomy(tax)
