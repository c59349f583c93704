"""Cover metadata and objectives on layouts of documents outside the annotated corpus (gold_extra)."""

from __future__ import annotations

from pipeline.models import Block, BlockKind, DocType, Provenance
from pipeline.parse.metadata import document_date, extract_metadata, find_title
from pipeline.parse.objectives import find_objectives
from pipeline.parse.sections import section_spans

SRC = "x.pdf"


def block(
    text: str, page: int = 1, size: float = 10.0, bold: bool = False, kind=BlockKind.PARAGRAPH
) -> Block:
    return Block(kind, text, Provenance(SRC, page=page), bold=bold, font_size=size)


def item(marker: str, text: str, page: int = 1) -> Block:
    return Block(BlockKind.LIST_ITEM, text, Provenance(SRC, page=page), marker=marker, font_size=10.0)


def head(text: str, marker: str = "", page: int = 1) -> Block:
    return Block(BlockKind.HEADING, text, Provenance(SRC, page=page), marker=marker, bold=True, level=2)


def test_title_skips_a_line_naming_only_the_kind_of_evaluation():
    """IOM Niger MIRAA III report cover: 'FINAL EVALUATION' in the largest type, the title under it."""
    blocks = (
        block("FINAL REPORT", size=9.0, bold=True, kind=BlockKind.HEADING),
        block(
            "PROJECT TITLE FINAL EVALUATION MIRAA-III PROJECT IN NIGER PROJECT No NER_IOM_EVAL/2022-01",
            size=9.0,
        ),
        block("FINAL EVALUATION", size=18.0, kind=BlockKind.HEADING),
        block(
            "MIGRANTS RESCUE AND ASSISTANCE IN AGADEZ REGION (MIRAA) – PHASE III",
            size=17.0,
            bold=True,
            kind=BlockKind.HEADING,
        ),
        block("for"),
    )
    assert find_title(blocks) == "MIGRANTS RESCUE AND ASSISTANCE IN AGADEZ REGION (MIRAA) – PHASE III"


def test_title_stops_at_the_first_roman_numbered_section():
    """A/AC.109/2025/19: the bold 'I. Introduction' under the title block is the first section."""
    blocks = (
        block("General Assembly", size=20.0, bold=True, kind=BlockKind.HEADING),
        block("Distr.: General 26 February 2025"),
        block(
            "Special Committee on the Situation with regard to the Implementation of the Declaration",
            size=12.0,
            bold=True,
            kind=BlockKind.HEADING,
        ),
        block(
            "Pacific regional seminar on the implementation of the Fourth International Decade",
            size=14.0,
            bold=True,
        ),
        block(
            "for the Eradication of Colonialism, to be held in Dili from 21 to 23 May 2025",
            size=14.0,
            bold=True,
        ),
        block("Guidelines and rules of procedure", size=12.0, bold=True, kind=BlockKind.HEADING),
        Block(
            BlockKind.HEADING,
            "I. Introduction",
            Provenance(SRC, page=1),
            marker="I.",
            bold=True,
            font_size=14.0,
        ),
        item(
            "1.", "At its seventy-fifth session, the General Assembly, by its resolution 75/123, declared ..."
        ),
    )
    assert find_title(blocks) == (
        "Pacific regional seminar on the implementation of the Fourth International Decade for the "
        "Eradication of Colonialism, to be held in Dili from 21 to 23 May 2025: Guidelines and rules of procedure"
    )


def _annual_report(*front: Block) -> tuple[Block, ...]:
    cover = (
        block(
            "ECONOMIC AND SOCIAL COMMISSION FOR ASIA AND THE PACIFIC",
            size=18.0,
            bold=True,
            kind=BlockKind.HEADING,
        ),
        block("ANNUAL REPORT", size=16.0, bold=True, kind=BlockKind.HEADING),
        block("27 April 2024–25 April 2025", size=14.0, bold=True, kind=BlockKind.HEADING),
        block("ECONOMIC AND SOCIAL COUNCIL", size=16.0, bold=True, kind=BlockKind.HEADING),
        block("OFFICIAL RECORDS, 2025", size=14.0, bold=True, kind=BlockKind.HEADING),
        block("UNITED NATIONS", size=22.0, bold=True, kind=BlockKind.HEADING),
    )
    title_page = (block("New York, 2025", page=3, size=14.0, bold=True, kind=BlockKind.HEADING),)
    body = (
        block("Introduction", page=7, size=14.0, bold=True, kind=BlockKind.HEADING),
        block(
            "The eighty-first session of the Commission was held in Bangkok from 21 to 25 April 2025.", page=7
        ),
    )
    return cover + title_page + front + body


def test_issue_date_in_brackets_at_the_head_of_the_contents():
    """ESCAP annual report (E/2025/39): '[1 May 2025]' heads the Contents page; the cover's
    '27 April 2024–25 April 2025' is the period reported on, not the date of issue."""
    blocks = _annual_report(
        block("Contents", page=5, size=14.0), block("[1 May 2025]", page=5), block("Page", page=5)
    )
    meta = extract_metadata(blocks)
    assert meta.issued == "2025-05-01"
    assert document_date(DocType.MEETING_REPORT, meta, blocks) == "2025-05-01"


