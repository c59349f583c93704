"""Objectives whatever the surface: a list whose bullets the text layer lost, a numbered lead-in
paragraph with lettered items, a sentence that states what the meeting is for, a meeting report
that recalls the workshop's objectives, and words set so tight that only the space character
tells them apart. Each cue is varied (first words, numbering, meeting nouns, type) so a rule
that holds for one file only fails here."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.extract.pdf_extractor import PdfExtractor
from pipeline.models import Block, BlockKind, DocType, Provenance
from pipeline.parse.objectives import find_objectives, objectives_in
from pipeline.parse.sections import section_spans

SRC = "x.pdf"
AIMS = [
    "To share evidence of the drivers of child marriage in the region",
    "Highlight the barriers that stand in the way of change",
    "Recognise the successes of the past year",
    "Agree on ways to use evidence in advocacy.",
]


def para(text: str, size: float = 10.0, bold: bool = False, page: int = 1) -> Block:
    return Block(BlockKind.PARAGRAPH, text, Provenance(SRC, page=page), bold=bold, font_size=size)


def item(marker: str, text: str, page: int = 1) -> Block:
    return Block(BlockKind.LIST_ITEM, text, Provenance(SRC, page=page), marker=marker, font_size=10.0)


def head(text: str) -> Block:
    return Block(BlockKind.HEADING, text, Provenance(SRC, page=1), bold=True, level=2, font_size=14.0)


def texts(blocks: list[Block], doc_type: DocType = DocType.CONCEPT_NOTE) -> list[str]:
    return [o.text for o in find_objectives(section_spans(tuple(blocks)), doc_type, blocks)]


@pytest.mark.parametrize(
    "lead",
    [
        "The objectives of the 2023 workshop include the following:",
        "The workshop has the following objectives:",
        "Its objectives are as follows:",
    ],
)
@pytest.mark.parametrize("after", ["heading", "prose"])
def test_a_list_without_bullets_after_a_lead_in(lead: str, after: str) -> None:
    blocks = [head("About this year's event"), para("The event builds on six earlier workshops."), para(lead)]
    blocks += [para(t) for t in AIMS]
    if after == "heading":
        blocks += [head("Event structure"), para("The workshop will be held in a hybrid format.")]
    else:
        blocks += [
            para(
                "The workshop will be held in a hybrid format. Participants from all regions will join "
                "online, and the sessions will be recorded for those who cannot attend."
            )
        ]
    assert texts(blocks) == AIMS


def test_one_paragraph_after_a_lead_in_is_not_a_list() -> None:
    blocks = [head("Background"), para("The objectives of the meeting are the following:")]
    blocks += [para("Participants will review progress since the last meeting. They will also agree a plan.")]
    assert texts(blocks) == []


@pytest.mark.parametrize("outer", [("7.", "8."), ("12.", "13."), ("(7)", "(8)")])
@pytest.mark.parametrize("inner", [("(a)", "(b)", "(c)"), ("(i)", "(ii)", "(iii)"), ("a)", "b)", "c)")])
@pytest.mark.parametrize("doc_type", [DocType.MEETING_REPORT, DocType.CONCEPT_NOTE, DocType.OTHER])
def test_a_numbered_paragraph_that_opens_the_objectives(outer, inner, doc_type) -> None:
    """UN reports recall a workshop's objectives in a numbered paragraph; its lettered items end at
    the next numbered paragraph, whatever levels the layout gave them."""
    aims = [
        "To survey the status of, and summarize information on, trends in land degradation;",
        "To review the use of weather and climate data at national and regional levels;",
        "To suggest ways of improving the implementation of national action programmes.",
    ]
    blocks = [head("Introduction"), item(outer[0], "The specific objectives of the workshop were:")]
    for marker, text in zip(inner, aims, strict=True):
        words = text.split()
        # a wrapped line set apart by the layout
        blocks += [item(marker, " ".join(words[:5])), para(" ".join(words[5:]))]
    blocks += [item(outer[1], "The workshop was attended by 60 participants from 25 countries.")]
    assert texts(blocks, doc_type) == aims


def test_an_agenda_item_that_ends_with_a_colon_is_no_lead_in() -> None:
    blocks = [head("Provisional agenda"), item("10.", "General exchange of views.")]
    blocks += [
        item("11.", "Consideration of matters important for achieving the objectives of the Treaty:"),
        item("(a)", "Universality (article 12);"),
        item("(b)", "National implementation measures (article 5);"),
        item("12.", "Other matters."),
    ]
    assert texts(blocks, DocType.AGENDA) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The main objective of the regional workshop is to strengthen the capacity of member States to use data.",
        "The purpose of this expert group meeting is to strengthen the capacity of member States to use data.",
        "The overall aim of the seminar was to strengthen the capacity of member States to use data.",
        "The consultation aims to strengthen the capacity of member States to use data.",
        "This training is intended to strengthen the capacity of member States to use data.",
    ],
)
def test_a_purpose_sentence_in_running_text_is_no_listed_objective(sentence: str) -> None:
    """Annotators of three publishers' documents read a purpose stated in running text as prose,
    not as the meeting's objectives; an inline list of them is a list."""
    lead = "Data use remains uneven across the region. "
    assert texts([head("Background"), para(lead + sentence + " It runs two days.")]) == []
    enumerated = sentence.replace(
        "to strengthen the capacity of member States to use data.",
        "to (a) strengthen the capacity of member States to use data; and (b) agree on a plan.",
    )
    blocks = [head("Background"), para(lead + enumerated + " It runs two days.")]
    assert texts(blocks) == ["strengthen the capacity of member States to use data", "agree on a plan."]


def test_a_purpose_sentence_with_an_inline_enumeration_gives_its_items() -> None:
    blocks = [
        head("Background"),
        para(
            "The objectives of the meeting are to: (a) review progress since the fifth session; "
            "(b) agree on the workplan for 2026; and (c) elect the bureau."
        ),
    ]
    assert texts(blocks) == [
        "review progress since the fifth session",
        "agree on the workplan for 2026",
        "elect the bureau.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The purpose of this evaluation is to assess the results of the programme.",
        "The objective of the report is to describe the workshop.",
    ],
)
def test_a_purpose_sentence_about_something_else_is_no_objective(sentence: str) -> None:
    assert texts([head("Introduction"), para(sentence)]) == []


def test_evaluations_still_have_no_objectives() -> None:
    blocks = [head("Objectives"), item("•", "Assess relevance."), item("•", "Assess effectiveness.")]
    assert texts(blocks, DocType.EVALUATION_REPORT) == []
    assert [o.text for o in objectives_in(section_spans(tuple(blocks)))] == [
        "Assess relevance.",
        "Assess effectiveness.",
    ]


@pytest.mark.parametrize("tracking", [-1.2, -1.8])
def test_tightly_tracked_words_keep_their_spaces(tmp_path: Path, tracking: float) -> None:
    """InDesign sets type with negative letter spacing: each glyph's box runs over the next, and the
    gap at a space is below zero. The space character still ends the word."""
    path = tmp_path / "tight.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, 780, "Objectives")
    y = 750
    for line in AIMS:
        t = c.beginText(72, y)
        t.setFont("Helvetica", 10)
        t.setCharSpace(tracking)
        t.textOut(line)
        c.drawText(t)
        y -= 30
    c.save()
    for reader in ("pdfplumber", "pdfium"):
        blocks = [
            b
            for b in PdfExtractor(reader=reader).extract(path, str(path)).blocks
            if b.kind != BlockKind.HEADING
        ]
        assert AIMS[1] in [b.text for b in blocks], reader
