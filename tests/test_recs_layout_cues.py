"""Recommendations recognised from layout: the box a statement is printed on, the label over each
box, a title printed after the label, bullets drawn as shapes, a heading on a band, lead-in
paragraphs over lettered items, and a recommending sentence in running text. Each cue is varied
(label words, numbering, letters, colours) and each has a counter-case where the cue is absent
and the old reading must hold."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.extract.pdf_extractor import PdfExtractor
from pipeline.models import Block, BlockKind, Cell, Provenance
from pipeline.parse.recommendations import find_recommendations

SRC = "t.pdf"
WORDING = [
    "The Government should set out clear implementation plans for the delivery of capability goals.",
    "Departments should make sure that funding across government is aligned to maximise impact.",
    "The agency should publish an annual account of the programme's results and of what it has learnt.",
    "Ministers should consult their scientific advisers about the amount of money spent on research.",
]
ANSWER = "The Government agrees with the Committee's recommendation and will report on progress."


def block(
    kind: BlockKind, text: str, size: float = 10.0, bold: bool = False, marker: str = "", shade: str = ""
):
    return Block(kind, text, Provenance(SRC, page=3), font_size=size, bold=bold, marker=marker, shade=shade)


def para(text: str, **kw) -> Block:
    return block(BlockKind.PARAGRAPH, text, **kw)


def head(text: str, size: float = 12.0, shade: str = "") -> Block:
    return block(BlockKind.HEADING, text, size=size, bold=True, shade=shade)


def item(marker: str, text: str, **kw) -> Block:
    return block(BlockKind.LIST_ITEM, text, marker=marker, **kw)


def records(blocks: list[Block]) -> dict[str, str]:
    return {r.number: r.text for r in find_recommendations(tuple(blocks))}


# ------------------------------------------------------------------ shaded boxes


@pytest.mark.parametrize("label", ["Recommendation {n}", "RECOMMENDATION {n}", "Recommendation {n}:"])
@pytest.mark.parametrize("shade", ["#dfe2eb", "#95afff"])
def test_the_wording_is_what_the_shaded_box_holds(label: str, shade: str) -> None:
    """A response document prints each recommendation in a shaded box, then its answer in plain
    paragraphs that are not part of the wording."""
    blocks = [head("Government response", size=16.0)]
    for n, text in enumerate(WORDING, 1):
        blocks += [head(label.format(n=n), shade=shade), para(text, shade=shade), para(ANSWER), para(ANSWER)]
    assert records(blocks) == {str(n): t for n, t in enumerate(WORDING, 1)}


def test_a_label_on_a_band_of_its_own_keeps_the_wording_under_it() -> None:
    """Only the label is shaded: the box is the label's band, and the wording under it on the page
    is the recommendation (the answer is marked by its own heading)."""
    blocks = [head("Key recommendations and management response", size=16.0)]
    for n, text in enumerate(WORDING, 1):
        blocks += [
            head(f"RECOMMENDATION {n}.", shade="#e8eaeb"),
            para(text),
            head("Management response: Accepted"),
        ]
        blocks += [para(ANSWER)]
    assert records(blocks) == {str(n): t for n, t in enumerate(WORDING, 1)}


# ------------------------------------------------------------------ a label printed over every box


@pytest.mark.parametrize("label", ["Inquiry Recommendation", "Committee recommendation", "RECOMMENDATION"])
def test_one_list_printed_box_by_box_under_a_repeated_label(label: str) -> None:
    """'HoL Inquiry Recommendation' over each box of one or two numbered items, the answer in
    between: one list, 8.1 to 8.5, whatever the number of items per box."""
    numbers = ["8.1.", "8.2.", "8.3.", "8.4.", "8.5."]
    texts = WORDING + ["The Cabinet Office should review how evidence is shared across departments."]
    boxes = [[0], [1], [2, 3], [4]]
    blocks = [para("The Government welcomes the report of the Committee and answers each point below.")]
    for box in boxes:
        blocks.append(head(label))
        blocks += [item(numbers[k], texts[k]) for k in box]
        blocks.append(para(ANSWER))
    got = records(blocks)
    assert list(got) == [n.rstrip(".") for n in numbers]
    assert got["8.3"] == texts[2]


# ------------------------------------------------------------------ a title after the label


@pytest.mark.parametrize("sep", [":", " -", "."])
def test_a_title_after_the_label_is_not_wording(sep: str) -> None:
    titles = ["A simplified structure for preparedness", "Cabinet Office leadership for civil emergencies"]
    blocks = [head("Recommendations", size=16.0)]
    for n, (title, text) in enumerate(zip(titles, WORDING, strict=False), 1):
        blocks += [para(f"Recommendation {n}{sep} {title}"), para(text), para(ANSWER)]
    recs = find_recommendations(tuple(blocks))
    assert [(r.title, r.text) for r in recs] == list(zip(titles, WORDING[:2], strict=False))


def test_a_short_recommendation_followed_by_the_next_label_is_wording() -> None:
    short = ["Strengthen monitoring and evaluation", "Publish the annual results framework"]
    blocks = [head("Recommendations", size=16.0)]
    blocks += [para(f"Recommendation {n}: {t}") for n, t in enumerate(short, 1)]
    blocks += [head("Annex", size=16.0)]
    assert records(blocks) == {"1": short[0], "2": short[1]}


# ------------------------------------------------------------------ summary tables


def test_a_summary_table_gives_way_to_the_statement_in_the_text() -> None:
    """A table listing the recommendations, its columns run into the wording, and the same
    recommendations printed with their titles in the text: the text's statement is kept."""
    rows = [["No.", "Recommendation"]]
    rows += [[f"Recommendation {n}: Title {n}", f"Title {n} {t}"] for n, t in enumerate(WORDING[:2], 1)]
    cells = tuple(tuple(Cell(t) for t in row) for row in rows)
    table = Block(
        BlockKind.TABLE, "\n".join("\t".join(r) for r in rows), Provenance(SRC, page=2, table=0), rows=cells
    )
    blocks = [head("Summary of recommendations", size=16.0), table, head("Findings", size=16.0)]
    for n, t in enumerate(WORDING[:2], 1):
        blocks += [
            head(f"Recommendation {n}: Title {n}", shade="#95afff"),
            para(t, shade="#95afff"),
            para(ANSWER),
        ]
    recs = find_recommendations(tuple(blocks))
    assert [(r.number, r.title, r.text) for r in recs] == [
        ("1", "Title 1", WORDING[0]),
        ("2", "Title 2", WORDING[1]),
    ]