def test_a_period_on_the_cover_is_not_a_date_of_issue():
    """Without the bracketed date the imprint's year is the best date of issue, not the period's start."""
    blocks = _annual_report()
    meta = extract_metadata(blocks)
    assert meta.issued is None
    assert document_date(DocType.MEETING_REPORT, meta, blocks) == "2025"


def _guidelines(*extra: Block) -> list:
    blocks = (
        head("II. Place and dates of the seminar", "II."),
        item("3.", "The Caribbean regional seminar will be held in Frigate Bay from 12 to 14 May 2009."),
        head("III. Purpose of the seminar", "III."),
        item(
            "4.",
            "The purpose of the seminar is to enable the Special Committee to obtain the views of representatives.",
        ),
        item("5.", "The contributions of the participants will serve as a basis for further consideration."),
        head("IV. Agenda of the seminar", "IV."),
        item("6.", "The agenda of the seminar is as follows:"),
        item("1.", "Way forward."),
    ) + extra
    return section_spans(blocks)


def test_objectives_from_a_purpose_section():
    """A/AC.109 seminar guidelines: 'III. Purpose of the seminar' states what the meeting is for."""
    texts = [o.text for o in find_objectives(_guidelines(), DocType.CONCEPT_NOTE)]
    assert texts == [
        "The purpose of the seminar is to enable the Special Committee to obtain the views of representatives.",
        "The contributions of the participants will serve as a basis for further consideration.",
    ]
    assert find_objectives(_guidelines(), DocType.EVALUATION_REPORT) == ()


def test_an_objectives_section_wins_over_a_purpose_section():
    spans = _guidelines(
        head("V. Objectives", "V."),
        item("(a)", "Review progress in the decolonization process."),
        item("(b)", "Identify practical ways forward."),
    )
    texts = [o.text for o in find_objectives(spans, DocType.CONCEPT_NOTE)]
    assert texts == ["Review progress in the decolonization process.", "Identify practical ways forward."]


def test_a_kind_prefix_before_a_colon_heads_the_title_not_a_form_label():
    """'Concept Note: Regional Workshop on ...' is the title, told by its kind; 'Date: ...' stays a label."""
    for line in (
        "Concept Note: Regional Workshop on Social Protection",
        "Programme: Expert Group Meeting on Food Security",
    ):
        blocks = (
            block(line, size=17.0, bold=True, kind=BlockKind.HEADING),
            block("Date: 1 December 2025", size=17.0, bold=True, kind=BlockKind.HEADING),
            block("Venue: United Nations Conference Centre, Addis Ababa", size=10.5),
        )
        assert find_title(blocks) == line
    labels = (
        block("Venue: United Nations Conference Centre", size=17.0, bold=True, kind=BlockKind.HEADING),
        block("Concept Note: 1 December 2025", size=17.0, bold=True, kind=BlockKind.HEADING),
        block("Regional Workshop on Social Protection", size=14.0, bold=True, kind=BlockKind.HEADING),
    )
    assert find_title(labels) == "Regional Workshop on Social Protection"


def test_a_meeting_date_under_a_dated_distr_line_is_the_meeting_s():
    """'Distr.: General 1 October 2025' carries its own date: the line under it is the meeting's."""
    blocks = (
        block("Concept Note: Regional Workshop on Social Protection", size=17.0, bold=True),
        block("ECA/2025/7 Distr.: General 1 October 2025 Original: English"),
        block("1–3 December 2025, Addis Ababa"),
    )
    meta = extract_metadata(blocks)
    assert (meta.issued, meta.meeting_start, meta.meeting_end) == ("2025-10-01", "2025-12-01", "2025-12-03")
    assert document_date(DocType.CONCEPT_NOTE, meta, blocks) == "2025-12-01"
    # an undated label still gives its date to the next line
    undated = (blocks[0], block("Distr.: General"), block("1 October 2025"))
    assert extract_metadata(undated).meeting_start is None


def test_meeting_dates_stated_in_a_sentence_of_the_body():
    """'The workshop will be held from 1 to 3 December 2025 in ...' past the cover gives the meeting's dates."""
    blocks = (
        block("Concept Note: Regional Workshop on Social Protection", size=17.0, bold=True),
        block("Background", page=2, size=13.0, bold=True, kind=BlockKind.HEADING),
        block("The workshop will be held from 1 to 3 December 2025 in Addis Ababa, Ethiopia.", page=2),
    )
    meta = extract_metadata(blocks)
    assert (meta.meeting_start, meta.meeting_end) == ("2025-12-01", "2025-12-03")
    assert document_date(DocType.CONCEPT_NOTE, meta, blocks) == "2025-12-01"
