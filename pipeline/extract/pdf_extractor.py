"""PDF -> blocks: pdfplumber layout per page, then page furniture removed and tables joined.

Steps: ``read_page`` (pdf_layout) turns each page into lines and tables in reading order;
``strip_furniture`` drops running headers, footers and page numbers; ``join_tables`` glues a
table that breaks across pages back into one; ``pdf_blocks.build_blocks`` groups lines into
headings, paragraphs and list items.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import PDFObjRef, resolve1
from pdfminer.psparser import PSEOF, PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from ..config import PDF_READERS, Settings
from ..errors import CorruptFileError, EmptyDocumentError, EncryptedError, ScannedDocumentError, TooLargeError
from ..models import Cell
from .base import Extraction
from .pdf_blocks import build_blocks
from .pdf_layout import Line, PageLayout, TableItem, read_page
from .pdf_unruled import continue_grid

_ENCRYPTED = (PDFPasswordIncorrect, PDFEncryptionError)
_CORRUPT = (PDFSyntaxError, PSEOF, PSException, MalformedPDFException)

# Bare page numbers and UN document furniture: "3", "iv", "Page 3 of 10", "- 3 -", "3/8",
# "25-10679", "24-22646 3/8", "3/8 24-22646", "25-10679 (E) 010425", "24-22528X (E) 231224", "*2510679*".
_PAGE_FURNITURE = re.compile(
    r"^(?:\d{1,3}|[ivxlc]{1,6}|[-–]\s*\d{1,4}\s*[-–]|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4}"
    r"|\d{2}-\d{5}[A-Z]?(?:\s*\([A-Z]\))?(?:\s+\d{6})?(?:\s+\d{1,4}/\d{1,4})?|\d{1,4}/\d{1,4}\s+\d{2}-\d{5}[A-Z]?"
    r"|\*\d{7,}\*)$",
    re.I,
)
_ENUMERATED = re.compile(r"^\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s")
_SENTENCE_END = re.compile(r"[.!?:;]['\"’”)]*$")
_MARGIN = 0.09  # share of the page height at top and bottom where furniture lives


READERS = PDF_READERS


class PdfExtractor:
    """Layout analysis for every page; ``reader`` says what reads the page's characters and rules.

    "pdfplumber" (the reference) interprets each page's content stream with pdfminer; "pdfium"
    takes them from pypdfium2 (``pdf_pdfium``), many times faster, and hands a page it does not
    trust to pdfplumber. Either way the same layout code runs on the result, and each block's
    provenance names the reader of its page.
    """

    name = "pdfplumber"
    formats = frozenset({"pdf"})

    def __init__(self, reader: str = "pdfium", max_pages: int | None = None) -> None:
        if reader not in READERS:
            raise ValueError(f"unknown PDF reader {reader!r}; known: {', '.join(READERS)}")
        self.reader = reader
        self.max_pages = max_pages  # a PDF over it is refused before any layout work; None: no limit

    @classmethod
    def from_settings(cls, settings: Settings) -> PdfExtractor:
        return cls(reader=settings.reader, max_pages=settings.max_pages)

    def extract(self, path: Path, source_file: str) -> Extraction:
        """Blocks in reading order, page by page; raises a typed ``ExtractionError`` for bad input."""
        if self.max_pages is not None:
            check_page_limit(path, source_file, self.max_pages)
        return assemble(read_layouts(path, source_file, self.reader), source_file, self.name)


def check_page_limit(path: Path, name: str, max_pages: int) -> None:
    """Refuse a PDF over the page limit before any layout work (pdfium counts pages instantly)."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError:
        return  # the extractor classifies broken and encrypted files
    try:
        pages = len(pdf)
    finally:
        pdf.close()
    if pages > max_pages:
        raise TooLargeError(
            name, f"{pages} pages exceeds the limit of {max_pages} (raise max_pages in docket.toml)"
        )


def assemble(layouts: list[PageLayout], source_file: str, extractor: str = "pdfplumber") -> Extraction:
    """The page layouts as one document's blocks: furniture stripped, tables joined (in place)."""
    if not layouts:
        raise EmptyDocumentError(source_file, "the PDF has no pages")
    if not any(p.chars for p in layouts):
        raise ScannedDocumentError(
            source_file, "no text layer (scanned?); run with --ocr to read it, or supply a text PDF"
        )
    warnings = [w for p in layouts for w in p.warnings]
    first = [it.text for it in layouts[0].items if isinstance(it, Line)]
    strip_furniture(layouts)
    kept = {it.text for it in layouts[0].items if isinstance(it, Line)}
    margins = tuple(t for t in first if t not in kept)
    join_tables(layouts)
    blocks = build_blocks(layouts, source_file, extractor)  # each page's own reader where it has one
    if not blocks:
        raise EmptyDocumentError(source_file, "the PDF has text only in headers, footers or page numbers")
    return Extraction(blocks=tuple(blocks), pages=len(layouts), warnings=tuple(warnings), margins=margins)


