"""Sections: each heading with the text that follows it up to the next heading."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..models import Block, BlockKind, Section

_NUMBER = re.compile(
    r"^\s*(?P<num>(?:\d{1,2}\.)*\d{1,2}\.?|[IVXLC]{1,6}\.|[A-H]\.|Annex\s+[\dIVX]+[.:]?|Chapter\s+\w+[.:]?)\s+(?P<rest>\S.*)$"
)


@dataclass(slots=True)
class SectionSpan:
    """A heading and the blocks under it (parsers walk these; ``Section`` is the exported record)."""

    heading: Block | None
    number: str | None
    title: str
    level: int
    blocks: list[Block] = field(default_factory=list)


def split_number(text: str) -> tuple[str | None, str]:
    m = _NUMBER.match(text)
    if not m:
        return None, text.strip()
    num = m.group("num").rstrip(".:").strip()
    return num, m.group("rest").strip()


def section_spans(blocks: tuple[Block, ...] | list[Block]) -> list[SectionSpan]:
    """Each heading with the blocks under it. Running heads and footers that the extractor left in
    the stream ("Statistics" at the foot of every page) open no section and belong to none."""
    spans = [SectionSpan(None, None, "", 0)]
    running = running_lines(blocks)
    for i, block in enumerate(blocks):
        if i in running:
            continue
        if block.kind == BlockKind.HEADING:
            number, title = split_number(block.text)
            if block.marker and not number:
                number = block.marker.rstrip(".:) ")
            spans.append(SectionSpan(block, number, title, max(block.level, 1)))
        else:
            spans[-1].blocks.append(block)
    return [s for s in spans if s.heading is not None or s.blocks]


_RUNNING_WORDS = 10  # a running head or footer is a short line
_RUNNING_PAGES = 3  # ... repeated at the head or foot of this many pages (2 in a short document)


def running_lines(blocks: tuple[Block, ...] | list[Block]) -> set[int]:
    """Indices of the blocks that are running heads or footers: the same short text
    first or last on its page, on several pages."""
    edges: dict[int, list[int]] = defaultdict(list)  # page -> indices of its first and last blocks
    pages: list[int] = []
    for i, b in enumerate(blocks):
        if b.page is None:
            return set()
        if not edges[b.page]:
            pages.append(b.page)
            edges[b.page] = [i, i]
        edges[b.page][1] = i
    if len(pages) < 2:
        return set()
    seen: dict[str, set[int]] = defaultdict(set)
    where: dict[str, list[int]] = defaultdict(list)
    for page in pages:
        for i in set(edges[page]):
            b = blocks[i]
            if b.kind == BlockKind.TABLE or len(b.text.split()) > _RUNNING_WORDS:
                continue
            key = re.sub(r"\s+", " ", b.text.strip().lower())
            seen[key].add(page)
            where[key].append(i)
    need = _RUNNING_PAGES if len(pages) > 4 else 2
    return {i for key, ps in seen.items() if len(ps) >= need for i in where[key]}


def block_text(block: Block) -> str:
    if block.kind == BlockKind.LIST_ITEM and block.marker:
        return f"{block.marker} {block.text}"
    return block.text


def build_sections(spans: list[SectionSpan]) -> tuple[Section, ...]:
    out = []
    for span in spans:
        if span.heading is None:
            continue
        text = "\n".join(block_text(b) for b in span.blocks if b.kind != BlockKind.TABLE)
        out.append(
            Section(
                heading=span.title,
                level=span.level,
                text=text,
                provenance=span.heading.provenance,
                number=span.number,
            )
        )
    return tuple(out)


def heading_matches(span: SectionSpan, *words: str) -> bool:
    title = span.title.lower()
    return any(re.search(r"\b" + re.escape(w.lower()) + r"\b", title) for w in words)
