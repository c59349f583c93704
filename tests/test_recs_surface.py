"""Surface variation: the same recommendations printed in different ways give the same records.

Each test builds one block stream per surface (heading case and punctuation, numbering style,
markers as list markers or in the text, bullets, a table instead of paragraphs, type sizes) and
expects the same numbers and wording from ``find_recommendations``; the precision tests check that
streams without recommendations (numbered findings, agendas, objectives) give none.
"""

from __future__ import annotations

import pytest

from pipeline.models import Block, BlockKind, Cell, DocumentInfo, Provenance
from pipeline.parse import parse_document
from pipeline.parse.recommendations import find_recommendations, find_recommendations_with_warnings

SRC = "t.pdf"
BODY = 10.0

WORDING = [
    "Consider and assess targeting other border zones, such as the south of the country.",
    "Continue positioning gender mainstreaming as a central component of any future project.",
    "Develop a multi-year action plan for the framework, with detailed monitoring plans.",
    "Implement a comprehensive monitoring and accountability system to follow up on results.",
]


def block(
    kind: BlockKind, text: str, size: float = BODY, bold: bool = False, marker: str = "", page: int = 2
):
    return Block(kind, text, Provenance(SRC, page=page), font_size=size, bold=bold, marker=marker)


def para(text: str, **kw) -> Block:
    return block(BlockKind.PARAGRAPH, text, **kw)


def head(text: str, size: float = 16.0, bold: bool = True) -> Block:
    return block(BlockKind.HEADING, text, size=size, bold=bold)


def item(marker: str, text: str) -> Block:
    return block(BlockKind.LIST_ITEM, text, marker=marker)


def table(rows: list[list[str]]) -> Block:
    cells = tuple(tuple(Cell(t) for t in row) for row in rows)
    return Block(
        BlockKind.TABLE, "\n".join("\t".join(r) for r in rows), Provenance(SRC, page=2, table=0), rows=cells
    )


def findings() -> list[Block]:
    """A findings section with its own numbered list: never recommendations."""
    return [
        head("KEY FINDINGS & CONCLUSIONS"),
        item("1.", "The project was universally endorsed as being aligned to national priorities."),
        item("2.", "The theory of change was too complex and ambitious with regards to its resources."),
        item("3.", "The project supported women groups to increase their technical capacity."),
    ]


def closing() -> list[Block]:
    return [
        head("ANNEX 1. TERMS OF REFERENCE"),
        para("The evaluation will assess the relevance of the project."),
    ]


def texts(blocks: list[Block]) -> dict[str, str]:
    return {r.number: r.text for r in find_recommendations(tuple(blocks))}


EXPECTED = {str(n): t for n, t in enumerate(WORDING, 1)}

HEADINGS = [
    "KEY RECOMMENDATIONS",
    "KEY-RECOMMENDATIONS",
    "Key recommendations:",
    "Recommendations",
    "RECOMMENDATIONS.",
    "4. Recommendations",
    "IV. RECOMMENDATIONS OF THE EVALUATION",
    "What the evaluation recommends",
    "Main Recommendations",
]


@pytest.mark.parametrize("heading", HEADINGS)
def test_recs_surface_heading_case_and_punctuation(heading: str):
    blocks = findings() + [head(heading)] + [item(f"{n}.", t) for n, t in enumerate(WORDING, 1)] + closing()
    assert texts(blocks) == EXPECTED


@pytest.mark.parametrize("heading", ["KEY-RECOMMENDATIONS", "What the evaluation recommends"])
def test_recs_surface_heading_printed_as_a_bold_paragraph(heading: str):
    blocks = findings() + [para(heading, bold=True, size=12.0)]
    blocks += [item(f"{n}.", t) for n, t in enumerate(WORDING, 1)] + closing()
    assert texts(blocks) == EXPECTED


