"""A committee report's closing list that labels each item as a conclusion or a recommendation,
a government response that quotes each recommendation after a bare 'Recommendation:' label and
answers it after 'Response:', and an addressee after a lead phrase printed without its comma: the
same records in plain text and DOCX, whatever the paragraph numbers and label punctuation."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from pipeline.extract.base import load_extractor
from pipeline.models import DocumentInfo
from pipeline.nlp import get_tagger
from pipeline.nlp.actors import actors_from_text
from pipeline.parse import parse_document

ITEMS = [
    ("Conclusion", "The police response to the disorder was swift and effective in most areas."),
    ("Recommendation", "We recommend that the Government publishes a formal response to the review."),
    ("Conclusion", "Social media companies did not act quickly enough to remove harmful content."),
    ("Recommendation", "The Government should release funding to cover costs incurred during the disorder."),
    ("Recommendation", "The CPS should publish its new media protocol as soon as possible."),
    ("Conclusion", "We welcome the commitment of officers who worked long shifts."),
]


def _write(path: Path, fmt: str, lines: list[str]) -> None:
    if fmt == "txt":
        path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    else:
        d = docx.Document()
        for line in lines:
            if line.startswith("II. "):
                d.add_heading(line, level=1)
            else:
                d.add_paragraph(line)
        d.save(str(path))


def _recs(path: Path, fmt: str):
    extraction = load_extractor(fmt).extract(path, path.name)
    info = DocumentInfo(id="x", source_file=path.name, sha256="0", format=fmt)
    return parse_document(info, extraction.blocks).recommendations


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize(
    "label", ["({kind}, Paragraph {p})", "({kind}, paragraph {p}).", "[{kind}, Para. {p}]"]
)
def test_a_closing_list_keeps_the_items_labelled_recommendations(
    tmp_path: Path, fmt: str, label: str
) -> None:
    lines = ["Police response to the 2024 summer disorder", "II. Conclusions and recommendations"]
    for k, (kind, text) in enumerate(ITEMS, 1):
        lines.append(f"{k}. {text} " + label.format(kind=kind, p=10 + 7 * k))
    path = tmp_path / f"report.{fmt}"
    _write(path, fmt, lines)
    recs = _recs(path, fmt)
    assert [(r.number, r.text) for r in recs] == [
        (str(k), text) for k, (kind, text) in enumerate(ITEMS, 1) if kind == "Recommendation"
    ]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("topics", [True, False])
def test_bare_recommendation_labels_answered_one_by_one(tmp_path: Path, fmt: str, topics: bool) -> None:
    """'Recommendation: ...' / 'Response: ...' pairs under numbered topic headings: the statements
    are the records, numbered in reading order; the topic numbers are not theirs."""
    wordings = [text for kind, text in ITEMS if kind == "Recommendation"]
    lines = ["Government Response to the Committee's Report", "II. Recommendations"]
    for k, text in enumerate(wordings, 1):
        if topics and k != 2:
            lines.append(f"{k}. Topic number {k}")
        lines += [
            f"Recommendation: {text}",
            "Response:",
            f"The Government accepts this recommendation ({k}).",
        ]
    path = tmp_path / f"response.{fmt}"
    _write(path, fmt, lines)
    recs = _recs(path, fmt)
    assert [(r.number, r.text) for r in recs] == [(str(k), t) for k, t in enumerate(wordings, 1)]
    assert all(r.management_response is not None and "accepts" in r.management_response.text for r in recs)


@pytest.mark.parametrize(
    "lead",
    ["As part of a formal response to the reports", "If it has not done so already", "In the coming year"],
)
@pytest.mark.parametrize("comma", ["", ","])
def test_the_addressee_after_a_lead_phrase(lead: str, comma: str) -> None:
    tagger = get_tagger()
    text = f"{lead}{comma} the Government should release funding to cover the costs incurred."
    assert [a.name for a in actors_from_text(text, tagger.actor_tagger, tagger.nlp.tokenizer)] == [
        "Government"
    ]


BOXES = [
    (
        "Membership accreditation and revocation",
        "The DTA should develop the detailed provisions for the proposal.",
    ),
    (
        "Privacy principles in the core requirements",
        "The DTA should consider the full range of options for privacy.",
    ),
    ("Retention of metadata", "The DTA should conduct further research on the retention period."),
]


@pytest.mark.parametrize("contents", [True, False])
@pytest.mark.parametrize("sep", [":", " –"])
def test_titled_recommendation_boxes_and_their_contents_lines(
    tmp_path: Path, contents: bool, sep: str
) -> None:
    """'Recommendation 2: <title>' set as a heading with the wording under it, listed first in the
    table of contents with page numbers: one record per box, its title apart, no record from the
    contents."""
    d = docx.Document()
    d.add_paragraph("Initial Privacy Impact Assessment")
    if contents:
        d.add_paragraph("Contents")
        for k, (title, _) in enumerate(BOXES, 1):
            d.add_paragraph(f"Recommendation {k}{sep} {title} {20 + 3 * k}")
    for k, (title, text) in enumerate(BOXES, 1):
        d.add_heading(f"{k + 3}. Component {k}", level=2)
        d.add_paragraph("This section describes the component and the privacy risks it raises in detail.")
        d.add_heading(f"Recommendation {k}{sep} {title}", level=3)
        d.add_paragraph(text)
    path = tmp_path / "pia.docx"
    d.save(str(path))
    recs = _recs(path, "docx")
    assert [(r.number, r.title, r.text) for r in recs] == [
        (str(k), title, text) for k, (title, text) in enumerate(BOXES, 1)
    ]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("subject", ["The meeting", "The Committee", "It"])
@pytest.mark.parametrize("verb", ["recommended", "further recommended", "therefore recommended"])
def test_numbered_paragraphs_of_a_meeting_report_that_record_a_recommendation(
    tmp_path: Path, fmt: str, subject: str, verb: str
) -> None:
    """'2.2. The meeting recommended that ...', a recommendation after another sentence of the
    paragraph, one with its points listed under 'recommended:', and paragraphs that only agree."""
    lines = [
        "Final report of the third meeting of the expert team",
        "2. REVIEW OF THE STANDARD",
        "2.1. The meeting reviewed the deviations of the standard from the ISO profile.",
        f"2.2. The expert team discussed the keywords. {subject} {verb} that the element Keywords be mandatory.",
        "2.3. The meeting agreed to review the syntax of free text fields.",
        f"2.4. {subject} {verb}:",
        "• To review the presentation of the information in Volume C1;",
        "• That the Secretariat investigates the availability of training.",
        "3. CATALOGUES",
        f"3.1. {subject} {verb} to carry out a pilot project for the operational catalogues.",
    ]
    path = tmp_path / f"meeting.{fmt}"
    _write(path, fmt, lines)
    recs = _recs(path, fmt)
    assert [r.number for r in recs] == ["2.2", "2.4", "3.1"]
    assert recs[0].text == f"{subject} {verb} that the element Keywords be mandatory."
    assert "Secretariat investigates" in recs[1].text
    assert recs[2].text.startswith(f"{subject} {verb} to carry out")