def read_layouts(path: Path, source_file: str, reader: str = "pdfium") -> list[PageLayout]:
    """Open the PDF (an empty user password is tried, as readers do) and lay out every page.

    pdfplumber opens the file with either reader: the document's structure is cheap to parse, and
    broken or encrypted files are then judged (and reported) the same way. With the pdfium reader
    pypdfium2 gives each page's characters and rules; a page it cannot give faithfully is read by
    pdfplumber, and ``PageLayout.reader`` says which did.
    """
    fast = None
    try:
        with pdfplumber.open(path, password="") as pdf:
            cyclic = has_cyclic_page_tree(pdf.doc)
            if not cyclic:
                if reader == "pdfium":
                    from .pdf_pdfium import PdfiumPages

                    fast = PdfiumPages.open(path, password="")
                layouts = []
                for i, page in enumerate(pdf.pages, start=1):
                    note = ""
                    if reader == "pdfium":
                        note = "pdfium cannot open the file" if fast is None else fast.load(i - 1, page)
                    layout = read_page(page, i)
                    if reader == "pdfium":
                        layout.reader, layout.fallback = ("pdfplumber", note) if note else ("pdfium", "")
                    layouts.append(layout)
                    page.close()  # drop the page's parsed objects: memory grows per page, not per document
                return layouts
    except Exception as e:  # noqa: BLE001 - every pdfminer failure is classified by type below
        raise classify_error(e, source_file) from e
    finally:
        if fast is not None:
            fast.close()
    raise CorruptFileError(source_file, "corrupt PDF: its page tree loops back on itself; skipped")


def has_cyclic_page_tree(doc: PDFDocument, limit: int = 200_000) -> bool:
    """True when a /Pages node lists one of its own ancestors among its /Kids.

    pdfminer quietly skips the repeated node and returns the pages it reached, which would
    pass a broken file off as a shorter document.
    """
    stack: list[tuple[object, frozenset[int]]] = [(doc.catalog.get("Pages"), frozenset())]
    seen = 0
    while stack and seen < limit:
        ref, ancestors = stack.pop()
        seen += 1
        objid = ref.objid if isinstance(ref, PDFObjRef) else None
        if objid is not None and objid in ancestors:
            return True
        node = resolve1(ref)
        kids = resolve1(node.get("Kids")) if isinstance(node, dict) else None
        if isinstance(kids, list):
            inner = ancestors | {objid} if objid is not None else ancestors
            stack.extend((kid, inner) for kid in kids)
    return False


def classify_error(exc: BaseException, source_file: str) -> Exception:
    """Map a pdfminer/pdfplumber failure to our typed error, by exception type, never by message.

    pdfplumber 0.11 wraps pdfminer's exception in ``PdfminerException`` with the original in
    ``args[0]`` (not ``__cause__``), and its ``str()`` may be empty.
    """
    cause: BaseException = exc
    if isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], BaseException):
        cause = exc.args[0]
    if isinstance(cause, _ENCRYPTED) or isinstance(exc, _ENCRYPTED):
        return EncryptedError(source_file, "encrypted PDF (password required); skipped")
    if isinstance(cause, _CORRUPT) or isinstance(exc, (PdfminerException, *_CORRUPT)):
        return CorruptFileError(source_file, f"corrupt or truncated PDF ({type(cause).__name__}); skipped")
    if isinstance(exc, MemoryError) or isinstance(cause, MemoryError):
        return TooLargeError(
            source_file, "the PDF needs more memory than the worker's limit (max_memory_mb); skipped"
        )
    if isinstance(exc, RecursionError):
        return CorruptFileError(source_file, "PDF structure too deeply nested to read; skipped")
    if isinstance(exc, (KeyError, ValueError, TypeError, AttributeError, IndexError, AssertionError)):
        return CorruptFileError(source_file, f"malformed PDF ({type(exc).__name__}: {exc}); skipped")
    return exc if isinstance(exc, Exception) else CorruptFileError(source_file, "unreadable PDF")


