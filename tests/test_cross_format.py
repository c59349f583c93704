"""The same document in another format (or with another plausible authoring choice) gives the same
records: regressions found by converting DOCX sources to PDF and editing them with python-docx."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from pipeline.extract.docx_extractor import DocxExtractor
from pipeline.models import Block, BlockKind, DocType, Provenance
from pipeline.parse.metadata import find_title
from pipeline.parse.objectives import find_objectives
from pipeline.parse.recommendations import find_recommendations
from pipeline.parse.sections import section_spans

SRC = "t.pdf"


def pdf_block(
    kind: BlockKind, text: str, top: float, size: float = 11.0, bold: bool = True, page: int = 1
) -> Block:
    prov = Provenance(SRC, page=page, bbox=(72.0, top, 500.0, top + size))
    return Block(kind, text, prov, bold=bold, font_size=size, level=1 if kind == BlockKind.HEADING else 0)


def para(text: str, page: int = 1) -> Block:
    return Block(BlockKind.PARAGRAPH, text, Provenance(SRC, page=page))


def test_title_in_body_type_does_not_run_into_the_bold_fields_under_it():
    # a form whose title is set in the body's size and weight: the bold fields below it, a paragraph
    # gap apart, are not wrapped lines of the title (the DOCX of the same form gives the first line)
    blocks = (
        pdf_block(BlockKind.HEADING, "MANAGEMENT RESPONSE AND ACTION PLAN MATRIX", 104.0),
        pdf_block(BlockKind.HEADING, "Evaluation of Accountability to Affected Populations", 139.6),
        pdf_block(
            BlockKind.HEADING,
            "Name and function of the management response coordinator (MR coordinator): "
            "A. Person, Senior Advisor",
            161.4,
        ),
        pdf_block(
            BlockKind.PARAGRAPH,
            "Overall comment on evaluation process (optional): " + "text " * 40,
            232.0,
            bold=False,
        ),
    )
    assert find_title(blocks) == "MANAGEMENT RESPONSE AND ACTION PLAN MATRIX"


def test_title_wrapped_over_two_close_lines_is_joined():
    blocks = (
        pdf_block(BlockKind.HEADING, "Evaluation of the Regional Programme on", 100.0, size=18.0),
        pdf_block(BlockKind.HEADING, "Migration Governance", 121.0, size=18.0),
        pdf_block(BlockKind.PARAGRAPH, "Body text " * 30, 200.0, bold=False),
    )
    assert find_title(blocks) == "Evaluation of the Regional Programme on Migration Governance"


def test_management_response_label_run_into_the_responsible_unit_block():
    # a PDF page break can put two fields of the matrix in one block
    blocks = [
        para("Evaluation recommendation # 4: The senior management should strengthen central AAP functions."),
        para(
            "Responsible unit(s): Deputy Director General for Operations Management response - "
            "accept/partially accept/reject: The"
        ),
        para("recommendation is relevant and accepted."),
        para("Evaluation recommendation # 5: The AAP team should develop guidance."),
        para("Responsible unit(s): AAP Unit"),
        para("Management response - accept/partially accept/reject: AAP Unit accepts the recommendation."),
    ]
    recs = {r.number: r for r in find_recommendations(tuple(blocks))}
    assert recs["4"].text == "The senior management should strengthen central AAP functions."
    assert recs["4"].management_response is not None
    assert recs["4"].management_response.category == "accepted"
    assert recs["5"].management_response.category == "accepted"


def test_courier_o_sub_bullets_are_not_part_of_the_wording():
    blocks = [
        para(
            "Evaluation recommendation # 8: The AAP team should standardize CFM systems through the following actions:"
        ),
        Block(BlockKind.LIST_ITEM, "Map existing CFM systems.", Provenance(SRC, page=1), marker="\u2022"),
        para("o Conduct a comprehensive assessment of all CFM systems."),
        para("o Define clear minimum standards. o Implement measures to ensure compliance."),
        para("Responsible unit(s): AAP Unit"),
    ]
    recs = find_recommendations(tuple(blocks))
    assert recs[0].text == (
        "The AAP team should standardize CFM systems through the following actions: Map existing "
        "CFM systems. Conduct a comprehensive assessment of all CFM systems. Define clear minimum "
        "standards. Implement measures to ensure compliance."
    )


def _docx_with_typed_numbered_objectives(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("Concept Note")
    d.add_heading("1. Objectives", level=1)
    d.add_paragraph("The objectives of the meeting are as follows:")
    d.add_paragraph("1. Examine the current institutional setup;")
    d.add_paragraph("2. Exchange views on options for a renewed vision; and")
    d.add_paragraph("3. Develop a follow-up plan.")
    d.add_paragraph("In addition, the Meeting will review planned activities.")
    d.add_heading("2. Programme", level=1)
    d.save(path)
    return path


def test_docx_typed_list_numbers_give_list_items_like_the_pdf(tmp_path: Path):
    path = _docx_with_typed_numbered_objectives(tmp_path / "typed.docx")
    blocks = DocxExtractor().extract(path, path.name).blocks
    items = [b for b in blocks if b.kind == BlockKind.LIST_ITEM]
    assert [(b.marker, b.text) for b in items] == [
        ("1.", "Examine the current institutional setup;"),
        ("2.", "Exchange views on options for a renewed vision; and"),
        ("3.", "Develop a follow-up plan."),
    ]
    objectives = find_objectives(section_spans(blocks), DocType.CONCEPT_NOTE)
    assert [o.text for o in objectives] == [b.text for b in items]


def test_docx_plain_paragraphs_stay_paragraphs(tmp_path: Path):
    d = docx.Document()
    d.add_paragraph("In 2021, the secretariat met.")
    d.add_paragraph("e.g. a note")
    d.add_paragraph("1.")
    path = tmp_path / "plain.docx"
    d.save(path)
    blocks = DocxExtractor().extract(path, path.name).blocks
    assert all(b.kind == BlockKind.PARAGRAPH for b in blocks)


def test_recommendation_label_with_bracketed_addressees():
    # "Recommendation 1: For X and Y" rewritten as "Recommendation 1 (X and Y)" keeps its addressees;
    # a long bracket of names is not dropped, and a bracketed qualifier is still no addressee
    blocks = [
        para("Recommendation 1 (NEASPEC secretariat and SOM)"),
        para("Decide whether or not to move forward in operationalizing NEASPEC."),
        para("Recommendation 2 (ESCAP's Executive Secretary and NEASPEC secretariat)"),
        para("Strengthen existing links and identify new communication channels."),
        para("Recommendation 3 (high priority)"),
        para("Revise the funding modalities to enhance reliability."),
    ]
    recs = {r.number: r for r in find_recommendations(tuple(blocks))}
    assert list(recs) == ["1", "2", "3"]
    assert recs["1"].actors_raw == "NEASPEC secretariat and SOM"
    assert recs["1"].text == "Decide whether or not to move forward in operationalizing NEASPEC."
    assert recs["2"].actors_raw == "ESCAP's Executive Secretary and NEASPEC secretariat"
    assert recs["3"].actors_raw == ""
    assert recs["3"].text == "Revise the funding modalities to enhance reliability."


def test_numbered_objectives_run_into_one_list_item_are_split():
    # a PDF of a Word-numbered list whose numbers align with the text can come out as one "1." item
    blocks = (
        Block(BlockKind.HEADING, "2. Objectives", Provenance(SRC, page=1), level=1, marker="2."),
        para("In this connection, objectives of the meeting are as follows:"),
        Block(
            BlockKind.LIST_ITEM,
            "Examine the current institutional setup, as well as its funding mechanism; "
            "2. Exchange views on options for renewed vision, and funding modality; and 3. Develop a follow-up "
            "plan towards the 25th SOM to be held in late 2021.",
            Provenance(SRC, page=1),
            marker="1.",
        ),
        para("In addition, the Meeting will review 3 activities. 4. Not an objective."),
    )
    objectives = find_objectives(section_spans(blocks), DocType.CONCEPT_NOTE)
    assert [o.text for o in objectives] == [
        "Examine the current institutional setup, as well as its funding mechanism;",
        "Exchange views on options for renewed vision, and funding modality; and",
        "Develop a follow-up plan towards the 25th SOM to be held in late 2021.",
    ]


def test_numbered_objective_mentioning_a_number_is_not_split():
    blocks = (
        Block(BlockKind.HEADING, "Objectives", Provenance(SRC, page=1), level=1),
        Block(
            BlockKind.LIST_ITEM,
            "Review recommendations 1, 3. Agree on a plan for Goal 2.",
            Provenance(SRC, page=1),
            marker="1.",
        ),
        Block(BlockKind.LIST_ITEM, "Agree on the budget.", Provenance(SRC, page=1), marker="2."),
    )
    objectives = find_objectives(section_spans(blocks), DocType.CONCEPT_NOTE)
    assert [o.text for o in objectives] == [
        "Review recommendations 1, 3. Agree on a plan for Goal 2.",
        "Agree on the budget.",
    ]


def test_pdf_footnote_reference_glued_to_punctuation_is_dropped_from_wording():
    blocks = [
        para(
            "Evaluation recommendation # 4: Increase staff resources in regional offices, designating focal persons "
            "with time capacity,1 ensuring these have a clear mandate. No.1 priority stays."
        ),
        para("Responsible unit(s): AAP Unit"),
    ]
    recs = find_recommendations(tuple(blocks))
    assert recs[0].text == (
        "Increase staff resources in regional offices, designating focal persons with time "
        "capacity, ensuring these have a clear mandate. No.1 priority stays."
    )


# --------------------------------------------------------------------------- DOCX printed to PDF
# tests/data/printed holds real DOCX sources (tests/data/sources) printed to PDF by LibreOffice; the PDF
# must give the records of the DOCX it was printed from.
PRINTED = Path(__file__).parent / "data" / "printed"
DOCX_SOURCES = Path(__file__).parent / "data" / "sources"


def _records(path: Path) -> dict:
    from pipeline.process import process_file

    result = process_file(path, source_file=path.name)
    assert result.document is not None, result.failure
    return result.document.to_dict()


def _unhyphenated(text: str) -> str:
    return re.sub(r"(?<=[^\W\d_])-(?=[^\W\d_])", "", text)


def _comparable(rec: dict) -> dict:
    return {k: v for k, v in rec.items() if k != "provenance"}


@pytest.mark.slow
@pytest.mark.parametrize(
    "stem",
    ["AAP Evaluation - Management Response Final", "Terms of Reference"],
    ids=["aap-matrix", "dfo-tor"],
)
def test_docx_printed_to_pdf_gives_the_same_records(stem: str):
    docx_record = _records(DOCX_SOURCES / f"{stem}.docx")
    pdf_record = _records(PRINTED / f"{stem}.pdf")
    for key in ("doc_type", "date"):
        assert pdf_record["document"][key] == docx_record["document"][key], key
    assert [o["text"] for o in pdf_record["objectives"]] == [o["text"] for o in docx_record["objectives"]]
    got = [_comparable(r) for r in pdf_record["recommendations"]]
    want = [_comparable(r) for r in docx_record["recommendations"]]
    assert [r["number"] for r in got] == [r["number"] for r in want]
    for g, w in zip(got, want, strict=True):
        assert g["text"] == w["text"], w["number"]
        assert [a["name"] for a in g["actors"]] == [a["name"] for a in w["actors"]], w["number"]
        # a compound's hyphen at a printed line end ("inter-|departmental") cannot be told from a
        # hyphen that breaks a word, so the whole response is compared with hyphens between letters folded
        g_mr, w_mr = dict(g.pop("management_response") or {}), dict(w.pop("management_response") or {})
        assert _unhyphenated(g_mr.pop("text", "")) == _unhyphenated(w_mr.pop("text", "")), w["number"]
        assert g_mr == w_mr, w["number"]
        assert g == w, w["number"]


@pytest.mark.slow
def test_matrix_printed_to_pdf_is_a_one_column_table_of_fields():
    from pipeline.extract.pdf_extractor import PdfExtractor

    name = "AAP Evaluation - Management Response Final.pdf"
    blocks = PdfExtractor().extract(PRINTED / name, name).blocks
    # the form fields above the matrix are paragraphs, as in the DOCX, not headings
    date = next(b for b in blocks if b.text.startswith("Date of publication:"))
    assert date.kind == BlockKind.PARAGRAPH
    tables = [b for b in blocks if b.kind == BlockKind.TABLE]
    rows = [row for t in tables for row in t.rows]
    assert tables and all(len(row) == 1 for row in rows)
    firsts = [row[0].text for row in rows]
    assert sum(t.startswith("Evaluation recommendation # ") for t in firsts) == 9
    assert sum(t.startswith("Responsible unit(s):") for t in firsts) >= 8
    # a justified line whose wide spaces split it is still one line of the cell
    assert any(
        t.startswith("Management response - accept/partially accept/reject: The\nrecommendation")
        for t in firsts
    )
    # an empty paragraph in the cell (a blank line's gap on the page) is a blank line, as in the DOCX
    assert any("AAP Unit accepts\nthe recommendation\n\nThe updated guidance on CFM" in t for t in firsts)
