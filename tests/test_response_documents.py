"""Government and management responses that quote the recommendations they answer as plain
numbered paragraphs: no "Recommendations" heading, no "Recommendation N" label. The same response
written as text, DOCX and PDF, with the statements bold or plain, the responses labelled or not,
gives the same records (``recs_responded``); numbered paragraphs without responses give none."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.extract.base import load_extractor
from pipeline.models import DocumentInfo
from pipeline.parse import parse_document

STATEMENTS = [
    "The Department should publish an independently verified workforce plan every two years, "
    "covering the next fifteen years.",
    "NHS England should set out how it will reduce reliance on agency staff by the end of 2025.",
    "The Department and NHS England should report annually to Parliament on retention rates for "
    "nurses and midwives.",
    "We recommend that the Government consults on a statutory duty to assess workforce needs.",
]
ANSWERS = [
    ("accepted", "The Government agrees with this recommendation. The plan was published in June."),
    ("partially accepted", "The Government partially accepts this recommendation. Caps already apply."),
    ("rejected", "The Government does not accept this recommendation. Retention data are published monthly."),
    ("noted", "The Government notes the Committee's view and will consider it in the next review."),
]
INTRO = [
    "Government Response to the Committee Report on Workforce Planning",
    "Presented to Parliament by the Secretary of State, March 2024",
    "The Government welcomes the Committee's report and thanks its members for their work. "
    "The responses below follow the order of the Committee's report.",
]
# numbered as in the committee's report: a response may answer only some of its paragraphs
NUMBERS = ["1", "2", "4", "7"]


def _paragraphs(labelled: bool) -> list[tuple[str, bool]]:
    """(text, bold) in reading order."""
    out = [(INTRO[0], True), (INTRO[1], False), (INTRO[2], False)]
    for n, statement, (_, answer) in zip(NUMBERS, STATEMENTS, ANSWERS, strict=True):
        out.append((f"{n}. {statement} (Paragraph {int(n) * 10})", True))
        if labelled:
            out.append(("Government response", True))
        out.append((answer, False))
        out.append(("Progress will be reported to Parliament in the annual report on the workforce.", False))
    return out


def _write_txt(path: Path, labelled: bool) -> None:
    path.write_text("\n\n".join(t for t, _ in _paragraphs(labelled)) + "\n", encoding="utf-8")


def _write_docx(path: Path, labelled: bool) -> None:
    d = docx.Document()
    for text, bold in _paragraphs(labelled):
        d.add_paragraph().add_run(text).bold = bold
    d.save(str(path))


def _write_pdf(path: Path, labelled: bool) -> None:
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 780.0
    for text, bold in _paragraphs(labelled):
        words, line = text.split(), ""
        lines = []
        for w in words:
            if len(line) + len(w) > 85:
                lines.append(line)
                line = w
            else:
                line = f"{line} {w}".strip()
        lines.append(line)
        for ln in lines:
            c.setFont("Helvetica-Bold" if bold else "Helvetica", 10)
            c.drawString(60, y, ln)
            y -= 13
        y -= 9
        if y < 80:
            c.showPage()
            y = 780.0
    c.save()


WRITERS = {"txt": _write_txt, "docx": _write_docx, "pdf": _write_pdf}


def _records(path: Path, fmt: str):
    extraction = load_extractor(fmt).extract(path, path.name)
    info = DocumentInfo(id="x", source_file=path.name, sha256="0", format=fmt)
    return parse_document(info, extraction.blocks).recommendations


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("labelled", [True, False])
def test_statements_answered_one_by_one_are_recommendations(tmp_path: Path, fmt: str, labelled: bool) -> None:
    path = tmp_path / f"response.{fmt}"
    WRITERS[fmt](path, labelled)
    recs = _records(path, fmt)
    assert [r.number for r in recs] == NUMBERS
    for rec, statement, (category, answer) in zip(recs, STATEMENTS, ANSWERS, strict=True):
        assert rec.text == statement  # the closing "(Paragraph 10)" is a reference, not wording
        assert rec.management_response is not None
        assert rec.management_response.category == category
        assert rec.management_response.text.startswith(answer.split(".")[0])
        assert rec.provenance.rule == "recommendations.responded"


def test_plain_text_needs_the_response_field(tmp_path: Path) -> None:
    # text has no weight: the labelled form is recognised, the bare alternation is not
    labelled, bare = tmp_path / "labelled.txt", tmp_path / "bare.txt"
    _write_txt(labelled, True)
    _write_txt(bare, False)
    assert [r.number for r in _records(labelled, "txt")] == NUMBERS
    assert _records(bare, "txt") == ()


def test_numbered_paragraphs_without_responses_are_not_recommendations(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph().add_run(INTRO[0]).bold = True
    for n, statement in zip(NUMBERS, STATEMENTS, strict=True):
        d.add_paragraph().add_run(f"{n}. {statement}").bold = True
        d.add_paragraph("The working group discussed this at length and agreed to come back to it.")
    path = tmp_path / "minutes.docx"
    d.save(str(path))
    assert _records(path, "docx") == ()


def test_a_single_answered_statement_is_not_enough(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph().add_run(f"1. {STATEMENTS[0]}").bold = True
    d.add_paragraph().add_run("Government response").bold = True
    d.add_paragraph(ANSWERS[0][1])
    path = tmp_path / "one.docx"
    d.save(str(path))
    assert _records(path, "docx") == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We recommend that the Government consults on a statutory duty.", ["Government"]),
        ("The Committee recommends that NHS England sets out a plan.", ["NHS England"]),
        ("It is recommended that the Department should publish the data.", ["Department"]),
        ("We recommend that a statutory duty is considered.", []),
    ],
)
def test_recommend_that_opens_with_the_addressee(text: str, expected: list[str]) -> None:
    from pipeline.nlp import actors_from_text, get_tagger

    tagger = get_tagger()
    actors = actors_from_text(text, tagger.actor_tagger, tagger.nlp.tokenizer)
    assert [a.name for a in actors] == expected


@pytest.mark.parametrize(
    "reference",
    [
        "(Paragraph 34)",
        "(Paragraphs 34 and 35)",
        "(paras. 12\u201314)",
        "[para 7]",
        "(see paragraph 5.3).",
        "(Para 3)",
    ],
)
def test_a_closing_paragraph_reference_is_not_wording(tmp_path: Path, reference: str) -> None:
    path = tmp_path / "response.txt"
    body = [INTRO[0], INTRO[2]]
    for n, statement, (_, answer) in zip(NUMBERS, STATEMENTS, ANSWERS, strict=True):
        body += [f"{n}. {statement} {reference}", "Government response", answer]
    path.write_text("\n\n".join(body) + "\n", encoding="utf-8")
    assert [r.text for r in _records(path, "txt")] == STATEMENTS


def test_a_reference_inside_the_wording_stays(tmp_path: Path) -> None:
    wording = "The Department should apply the criteria (paragraph 4) to all new trusts from 2026."
    path = tmp_path / "response.txt"
    body = [INTRO[0]]
    for n in NUMBERS:
        body += [f"{n}. {wording}", "Government response", ANSWERS[0][1]]
    path.write_text("\n\n".join(body) + "\n", encoding="utf-8")
    assert [r.text for r in _records(path, "txt")] == [wording] * len(NUMBERS)


MINUTES = [
    (
        "The Department does not know enough about the condition of the school estate.",
        "The Department should set out, within six months, how it will complete its survey of school buildings.",
        "The government agrees with the Committee's recommendation.",
        "accepted",
    ),
    (
        "Funding for school maintenance has not kept pace with need.",
        "The Department should write to the Committee setting out the funding needed to maintain the estate.",
        "The government disagrees with the Committee's recommendation.",
        "rejected",
    ),
    (
        "Responsible bodies lack the capacity to manage their estates.",
        "The Department should review the support it gives to responsible bodies and report back by December.",
        "The government agrees with the Committee's recommendation.",
        "accepted",
    ),
]


@pytest.mark.parametrize("separator", [":", "."])
@pytest.mark.parametrize("who", ["PAC", "Committee", ""])
def test_number_before_the_label_and_a_numbered_answer(tmp_path: Path, separator: str, who: str) -> None:
    """ "1: PAC conclusion: ..." / "1: PAC recommendation: ..." / "1.1 The government agrees ...":
    the conclusion is not wording, the numbered answer is the response, a target date is no issue date."""
    label = f"{who} " if who else ""
    body = [
        "Treasury Minutes",
        "Government response to the Committee on the Fifth to the Tenth reports from Session 2023-24",
        "Presented to Parliament by the Secretary to the Treasury, February 2024",
        "Department for Education",
    ]
    for n, (conclusion, recommendation, answer, _) in enumerate(MINUTES, 1):
        body += [
            f"{n}{separator} {label}conclusion: {conclusion}",
            f"{n}{separator} {label}recommendation: {recommendation}",
            f"{n}.1 {answer}",
            f"{n}.2 Funding decisions are a matter for the Spending Review.",
            "Target implementation date: December 2024",
        ]
    path = tmp_path / "minutes.txt"
    path.write_text("\n\n".join(body) + "\n", encoding="utf-8")
    extraction = load_extractor("txt").extract(path, path.name)
    doc = parse_document(
        DocumentInfo(id="x", source_file=path.name, sha256="0", format="txt"), extraction.blocks
    )
    assert [(r.number, r.text) for r in doc.recommendations] == [
        (str(n), m[1]) for n, m in enumerate(MINUTES, 1)
    ]
    assert [r.management_response.category for r in doc.recommendations] == [m[3] for m in MINUTES]
    assert doc.info.doc_type.value == "management_response"
    assert doc.info.date == "2024-02"