def strip_furniture(layouts: list[PageLayout]) -> None:
    """Remove running headers/footers and page numbers, in place.

    A margin line is furniture when its text (digits ignored) recurs at about the same height (12 pt) on
    at least two pages and on at least 40% of them, or when it is a bare page number or a UN
    job number. Only the top and bottom margins are looked at, so body text is never dropped;
    the side edges lose only single letters (a document symbol printed vertically).
    """
    seen: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for page in layouts:
        for it in page.items:
            if isinstance(it, Line) and _in_margin(it, page):
                seen[_furniture_key(it)].append((page.number, it.top))
    threshold = max(2, 0.4 * len(layouts))

    def repeated(line: Line) -> bool:
        if line.size > 13:  # a big title on page 1 is not a running header, even if page 2 repeats it
            return False
        return len({p for p, top in seen[_furniture_key(line)] if abs(top - line.top) <= 12}) >= threshold

    for page in layouts:
        stacked = sum(1 for it in page.items if isinstance(it, Line) and _side_letters(it, page)) >= 3
        page.items = [
            it
            for it in page.items
            if not (
                isinstance(it, Line)
                and (
                    (_in_margin(it, page) and (_PAGE_FURNITURE.match(it.text.strip()) or repeated(it)))
                    or (stacked and _side_letters(it, page))
                )
            )
        ]


def _furniture_key(line: Line) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.text.strip().lower()))


def _side_letters(line: Line, page: PageLayout) -> bool:
    """A letter or two at the page's side edge: a symbol printed vertically ("J I U / R E P").

    Bullets are not letters, so a bullet set apart from its text in a narrow margin stays.
    """
    side = line.x1 <= page.width * 0.08 or line.x0 >= page.width * 0.92
    text = line.text.replace(" ", "")
    return side and len(text) <= 3 and all(ch.isalnum() or ch in "/-." for ch in text)


def _in_margin(line: Line, page: PageLayout) -> bool:
    return line.bottom <= page.height * _MARGIN + 20 or line.top >= page.height * (1 - _MARGIN) - 10


def join_tables(layouts: list[PageLayout]) -> None:
    """Glue a table that ends a page to the table that starts the next one, in place.

    They are one table when the column count and the column left edges (within 4 pt) agree.
    Repeated header rows are dropped; a first row whose first cell is empty (or continues a
    sentence in lower case) is the rest of a row the page break split, so its cells are
    appended to the last row's cells.
    """
    for prev_page, page in zip(layouts, layouts[1:], strict=False):
        tail = _last_table(prev_page)
        head = page.items[0] if page.items else None
        if tail is not None and head is not None and not isinstance(head, TableItem):
            page.items = page.items[continue_grid(tail, page.items) :]
            head = page.items[0] if page.items else None
        if tail is None or not isinstance(head, TableItem) or not _same_columns(tail, head):
            continue
        rows = head.rows
        k = 0  # header rows repeated on the new page (up to four)
        while k < min(4, len(rows), len(tail.rows)) and _texts(rows[k]) == _texts(tail.rows[k]):
            k += 1
        rows = rows[k:]
        if rows and tail.rows and _split_row(tail.rows[-1], rows[0]):
            tail.rows[-1] = [_merge(a, b) for a, b in zip(tail.rows[-1], rows[0], strict=False)]
            rows = rows[1:]
        # rows from the later page say so: a record read from one points to its own page
        tail.rows.extend(
            [c if c.page is not None else dataclasses.replace(c, page=page.number) for c in r] for r in rows
        )
        tail.pages.extend(head.pages)
        page.items = page.items[1:]
        # the continuation may itself run on; let the next round see it as this page's tail
        if not page.items:
            page.items = [tail]
            prev_page.items.remove(tail)


def _texts(row: list[Cell]) -> list[str]:
    return [c.text for c in row]


def _split_row(last: list[Cell], first: list[Cell]) -> bool:
    """The page break cut a row in two, judged from the first column.

    It did when the new page's first cell is empty, or when the cell before the break stops
    mid-sentence and the new one carries on: in lower case, with the next enumerated part
    ("(b) ..."), after a colon, or alone in its row.
    """
    head, before = first[0].text.strip(), last[0].text.strip()
    if not head:
        return True
    if _SENTENCE_END.search(before) and not before.endswith((":", ";", ",")):
        return False
    alone = len(first) > 1 and not any(c.text for c in first[1:])
    return (
        head[:1].islower()
        or before.endswith(":")
        or alone
        or (bool(_ENUMERATED.match(head)) and before.endswith((";", ",", " and", " or")))
    )


def _last_table(page: PageLayout) -> TableItem | None:
    """The page's last table when nothing but small print (footnotes) follows it."""
    for it in reversed(page.items):
        if isinstance(it, TableItem):
            return it
        if it.size >= 9:
            return None
    return None


def _same_columns(a: TableItem, b: TableItem) -> bool:
    return len(a.col_x) == len(b.col_x) and all(
        abs(x - y) <= 4 for x, y in zip(a.col_x, b.col_x, strict=True)
    )


def _merge(a: Cell, b: Cell) -> Cell:
    if not b.text:
        return a
    if not a.text:
        return b
    return Cell(a.text + "\n" + b.text, bold=a.bold and b.bold, bold_prefix=a.bold_prefix, colspan=a.colspan)
