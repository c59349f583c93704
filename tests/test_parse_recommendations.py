"""Recommendation extraction: one small hand-built block stream per printed pattern, plus the seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.models import Block, BlockKind, Cell, Provenance
from pipeline.parse.addressees import split_addressees
from pipeline.parse.recommendations import find_recommendations

SRC = "t.pdf"


def para(text: str, page: int = 1, bold: bool = False) -> Block:
    return Block(BlockKind.PARAGRAPH, text, Provenance(SRC, page=page), bold=bold)


def head(text: str, page: int = 1, bold: bool = True) -> Block:
    return Block(BlockKind.HEADING, text, Provenance(SRC, page=page), level=2, bold=bold)


def item(marker: str, text: str, level: int = 0, page: int = 1) -> Block:
    return Block(BlockKind.LIST_ITEM, text, Provenance(SRC, page=page), marker=marker, level=level)


def table(rows: list[list[str]], index: int = 0) -> Block:
    cells = tuple(tuple(Cell(t) for t in row) for row in rows)
    text = "\n".join("\t".join(r) for r in rows)
    return Block(BlockKind.TABLE, text, Provenance(SRC, page=1, table=index), rows=cells)


def by_number(blocks: list[Block]) -> dict:
    return {r.number: r for r in find_recommendations(tuple(blocks))}


def test_recommendations_annex_table_label_cell_with_actors():
    blocks = [
        head("Annex 1: Recommendations of the evaluation"),
        table(
            [
                ["No. and actor(s)", "Recommendation"],
                [
                    "Recommendation 1: For NEASPEC secretariat and SOM",
                    "Decide whether or not to move forward.",
                ],
                [
                    "Recommendation 2: FOR NEASPEC SECRETARIAT and SOM",
                    "Review the 1996 founding\nframework and up-\ndate the charter.",
                ],
            ]
        ),
    ]
    recs = by_number(blocks)
    assert list(recs) == ["1", "2"]
    assert recs["2"].text == "Review the 1996 founding framework and update the charter."
    assert recs["2"].actors_raw == "FOR NEASPEC SECRETARIAT and SOM"
    assert [a.name for a in recs["2"].actors] == ["NEASPEC SECRETARIAT", "SOM"]
    assert recs["1"].provenance.row == 1


def test_recommendations_overview_matrix_of_codes_is_not_wording():
    blocks = [table([["Recommendation 1", "a", "E", "E", "E"], ["Recommendation 2", "d", "L", "L", "L"]])]
    assert find_recommendations(tuple(blocks)) == ()


def test_recommendations_labels_with_sub_items_stop_at_response_and_key_actions():
    blocks = [
        head("IV. Recommendations and Independent Evaluation Office response"),
        para("Recommendation 1."),
        para("1.1. Extend the tenure of the Director to a single term of at least 6 years."),
        para("1.2. Establish a minimum threshold to ensure that the office can fulfil its core obligations."),
        para("IEO response: The IEO welcomes the recommendation, concurring partially with 1.1."),
        table(
            [
                ["Key action(s)", "Time frame", "Responsible unit(s)"],
                ["Prepare inputs for the revised policy", "June 2025", "Bureau for Policy"],
            ]
        ),
        para("Recommendation 2. Incorporate a theory of change in the evaluation policy to link activities"),
        para("with strategic goals."),
        para(
            "Management response: UNDP partially agrees with this recommendation for the following reasons:"
        ),
        item("(a)", "UNDP will consider the recommendation."),
    ]
    recs = by_number(blocks)
    assert list(recs) == ["1", "2"]
    assert recs["1"].text == (
        "1.1. Extend the tenure of the Director to a single term of at least 6 years. "
        "1.2. Establish a minimum threshold to ensure that the office can fulfil its core "
        "obligations."
    )
    assert recs["1"].management_response.category == "partially accepted"
    assert recs["1"].management_response.key_actions[0][0] == (
        "Key action(s)",
        "Prepare inputs for the revised policy",
    )
    assert recs["2"].text.endswith("to link activities with strategic goals.")
    assert recs["2"].management_response.category == "partially accepted"
    assert "UNDP will consider" not in recs["2"].text


def test_recommendations_running_text_mentions_are_not_records():
    blocks = [
        para("The evaluation proposes seven recommendations to further strengthen the mechanism."),
        para("Session 1: identify options to address the recommendation 1, 2 and 5."),
        para("Recommendation 2 was accepted by the Board at its session."),
        para("Recommendation 1 accepted: this depends on funds."),
    ]
    assert find_recommendations(tuple(blocks)) == ()


def test_recommendations_quoted_with_title_stop_before_indicator():
    blocks = [
        head("II. Results"),
        head("Recommendation 1", bold=False),
        head("Improved planning and coordination", bold=False),
        Block(
            BlockKind.PARAGRAPH, "Recommendation 1 reads as follows:", Provenance(SRC, page=3), marker="6."
        ),
        para(
            "Within its mandate, the Division should put in place an improved mechanism. This mechanism should:"
        ),
        item("(a)", "Support outreach and visibility goals;"),
        item("(b)", "Enable and support organizational learning."),
        para("Indicator of achievement: Division strategy related to the identification of projects."),
        Block(
            BlockKind.PARAGRAPH,
            "In response to this recommendation, the Division acted.",
            Provenance(SRC, page=3),
            marker="7.",
        ),
    ]
    recs = by_number(blocks)
    assert list(recs) == ["1"]
    assert recs["1"].title == "Improved planning and coordination"
    assert recs["1"].text == (
        "Within its mandate, the Division should put in place an improved mechanism. "
        "This mechanism should: (a) Support outreach and visibility goals; "
        "(b) Enable and support organizational learning."
    )


def test_recommendations_boxed_ends_at_next_numbered_paragraph_or_heading():
    blocks = [
        para("20. The following recommendation is intended to enhance accountability."),
        head("Recommendation 1"),
        para(
            "Executive heads of United Nations system organizations should, by the end of 2027, review "
            "their respective policies.",
            bold=True,
        ),
        Block(
            BlockKind.PARAGRAPH,
            "Victims and witnesses of SEA face significant risks of retaliation.",
            Provenance(SRC, page=5),
            marker="21.",
        ),
        head("Recommendation 2"),
        para("At its eighty-first session, the General Assembly should request an annual report.", bold=True),
        head("III. Inter-agency coordination for protection from sexual exploitation and abuse"),
        para("The Inspectors recommend that organizations share good practices.", bold=True),
    ]
    recs = by_number(blocks)
    assert list(recs) == ["1", "2"]
    assert recs["1"].text.endswith("review their respective policies.")
    assert (
        recs["2"].text == "At its eighty-first session, the General Assembly should request an annual report."
    )


def test_recommendations_matrix_rows_evaluation_recommendation_stop_at_management_response():
    blocks = [
        table(
            [
                ["Action", "Responsible section(s)", "Expected completion date"],
                [
                    "Evaluation recommendation 1: Child rights should provide a more explicit framing.\n"
                    "Subrecommendations to UNICEF include:\n(a) Ensure that each Goal Area articulates a focus;\n"
                    "(b) Emphasize that child rights underpin UNICEF work.",
                    "",
                    "",
                ],
                ["Management response: Agree.", "", ""],
                [
                    "Action to respond to subrecommendations (a) and (b):\nThe plan will add a framework.",
                    "DAPM",
                    "June 2025",
                ],
                [
                    "Evaluation recommendation 2: UNICEF should strengthen the transformative impact of the Plan.\n"
                    "Subrecommendations to UNICEF include:\n(a) Engage diverse stakeholders;",
                    "",
                    "",
                ],
                ["Action", "Responsible section(s)", "Expected completion date"],
                ["(b) Build on successful approaches.", "", ""],
                ["Management response: Partially agree.", "", ""],
            ]
        ),
    ]
    recs = by_number(blocks)
    assert list(recs) == ["1", "2"]
    assert recs["1"].text == (
        "Child rights should provide a more explicit framing. Subrecommendations to UNICEF "
        "include: (a) Ensure that each Goal Area articulates a focus; (b) Emphasize that "
        "child rights underpin UNICEF work."
    )
    assert recs["1"].management_response.category == "accepted"
    assert recs["1"].management_response.text == "Agree."
    assert dict(recs["1"].management_response.key_actions[0])["Responsible section(s)"] == "DAPM"
    assert recs["2"].text.endswith("(a) Engage diverse stakeholders; (b) Build on successful approaches.")
    assert recs["2"].management_response.category == "partially accepted"


def test_recommendations_single_column_matrix_with_hash_label():
    blocks = [
        table(
            [
                [""],
                [
                    "Evaluation recommendation # 1: The AAP team should clarify the scope of AAP.\n\n"
                    "This recommendation responds to findings.\nFor the follow-up, the following should be considered:\n"
                    "Develop guidance."
                ],
                ["Responsible unit(s): AAP Unit"],
                [
                    "Management response - accept/partially accept/reject: AAP unit accepts the recommendation. \n\nMore."
                ],
            ]
        )
    ]
    recs = by_number(blocks)
    assert recs["1"].text == (
        "The AAP team should clarify the scope of AAP. This recommendation responds to findings. "
        "For the follow-up, the following should be considered: Develop guidance."
    )
    assert recs["1"].actors_raw == ""
    assert recs["1"].management_response.category == "accepted"


def test_recommendations_recommendation_to_gives_actors_raw():
    blocks = [
        para("Evaluation recommendation 1:"),
        para("Enhance efforts with national stakeholders to build capacity and ownership."),
        table(
            [
                ["Recommendation to:", "Priority level (1 to 3):"],
                [
                    "Project management; project implementation; project steering committees.",
                    "2\nLess urgent.",
                ],
                ["Management response (Accept/Partially Accept/Reject)", ""],
                ["Accepted", ""],
            ]
        ),
    ]
    recs = by_number(blocks)
    assert recs["1"].text == "Enhance efforts with national stakeholders to build capacity and ownership."
    assert recs["1"].actors_raw == "Project management; project implementation; project steering committees."
    assert [a.name for a in recs["1"].actors] == [
        "Project management",
        "project implementation",
        "project steering committees",
    ]
    assert recs["1"].management_response.category == "accepted"
    assert recs["1"].management_response.text == "Accepted"


def test_recommendations_lettered_groups_restart_numbering():
    blocks = [
        para("EVALUATION RECOMMENDATION A - COMMUNICATION"),
        item("1.", "Communication with beneficiaries should be reinforced. This can be improved through:"),
        item("a.", "The development of audiovisual communication tools.", level=1),
        item("b.", "Such videos could be run in loops.", level=1),
        para("Recommendation to:"),
        item("\u25cf", "Project management;"),
        item("\u25cf", "IOM Communication staff"),
        para("Management response (Accept/Partially Accept/Reject)"),
        para("Recommendation accepted. Tools can be developed under new projects."),
        para("EVALUATION RECOMMENDATION B - REINTEGRATION SUPPORT"),
        item("1.", "Explore the possibilities to ensure reintegration support in each country."),
        item("2.", "Tie in the reintegration assistance with community stabilisation projects."),
        para("Recommendation to:"),
        item("\u25cf", "donors"),
        para("Management response (Accept/Partially Accept/Reject)"),
        para("Recommendation 2 accepted: this depends on other programmes."),
        para("Key action Time frame or deadline Responsible"),
        para("Fundraise to assure service is in place"),
    ]
    recs = by_number(blocks)
    assert list(recs) == ["A.1", "B.1", "B.2"]
    assert recs["A.1"].text == (
        "Communication with beneficiaries should be reinforced. This can be improved through: "
        "a. The development of audiovisual communication tools. "
        "b. Such videos could be run in loops."
    )
    assert recs["A.1"].actors_raw == "Project management; IOM Communication staff"
    assert recs["B.2"].actors_raw == "donors"
    assert recs["A.1"].management_response.category == "accepted"
    assert recs["B.1"].management_response is None
    assert recs["B.2"].management_response.category == "accepted"


def test_recommendations_numbered_items_under_key_recommendations_heading():
    blocks = [
        head("GOOD PRACTICES"),
        item("-", "Private partnership is an innovative approach."),
        head("KEY RECOMMENDATIONS"),
        item("1.", "Generalize the accommodation assistance and better target the psychological assistance."),
        item("2.", "Continue engagement with the private sector and doc-"),
        para("ument the challenges."),
        item("3.", "Complete the debt study."),
        para("Most beneficiaries are satisfied of their decision of voluntary return."),
    ]
    recs = by_number(blocks)
    assert list(recs) == ["1", "2", "3"]
    assert recs["2"].text == "Continue engagement with the private sector and document the challenges."
    assert recs["3"].text == "Complete the debt study."


def test_recommendations_none_in_agenda_like_documents():
    blocks = [
        head("Provisional agenda"),
        item("3.", "UNICEF report on the recommendations of the Joint Inspection Unit"),
        para("The Executive Board will consider the recommendations of the evaluation."),
        head("Recommendations for action and for practical and achievable results."),
    ]
    assert find_recommendations(tuple(blocks)) == ()


@pytest.mark.parametrize(
    "raw,names",
    [
        ("For NEASPEC secretariat, SOM, and ESCAP", ["NEASPEC secretariat", "SOM", "ESCAP"]),
        (
            "For ESCAP's Executive Secretary and NEASPEC secretariat",
            ["ESCAP's Executive Secretary", "NEASPEC secretariat"],
        ),
    ],
)
def test_addressees_split(raw, names):
    assert split_addressees(raw) == names


def test_recommendations_seed_text_integration(seed_txt: Path):
    _, extraction = extract(seed_txt)
    recs = find_recommendations(extraction.blocks)
    assert [r.number for r in recs] == [str(n) for n in range(1, 8)]
    assert recs[0].actors_raw == "For NEASPEC secretariat and SOM"
    assert recs[6].text == (
        "Use virtual meetings to enhance the frequency and quality of the intergovernmental "
        "connectedness being pursued under NEASPEC."
    )
    assert recs[3].text.endswith("for mutual gain")
    assert all(r.provenance.line for r in recs)


def test_recommendations_annex_row_broken_by_page_break_is_joined():
    blocks = [
        table(
            [
                ["No. and actor(s)", "Recommendation"],
                [
                    "Recommendation 7: For NEASPEC secretariat",
                    "Use virtual meetings to enhance the\nfrequency of the",
                ],
            ]
        ),
        para("4", page=4),
        para("intergovernmental connectedness.", page=4),
    ]
    assert (
        by_number(blocks)["7"].text
        == "Use virtual meetings to enhance the frequency of the intergovernmental connectedness."
    )
    blocks = [
        table([["Recommendation 7: For NEASPEC secretariat", "Use virtual meetings to enhance the"]]),
        table([["", "frequency of meetings."]], index=1),
    ]
    assert by_number(blocks)["7"].text == "Use virtual meetings to enhance the frequency of meetings."


def test_recommendations_title_printed_as_paragraph_under_bare_label():
    blocks = [
        para("Recommendation 2"),
        para("Country-level activity review"),
        para("14. Recommendation 2 reads as follows:"),
        para("Within its mandate, the Division should undertake a review of its country-level activities."),
        para("Indicator of achievement: document outlining the results of a review."),
    ]
    recs = by_number(blocks)
    assert recs["2"].title == "Country-level activity review"
    assert (
        recs["2"].text
        == "Within its mandate, the Division should undertake a review of its country-level activities."
    )


def test_addressees_free_prose_recommendation_to():
    raw = (
        "IOM staff in the Horn of Africa (e.g. Nairobi RO) who are involved in the design of follow-up "
        "programmes: project management; senior management; oversight bodies such as a project steering "
        "committee, donors or IOM Headquarters."
    )
    assert split_addressees(raw) == [
        "IOM staff in the Horn of Africa (e.g. Nairobi RO)",
        "project management",
        "senior management",
        "oversight bodies",
        "project steering committee",
        "donors",
        "IOM Headquarters",
    ]
    assert split_addressees("Project management; Analysis & Reporting") == [
        "Project management",
        "Analysis & Reporting",
    ]


def test_recommendations_label_with_bracketed_qualifier():
    blocks = [
        para("Recommendation 1 (result A)"),
        para("The Department should strengthen its monitoring of country programmes."),
        para("Indicator of achievement: a monitoring framework."),
    ]
    assert (
        by_number(blocks)["1"].text
        == "The Department should strengthen its monitoring of country programmes."
    )


def test_recommendations_matrix_with_recommendation_column():
    blocks = [
        table(
            [
                ["No.", "Recommendation", "Addressed to", "Management response"],
                [
                    "1",
                    "Strengthen the monitoring of the reintegration process.",
                    "Project management",
                    "Accepted. Will do.",
                ],
                ["", "It should cover all countries.", "", ""],
                [
                    "2",
                    "Develop a communication strategy for returnees.",
                    "IOM Headquarters",
                    "Partially accepted",
                ],
            ]
        )
    ]
    recs = by_number(blocks)
    assert list(recs) == ["1", "2"]
    assert (
        recs["1"].text
        == "Strengthen the monitoring of the reintegration process. It should cover all countries."
    )
    assert recs["1"].actors_raw == "Project management"
    assert recs["2"].management_response.category == "partially accepted"


def test_recommendations_short_r_labels_and_any_responder():
    blocks = [
        para("R1. Strengthen the monitoring of the reintegration process in all countries."),
        para("UN-Women management response: Partially accepted. Resources are limited."),
        para("R2: Develop a communication strategy for returnees and host communities."),
        para("Humanitarian response (HR) capacity should be expanded as well."),
        para("WFP response (agree): will be done."),
    ]
    recs = by_number(blocks)
    assert list(recs) == ["1", "2"]
    assert recs["1"].label == "R1"
    assert recs["1"].management_response.category == "partially accepted"
    assert recs["2"].text.endswith(
        "host communities. Humanitarian response (HR) capacity should be expanded as well."
    )
    assert recs["2"].management_response.category == "accepted"


def test_recommendations_bold_lead_keeps_its_elaboration():
    blocks = [
        para("Evaluation recommendation # 2: The AAP team should develop a strategy for AAP.", bold=True),
        para("This recommendation considers findings on the uneven support for AAP."),
        item("\u2022", "Develop specific guidance on AAP system development."),
        para("Responsible unit(s): AAP Unit"),
    ]
    assert by_number(blocks)["2"].text == (
        "The AAP team should develop a strategy for AAP. This recommendation considers "
        "findings on the uneven support for AAP. Develop specific guidance on AAP "
        "system development."
    )


def test_recommendations_contents_list_is_not_a_recommendation_list():
    blocks = [
        head("Contents"),
        para("Recommendations"),
        para("6. Lessons learned and good practices 14"),
        para("7. Annexes on data collection . . . . . . 15"),
        head("1. Introduction"),
    ]
    assert find_recommendations(tuple(blocks)) == ()


def test_recommendations_group_matrix_key_actions_apply_to_the_group():
    blocks = [
        table(
            [
                [
                    "EVALUATION RECOMMENDATION A - COMMUNICATION\n1. Reinforce communication with all beneficiaries.",
                    "",
                ],
                ["Recommendation to:\n\u25cf Project management;", "Priority level (1 to 3):\n2"],
            ]
        ),
        table(
            [
                ["Management response (Accept/Partially Accept/Reject)", "", ""],
                ["Recommendation accepted. Tools will be developed.", "", ""],
                ["Key action", "Time frame or deadline", "Responsible unit(s)"],
                ["Conduct an assessment of barriers", "Continuous", "MRRM"],
            ],
            index=1,
        ),
        table(
            [
                [
                    "EVALUATION RECOMMENDATION B - STAFF SUPPORT\n1. Provide regular counselling for all staff.",
                    "",
                ]
            ],
            index=2,
        ),
    ]
    recs = by_number(blocks)
    assert list(recs) == ["A.1", "B.1"]
    assert recs["A.1"].actors_raw == "Project management"
    assert recs["A.1"].management_response.key_actions == (
        (
            ("Key action", "Conduct an assessment of barriers"),
            ("Time frame or deadline", "Continuous"),
            ("Responsible unit(s)", "MRRM"),
        ),
    )


def test_recommendations_trailing_bracket_names_the_addressees():
    blocks = [
        head("8. Recommendations"),
        para(
            "Recommendation 1: Document data collection systems to support gender equality. The theory of "
            "change did not make explicit the assumptions linking outputs to outcomes. (Addressed to: Programme Unit)"
        ),
        para(
            "Recommendation 2: Align the exit strategy to support migration governance. Sustainability depends "
            "on continued financing. (addressed to the Country Office and Evaluation Office)"
        ),
        para(
            "Recommendation 3: Review the results framework with partners and donors. (Responsible: Regional Bureau)"
        ),
        para(
            "Recommendation 4: Keep the caseload (for example in Nairobi) under review with the country teams."
        ),
    ]
    recs = by_number(blocks)
    assert recs["1"].text.endswith("linking outputs to outcomes.")
    assert recs["1"].actors_raw == "Programme Unit"
    assert [a.name for a in recs["1"].actors] == ["Programme Unit"]
    assert recs["2"].text.endswith("continued financing.")
    assert [a.name for a in recs["2"].actors] == ["Country Office", "Evaluation Office"]
    assert recs["3"].text == "Review the results framework with partners and donors."
    assert [a.name for a in recs["3"].actors] == ["Regional Bureau"]
    assert recs["4"].text.endswith("under review with the country teams.")
    assert recs["4"].actors == ()


def test_recommendations_annex_listing_supplies_actors_and_does_not_leak_into_the_last():
    blocks = [
        head("8. Recommendations"),
        para("Recommendation 1: Document data collection systems to support gender equality in all regions."),
        para(
            "Recommendation 2: Align the exit strategy to support migration governance. (Addressed to: Country Office)"
        ),
        para("Recommendation 3: Strengthen data collection systems to support air pollution monitoring."),
        head("Annex 1. Recommendations and responsible units"),
        table(
            [
                ["No.", "Recommendation", "Addressed to", "Priority"],
                [
                    "1",
                    "Document data collection systems to support gender\nequality in all regions.",
                    "Programme Unit",
                    "Low",
                ],
                ["2", "Align the exit strategy to support migration governance.", "Regional Bureau", "High"],
                [
                    "3",
                    "Strengthen data collection systems to support air\npollution monitoring.",
                    "Monitoring and\nEvaluation Unit",
                    "Low",
                ],
                [
                    "4",
                    "Review the results framework with the national partners.",
                    "Steering Committee",
                    "Low",
                ],
            ]
        ),
    ]
    recs = find_recommendations(tuple(blocks))
    assert [r.number for r in recs] == ["1", "2", "3"]  # the annex adds no records of its own
    by = {r.number: r for r in recs}
    assert by["1"].actors_raw == "Programme Unit"
    assert by["2"].actors_raw == "Country Office"  # printed with the recommendation: kept
    assert by["3"].actors_raw == "Monitoring and Evaluation Unit"
    assert by["3"].text == "Strengthen data collection systems to support air pollution monitoring."


def test_recommendations_wrapped_cell_line_starting_management_response_is_not_a_stop():
    blocks = [
        head("Management response matrix"),
        table(
            [
                ["Recommendation", "Management response", "Key actions"],
                [
                    "Recommendation 1: Document the results\nframework to support child protection. The\n"
                    "management response covers the period 2015 to\n2018 and was commissioned by UNFPA.",
                    "Accepted. The design was relevant.",
                    "Clarify the exit strategy",
                ],
                [
                    "Recommendation 2: Review the results framework\nwith the national partners and donors.\n"
                    "Management response: agreed with the unit.",
                    "Noted.",
                    "Expand the framework",
                ],
            ]
        ),
    ]
    recs = by_number(blocks)
    assert recs["1"].text == (
        "Document the results framework to support child protection. The management response covers the "
        "period 2015 to 2018 and was commissioned by UNFPA."
    )
    assert recs["2"].text == "Review the results framework with the national partners and donors."


def test_split_addressees_keeps_a_unit_named_by_two_functions_whole():
    assert split_addressees("Monitoring and Evaluation Unit") == ["Monitoring and Evaluation Unit"]
    assert split_addressees("Programme Unit and Monitoring and Evaluation Unit") == [
        "Programme Unit",
        "Monitoring and Evaluation Unit",
    ]
    assert split_addressees("Country Office and Evaluation Office") == ["Country Office", "Evaluation Office"]
    assert split_addressees("ESCAP and UNDP") == ["ESCAP", "UNDP"]
