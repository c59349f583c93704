"""Do the two PDF readers give the same records? (the pdfium reader's fidelity, measured)

``compare_readers`` reads one PDF with each reader and compares, page by page, what the parsers
are given (each page's lines and tables: text, reading order, style, position to 0.1 pt, as the
records' provenance rounds it) and what they make of it (the untagged records, every field, the
``extractor`` in their provenance left out: it names the reader on purpose). Tagging is left out
because it is a function of the record text. A page is identical when both its layout and the
records that point to it are; a document when all of its records are (and its failures: both
readers must refuse a bad file with the same typed error).

Coordinates (provenance boxes, line boxes, type sizes) may differ by one unit of their rounding,
0.1 pt: pdfium computes in single precision, pdfminer in double, so a position of 207.65 pt can
round to 207.6 in one and 207.7 in the other. ``exact`` says whether they did not even differ so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ExtractionError
from .pdf_extractor import assemble, read_layouts
from .pdf_layout import Line, PageLayout

READERS = ("pdfplumber", "pdfium")


@dataclass
class Fidelity:
    """One PDF read by both readers."""

    name: str
    pages: int = 0
    differing: dict[int, str] = field(default_factory=dict)  # page -> what differs first
    fallbacks: dict[int, str] = field(default_factory=dict)  # page -> why pdfplumber read it
    same_document: bool = True
    exact: bool = True  # not even a coordinate differs by a rounding unit
    outcome: tuple[str, str] = ("ok", "ok")  # each reader's outcome: "ok" or the error's type and reason

    @property
    def same_pages(self) -> int:
        return self.pages - len(self.differing)


def compare_readers(path: Path, name: str | None = None) -> Fidelity:
    name = name or path.name
    result = Fidelity(name)
    runs = [_read(path, name, reader) for reader in READERS]
    result.outcome = (runs[0][2], runs[1][2])
    if runs[0][2] != runs[1][2]:
        result.same_document = False
    layouts = [run[0] for run in runs]
    result.pages = max(len(layouts[0]), len(layouts[1]))
    result.fallbacks = {p.number: p.fallback for p in layouts[1] if p.fallback}
    records = [run[1] for run in runs]
    result.exact = records[0] == records[1] and [p.signature for p in layouts[0]] == [
        p.signature for p in layouts[1]
    ]
    if not _close(records[0], records[1]):
        result.same_document = False
    by_page = [_by_page(r) for r in records]
    for number in range(1, result.pages + 1):
        a = layouts[0][number - 1] if number <= len(layouts[0]) else None
        b = layouts[1][number - 1] if number <= len(layouts[1]) else None
        sig_a, sig_b = _signature(a), _signature(b)
        if not _close(sig_a, sig_b):
            result.differing[number] = "layout: " + _first_difference(sig_a, sig_b)
        elif not _close(by_page[0].get(number), by_page[1].get(number)):
            result.differing[number] = "records: " + _first_difference(
                by_page[0].get(number, []), by_page[1].get(number, [])
            )
    if not result.same_document and not result.differing and result.outcome[0] == result.outcome[1]:
        result.differing[0] = "document-level records"  # a difference no single page carries
    return result


def _read(path: Path, name: str, reader: str) -> tuple[list[_Page], Any, str]:
    """(page signatures, untagged records, outcome) of one reader."""
    from ..models import DocumentInfo
    from ..parse import parse_document
    from ..process import document_id, file_sha256

    try:
        layouts = read_layouts(path, name, reader)
        signatures = [(p.number, p.fallback, _page_signature(p)) for p in layouts]
        extraction = assemble(layouts, name, reader)
    except ExtractionError as e:
        return [], [], f"{type(e).__name__}: {e.message}"
    sha = file_sha256(path)
    info = DocumentInfo(
        id=document_id(sha), source_file=name, sha256=sha, format="pdf", pages=extraction.pages
    )
    document = parse_document(
        info, extraction.blocks, warnings=extraction.warnings, margins=extraction.margins
    )
    pages = [_Page(number, fallback, sig) for number, fallback, sig in signatures]
    return pages, _without_extractor(document.to_dict()), "ok"


@dataclass
class _Page:
    number: int
    fallback: str
    signature: list[tuple[Any, ...]]


def _page_signature(page: PageLayout) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for it in page.items:
        if isinstance(it, Line):
            out.append(
                (
                    "line",
                    it.text,
                    it.flow,
                    it.marker,
                    round(it.size, 1),
                    it.bold,
                    it.italic,
                    tuple(round(v, 1) for v in (it.x0, it.top, it.x1, it.bottom)),
                )
            )
        else:
            out.append(
                (
                    "table",
                    it.kind,
                    tuple(tuple((c.text, c.bold, c.colspan) for c in row) for row in it.rows),
                    tuple(round(v, 1) for v in it.bbox),
                )
            )
    return out


def _signature(page: _Page | None) -> list[tuple[Any, ...]] | None:
    return None if page is None else page.signature


def _close(a: Any, b: Any) -> bool:
    """Equal, but for coordinates one rounding unit (0.1) apart."""
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(a - b) <= 0.1 + 1e-9
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def _without_extractor(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_extractor(v) for k, v in value.items() if k != "extractor"}
    if isinstance(value, list):
        return [_without_extractor(v) for v in value]
    return value


def _by_page(record: Any) -> dict[int, list[Any]]:
    """The records (and sections) that point to each page, in document order."""
    out: dict[int, list[Any]] = {}
    if not isinstance(record, dict):
        return out
    for key, value in record.items():
        if not isinstance(value, list):
            continue
        for item in value:
            page = item.get("provenance", {}).get("page") if isinstance(item, dict) else None
            if isinstance(page, int):
                out.setdefault(page, []).append((key, item))
    return out


def _first_difference(a: Any, b: Any) -> str:
    if a is None or b is None:
        return "page missing in one reader"
    for x, y in zip(a, b, strict=False):
        if not _close(x, y):
            return f"{_short(x)} | pdfium: {_short(y)}"
    return f"{len(a)} against {len(b)} items"


def _short(value: Any, limit: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
