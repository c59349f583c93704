"""A report whose numbered paragraph leads in to sub-numbered recommendations ("115. The
recommendations listed below ..." then "115.1" ... "115.n", then "116."), each ending with the
parties that made it in parentheses: the same records whatever the paragraph numbers, the number of
parties, nested names ("Venezuela (Bolivarian Republic of)"), short wordings and a wrapped item,
in plain text, DOCX and PDF."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.extract.base import load_extractor
from pipeline.models import DocumentInfo
from pipeline.parse import parse_document

WORDINGS = [
    "Ratify the International Convention on the Rights of All Migrant Workers and Members of Their Families",
    "Consider ratifying the Convention on the Reduction of Statelessness",
    "Ratify ICRMW",
    "Strengthen measures to address violence and discrimination against persons with disabilities",
    "Take further steps to harmonize national legislation with international standards",
    "Continue its efforts to combat trafficking in human beings",
    "Establish a specific procedure for determining stateless status",
    "Ensure the application of the principle of non-refoulement",
    "Adopt a national action plan on business and human rights",
    "Strengthen measures to reduce statelessness",
]
PARTIES = [
    "(Egypt)",
    "(Algeria) (Cabo Verde) (Paraguay)",
    "(Senegal, Venezuela (Bolivarian Republic of), Peru)",
]


def _lines(para: int, parties: bool) -> list[str]:
    out = [
        "Report of the Working Group on the Universal Periodic Review",
        "I. Summary of the proceedings",
        f"{para - 1}. The delegation thanked the States for their questions and comments.",
        "II. Conclusions and/or recommendations",
        f"{para}. The recommendations listed below will be examined by the State, which will provide "
        "responses in due time:",
    ]
    for k, text in enumerate(WORDINGS, 1):
        tail = f" {PARTIES[k % len(PARTIES)]}" if parties else ""
        end = "." if k == len(WORDINGS) else ";"
        out.append(f"{para}.{k} {text}{tail}{end}")
    out.append(
        f"{para + 1}. All conclusions and/or recommendations contained in the present report reflect the "
        "position of the submitting State(s) and/or the State under review."
    )
    return out


def _write(path: Path, fmt: str, lines: list[str]) -> None:
    if fmt == "txt":
        path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    elif fmt == "docx":
        d = docx.Document()
        for line in lines:
            if line.startswith(("I.", "II.")):
                d.add_heading(line, level=1)
            else:
                d.add_paragraph(line)
        d.save(str(path))
    else:
        c = canvas.Canvas(str(path), pagesize=A4)
        y = 800
        for line in lines:
            bold = line.startswith(("I.", "II."))
            c.setFont("Helvetica-Bold" if bold else "Helvetica", 14 if bold else 10)
            words, row = line.split(), ""
            for w in words:  # wrap at about 90 characters
                if len(row) + len(w) > 90:
                    c.drawString(60, y, row)
                    y, row = y - 13, ""
                row = f"{row} {w}".strip()
            c.drawString(60, y, row)
            y -= 22
            if y < 80:
                c.showPage()
                y = 800
        c.save()


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("para", [115, 9])
@pytest.mark.parametrize("parties", [True, False])
def test_sub_numbered_recommendations_without_their_parties(
    tmp_path: Path, fmt: str, para: int, parties: bool
) -> None:
    path = tmp_path / f"upr.{fmt}"
    _write(path, fmt, _lines(para, parties))
    extraction = load_extractor(fmt).extract(path, path.name)
    info = DocumentInfo(id="x", source_file=path.name, sha256="0", format=fmt)
    recs = parse_document(info, extraction.blocks).recommendations
    assert [r.number for r in recs] == [f"{para}.{k}" for k in range(1, len(WORDINGS) + 1)]
    assert [r.text.rstrip(";.") for r in recs] == WORDINGS  # the list's separator is as printed


@pytest.mark.parametrize("header", ["Recommendation", "Recommendation and recommending State"])
@pytest.mark.parametrize("position", ["Position", "Position of the State under review"])
@pytest.mark.parametrize("source_line", [True, False])
def test_a_thematic_table_of_recommendations_with_positions(
    tmp_path: Path, header: str, position: str, source_line: bool
) -> None:
    """A Word table 'Recommendation | Position | Themes', a band row naming each theme, the number
    printed at the head of the wording and a labelled field on a line of its own under it."""
    d = docx.Document()
    d.add_paragraph("Thematic list of recommendations")
    rows = [("Theme: A12 Acceptance of international norms", None)] + [
        (f"140.{k} {text} {PARTIES[k % 3]};", "Supported" if k % 4 else "Noted")
        for k, text in enumerate(WORDINGS, 1)
    ]
    table = d.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, [header, position, "Full list of themes"], strict=True):
        cell.text = text
    for text, pos in rows:
        cells = table.add_row().cells
        if pos is None:
            merged = cells[0].merge(cells[2])
            merged.text = text
            continue
        cells[0].text = text
        if source_line:
            cells[0].add_paragraph("Source of position: A/HRC/59/15/Add.1 - Para. 3")
        cells[1].text = pos
        cells[2].text = "A12 Acceptance of international norms"
    path = tmp_path / "thematic.docx"
    d.save(str(path))
    extraction = load_extractor("docx").extract(path, path.name)
    info = DocumentInfo(id="x", source_file=path.name, sha256="0", format="docx")
    recs = parse_document(info, extraction.blocks).recommendations
    assert [r.number for r in recs] == [f"140.{k}" for k in range(1, len(WORDINGS) + 1)]
    assert [r.text.rstrip(";.") for r in recs] == WORDINGS
    assert [r.management_response.text for r in recs] == [
        "Supported" if k % 4 else "Noted" for k in range(1, len(WORDINGS) + 1)
    ]
