"""One file in, one Result out (extract, parse, tag); a bad file never stops the batch."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import time
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path

from .config import Settings
from .errors import ExtractionError, ScannedDocumentError
from .models import Document, DocumentInfo, Failure, Reason, Result, Status
from .sources import iter_sources

__all__ = [
    "build_document",
    "document_id",
    "file_sha256",
    "iter_results",
    "iter_sources",
    "ocr_copy",
    "process_file",
    "tag",
]


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def document_id(sha256: str) -> str:
    """Stable id from content: the same bytes get the same id wherever the file lives."""
    return sha256[:16]


def process_file(
    path: str | os.PathLike[str], settings: Settings | None = None, source_file: str | None = None
) -> Result:
    """Extract, parse and tag one file. Never raises for bad input: returns a failed Result."""
    settings = Settings.resolve(settings)
    path = Path(path)
    name = source_file or str(path)
    started = time.perf_counter()
    try:
        document, pages = build_document(path, name, settings)
    except ExtractionError as e:
        return _failed(name, e.reason, str(e), started)
    except (PermissionError, IsADirectoryError, FileNotFoundError) as e:
        return _failed(
            name, Reason.UNREADABLE, f"cannot read the file ({e.strerror or type(e).__name__})", started
        )
    except RecursionError:
        return _failed(name, Reason.CORRUPT, "document structure is too deeply nested to read", started)
    except MemoryError:
        return _failed(name, Reason.TOO_LARGE, "document needs more memory than allowed", started)
    except Exception as e:  # noqa: BLE001 - a docket bug must not stop the batch either
        detail = "".join(traceback.format_exception_only(type(e), e)).strip().splitlines()[-1]
        return _failed(
            name, Reason.INTERNAL, f"internal error while reading ({detail}); please report it", started
        )
    status = Status.PARTIAL if document.warnings else Status.OK
    return Result(name, status, document=document, pages=pages, seconds=time.perf_counter() - started)


def _failed(name: str, reason: Reason, message: str, started: float) -> Result:
    """A one-line reason that starts with the file name."""
    message = re.sub(r"\s+", " ", message).strip()
    if not message.startswith(name):
        message = f"{name}: {message}"
    return Result(
        name, Status.FAILED, failure=Failure(name, reason, message), seconds=time.perf_counter() - started
    )


def build_document(path: Path, name: str, settings: Settings) -> tuple[Document, int | None]:
    # start-up: the batch runner and `docket diff` import this module for hashing; the readers and
    # parsers (a second to load) come in only where a file is read
    from .extract.base import extractor_for, sniff_format
    from .parse import parse_document, vocab

    if not path.is_file():
        # a FIFO or device named like a document would block or never end; a dangling link has no data
        what = "a broken symbolic link" if path.is_symlink() and not path.exists() else "not a regular file"
        raise ExtractionError(name, f"{what}; nothing to read", Reason.UNREADABLE)
    sha = file_sha256(path)
    fmt = sniff_format(path, name)
    extractor = extractor_for(fmt, settings)  # the format's own options (reader, limits) from settings
    try:
        extraction = extractor.extract(path, name)
    except ScannedDocumentError:  # a PDF without a text layer: the one case OCR can help
        if not settings.ocr:
            raise
        with ocr_copy(path, name, settings.timeout) as ocr_path:
            extraction = extractor.extract(ocr_path, name)
        extraction = dataclasses.replace(
            extraction, warnings=extraction.warnings + ("text read by OCR (ocrmypdf)",)
        )
    info = DocumentInfo(id=document_id(sha), source_file=name, sha256=sha, format=fmt, pages=extraction.pages)
    vocab.use(settings.config_path)
    document = parse_document(
        info, extraction.blocks, warnings=extraction.warnings, margins=extraction.margins
    )
    if settings.tag:
        document = tag(document, settings)
    return document, extraction.pages


@contextlib.contextmanager
def ocr_copy(path: Path, name: str, timeout: float) -> Iterator[Path]:
    """A text-layer copy of a scanned PDF made by ocrmypdf (opt-in with --ocr; never fetches anything)."""
    exe = shutil.which("ocrmypdf")
    if exe is None:
        raise ScannedDocumentError(
            name,
            "no text layer (scanned?); --ocr needs ocrmypdf and tesseract "
            "(apt-get install ocrmypdf), which are not installed",
        )
    with tempfile.TemporaryDirectory(prefix="docket-ocr-") as tmp:
        out = Path(tmp) / "ocr.pdf"
        try:
            subprocess.run(
                [exe, "--skip-text", "--quiet", str(path), str(out)],
                check=True,
                timeout=timeout,
                capture_output=True,
            )
        except subprocess.TimeoutExpired as e:
            raise ExtractionError(name, f"OCR took longer than {timeout:g} s", Reason.TIMEOUT) from e
        except subprocess.CalledProcessError as e:
            detail = (e.stderr or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or ["failed"]
            raise ScannedDocumentError(name, f"no text layer, and OCR failed: {detail[0]}") from e
        yield out


def tag(document: Document, settings: Settings) -> Document:
    """Run the NLP stage when it is available (pipeline.nlp)."""
    try:
        from .nlp import tag_document  # start-up: spaCy loads only where tagging is on
    except ImportError:
        return document
    return tag_document(document, settings.config_path)


def iter_results(
    paths: Iterable[str | os.PathLike[str]], settings: Settings | dict | None = None
) -> Iterator[Result]:
    """Yield one Result per source file found under ``paths`` (sequential; see pipeline.batch)."""
    settings = Settings.resolve(settings)
    for path in iter_sources(paths):
        yield process_file(path, settings)