# ------------------------------------------------------------------ lead-in paragraphs over lettered items


@pytest.mark.parametrize("letters", [("(a)", "(b)", "(c)"), ("a)", "b)", "c)"), ("(i)", "(ii)", "(iii)")])
def test_lead_in_paragraphs_over_lettered_items(letters) -> None:
    """A report that numbers its paragraphs through the whole text (55. before the heading)."""
    leads = ["56. African Governments should consider:", "57. Development partners are encouraged to:"]
    blocks = [para("55. Progress towards durable peace depends on institutions that people trust.")]
    blocks += [head("VIII. Recommendations", size=14.0)]
    for lead in leads:
        blocks.append(para(lead))
        blocks += [item(m, t) for m, t in zip(letters, WORDING[:3], strict=True)]
    recs = find_recommendations(tuple(blocks))
    tokens = [m.strip("()") for m in letters]
    assert [r.number for r in recs] == [f"{p}.{t}" for p in ("56", "57") for t in tokens]
    assert [r.text for r in recs[:3]] == WORDING[:3]
    assert recs[0].actors_raw == "African Governments" and recs[3].actors_raw == "Development partners"


def test_a_conclusion_before_the_lead_in_is_no_recommendation() -> None:
    blocks = [para("107. Youth participation in planning remains uneven across regions.")]
    blocks += [head("V. Conclusions and recommendations", size=14.0)]
    blocks += [para("108. In the present report, it is argued that young people are crucial to development.")]
    blocks += [para("109. The Commission may wish to consider the following recommendations:")]
    blocks += [item(m, t) for m, t in zip(("(a)", "(b)", "(c)"), WORDING[:3], strict=True)]
    assert records(blocks) == {"a": WORDING[0], "b": WORDING[1], "c": WORDING[2]}


def test_an_ordinary_list_with_one_lead_in_item_keeps_its_numbers() -> None:
    """A lead-in among ordinary recommendations ("3. The Board should:" with its own points) does
    not turn the list into lettered records."""
    blocks = [head("Recommendations", size=14.0), item("1.", WORDING[0]), item("2.", WORDING[1])]
    blocks += [item("3.", "The Board should:"), item("(a)", WORDING[2]), item("(b)", WORDING[3])]
    blocks += [item("4.", "The secretariat should report to the next session on the steps taken.")]
    assert list(records(blocks)) == ["1", "2", "3", "4"]


