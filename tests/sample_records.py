"""Hand-built document records for the schema, export, API and report tests.

They fill every record type (management responses, topics with evidence, entities with attributes,
speakers, bounding boxes) with non-ASCII text and formula-looking cells, which the seed document
alone does not exercise.
"""

from __future__ import annotations

from pipeline.models import (
    Actor,
    AgendaItem,
    Decision,
    DocType,
    Document,
    DocumentInfo,
    Entity,
    Evidence,
    KeyAction,
    ManagementResponse,
    Objective,
    Provenance,
    Recommendation,
    Section,
    Speaker,
    TopicTag,
)


def topic(tid: str, label: str, score: float = 0.75) -> TopicTag:
    return TopicTag(id=tid, label=label, score=score, evidence=(Evidence(label.lower(), 0, len(label)),))


def actor(name: str, registered: bool = True) -> Actor:
    return Actor(
        name=name,
        id=name.lower().replace(" ", "_") if registered else "",
        kind="body" if registered else "",
        matched_as=name,
        registered=registered,
    )


def rich_document(
    doc_id: str = "d0c1",
    doc_type: DocType = DocType.EVALUATION_REPORT,
    date: str | None = "2024-12-02",
    recommendations: tuple[Recommendation, ...] | None = None,
) -> Document:
    src = f"inputs/rapport-évaluation-{doc_id}.pdf"
    prov = Provenance(
        source_file=src, page=2, block=4, table=1, row=3, bbox=(10.0, 20.5, 300.0, 40.25), extractor="pdf"
    )
    if recommendations is None:
        recommendations = (
            Recommendation(
                number="1",
                label="Recommendation 1",
                title="Coopération régionale",
                group="A",
                actors_raw="For ESCAP and 北东亚 Secretariat",
                actors=(actor("ESCAP"), actor("北东亚 Secretariat", registered=False)),
                text="Renforcer la coopération — «air pur» in 北东亚; =SUM(A1:A9) is not a formula.",
                management_response=ManagementResponse(
                    category="accepted",
                    text="Agreed; see key actions.",
                    responder="ESCAP",
                    key_actions=((("Action", "Plan de travail"), ("Deadline", "2025-06")),),
                    actions=(
                        KeyAction(
                            text='Plan de travail — «air pur»; =HYPERLINK("x") stays text',
                            responsible="ESCAP et 北东亚 Secretariat",
                            actors=(actor("ESCAP"), actor("北东亚 Secretariat", registered=False)),
                            time_frame="juin 2025",
                            due="2025-06",
                            status="En cours",
                            status_category="in progress",
                            comments="Deux réunions.",
                        ),
                    ),
                ),
                topics=(topic("air_quality", "Air quality"), topic("cooperation", "Coopération", 0.5)),
                entities=(Entity("ESCAP", "ORG", 0, 5, normalized="escap", attrs=(("registry", "yes"),)),),
                provenance=prov,
            ),
            Recommendation(
                number="2",
                text="-Ensure funding\nacross two lines.",
                provenance=prov,
                actors=(actor("Member States"),),
                topics=(topic("finance", "Finance"),),
            ),
        )
    return Document(
        info=DocumentInfo(
            id=doc_id,
            source_file=src,
            sha256="ab" * 32,
            format="pdf",
            doc_type=doc_type,
            title="Évaluation — 評価 «final»",
            date=date,
            issued=date,
            organisation="ESCAP",
            venue="Genève",
            language="en",
            pages=12,
        ),
        sections=(Section("Contexte", 1, "Texte avec accents: é, ü, 東京.", prov, number="1"),),
        objectives=(Objective("@Reduce emissions", prov, topics=(topic("air_quality", "Air quality"),)),),
        agenda_items=(
            AgendaItem(
                "Opening — séance",
                prov,
                date="2021-03-30",
                start="09:00",
                end="09:30",
                number="1",
                description="Welcome",
                speakers=(Speaker("Ms. Åsa", "Chair", "UN"),),
                session="AM",
            ),
        ),
        recommendations=recommendations,
        entities=(Entity("Genève", "GPE", 3, 9),),
        warnings=("low text density on page 3", "+ one more"),
        decisions=(
            Decision(
                number="1",
                text="Prie le Secrétaire général de présenter un rapport — «suivi»",
                provenance=Provenance(
                    src, page=4, bbox=(72.0, 100.0, 540.0, 130.0), rule="decisions.operative"
                ),
                verb="Prie",
                instrument="projet de résolution",
                instrument_number="2025/3",
                instrument_title="Coopération régionale",
                body="Assemblée générale",
                actors=(Actor("Secrétaire général", "sg", "role", "Secrétaire général", True),),
                topics=(topic("governance", "Governance"),),
                entities=(Entity("Secrétaire général", "PERSON", 8, 26),),
            ),
            Decision(
                number="2", text="=Décide de rester saisi de la question", provenance=Provenance(src, page=4)
            ),
        ),
    )