NUMBERINGS = {
    "1.": ["1.", "2.", "3.", "4."],
    "1)": ["1)", "2)", "3)", "4)"],
    "(1)": ["(1)", "(2)", "(3)", "(4)"],
    "a)": ["a)", "b)", "c)", "d)"],
    "(a)": ["(a)", "(b)", "(c)", "(d)"],
    "A.": ["A.", "B.", "C.", "D."],
    "(i)": ["(i)", "(ii)", "(iii)", "(iv)"],
    "I.": ["I.", "II.", "III.", "IV."],
    "1.1": ["1.1", "1.2", "1.3", "1.4"],
}


@pytest.mark.parametrize("style", list(NUMBERINGS))
@pytest.mark.parametrize("where", ["marker", "text"])
def test_recs_surface_numbering_styles(style: str, where: str):
    marks = NUMBERINGS[style]
    if where == "marker":
        body = [item(m, t) for m, t in zip(marks, WORDING, strict=True)]
    else:
        body = [para(f"{m} {t}") for m, t in zip(marks, WORDING, strict=True)]
    blocks = findings() + [head("Recommendations")] + body + closing()
    want = {m.strip("().").rstrip(")"): t for m, t in zip(marks, WORDING, strict=True)}
    assert texts(blocks) == want


@pytest.mark.parametrize(
    "label", ["Recommendation {}:", "RECOMMENDATION {}.", "Rec. {}:", "R{}:", "Recommendation No. {}:"]
)
def test_recs_surface_labels(label: str):
    blocks = [head("Recommendations")]
    blocks += [para(f"{label.format(n)} {t}") for n, t in enumerate(WORDING, 1)] + closing()
    assert texts(blocks) == EXPECTED


def test_recs_surface_bullets_are_numbered_in_reading_order():
    blocks = findings() + [head("Key recommendations")]
    blocks += [item("\u2022", t) for t in WORDING] + closing()
    recs = find_recommendations(tuple(blocks))
    assert {r.number: r.text for r in recs} == EXPECTED
    assert {r.provenance.rule for r in recs} == {"recommendations.region_bullets"}


def test_recs_surface_sub_points_stay_in_their_item():
    blocks = [head("Recommendations")]
    blocks += [item("1.", "Strengthen the monitoring system by:"), item("(a)", "training staff;")]
    blocks += [item("(b)", "publishing data."), item("2.", WORDING[1]), item("3.", WORDING[2])] + closing()
    recs = texts(blocks)
    assert list(recs) == ["1", "2", "3"]
    assert recs["1"] == "Strengthen the monitoring system by: (a) training staff; (b) publishing data."


def test_recs_surface_table_rows_instead_of_paragraphs():
    rows = [["No.", "Recommendation", "Addressed to"]]
    rows += [[str(n), t, "Project management"] for n, t in enumerate(WORDING, 1)]
    blocks = findings() + [head("Recommendations"), table(rows)] + closing()
    recs = find_recommendations(tuple(blocks))
    assert {r.number: r.text for r in recs} == EXPECTED
    assert all(r.actors_raw == "Project management" for r in recs)


def test_recs_surface_unlabelled_numbered_table_in_a_region():
    rows = [[f"{n}.", t] for n, t in enumerate(WORDING, 1)]
    blocks = findings() + [head("What the evaluation recommends"), table(rows)] + closing()
    recs = find_recommendations(tuple(blocks))
    assert {r.number: r.text for r in recs} == EXPECTED
    assert {r.provenance.rule for r in recs} == {"recommendations.region_table"}


def test_recs_surface_region_ends_at_a_heading_as_large():
    blocks = [head("RECOMMENDATIONS", size=16.0)]
    blocks += [item(f"{n}.", t) for n, t in enumerate(WORDING[:2], 1)]
    blocks += [
        head("LESSONS", size=16.0),
        item("3.", "Lessons are learnt from the first phase of the project."),
    ]
    assert list(texts(blocks)) == ["1", "2"]


def test_recs_surface_smaller_sub_headings_stay_in_the_region():
    blocks = [head("RECOMMENDATIONS", size=16.0), head("Programme design", size=11.0)]
    blocks += [item(f"{n}.", t) for n, t in enumerate(WORDING[:2], 1)]
    blocks += [head("Partnerships", size=11.0)]
    blocks += [item(f"{n}.", t) for n, t in enumerate(WORDING[2:], 3)] + closing()
    assert texts(blocks) == EXPECTED


