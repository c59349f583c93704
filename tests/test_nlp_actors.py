"""Actor registry, addressee splitting and normalisation."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from pipeline.errors import ConfigError
from pipeline.models import Document, DocumentInfo, Provenance, Recommendation, Section
from pipeline.nlp import (
    ActorRegistry,
    actors_from_raw,
    actors_from_text,
    get_tagger,
    load_registry,
    normalise_actor,
    split_addressees,
    tag_document,
)
from pipeline.nlp.abbreviations import find_abbreviations

PROV = Provenance(source_file="x.txt")


@pytest.fixture(scope="module")
def tagger():
    return get_tagger()


def names(actors) -> list[str]:
    return [a.name for a in actors]


def from_raw(tagger, raw, abbrevs=None):
    return actors_from_raw(raw, tagger.actor_tagger, tagger.nlp.tokenizer, abbrevs)


def from_text(tagger, text, abbrevs=None):
    return actors_from_text(text, tagger.actor_tagger, tagger.nlp.tokenizer, abbrevs)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("For NEASPEC secretariat, SOM, and ESCAP", ["NEASPEC secretariat", "SOM", "ESCAP"]),
        ("FOR NEASPEC SECRETARIAT and SOM", ["NEASPEC SECRETARIAT", "SOM"]),
        (
            "For ESCAP's Executive Secretary and NEASPEC secretariat",
            ["ESCAP's Executive Secretary", "NEASPEC secretariat"],
        ),
        (
            "Recommendation to: ● project management;\n● donors\n● IOM Headquarters.",
            ["project management", "donors", "IOM Headquarters"],
        ),
    ],
)
def test_actors_split_addressees(raw, expected):
    assert split_addressees(raw) == expected


def test_actors_case_insensitive(tagger):
    assert names(from_raw(tagger, "FOR NEASPEC SECRETARIAT and SOM")) == ["NEASPEC Secretariat", "SOM"]


@pytest.mark.parametrize(
    "raw",
    [
        "For ESCAP's Executive Secretary",
        "For ESCAP’s Executive Secretary",
        "For the Executive Secretary of ESCAP",
        "For ESCAP Executive Secretary",
    ],
)
def test_actors_possessive_is_the_same_actor(tagger, raw):
    actors = from_raw(tagger, raw)
    assert names(actors) == ["ESCAP Executive Secretary"]
    assert actors[0].registered and actors[0].id == "escap_executive_secretary"


def test_actors_coordinated_list_gives_three_actors(tagger):
    actors = from_raw(tagger, "For NEASPEC secretariat, SOM, and ESCAP")
    assert names(actors) == ["NEASPEC Secretariat", "SOM", "ESCAP"]
    assert [a.kind for a in actors] == ["secretariat", "governing body", "UN entity"]


def test_actors_addressee_inside_sentence(tagger):
    text = (
        "By the end of 2026, executive heads of United Nations system organizations should take collective "
        "action, in consultation with the executive heads of other CEB organizations."
    )
    assert names(from_text(tagger, text)) == ["Executive heads of United Nations system organizations"]


def test_actors_leading_phrase_and_object_are_not_addressees(tagger):
    text = (
        "In consultation with ESCAP, the NEASPEC secretariat should report to the SOM. "
        "The report should be shared with the SOM."
    )
    assert names(from_text(tagger, text)) == ["NEASPEC Secretariat"]


def test_actors_every_sentence_subject_is_an_addressee(tagger):
    """A later sentence with a subject of its own addresses it too ("Provider boards should ...
    CQC should ..."); a passive one or a clause ("whether ESCAP should") does not."""
    text = "The NEASPEC secretariat should report to the SOM. ESCAP should also help."
    assert names(from_text(tagger, text)) == ["NEASPEC Secretariat", "ESCAP"]
    text = (
        "The NEASPEC secretariat should report to the SOM. A decision on whether ESCAP should help is needed."
    )
    assert names(from_text(tagger, text)) == ["NEASPEC Secretariat"]


def test_actors_imperative_has_no_addressee(tagger):
    assert from_text(tagger, "Enhance the resourcing of the NEASPEC Secretariat.") == ()


def test_actors_two_subjects(tagger):
    text = "IOM more broadly, and the AAP team more specifically, should continue the collaboration."
    assert names(from_text(tagger, text)) == ["IOM", "AAP team"]


def test_actors_unregistered_kept_with_surface_form(tagger):
    actors = from_raw(tagger, "For the Regional Coordination Unit and SOM")
    assert names(actors) == ["Regional Coordination Unit", "SOM"]
    assert actors[0].registered is False and actors[0].id == ""
    assert actors[1].registered is True
    unreg = from_text(tagger, "The Regional Bureau for Africa should prepare a plan.")
    assert [(a.name, a.registered) for a in unreg] == [("Regional Bureau for Africa", False)]


def test_actors_qualifiers_are_not_actors(tagger):
    raw = (
        "IOM staff in the Horn of Africa (e.g. Nairobi RO), senior management involved in strategic partnerships "
        "and regional cooperation, and donor cooperation; IOM HQ and IOM Brussels staff in charge of donor "
        "cooperation."
    )
    assert names(from_raw(tagger, raw)) == [
        "IOM staff in the Horn of Africa",
        "senior management",
        "IOM Headquarters",
        "IOM Brussels",
    ]


def test_actors_document_defined_abbreviation(tmp_path):
    csv_path = tmp_path / "actors.csv"
    csv_path.write_text(
        "id,name,kind,aliases,abbreviations\ncso,Committee of Senior Officials,governing body,,\n",
        encoding="utf-8",
    )
    registry = ActorRegistry.from_csv(csv_path)
    abbrevs = find_abbreviations("The Committee of Senior Officials (CoSO) met in 2020. The CoSO agreed.")
    assert abbrevs == {"CoSO": "Committee of Senior Officials"}
    actor = normalise_actor("the CoSO", registry, abbrevs)
    assert (actor.name, actor.id, actor.registered) == ("Committee of Senior Officials", "cso", True)
    assert normalise_actor("CoSO", registry, {}).registered is False


def test_actors_document_abbreviation_in_tag_document(tmp_path):
    (tmp_path / "actors.csv").write_text(
        "id,name,kind,aliases,abbreviations\nrcu,Regional Coordination Unit,unit,,\n", encoding="utf-8"
    )
    (tmp_path / "docket.toml").write_text('[nlp]\nmodel = ""\n', encoding="utf-8")
    doc = Document(
        info=DocumentInfo(id="d", source_file="d.txt", sha256="0", format="txt"),
        sections=(
            Section(
                heading="Background",
                level=1,
                provenance=PROV,
                text="The Regional Coordination Unit (RCU) leads the work.",
            ),
        ),
        recommendations=(
            Recommendation(number="1", text="Do it.", provenance=PROV, actors_raw="For RCU"),
            Recommendation(number="2", text="The RCU should review the plan.", provenance=PROV),
        ),
    )
    out = tag_document(doc, tmp_path)
    assert [(a.name, a.registered) for a in out.recommendations[0].actors] == [
        ("Regional Coordination Unit", True)
    ]
    assert [a.name for a in out.recommendations[1].actors] == ["Regional Coordination Unit"]
    assert doc.recommendations[0].actors == ()  # the input is not changed


def test_actors_registry_bad_row_names_file_row_and_column(tmp_path):
    p = tmp_path / "actors.csv"
    p.write_text(
        "id,name,kind,aliases,abbreviations\nsom,SOM,governing body,,\nBad Id,X,unit,,\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as e:
        ActorRegistry.from_csv(p)
    assert str(p) in str(e.value) and "row 3, column id" in str(e.value)
    p.write_text("id,name,kind\nsom,SOM,\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"row 2, column kind"):
        ActorRegistry.from_csv(p)
    p.write_text("id,name,kind,aliases\na,Alpha,unit,Shared\nb,Beta,unit,shared\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="already a name of 'a'"):
        ActorRegistry.from_csv(p)
    p.write_text("name,kind\nx,y\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="missing column"):
        ActorRegistry.from_csv(p)


def test_actors_default_registry_covers_the_seed_actors():
    registry = load_registry(Path(__file__).resolve().parent.parent / "config" / "actors.csv")
    for name in [
        "NEASPEC Secretariat",
        "SOM",
        "NFPs",
        "ESCAP",
        "ESCAP Executive Secretary",
        "member States",
        "Executive heads of United Nations system organizations",
        "IOM Headquarters",
        "UNICEF",
        "IEO",
    ]:
        assert registry.lookup(name) is not None, name
    assert registry.lookup("Senior Officials Meeting").name == "SOM"


def test_actors_factory_marks_escap_as_org_not_place():
    import pipeline.nlp  # noqa: F401  (registers the factories)

    nlp = spacy.blank("en")
    nlp.add_pipe("docket_actor_tagger")
    doc = nlp("The Senior Officials Meeting thanked ESCAP and the Republic of Korea.")
    ents = [(e.text, e.label_, e.kb_id_) for e in doc.ents]
    assert ents == [
        ("Senior Officials Meeting", "ORG", "som"),
        ("ESCAP", "ORG", "escap"),
        ("Republic of Korea", "GPE", "republic_of_korea"),
    ]
    assert [s.kb_id_ for s in doc.spans["docket_actors"]] == ["som", "escap", "republic_of_korea"]


def test_actors_registry_overrides_a_model_that_calls_escap_a_place():
    import pipeline.nlp  # noqa: F401

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")  # stands in for a trained model's NER ("ESCAP" -> GPE)
    ruler.add_patterns([{"label": "GPE", "pattern": "ESCAP"}, {"label": "GPE", "pattern": "Bangkok"}])
    nlp.add_pipe("docket_actor_tagger")
    doc = nlp("ESCAP's Executive Secretary met ESCAP staff in Bangkok.")
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("ESCAP's Executive Secretary", "ORG", "escap_executive_secretary"),
        ("ESCAP", "ORG", "escap"),
        ("Bangkok", "GPE", ""),
    ]


def test_actors_defined_terms_are_not_addressees(tagger):
    abbrevs = find_abbreviations(
        "progress on the Sustainable Development Goals (SDGs) and the Regional Coordination Unit (RCU)"
    )
    assert from_text(tagger, "The SDGs should guide the plan.", abbrevs) == ()
    assert [(a.name, a.registered) for a in from_text(tagger, "The RCU should lead.", abbrevs)] == [
        ("RCU", False)
    ]
    assert from_text(tagger, "Knowledge management should be improved.") == ()


def test_the_need_to_is_a_noun_phrase_not_an_addressee(tagger):
    """'Partners highlighted the need to ...': 'need' is a noun there; no subject stands before a modal."""
    text = "Partners highlighted the need to document data collection systems and to sustain the gains."
    assert from_text(tagger, text) == ()
    assert from_text(
        tagger, "There is an urgent need to act. The RCU should lead.", {"RCU": "Regional Coordination Unit"}
    )
    # a subject directly before 'needs to' / 'need to' is still an addressee
    assert [a.name for a in from_text(tagger, "UNICEF needs to strengthen monitoring.")] == ["UNICEF"]
    assert [a.name for a in from_text(tagger, "UNDP and UNICEF need to align their plans.")] == [
        "UNDP",
        "UNICEF",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le PNUD et l’OIM, en coordination avec les bureaux locaux, devraient renforcer la co-construction.",
            ["Le PNUD", "l’OIM"],
        ),
        (
            "Les agences régionales, avec l’appui du secrétariat, devraient anticiper les risques.",
            ["Les agences régionales"],
        ),
        ("Ces agences devraient par ailleurs renforcer les capacités des acteurs.", ["Ces agences"]),
        (
            "Il serait opportun pour les agences de mise en œuvre d’élargir l’impact des actions.",
            ["les agences de mise en œuvre"],
        ),
        (
            "Il est recommandé aux agences régionales, en collaboration avec la société civile, de renforcer la prévention.",
            ["agences régionales"],
        ),
        (
            "L’agence lead en collaboration avec le secrétariat, devrait renforcer l’articulation.",
            ["L’agence lead"],
        ),
        ("Il est recommandé d’envisager une seconde phase du projet.", []),
        ("Mettre en place un système de suivi et former les équipes.", []),
    ],
)
def test_actors_french_subject_names_the_addressees(tagger, text, expected):
    assert names(from_text(tagger, text)) == expected


def test_actors_enumerated_subjects_and_a_shared_head(tagger):
    text = "States, the private sector and multilateral financial institutions should dedicate funding."
    assert [n.lower() for n in names(from_text(tagger, text))] == [
        "states",
        "private sector",
        "multilateral financial institutions",
    ]
    shared = names(from_text(tagger, "Regional bodies and agencies should integrate the approach."))
    assert len(shared) == 1 and shared[0].lower() == "regional bodies and agencies"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the head noun decides: a body that only modifies another noun is no addressee
        ("Inpatient staff training programmes should include the topic.", []),
        (
            "Trust and provider leaders, including board members, should visit wards.",
            ["Trust and provider leaders"],
        ),
        (
            "Regulators and commissioners should consider how to monitor this.",
            ["Regulators", "commissioners"],
        ),
        ("All providers of NHS-funded care should review the information.", ["providers of NHS-funded care"]),
        # one body named again with fewer words counts once
        (
            "Every provider board should review its data. Provider boards should also report. Boards should act.",
            ["provider board"],
        ),
    ],
)
def test_actors_head_nouns_and_repeated_bodies(tagger, text, expected):
    got = [n.lower() for n in names(from_text(tagger, text))]
    assert got == [e.lower() for e in expected] or (
        len(got) == len(expected) and all(e.lower() in g for e, g in zip(expected, got, strict=True))
    )


@pytest.mark.parametrize(
    "raw",
    ["Monitoring and Evaluation Unit", "the Monitoring and Evaluation Unit", "Monitoring & Evaluation Unit"],
)
def test_actors_one_unit_named_by_two_functions(tagger, raw):
    assert [n.lower() for n in names(from_raw(tagger, raw))] == [raw.lower().removeprefix("the ")]