@pytest.mark.parametrize(
    "lead",
    [
        "66. This group made the following recommendations:",
        "71. The participants of the workshop recommended that:",
    ],
)
def test_a_meeting_report_paragraph_that_lists_its_recommendations(lead: str) -> None:
    number = lead.split(".")[0]
    blocks = [head("III. Working groups", size=14.0)]
    blocks += [para("60. The first group discussed data needs and noted the gaps in national networks.")]
    blocks += [para(lead)]
    blocks += [item(m, t) for m, t in zip(("(a)", "(b)", "(c)"), WORDING[:3], strict=True)]
    blocks += [para("72. It was recommended that the proceedings of the workshop be published as a book.")]
    got = records(blocks)
    assert [got.get(f"{number}.{x}") for x in "abc"] == WORDING[:3]


# ------------------------------------------------------------------ running text, bands, footnotes


@pytest.mark.parametrize(
    "sentence",
    [
        "We are therefore recommending that the Director of OMB encourage agencies to use performance provisions.",
        "To protect the logo, we recommend that the Secretary of Agriculture educate all states about the policy.",
    ],
)
def test_a_recommending_sentence_under_a_recommendations_heading(sentence: str) -> None:
    blocks = [head("Recommendation for Executive Action"), para("Grants vary widely. " + sentence)]
    blocks += [head("Agency Comments"), para("We provided a draft of this report to the agencies.")]
    assert records(blocks) == {"1": sentence}


def test_a_heading_printed_on_a_band_and_a_footnote_between_bullets() -> None:
    band = Block(
        BlockKind.TABLE,
        "5. Recommendations",
        Provenance(SRC, page=7, table=0),
        rows=((Cell("5. Recommendations"),),),
    )
    blocks = [band, para("These recommendations are specific to the first session and may evolve.")]
    blocks += [item("•", t) for t in WORDING[:2]]
    blocks += [block(BlockKind.PARAGRAPH, "[13] A pilot phase here does not mean a prototype.", size=8.0)]
    blocks += [item("•", t) for t in WORDING[2:]]
    blocks += [head("Authors:")]
    assert records(blocks) == {str(n): t for n, t in enumerate(WORDING, 1)}


# ------------------------------------------------------------------ in PDF: boxes and drawn bullets


def _pdf(tmp_path: Path, draw) -> Path:
    path = tmp_path / "cues.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    draw(c)
    c.save()
    return path


@pytest.mark.parametrize("reader", ["pdfplumber", "pdfium"])
def test_text_on_a_shaded_box_is_a_block_of_its_own(tmp_path: Path, reader: str) -> None:
    def draw(c) -> None:
        c.setFillColorRGB(0.87, 0.89, 0.92)
        c.rect(60, 700, 480, 60, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont("Helvetica", 10)
        c.drawString(72, 740, "The Government should set out clear implementation plans for the delivery")
        c.drawString(72, 727, "of the capability goals laid out in the strategy")
        c.drawString(
            72, 687, "the Government agrees and will publish a plan within six months of this response"
        )

    blocks = PdfExtractor(reader=reader).extract(_pdf(tmp_path, draw), SRC).blocks
    assert [(b.text[:20], b.shade) for b in blocks] == [
        ("The Government shoul", "#dee3eb"),
        ("the Government agree", ""),
    ]


@pytest.mark.parametrize("reader", ["pdfplumber", "pdfium"])
def test_bullets_drawn_as_dots_make_list_items(tmp_path: Path, reader: str) -> None:
    def draw(c) -> None:
        c.setFont("Helvetica-Bold", 20)
        c.drawString(72, 780, "A title with a dot")
        c.circle(262, 786, 1.2, stroke=0, fill=1)  # a mark inside the title line: no bullet
        c.setFont("Helvetica", 10)
        y = 740
        for text in WORDING:
            c.circle(75, y + 3.5, 1.5, stroke=0, fill=1)
            c.drawString(84, y, text[:80])
            y -= 30

    blocks = PdfExtractor(reader=reader).extract(_pdf(tmp_path, draw), SRC).blocks
    assert [b.kind for b in blocks] == [BlockKind.HEADING] + [BlockKind.LIST_ITEM] * 4
    assert "•" not in blocks[0].text and blocks[1].marker == "•" and blocks[1].text == WORDING[0][:80]