def test_recs_surface_lead_in_names_the_addressees_of_every_item():
    blocks = [
        head("What the review recommends"),
        para("The executive heads of the organizations are called on to:"),
    ]
    blocks += [item(f"{n}.", t) for n, t in enumerate(WORDING, 1)] + closing()
    recs = find_recommendations(tuple(blocks))
    assert {r.number: r.text for r in recs} == EXPECTED
    assert {r.actors_raw for r in recs} == {"The executive heads of the organizations"}


def test_recs_surface_for_x_lead_ins_split_the_addressees():
    blocks = [head("Recommendations"), para("For the Executive Board:")]
    blocks += [item("1.", WORDING[0]), item("2.", WORDING[1]), para("For the country offices:")]
    blocks += [item("3.", WORDING[2]), item("4.", WORDING[3])] + closing()
    recs = {r.number: r for r in find_recommendations(tuple(blocks))}
    assert [recs[n].actors_raw for n in "1234"] == ["the Executive Board"] * 2 + ["the country offices"] * 2


def test_recs_surface_inconsistent_numbering_gives_records_and_a_warning_with_the_page():
    blocks = [head("Recommendations")]
    blocks += [item("1.", WORDING[0]), item("2.", WORDING[1]), item("4.", WORDING[2]), item("5.", WORDING[3])]
    recs, warnings = find_recommendations_with_warnings(tuple(blocks + closing()))
    assert [r.number for r in recs] == ["1", "2", "4", "5"]
    assert len(warnings) == 1 and "page 2" in warnings[0] and "'3'" in warnings[0]
    doc = parse_document(
        DocumentInfo(id="x", source_file=SRC, sha256="0", format="pdf"), tuple(blocks + closing())
    )
    assert any("page 2" in w for w in doc.warnings)


def test_recs_surface_to_infinitive_is_wording_and_recommendation_to_names_the_addressee():
    blocks = [
        head("Management follow-up response matrix"),
        table(
            [
                [
                    "Evaluation recommendation 1: To maintain a flexible and bottom-up approach that offers the",
                    "",
                ],
                ["municipalities tailored pathways to make concepts operational.", ""],
                [
                    "Recommendation to: Project Management and\nproject implementation team",
                    "Priority level (1 to 3): 1",
                ],
                ["Management response (Accept/Partially Accept/Reject): Recommendation accepted.", ""],
            ]
        ),
    ]
    (rec,) = find_recommendations(tuple(blocks))
    assert rec.text == (
        "To maintain a flexible and bottom-up approach that offers the municipalities tailored pathways "
        "to make concepts operational."
    )
    assert rec.actors_raw == "Project Management and project implementation team"


# ---- precision: documents without recommendations ------------------------------------------------


def test_recs_surface_numbered_findings_alone_give_nothing():
    assert find_recommendations(tuple(findings() + closing())) == ()


def test_recs_surface_agenda_with_recommendations_in_item_titles_gives_nothing():
    blocks = [
        head("Provisional agenda"),
        item("1.", "Opening of the session."),
        item("2.", "Adoption of the agenda."),
        head("3. Provide recommendations on safety for women at borders", size=12.0),
        para("Policy question: how can information reach women traders?"),
        item("4.", "Report on the recommendations of the Joint Inspection Unit."),
        item("5.", "Closing of the session."),
    ]
    assert find_recommendations(tuple(blocks)) == ()


def test_recs_surface_text_about_recommendations_is_not_a_region():
    blocks = [
        para("Evidence of positive outcomes associated with implementation of the recommendations included:"),
        item("1.", "Increased participation of countries in the events of the Division and its mechanisms."),
        item("2.", "Enhanced collaboration with United Nations country teams and coordinator offices."),
    ]
    assert find_recommendations(tuple(blocks)) == ()


