"""What makes two records the same document: the one concern of spotting one text in several formats.

The same concept note saved as TXT, DOCX and PDF has three hashes and three ids, and their
sections differ (a PDF's layout splits headings differently), but its type, title, date, date of
issue, symbol and the wording of its objectives, agenda items, recommendations and decisions
agree. ``content_key`` hashes exactly those, normalised to lower-case words, so the collection
keeps them as one document with several sources; ``primary_first`` says which source's record
stands for it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from typing import Any

# The source whose record stands for a document held in several formats: the PDF, the form a
# publisher issues and whose records name their pages, then Word, then text.
FORMAT_PREFERENCE = (".pdf", ".docx", ".docm")
_WORD = re.compile(r"\w+")


def _words(text: Any) -> str:
    return " ".join(_WORD.findall(str(text or "").casefold()))


def content_key(record: dict[str, Any]) -> str | None:
    """A hash of the record's substance, or None when it has no items to tell it from another
    document of the same title (a title alone is too weak to call two files one document)."""
    doc = record.get("document") or {}
    items = [
        *(("o", _words(o.get("text"))) for o in record.get("objectives") or ()),
        *(
            ("a", _words(a.get("title")) + "|" + _words(a.get("date")))
            for a in record.get("agenda_items") or ()
        ),
        *(("r", _words(r.get("text"))) for r in record.get("recommendations") or ()),
        # decisions last: a record without them keeps the key it had before they were read
        *(("d", _words(d.get("text"))) for d in record.get("decisions") or ()),
    ]
    if not items:
        return None
    # The symbol and the date of issue keep a revision apart ("E/ICEF/2025/11/Rev.1", issued two
    # months later, with the same agenda): folding it would lose a document, not a copy.
    head = [
        _words(doc.get("doc_type")),
        _words(doc.get("title")),
        str(doc.get("date") or ""),
        _words(doc.get("symbol")),
        str(doc.get("issued") or ""),
    ]
    return hashlib.sha256(json.dumps([head, items], ensure_ascii=False).encode()).hexdigest()[:32]


def primary_first(sources: Iterable[str]) -> list[str]:
    """The sources of one document, the one whose record stands for it first: by
    ``FORMAT_PREFERENCE``, then in the order given (the collection's)."""

    def rank(name: str) -> int:
        suffix = os.path.splitext(re.split(r"[\\/]", name)[-1])[1].lower()
        return FORMAT_PREFERENCE.index(suffix) if suffix in FORMAT_PREFERENCE else len(FORMAT_PREFERENCE)

    return sorted(sources, key=rank)


def with_sources(record: dict[str, Any], sources: list[str]) -> dict[str, Any]:
    """The record of a document as the collection publishes it: its ``document.sources`` listed."""
    return {**record, "document": {**record["document"], "sources": list(sources)}}
