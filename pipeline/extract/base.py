"""The extractor protocol, format sniffing from magic bytes, and the format registry."""

from __future__ import annotations

import importlib
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..config import Settings
from ..errors import EmptyDocumentError, MislabelledFileError, UnsupportedFormatError
from ..models import Block


@dataclass(frozen=True, slots=True)
class Extraction:
    """What an extractor returns: the block stream plus facts about the file."""

    blocks: tuple[Block, ...]
    pages: int | None = None
    warnings: tuple[str, ...] = ()
    # the first page's margin lines taken off as running heads or footers: a document's symbol
    # ("A/AC.109/2025/L.2") is printed there on every page, yet it is metadata
    margins: tuple[str, ...] = ()


class Extractor(Protocol):
    """Turns one file of a known format into blocks in reading order.

    ``extract`` raises an ``ExtractionError`` subclass (with the file name) for bad input and
    never returns an extraction without text: a file with no text raises ``EmptyDocumentError``
    or ``ScannedDocumentError``.
    """

    name: str
    formats: frozenset[str]

    @classmethod
    def from_settings(cls, settings: Settings) -> Extractor:
        """The extractor with this format's options taken from ``settings`` (reader, limits)."""
        ...

    def extract(self, path: Path, source_file: str) -> Extraction:
        """Read ``path``; ``source_file`` is the name to put in provenance and errors."""
        ...


# format name -> "module:ClassName"; a new format is one module plus one line here.
EXTRACTORS: dict[str, str] = {
    "pdf": "pipeline.extract.pdf_extractor:PdfExtractor",
    "docx": "pipeline.extract.docx_extractor:DocxExtractor",
    "txt": "pipeline.extract.text_extractor:TextExtractor",
    "md": "pipeline.extract.text_extractor:TextExtractor",
}

TEXT_SUFFIXES = {".txt": "txt", ".md": "md", ".text": "txt", ".markdown": "md"}
DOCX_SUFFIXES = {".docx", ".docm", ".dotx", ".dotm"}
PDF_SUFFIXES = {".pdf"}
# named like a document but refused with the reason (the run lists it as a failure, not a skip)
REFUSED_SUFFIXES = {".doc"}
# what a folder walk picks up: every suffix above, so a file read when named is read when walked
SUPPORTED_SUFFIXES = frozenset({*PDF_SUFFIXES, *DOCX_SUFFIXES, *TEXT_SUFFIXES, *REFUSED_SUFFIXES})


def extractor_class(fmt: str) -> type[Extractor]:
    """The registered extractor class of ``fmt`` (its module is imported now)."""
    module_name, _, class_name = EXTRACTORS[fmt].partition(":")
    return getattr(importlib.import_module(module_name), class_name)


def load_extractor(fmt: str, **options: object) -> Extractor:
    """Build the extractor for ``fmt``; ``options`` are its constructor's keyword arguments."""
    return extractor_class(fmt)(**options)


def extractor_for(fmt: str, settings: Settings) -> Extractor:
    """The extractor for ``fmt`` as ``settings`` configure it: each format reads its own options."""
    return extractor_class(fmt).from_settings(settings)


def sniff_format(path: Path, source_file: str | None = None) -> str:
    """Decide the format from the file's first bytes, not its suffix.

    A PDF named .docx (or the reverse) is read as what it really is; a file whose content
    matches no supported format raises with the reason.
    """
    name = source_file or str(path)
    suffix = path.suffix.lower()
    with open(path, "rb") as fh:
        head = fh.read(8)
    if not head:
        raise EmptyDocumentError(name, "empty file (0 bytes); nothing to read")
    if head.startswith(b"%PDF") or b"%PDF" in _leading_bytes(path):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile:
            raise MislabelledFileError(
                name, "looks like a zip archive but is damaged; not a readable DOCX"
            ) from None
        if "word/document.xml" in names:
            return "docx"
        if "[Content_Types].xml" in names:
            raise UnsupportedFormatError(
                name,
                "an Office file that is not a Word document (no word/document.xml); convert it to DOCX or PDF",
            )
        raise UnsupportedFormatError(name, "a zip archive, not a DOCX (no word/document.xml)")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFormatError(
            name, "legacy Word .doc (OLE2) is not supported; save it as .docx or PDF and ingest that"
        )
    if head.startswith((b"{\\rtf",)):
        raise UnsupportedFormatError(name, "RTF is not supported; save it as .docx or PDF")
    if suffix in TEXT_SUFFIXES:
        return TEXT_SUFFIXES[suffix]
    if suffix in PDF_SUFFIXES or suffix in DOCX_SUFFIXES:
        raise MislabelledFileError(
            name,
            f"named {suffix} but its content is not a {suffix[1:].upper()} file (corrupt or mislabelled)",
        )
    if suffix in REFUSED_SUFFIXES:
        raise UnsupportedFormatError(name, "legacy Word .doc is not supported; save it as .docx or PDF")
    if _looks_like_text(path):
        return "txt"
    raise UnsupportedFormatError(
        name, f"unsupported file type {suffix or '(no suffix)'}; docket reads PDF, DOCX, TXT and MD"
    )


def _leading_bytes(path: Path, size: int = 1024) -> bytes:
    # Some real PDFs carry a few junk bytes before the header; readers accept them within 1 KB.
    with open(path, "rb") as fh:
        return fh.read(size)


def _looks_like_text(path: Path) -> bool:
    with open(path, "rb") as fh:
        sample = fh.read(4096)
    if sample.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def extract(path: Path, source_file: str | None = None) -> tuple[str, Extraction]:
    """Sniff the format and run its extractor; returns (format, extraction)."""
    name = source_file or str(path)
    fmt = sniff_format(path, name)
    return fmt, load_extractor(fmt).extract(path, name)