def test_recs_surface_table_of_contents_is_not_a_region():
    blocks = [
        para("CONCLUSIONS & RECOMMENDATIONS 31"),
        para("RECOMMENDATIONS 34"),
        item("1.", "Introduction and background of the evaluation ........ 3"),
        item("2.", "Methodology and limitations of the evaluation ........ 5"),
    ]
    assert find_recommendations(tuple(blocks)) == ()


# ---- reported speech, lettered sections, status sentences (round 2) ----------------------------

REPORTED = [
    ("96", "UNDP perform and document a review of the roles granted in the new system."),
    ("142", "UNDP enhance the explanation of budget variances for the Executive Board."),
    ("153", "based on a risk analysis, UNDP develop sustainable procurement specifications."),
]


@pytest.mark.parametrize("bold", [True, False])
@pytest.mark.parametrize("verb", ["recommended", "also recommended", "recommends"])
@pytest.mark.parametrize("numbered", ["marker", "text", "none"])
def test_recs_surface_reported_speech(bold: bool, verb: str, numbered: str):
    """'N. In paragraph P, the Board recommended that X ...': number P, the that-clause, addressee X."""
    blocks = [head("III. Status of recommendations", size=14.0)]
    for k, (cited, clause) in enumerate(REPORTED, 10):
        frame = f"In paragraph {cited}, the Board {verb} that {clause}"
        if numbered == "marker":
            blocks.append(block(BlockKind.LIST_ITEM, frame, marker=f"{k}.", bold=bold))
        elif numbered == "text":
            blocks.append(para(f"{k}. {frame}", bold=bold))
        else:
            blocks.append(para(frame, bold=bold))
        blocks.append(para("Department(s) responsible: Office of Finance Status: Under implementation"))
        blocks.append(item(f"{k + 50}.", "Management response: UNDP is working on it."))
    recs = find_recommendations(tuple(blocks))
    assert {r.number: r.text for r in recs} == dict(REPORTED)
    assert all([a.name for a in r.actors] == ["UNDP"] for r in recs)
    assert all(r.provenance.rule == "recommendations.reported" for r in recs)


def test_recs_surface_reported_speech_wrapped_bold_and_repeated_numbers():
    blocks = [
        head("Report of the Board for the year ended 31 December 2023"),
        item("1.", "In paragraph 37, the Board recommended that UNDP recognise revenue on time and"),
        para("review cut-off errors."),
        para("Status: Closure requested"),
        head("Report of the Board for the year ended 31 December 2022"),
        item("2.", "In paragraph 37, the Board recommended that UNDP carry out an annual impairment review."),
    ]
    recs = find_recommendations(tuple(blocks))
    assert [(r.number, r.text) for r in recs] == [
        ("37", "UNDP recognise revenue on time and review cut-off errors."),
        ("2022.37", "UNDP carry out an annual impairment review."),
    ]


def test_recs_surface_reported_speech_with_register_numbers():
    """'On <date> the Commission recommended that X ... (018/14)': the sentence as printed, numbered by
    its register code; a restatement in the analysis without one adds nothing."""
    blocks = [
        head("4. Analysis"),
        item("4.3.2.", "The Commission recommended that KiwiRail reassess the speed limit at the station."),
        item(
            "4.3.5.",
            "The Commission recommended that KiwiRail relocate the pole out of line with an overrun.",
        ),
        head("7. Recommendations"),
        item(
            "7.2.2.",
            "On 30 June 2014 the Commission recommended that KiwiRail apply a speed restriction. (018/14)",
        ),
        item(
            "7.3.5.",
            "On 26 March 2015 the Commission recommended that the Chief Executive of the NZ Transport "
            "Agency require a full review of the standards (005/15)",
        ),
    ]
    recs = find_recommendations(tuple(blocks))
    assert [(r.number, r.text, r.actors_raw) for r in recs] == [
        (
            "018/14",
            "On 30 June 2014 the Commission recommended that KiwiRail apply a speed restriction.",
            "KiwiRail",
        ),
        (
            "005/15",
            "On 26 March 2015 the Commission recommended that the Chief Executive of the NZ Transport "
            "Agency require a full review of the standards",
            "the Chief Executive of the NZ Transport Agency",
        ),
    ]


