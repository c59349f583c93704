"""What produced a record: the pipeline's code and version plus hashes of the configuration it read.

Both halves are split so a change to the taggers (their code or data: actors, topics) re-tags
stored records instead of re-extracting them, while a change to the code that reads documents
redoes them, even when ``pipeline.__version__`` was not bumped (a git checkout, a local edit).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.resources
import json
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path

from ..config import Settings
from ..parse.vocab import locate as vocab_locate
from ..version import __version__

TAGGING_FILES = ("actors.csv", "topics.toml", "sdg.toml")
# docket.toml sections read before tagging; every other section counts as tagging config.
EXTRACTION_SECTIONS = ("ingest", "extract", "parse")
# Settings that change what is extracted (timeout, tag, raw_csv and config_dir do not).
EXTRACTION_SETTINGS = ("max_docx_uncompressed", "max_pages", "reader")

# Sources (relative to the ``pipeline`` package; a folder means its *.py files, recursively)
# whose code decides the untagged record or the failure of a file: the extractors and parsers,
# the record model and its ``to_dict``, the text helpers they share, the error classes (reason
# codes and messages) and ``process.py`` (ids, page limit, OCR, failure messages). Not included:
# ``config.py`` (its effect is the settings, hashed by value below), ``batch/`` (orchestration),
# ``export/`` (the collection files are written from the stored records), ``nlp/`` (tagging).
EXTRACTION_SOURCES = (
    "extract",
    "parse",
    "models.py",
    "textutil.py",
    "errors.py",
    "process.py",
    "data/vocabulary.toml",
)
# Libraries whose behaviour shapes extraction (lxml parses DOCX XML directly).
EXTRACTION_LIBRARIES = ("pdfplumber", "pdfminer.six", "pypdfium2", "python-docx", "lxml")
# The tagging stage: its code, ``records_io.py`` (re-tagging rebuilds a Document from the stored
# untagged record) and the packaged tagger data, read when the config folder lacks a file.
# ``nlp/`` also imports ``parse.addressees`` and ``parse.dates``: they are in the extraction
# fingerprint, and a change there redoes (and so re-tags) every document.
TAGGING_SOURCES = ("nlp", "records_io.py", *(f"data/{name}" for name in TAGGING_FILES))
TAGGING_LIBRARIES = ("spacy",)


@dataclass(frozen=True, slots=True)
class Versions:
    pipeline: str  # "<__version__>+<extraction fingerprint>"
    extraction: str
    tagging: str  # "off" when tagging is disabled


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _walk(node: Traversable, rel: str) -> Iterator[tuple[str, Traversable]]:
    """``(relative path, file)`` for ``node`` (a file) or the *.py files under it, sorted by path."""
    if node.is_file():
        yield rel, node
    elif node.is_dir():
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            name = child.name
            if name == "__pycache__" or name.startswith("."):
                continue
            if child.is_dir():
                yield from _walk(child, f"{rel}/{name}")
            elif name.endswith(".py"):
                yield f"{rel}/{name}", child


def source_hash(paths: Iterable[str], root: Traversable | Path | None = None) -> str:
    """A sha256 (16 hex digits) of the bytes of ``paths`` under ``root`` (default: the installed
    ``pipeline`` package, wherever it lives). Sorted paths and file bytes only: no mtimes, no
    __pycache__ or .pyc; a missing path counts as missing rather than failing."""
    base = root if root is not None else importlib.resources.files("pipeline")
    h = hashlib.sha256()
    for top in sorted(paths):
        node = base
        for part in top.split("/"):
            node = node / part
        found = sorted(_walk(node, top), key=lambda item: item[0])
        if not found:
            h.update(f"{top}\0missing\0".encode())
        for rel, file in found:
            data = file.read_bytes()
            h.update(f"{rel}\0{len(data)}\0".encode())
            h.update(data)
    return h.hexdigest()[:16]


def _dist_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return None


@cache
def extraction_fingerprint() -> str:
    """The code that reads documents: its sources, ``__version__``, the libraries it reads with
    and the Unicode tables of this Python. Computed once per process."""
    return _digest(
        {
            "version": __version__,
            "sources": source_hash(EXTRACTION_SOURCES),
            "libraries": {name: _dist_version(name) for name in EXTRACTION_LIBRARIES},
            "unicode": unicodedata.unidata_version,
        }
    )


@cache
def tagging_fingerprint() -> str:
    """The code and packaged data that tag records, and spaCy's version. Computed once per process."""
    return _digest(
        {
            "sources": source_hash(TAGGING_SOURCES),
            "libraries": {name: _dist_version(name) for name in TAGGING_LIBRARIES},
        }
    )


@cache
def _model_version(model: str) -> str | None:
    """The installed version of a spaCy model named in ``[nlp] model`` (None when not installed)."""
    return _dist_version(model) if model else None


def config_versions(settings: Settings) -> Versions:
    folder = Path(settings.config_path)
    toml: dict = {}
    path = folder / "docket.toml"
    if path.is_file():
        try:
            toml = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            toml = {"_raw": hashlib.sha256(path.read_bytes()).hexdigest()}
    ingest = {k: v for k, v in toml.get("ingest", {}).items() if k not in ("timeout", "tag", "raw_csv")}
    code = extraction_fingerprint()
    pipeline = f"{__version__}+{code}"
    extraction = _digest(
        {
            "pipeline": pipeline,
            "sections": {s: ingest if s == "ingest" else toml.get(s) for s in EXTRACTION_SECTIONS},
            "settings": {k: getattr(settings, k, None) for k in EXTRACTION_SETTINGS},
            "vocabulary": hashlib.sha256(vocab_locate(folder).read_bytes()).hexdigest(),
        }
    )
    if not settings.tag:
        return Versions(pipeline, extraction, "off")
    files = {}
    for name in TAGGING_FILES:
        p = folder / name
        files[name] = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else None
    rest = {k: v for k, v in toml.items() if k not in EXTRACTION_SECTIONS}
    nlp = rest.get("nlp")
    model = nlp.get("model") if isinstance(nlp, dict) else None
    tagging = _digest(
        {
            "files": files,
            "toml": rest,
            "code": tagging_fingerprint(),
            "model": _model_version(model.strip()) if isinstance(model, str) else None,
        }
    )
    return Versions(pipeline, extraction, tagging)
