"""Opening a DOCX package safely: zip-bomb limits, entities never resolved, parts found by relationship.

The XML parts are read straight from the zip with a locked-down lxml parser rather than through
python-docx, so the same code reads .docx, .docm, .dotx and .dotm (python-docx refuses the
macro-enabled content types), and nothing but the XML parts we need is ever read: a macro
project (``vbaProject.bin``) is never touched, let alone run.
"""

from __future__ import annotations

import lzma
import posixpath
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from ..errors import CorruptFileError, TooLargeError

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100  # real DOCX XML compresses about 5-20x; bombs reach 1000x
RATIO_CHECK_MIN_BYTES = 1024 * 1024  # small parts may compress absurdly well and are harmless

_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"


def _safe_parser() -> etree.XMLParser:
    # No DTD loading, no entity substitution, no network: an external entity can never be fetched.
    # (Not defusedxml: its lxml module is deprecated, and it refuses a DTD outright where this reads
    # the document with the entities dropped and a warning; tests/test_docx_extractor.py checks both.)
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


class DocxPackage:
    """An opened, size-checked DOCX zip that hands out parsed XML parts."""

    def __init__(self, path: Path, source_file: str, max_bytes: int = MAX_UNCOMPRESSED_BYTES):
        self.name = source_file
        self.warnings: list[str] = []
        try:
            self._zip = zipfile.ZipFile(path)
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            NotImplementedError,
            OSError,
            EOFError,
            ValueError,
        ) as e:
            raise CorruptFileError(source_file, f"not a readable DOCX (damaged zip archive: {e})") from e
        try:
            check_sizes(self._zip, source_file, max_bytes)
            self._names = set(self._zip.namelist())
            self.document_part = self._main_part()
        except BaseException:
            self._zip.close()
            raise

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> DocxPackage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _main_part(self) -> str:
        rels = self.xml("_rels/.rels")
        target = None
        if rels is not None:
            for rel in rels.iter(_REL_NS + "Relationship"):
                if (rel.get("Type") or "").endswith(_OFFICE_DOCUMENT) and rel.get("TargetMode") != "External":
                    target = (rel.get("Target") or "").lstrip("/")
                    break
        for candidate in (target, "word/document.xml"):
            if candidate and candidate in self._names:
                return candidate
        raise CorruptFileError(self.name, "not a Word document: the package has no word/document.xml")

    def related_part(self, source: str, rel_suffix: str) -> str | None:
        """The part a relationship of the given type (e.g. "/numbering") points at, from ``source``."""
        folder, base = posixpath.split(source)
        rels = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        if rels is None:
            return None
        for rel in rels.iter(_REL_NS + "Relationship"):
            if (rel.get("Type") or "").endswith(rel_suffix) and rel.get("TargetMode") != "External":
                target = rel.get("Target") or ""
                part = (
                    target.lstrip("/")
                    if target.startswith("/")
                    else posixpath.normpath(posixpath.join(folder, target))
                )
                return part if part in self._names else None
        return None

    def xml(self, part: str | None) -> etree._Element | None:
        """The parsed root of a part, None when the package lacks it; refuses DTDs and entities."""
        if not part or part not in self._names:
            return None
        try:
            data = self._zip.read(part)
        except (
            zipfile.BadZipFile,
            zlib.error,
            lzma.LZMAError,
            OSError,
            EOFError,
            ValueError,
            NotImplementedError,
        ) as e:
            raise CorruptFileError(self.name, f"damaged part {part} in the DOCX ({e})") from e
        try:
            root = etree.fromstring(data, parser=_safe_parser())
        except etree.XMLSyntaxError as e:
            raise CorruptFileError(self.name, f"malformed XML in {part} ({e})") from e
        if root.getroottree().docinfo.doctype or any(True for _ in root.iter(etree.Entity)):
            # Word never writes a DTD; one can only be an entity attack (XXE, billion laughs). The
            # parser left every entity unresolved; dropping the references reads the rest as printed.
            etree.strip_elements(root, etree.Entity, with_tail=False)
            self.warnings.append(f"{part} declares a DTD; its entities were ignored, not resolved")
        return root


def check_sizes(zf: zipfile.ZipFile, source_file: str, max_bytes: int = MAX_UNCOMPRESSED_BYTES) -> None:
    """Refuse a zip bomb before inflating anything: total size and per-part compression ratio."""
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if info.file_size > RATIO_CHECK_MIN_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(
            info.compress_size, 1
        ):
            raise TooLargeError(
                source_file,
                f"part {info.filename} inflates {info.file_size // max(info.compress_size, 1)}x "
                f"(limit {MAX_COMPRESSION_RATIO}x); refusing a possible zip bomb",
            )
    if total > max_bytes:
        raise TooLargeError(
            source_file,
            f"DOCX inflates to {total} bytes, over the {max_bytes}-byte limit; refusing a possible zip bomb",
        )