def test_recs_surface_reported_speech_once_is_no_strategy():
    blocks = [
        head("Background"),
        para("In paragraph 12, the Board recommended that UNDP review its reserves policy."),
        para("The present report describes progress in the year under review."),
    ]
    assert find_recommendations(tuple(blocks)) == ()


SECTIONS = {
    "A": [
        "Revisit the strategic plan and engage the broader organization.",
        "Refocus on the original mandate.",
    ],
    "B": [
        "The regional directors should meet on a regular basis.",
        "Define the operating system required.",
        "Review the cost recovery model.",
    ],
}


@pytest.mark.parametrize(
    "status", ["", " Completed to planned scope in 2023.", " On track for completion by 2028."]
)
@pytest.mark.parametrize("letters", ["(a)", "a)", "a."])
def test_recs_surface_lettered_sections_with_numbered_lead_ins(status: str, letters: str):
    """'A. Mandate' / '8. The review contained two recommendations on mandate:' / (a) (b) ... restarting
    in every section: numbers 'A.a', 'B.c'; a closing status sentence is not wording."""
    blocks = [head("II. Progress in implementing the plan", size=14.0)]
    n = 8
    for letter, wording_ in SECTIONS.items():
        blocks.append(head(f"{letter}. Work stream {letter.lower()}", size=12.0))
        blocks.append(
            item(f"{n}.", f"The review contained {len(wording_)} recommendations on this work stream:")
        )
        for k, w in enumerate(wording_):
            mark = letters.replace("a", "abc"[k])
            blocks.append(item(mark, w + status))
        blocks.append(head("Completed to planned scope in 2023.", size=10.0))
        blocks.append(
            item(f"{n + 1}.", "As reported to the Board, all recommendations were completed in 2023.")
        )
        blocks.append(head(f"Progress on recommendation ({'abc'[0]})", size=10.0))
        blocks.append(item("(a)", "A portal hub was set up for the personnel of the organization."))
        blocks.append(item("(b)", "A navigation focal point was named in every regional office."))
        n += 2
    got = {r.number: r.text for r in find_recommendations(tuple(blocks))}
    want = {f"{g}.{'abc'[k]}": w for g, ws in SECTIONS.items() for k, w in enumerate(ws)}
    assert got == want


FRENCH = [
    "Renforcer la communication sur le processus de ciblage et de remboursement des crédits.",
    "Recruter un chargé de suivi-évaluation spécifique à ce type de projet.",
    "Mettre en place des outils de suivi-évaluation dès le démarrage du projet.",
]


@pytest.mark.parametrize(
    "heading", ["RECOMMANDATIONS CLÉS", "Recommandations", "Recommandations de l’évaluation :"]
)
@pytest.mark.parametrize("marker", ["1.", "1)", "(1)"])
def test_recs_surface_french_heading_and_numbered_list(heading: str, marker: str):
    blocks = [head(heading)] + [item(marker.replace("1", str(n)), t) for n, t in enumerate(FRENCH, 1)]
    blocks.append(head("LEÇONS APPRISES"))
    blocks.append(item("1.", "Il faut responsabiliser les entrepreneurs dès le départ du projet."))
    assert texts(blocks) == {str(n): t for n, t in enumerate(FRENCH, 1)}


@pytest.mark.parametrize(
    "label", ["Recommandation {}.", "Recommandation {} :", "RECOMMANDATION {}", "Recommandation n° {}"]
)
@pytest.mark.parametrize("run_in", [False, True])
def test_recs_surface_french_labels(label: str, run_in: bool):
    blocks = []
    for n, t in enumerate(FRENCH, 1):
        blocks.append(item(f"{n}.1.", "Le projet a été globalement bien géré par son équipe."))
        if run_in:
            blocks.append(para(f"{label.format(n)} {t}", bold=True))
        else:
            blocks += [head(label.format(n), size=BODY), para(t, bold=True)]
    blocks.append(item("9.1.", "La mise en œuvre du projet n’a pas fait face à des obstacles sérieux."))
    assert texts(blocks) == {str(n): t for n, t in enumerate(FRENCH, 1)}


