"""DocxExtractor on real documents and on small DOCX files built here (python-docx plus raw XML)."""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from pipeline.errors import CorruptFileError, EmptyDocumentError, ExtractionError, TooLargeError
from pipeline.extract.base import extract as sniff_and_extract
from pipeline.extract.docx_extractor import DocxExtractor
from pipeline.models import Block, BlockKind

SOURCES = Path(__file__).parent / "data" / "sources"
SEED = SOURCES / "neaspec-nfp-2021-concept-note.docx"
AAP = SOURCES / "AAP Evaluation - Management Response Final.docx"
TOR = SOURCES / "Terms of Reference.docx"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def extract(path: Path) -> list[Block]:
    return list(DocxExtractor().extract(path, path.name).blocks)


def saved(doc: docx.document.Document, tmp_path: Path, name: str = "built.docx") -> Path:
    path = tmp_path / name
    doc.save(str(path))
    return path


def rewrite(src: Path, dest: Path, parts: dict[str, bytes | str], drop: tuple[str, ...] = ()) -> Path:
    """Copy a DOCX, replacing or adding parts (the raw-XML edits python-docx cannot make)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename not in parts and info.filename not in drop:
                zout.writestr(info, zin.read(info.filename))
        for name, data in parts.items():
            zout.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return dest


def with_body(tmp_path: Path, body: str, numbering: str | None = None, name: str = "raw.docx") -> Path:
    """A DOCX whose body (and optionally numbering.xml) is the given raw WordprocessingML."""
    blank = saved(docx.Document(), tmp_path, "blank.docx")
    parts: dict[str, bytes | str] = {
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:document {NAMESPACES}><w:body>{body}</w:body></w:document>"
    }
    if numbering is not None:
        parts["word/numbering.xml"] = f'<w:numbering xmlns:w="{W}">{numbering}</w:numbering>'
    return rewrite(blank, tmp_path / name, parts)


def para(text: str, style: str = "", num: tuple[int, int] | None = None, bold: bool = False) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:p><w:pPr>{ppr}</w:pPr><w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


NUMBERING = (
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
    '<w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="\uf0b7"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>'
)


# --- real documents -------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return re.sub(r"[•\-–\t]|\*\*", " ", text).split()


def test_docx_seed_text_matches_the_text_version():
    blocks = extract(SEED)
    got: list[str] = []
    for b in blocks:
        got += (
            _words(b.text)
            if b.kind != BlockKind.TABLE
            else [w for row in b.rows for c in row for w in _words(c.text)]
        )
    expected = _words((SOURCES / "neaspec-nfp-2021-concept-note.txt").read_text(encoding="utf-8"))
    assert got == expected


def test_docx_seed_structure():
    blocks = extract(SEED)
    headings = [(b.text, b.marker, b.level) for b in blocks if b.kind == BlockKind.HEADING]
    assert headings == [
        ("1. Background", "1.", 1),
        ("2. Objectives", "2.", 1),
        ("3. Programme", "3.", 1),
        ("Annex 1: Recommendations of the NEASPEC independent evaluation", "", 1),
    ]
    items = [b for b in blocks if b.kind == BlockKind.LIST_ITEM]
    assert [b.marker for b in items] == ["•"] * 6
    assert items[0].text.startswith("Examine the current institutional setup")
    programme, annex = [b for b in blocks if b.kind == BlockKind.TABLE]
    assert (programme.provenance.table, annex.provenance.table) == (0, 1)
    assert [len(r) for r in programme.rows] == [1, 2, 2, 2, 2, 2] and programme.rows[0][0].colspan == 2
    assert programme.rows[0][0].bold
    opening = programme.rows[1][1]
    assert opening.bold_prefix == "Opening Session" and not opening.bold
    assert opening.text.split("\n")[1].startswith("Opening remarks, Mr. Ganbold Baasanjav")
    assert programme.rows[3][1].bold and programme.rows[3][1].text == "Break"
    assert [len(r) for r in annex.rows] == [2] * 8
    assert annex.rows[7][0].text == "Recommendation 7: For NEASPEC secretariat"


def test_docx_seed_provenance_is_body_order():
    blocks = extract(SEED)
    indexes = [b.provenance.block for b in blocks]
    assert indexes == sorted(indexes) and len(set(indexes)) == len(indexes)
    assert all(b.provenance.extractor == "docx" and b.provenance.source_file == SEED.name for b in blocks)
    assert blocks[0].text == "Concept Note" and blocks[0].kind == BlockKind.PARAGRAPH  # styled headings exist


def test_docx_aap_one_table_with_recommendation_cells_and_bullets():
    tables = [b for b in extract(AAP) if b.kind == BlockKind.TABLE]
    assert len(tables) == 1
    rows = tables[0].rows
    assert len(rows) == 54 and all(len(r) == 1 for r in rows)
    rec_cells = [r[0] for r in rows if r[0].text.startswith("Evaluation recommendation #")]
    assert [re.match(r"Evaluation recommendation # (\d+)", c.text).group(1) for c in rec_cells] == [
        str(i) for i in range(1, 10)
    ]
    assert rec_cells[0].bold_prefix.startswith("Evaluation recommendation # 1:")
    rec8 = rec_cells[7].text.split("\n")
    assert "• Map existing CFM systems." in rec8
    assert "• Conduct a comprehensive assessment of all CFM systems currently in use within IOM." in rec8


def test_docx_terms_of_reference_bold_headings_and_bullets():
    blocks = extract(TOR)
    headings = [b.text for b in blocks if b.kind == BlockKind.HEADING]
    for name in ("Context", "Objectives", "Expected Publications", "Expected Participation", "References"):
        assert name in headings
    assert all(b.bold for b in blocks if b.kind == BlockKind.HEADING)
    start = next(i for i, b in enumerate(blocks) if b.text == "Objectives")
    objectives = blocks[start + 1 : start + 4]
    assert [b.kind for b in objectives] == [BlockKind.LIST_ITEM] * 3
    assert [b.marker for b in objectives] == ["•"] * 3
    assert objectives[0].text.startswith("Evaluate whether end-of-tow protocol changes")
    assert blocks[start + 4].kind == BlockKind.HEADING


def test_docx_is_sniffed_and_extracted_through_the_registry():
    fmt, extraction = sniff_and_extract(SEED, SEED.name)
    assert fmt == "docx" and extraction.pages is None and extraction.blocks


# --- synthetic documents --------------------------------------------------------------------------


def test_docx_paragraphs_and_tables_interleave_in_body_order(tmp_path: Path):
    doc = docx.Document()
    doc.add_heading("Intro", level=1)
    doc.add_paragraph("before the table")
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "a", "b"
    doc.add_paragraph("between")
    doc.add_table(rows=1, cols=1).cell(0, 0).text = "c"
    doc.add_heading("Sub", level=2)
    blocks = extract(saved(doc, tmp_path))
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.HEADING, "Intro"),
        (BlockKind.PARAGRAPH, "before the table"),
        (BlockKind.TABLE, "a\tb"),
        (BlockKind.PARAGRAPH, "between"),
        (BlockKind.TABLE, "c"),
        (BlockKind.HEADING, "Sub"),
    ]
    assert [b.provenance.block for b in blocks] == [0, 1, 2, 3, 4, 5]
    assert [b.provenance.table for b in blocks] == [None, None, 0, None, 1, None]
    assert blocks[-1].level == 2


def test_docx_merged_cells_are_emitted_once(tmp_path: Path):
    doc = docx.Document()
    table = doc.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"r{r}c{c}"
    table.cell(0, 0).merge(table.cell(0, 1)).text = "wide"
    table.cell(1, 2).merge(table.cell(2, 2)).text = "tall"
    (block,) = extract(saved(doc, tmp_path))
    assert [[(c.text, c.colspan) for c in row] for row in block.rows] == [
        [("wide", 2), ("r0c2", 1)],
        [("r1c0", 1), ("r1c1", 1), ("tall", 1)],
        [("r2c0", 1), ("r2c1", 1), ("", 1)],
    ]


def test_docx_legacy_hmerge_cells_are_emitted_once(tmp_path: Path):
    def tc(text: str, merge: str = "") -> str:
        props = f'<w:tcPr><w:hMerge w:val="{merge}"/></w:tcPr>' if merge else ""
        return f"<w:tc>{props}{para(text)}</w:tc>"

    table = (
        "<w:tbl><w:tr>" + tc("wide", "restart") + tc("", "continue") + tc("right") + "</w:tr>"
        "<w:tr>" + tc("a") + tc("b") + tc("c") + "</w:tr></w:tbl>"
    )
    (block,) = extract(with_body(tmp_path, table))
    assert [[(c.text, c.colspan) for c in row] for row in block.rows] == [
        [("wide", 2), ("right", 1)],
        [("a", 1), ("b", 1), ("c", 1)],
    ]


def test_docx_nested_table_text_is_kept_in_the_cell(tmp_path: Path):
    doc = docx.Document()
    outer = doc.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Actions"
    cell = outer.cell(0, 1)
    cell.text = "Lead in"
    inner = cell.add_table(rows=2, cols=1)
    inner.cell(0, 0).text, inner.cell(1, 0).text = "first nested", "second nested"
    cell.add_paragraph("after")
    (block,) = extract(saved(doc, tmp_path))
    # python-docx puts the empty paragraph Word requires after a nested table: one blank line
    assert block.rows[0][1].text == "Lead in\nfirst nested\nsecond nested\n\nafter"


def test_docx_in_cell_paragraphs_bold_and_bold_prefix(tmp_path: Path):
    doc = docx.Document()
    table = doc.add_table(rows=1, cols=2)
    left = table.cell(0, 0).paragraphs[0]
    left.add_run("Coffee Break").bold = True
    left.add_run(" – Lounge")
    right = table.cell(0, 1).paragraphs[0]
    right.add_run("All bold").bold = True
    table.cell(0, 1).add_paragraph().add_run("second line").bold = True
    (block,) = extract(saved(doc, tmp_path))
    first, second = block.rows[0]
    assert (first.text, first.bold, first.bold_prefix) == ("Coffee Break – Lounge", False, "Coffee Break")
    assert (second.text, second.bold) == ("All bold\nsecond line", True)


def test_docx_automatic_numbering_of_heading_and_recommendation_list(tmp_path: Path):
    body = (
        para("Background", style="Heading1", num=(1, 0))
        + para("Scope", style="Heading2", num=(1, 1))
        + para("Recommendations", style="Heading1", num=(1, 0))
        + "".join(para(f"Recommendation text {i}", num=(2, 0)) for i in (1, 2, 3))
        + para("sub point", num=(2, 1))
        + para("a bullet", num=(3, 0))
    )
    blocks = extract(with_body(tmp_path, body, NUMBERING))
    assert [(b.kind, b.marker, b.text, b.level) for b in blocks] == [
        (BlockKind.HEADING, "1.", "1. Background", 1),
        (BlockKind.HEADING, "1.1", "1.1 Scope", 2),
        (BlockKind.HEADING, "2.", "2. Recommendations", 1),
        (BlockKind.LIST_ITEM, "1.", "Recommendation text 1", 0),
        (BlockKind.LIST_ITEM, "2.", "Recommendation text 2", 0),
        (BlockKind.LIST_ITEM, "3.", "Recommendation text 3", 0),
        (BlockKind.LIST_ITEM, "a)", "sub point", 1),
        (BlockKind.LIST_ITEM, "•", "a bullet", 0),
    ]


def test_docx_numbering_inherited_from_a_paragraph_style(tmp_path: Path):
    doc = docx.Document()
    for text in ("one", "two", "three"):
        doc.add_paragraph(text, style="List Number")
    doc.add_paragraph("dot", style="List Bullet")
    blocks = extract(saved(doc, tmp_path))
    assert [(b.kind, b.marker) for b in blocks] == [(BlockKind.LIST_ITEM, m) for m in ("1.", "2.", "3.", "•")]


def test_docx_list_markers_stay_in_cell_text(tmp_path: Path):
    cell = (
        "<w:tbl><w:tr><w:tc>"
        + para("Lead in:")
        + para("first", num=(2, 0))
        + para("second", num=(2, 0))
        + para("bulleted", num=(3, 0))
        + "</w:tc></w:tr></w:tbl>"
    )
    (block,) = extract(with_body(tmp_path, cell, NUMBERING))
    assert block.rows[0][0].text == "Lead in:\n1. first\n2. second\n• bulleted"


def test_docx_run_content_hyperlinks_fields_and_special_characters(tmp_path: Path):
    body = (
        '<w:p><w:r><w:t xml:space="preserve">See </w:t></w:r>'
        '<w:hyperlink r:id="rId99"><w:r><w:t>the site</w:t></w:r></w:hyperlink>'
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t>, page 7</w:t></w:r></w:fldSimple>'
        '<w:smartTag w:uri="x" w:element="place"><w:r><w:t xml:space="preserve"> in Bangkok</w:t></w:r></w:smartTag>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "http://x"</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> (link)</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:del w:id="1" w:author="a"><w:r><w:delText>deleted</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t xml:space="preserve"> inserted</w:t></w:r></w:ins>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>"
        '<w:r><w:t xml:space="preserve"> Secretary</w:t><w:noBreakHyphen/><w:t>General co</w:t><w:softHyphen/>'
        "<w:t>operation</w:t><w:tab/><w:t>tabbed</w:t><w:br/><w:t>next line</w:t></w:r></w:p>"
    )
    (block,) = extract(with_body(tmp_path, body))
    assert block.text == (
        "See the site, page 7 in Bangkok (link) inserted Secretary-General cooperation tabbed next line"
    )


def test_docx_text_box_text_is_kept_once_after_its_anchor(tmp_path: Path):
    box = "<w:txbxContent><w:p><w:r><w:t>Boxed note</w:t></w:r></w:p></w:txbxContent>"
    body = (
        para("Before") + "<w:p><w:r><w:t>Anchor</w:t></w:r><w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>{box}'
        "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>" + para("After")
    )
    blocks = extract(with_body(tmp_path, body))
    assert [(b.text, b.provenance.block) for b in blocks] == [
        ("Before", 0),
        ("Anchor", 1),
        ("Boxed note", 1),
        ("After", 2),
    ]


def test_docx_content_controls_are_read_and_headers_are_not(tmp_path: Path):
    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "RUNNING HEADER"
    doc.sections[0].footer.paragraphs[0].text = "Page footer"
    doc.add_paragraph("Body text")
    path = saved(doc, tmp_path)
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    sdt = (
        '<w:sdt><w:sdtPr><w:alias w:val="Title"/></w:sdtPr><w:sdtContent>'
        + para("In a control")
        + "</w:sdtContent></w:sdt>"
    )
    xml = xml.replace("<w:sectPr", sdt + "<w:sectPr", 1)
    blocks = extract(rewrite(path, tmp_path / "sdt.docx", {"word/document.xml": xml}))
    assert [b.text for b in blocks] == ["Body text", "In a control"]


def test_docx_bold_normal_paragraph_is_a_heading_without_heading_styles(tmp_path: Path):
    doc = docx.Document()
    doc.add_paragraph().add_run("Context").bold = True
    doc.add_paragraph("Plain sentence.")
    doc.add_paragraph().add_run("A bold sentence that ends with a period.").bold = True
    run = doc.add_paragraph().add_run("Objectives")
    run.bold, run.font.size = True, Pt(12)
    blocks = extract(saved(doc, tmp_path))
    assert [(b.kind, b.bold) for b in blocks] == [
        (BlockKind.HEADING, True),
        (BlockKind.PARAGRAPH, False),
        (BlockKind.PARAGRAPH, True),
        (BlockKind.HEADING, True),
    ]


def test_docx_docm_text_is_read_and_macros_ignored(tmp_path: Path):
    doc = docx.Document()
    doc.add_paragraph("Macro-enabled text")
    path = rewrite(
        saved(doc, tmp_path), tmp_path / "macro.docm", {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 not run"}
    )
    assert [b.text for b in extract(path)] == ["Macro-enabled text"]


# --- bad input ------------------------------------------------------------------------------------


def test_docx_not_a_zip_is_corrupt(tmp_path: Path):
    path = tmp_path / "fake.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with pytest.raises(CorruptFileError) as info:
        extract(path)
    assert str(info.value).startswith("fake.docx: ") and info.value.__cause__ is not None


def test_docx_without_document_part_is_corrupt(tmp_path: Path):
    blank = saved(docx.Document(), tmp_path)
    path = rewrite(blank, tmp_path / "nodoc.docx", {}, drop=("word/document.xml",))
    with pytest.raises(CorruptFileError, match=r"^nodoc\.docx: .*word/document\.xml"):
        extract(path)


def test_docx_malformed_xml_is_corrupt(tmp_path: Path):
    path = rewrite(
        saved(docx.Document(), tmp_path), tmp_path / "bad.docx", {"word/document.xml": "<w:document"}
    )
    with pytest.raises(CorruptFileError, match=r"^bad\.docx: malformed XML") as info:
        extract(path)
    assert info.value.__cause__ is not None


def test_docx_without_text_is_empty(tmp_path: Path):
    doc = docx.Document()
    doc.add_paragraph("")
    doc.add_table(rows=1, cols=1)
    with pytest.raises(EmptyDocumentError, match=r"^built\.docx: "):
        extract(saved(doc, tmp_path))


def test_docx_external_and_nested_entities_are_never_resolved(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
        '<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>Back &xxe;&lol2;ground &amp; more</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    path = rewrite(saved(docx.Document(), tmp_path), tmp_path / "xxe.docx", {"word/document.xml": xml})
    extraction = DocxExtractor().extract(path, path.name)
    assert [b.text for b in extraction.blocks] == ["Back ground & more"]
    assert extraction.warnings == (
        "word/document.xml declares a DTD; its entities were ignored, not resolved",
    )


def test_docx_entity_in_utf16_part_is_not_resolved(tmp_path: Path):
    xml = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "EXPANDED">]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>kept&a;</w:t></w:r></w:p></w:body></w:document>'
    )
    path = rewrite(
        saved(docx.Document(), tmp_path), tmp_path / "u16.docx", {"word/document.xml": xml.encode("utf-16")}
    )
    assert [b.text for b in extract(path)] == ["kept"]


def test_docx_zip_bomb_ratio_is_refused(tmp_path: Path):
    path = rewrite(
        saved(docx.Document(), tmp_path),
        tmp_path / "bomb.docx",
        {"word/document.xml": b"<a>" + b" " * (20 * 1024 * 1024) + b"</a>"},
    )
    with pytest.raises(TooLargeError, match=r"^bomb\.docx: .*zip bomb"):
        extract(path)


def test_docx_total_size_limit_is_refused_before_reading(tmp_path: Path):
    path = saved(docx.Document(), tmp_path)
    with pytest.raises(TooLargeError, match=r"^built\.docx: DOCX inflates to \d+ bytes"):
        DocxExtractor(max_uncompressed=1000).extract(path, path.name)


def test_docx_zip_bomb_declared_sizes_are_checked_without_inflating(tmp_path: Path):
    # A member that claims 300 MB: refused from the central directory alone.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("word/document.xml", b"<w:document/>")
    data = bytearray(buf.getvalue())
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (300 * 1024 * 1024).to_bytes(4, "little")
    path = tmp_path / "liar.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(TooLargeError):
        extract(path)


@pytest.mark.parametrize("seed", range(4))
def test_docx_damaged_bytes_raise_only_typed_errors(tmp_path: Path, seed: int):
    rng = random.Random(seed)
    original = SEED.read_bytes()
    for i in range(15):
        data = bytearray(original)
        if i % 3 == 0:
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif i % 3 == 1:
            data = data[: rng.randrange(len(data))]
        else:
            at = rng.randrange(len(data) - 64)
            data[at : at + 48] = bytes(48)
        path = tmp_path / f"damaged-{i}.docx"
        path.write_bytes(bytes(data))
        try:
            DocxExtractor().extract(path, path.name)
        except ExtractionError as e:
            assert str(e).startswith(path.name)


def test_docx_cell_keeps_one_blank_line_for_empty_paragraphs(tmp_path: Path):
    doc = docx.Document()
    cell = doc.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = ""
    for text in ("", "first", "", "", "second", ""):
        cell.add_paragraph(text)
    (block,) = extract(saved(doc, tmp_path))
    assert block.rows[0][0].text == "first\n\nsecond"
