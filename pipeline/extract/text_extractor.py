"""Plain text and Markdown: numbered headings, bullets, and tab- or space-aligned rows as tables."""

from __future__ import annotations

import re
from pathlib import Path

from ..config import Settings
from ..errors import EmptyDocumentError, TooLargeError
from ..models import Block, BlockKind, Cell, Provenance
from ..textutil import BULLETS, clean_spaces
from .base import Extraction

MAX_TEXT_BYTES = 200 * 1024 * 1024
MAX_PARAGRAPH_CHARS = 100_000  # longer runs of text are split at white space, so no stage sees a 50 MB block

_NUMBERED_HEADING = re.compile(
    r"^(?P<num>(?:\d{1,2}\.)+\d{0,2}|[IVX]{1,5}\.|Annex\s+\w+[.:]?)\s+(?P<title>\S.{0,120})$"
)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_BULLET = re.compile(
    r"^(?P<indent>\s*)(?P<marker>["
    + re.escape(BULLETS)
    + r"]|\(?[a-z]\)|\(?[ivx]{1,4}\)|\d{1,2}[.)])\s+(?P<text>.+)$"
)
_ROW_SPLIT = re.compile(r"\t+| {3,}")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 (BOM), else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


class TextExtractor:
    name = "text"
    formats = frozenset({"txt", "md"})

    @classmethod
    def from_settings(cls, settings: Settings) -> TextExtractor:
        return cls()  # no per-format options: the size limit is fixed

    def extract(self, path: Path, source_file: str) -> Extraction:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise TooLargeError(
                source_file, f"text file of {size} bytes exceeds the {MAX_TEXT_BYTES}-byte limit"
            )
        text, encoding = decode_text(path.read_bytes())
        text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
        blocks = tuple(text_to_blocks(text, source_file))
        if not any(b.text.strip() for b in blocks):
            raise EmptyDocumentError(source_file, "no text in the file")
        warnings: tuple[str, ...] = () if encoding.startswith("utf") else (f"decoded as {encoding}",)
        if len(text) > MAX_PARAGRAPH_CHARS and any(len(ln) > MAX_PARAGRAPH_CHARS for ln in text.split("\n")):
            warnings += (f"paragraphs over {MAX_PARAGRAPH_CHARS} characters were split",)
        return Extraction(blocks=blocks, pages=None, warnings=warnings)


def text_to_blocks(text: str, source_file: str) -> list[Block]:
    """Group lines into blocks. A blank line ends a paragraph; tabbed rows form tables."""
    lines = text.split("\n")
    blocks: list[Block] = []
    para: list[str] = []
    para_start = 0
    table: list[tuple[int, list[str]]] = []

    def prov(line_no: int) -> Provenance:
        return Provenance(source_file=source_file, line=line_no, block=len(blocks), extractor="text")

    def flush_para() -> None:
        nonlocal para
        if para:
            joined = " ".join(p.strip() for p in para if p.strip())
            joined = clean_spaces(joined.replace("**", ""))
            for piece in split_long(joined):
                blocks.append(Block(BlockKind.PARAGRAPH, piece, prov(para_start)))
        para = []

    def flush_table() -> None:
        nonlocal table
        if not table:
            return
        if len(table) == 1 and len([c for c in table[0][1] if c]) < 2:
            # one lonely row is a paragraph after all
            para.append(" ".join(table[0][1]))
            table = []
            flush_para()
            return
        width = max(len(r) for _, r in table)
        rows = tuple(tuple(Cell(clean_spaces(c)) for c in r + [""] * (width - len(r))) for _, r in table)
        text_ = "\n".join("\t".join(c.text for c in row) for row in rows)
        p = Provenance(
            source_file=source_file,
            line=table[0][0],
            block=len(blocks),
            table=sum(b.kind == BlockKind.TABLE for b in blocks),
            extractor="text",
        )
        blocks.append(Block(BlockKind.TABLE, text_, p, rows=rows))
        table = []

    for i, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            flush_para()
            flush_table()
            continue
        cells = [c.strip() for c in _ROW_SPLIT.split(line.strip())]
        if "\t" in line and len([c for c in cells if c]) >= 1 and (len(cells) >= 2 or table):
            flush_para()
            table.append((i, cells))
            continue
        flush_table()
        md = _MD_HEADING.match(stripped)
        if md:
            flush_para()
            blocks.append(
                Block(BlockKind.HEADING, clean_spaces(md.group(2)), prov(i), level=len(md.group(1)))
            )
            continue
        num = _NUMBERED_HEADING.match(stripped)
        if num and not para and _is_heading_line(stripped, lines, i):
            flush_para()
            marker = num.group("num")
            level = marker.rstrip(".").count(".") + 1 if marker[0].isdigit() else 1
            blocks.append(
                Block(BlockKind.HEADING, clean_spaces(stripped), prov(i), level=level, marker=marker)
            )
            continue
        bullet = _BULLET.match(line)
        if bullet:
            flush_para()
            depth = len(bullet.group("indent").expandtabs(4)) // 2
            item = clean_spaces(bullet.group("text").replace("**", ""))
            blocks.append(
                Block(BlockKind.LIST_ITEM, item, prov(i), marker=bullet.group("marker"), level=depth)
            )
            continue
        if not para:
            para_start = i
        para.append(stripped)
    flush_para()
    flush_table()
    return blocks


def split_long(text: str, limit: int = MAX_PARAGRAPH_CHARS) -> list[str]:
    """Cut an enormous paragraph into pieces of at most ``limit`` characters at white space."""
    pieces, start, n = [], 0, len(text)
    while n - start > limit:
        cut = text.rfind(" ", start, start + limit)
        cut = cut if cut > start + limit // 2 else start + limit
        pieces.append(text[start:cut].strip())
        start = cut
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return [p for p in pieces if p]


def _is_heading_line(stripped: str, lines: list[str], index: int) -> bool:
    """A numbered line is a heading when it is short, stands alone and has no sentence end."""
    if len(stripped) > 100 or stripped.endswith((".", ";", ",", ":")) and not stripped.startswith("Annex"):
        return stripped.startswith("Annex") and len(stripped) < 120
    nxt = lines[index] if index < len(lines) else ""
    return not nxt.strip() or len(stripped) < 60