def test_recs_surface_summary_repeat_gives_way_to_the_body_and_other_labels_end_a_box():
    """An executive summary restates the labelled boxes with other wording; the body's are the
    formal statement, and a 'Finding N.' box after a recommendation is not part of it."""
    summary = [
        head("EXECUTIVE SUMMARY"),
        para("The main findings and recommendations of the evaluation are:"),
        head("Relevance", size=9.0),
    ]
    body = [head("RELEVANCE")]
    for n, t in enumerate(WORDING, 1):
        summary += [
            head(f"Recommendation {n}.", size=BODY),
            para(t.replace(" any ", " all ")),
            para("A finding in the summary."),
        ]
        body += [
            head(f"Recommendation {n}.", size=BODY),
            para(t, bold=True),
            para(f"Finding {n + 4}. The project was well managed overall.", bold=True),
        ]
    assert texts(summary + body) == EXPECTED


@pytest.mark.parametrize(
    "heading", ["IX. Recommendations", "RECOMMENDATIONS", "Recommendations and way forward"]
)
def test_recs_surface_paragraph_numbering_through_the_report(heading: str):
    blocks = [
        head("VIII. Challenges"),
        item("93.", "In several countries, the legal framework protects the rights only in part."),
        item("94.", "The regional court ordered the restitution of the lands in 2017."),
        head(heading),
    ]
    blocks += [item(f"{95 + k}.", t) for k, t in enumerate(WORDING)]
    assert texts(blocks) == {str(95 + k): t for k, t in enumerate(WORDING)}


def test_recs_surface_paragraph_numbering_that_does_not_go_on_gives_no_list():
    blocks = [head("Recommendations")] + [item(f"{95 + k}.", t) for k, t in enumerate(WORDING)]
    assert texts(blocks) == {}


@pytest.mark.parametrize("qualifier", ["(Time 0)", "(High priority)", "(short term)"])
def test_recs_surface_bracket_after_the_label_colon_is_not_wording(qualifier: str):
    blocks = []
    for n, t in enumerate(WORDING, 1):
        blocks += [
            para(f"Evaluation recommendation # {n}: {qualifier} : {t}"),
            para("Management response - accept"),
        ]
    assert texts(blocks) == EXPECTED


@pytest.mark.parametrize("heading", ["KEY RECOMMENDATIONS", "RECOMMENDATIONS", "RECOMMANDATIONS CLÉS"])
@pytest.mark.parametrize("marker", ["{}.", "{})"])
def test_recs_surface_list_inside_one_table_cell(heading: str, marker: str):
    """A page laid out as a table: the box with its heading and numbered lines is one cell."""
    lines = [
        "Weak integration between monitoring and evaluation has",
        "undermined the depth of evaluations.",
        heading,
    ]
    for n, t in enumerate(WORDING, 1):
        words = t.split()
        lines += [f"{marker.format(n)} " + " ".join(words[:6]), " ".join(words[6:])]
    lines += ["GOOD PRACTICES", "1. Regional officers reviewed the deliverables."]
    blocks = [head("EVALUATION BRIEF"), table([["Findings of the review", "\n".join(lines)]])]
    assert texts(blocks) == EXPECTED


@pytest.mark.parametrize("count", [4, 5])
def test_recs_surface_counted_addressees_name_every_record(count: int):
    """'The review included 4 recommendations to the Agency' over four records names their addressee;
    a count that does not match the records names no one."""
    blocks = [
        item(
            "2.", f"The latter review included {count} recommendations to the Agency and five to the Board."
        ),
        head("Recommendations"),
    ] + [item(f"{n}.", t) for n, t in enumerate(WORDING, 1)]
    recs = find_recommendations(tuple(blocks))
    assert [r.actors_raw for r in recs] == (["the Agency"] * 4 if count == 4 else [""] * 4)
