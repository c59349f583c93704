"""Property-based tests: any input yields records or a typed docket error, never another exception."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.diff.align import Change, align
from pipeline.diff.items import Item
from pipeline.diff.words import join_tokens, tokenize, word_diff
from pipeline.errors import DocketError
from pipeline.extract.text_extractor import text_to_blocks
from pipeline.models import Block, BlockKind, Cell, Document, DocumentInfo, Provenance
from pipeline.parse import parse_document

pytestmark = pytest.mark.slow  # `make test-fast` leaves it out

# Text that looks like meeting documents: labels, times, dates, bullets, tabs, odd characters.
FRAGMENTS = st.sampled_from(
    [
        "Recommendation 1:",
        "Recommendation",
        "For NEASPEC secretariat and SOM",
        "FOR SOM",
        "1.",
        "(a)",
        "A.",
        "14:00 - 14:15",
        "10 a.m.–1 p.m.",
        "3–5 p.m.",
        "30 March 2021",
        "Distr.: General",
        "Objectives",
        "Management response:",
        "Partially agree",
        "•",
        "-",
        "\t",
        "\n",
        "\n\n",
        "Annex 1:",
        "Concept Note",
        "Item 3",
        "Session 1:",
        "Day 1: Tuesday 25 February",
        "EVALUATION RECOMMENDATION A - X",
        "Recommendation to:",
        "  ",
        "((",
        "**",
        "\u00ad",
        "\ufeff",
        "\x00",
        "\u202e",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    ]
)
TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=60).map(" ".join)
INFO = DocumentInfo(id="fuzz", source_file="fuzz.txt", sha256="0" * 64, format="txt")


def parse(blocks: list[Block]) -> Document:
    return parse_document(INFO, tuple(blocks))


@given(TEXT)
def test_fuzz_text_extractor_and_parsers(text: str):
    try:
        document = parse(text_to_blocks(text, "fuzz.txt"))
    except DocketError:
        return
    assert isinstance(document, Document)
    document.to_dict()


cells = st.builds(
    Cell, text=TEXT, bold=st.booleans(), bold_prefix=st.sampled_from(["", "Coffee Break", "Session 1"])
)
rows = st.lists(st.lists(cells, min_size=1, max_size=5).map(tuple), max_size=12).map(tuple)


@given(st.lists(rows, min_size=1, max_size=4), TEXT)
def test_fuzz_table_parsers(tables, paragraph: str):
    blocks = [Block(BlockKind.PARAGRAPH, paragraph, Provenance("fuzz.txt", line=1))]
    for i, table_rows in enumerate(tables):
        text = "\n".join("\t".join(c.text for c in r) for r in table_rows)
        blocks.append(Block(BlockKind.TABLE, text, Provenance("fuzz.txt", page=1, table=i), rows=table_rows))
    try:
        document = parse(blocks)
    except DocketError:
        return
    document.to_dict()


items = st.lists(
    st.builds(
        Item,
        position=st.integers(0, 50),
        number=st.sampled_from(["", "1", "2", "2a", "A.1"]),
        text=TEXT,
        actors=st.lists(st.sampled_from(["SOM", "ESCAP", "NFPs"]), max_size=2).map(tuple),
    ),
    max_size=8,
)


@given(items, items)
def test_fuzz_aligner_accounts_for_every_item_once(old, new):
    old = [Item(i, o.number, o.text, o.actors) for i, o in enumerate(old)]
    new = [Item(i, n.number, n.text, n.actors) for i, n in enumerate(new)]
    pairs = align(old, new)
    seen_old = sorted(i.position for p in pairs for i in p.old)
    seen_new = sorted(i.position for p in pairs for i in p.new)
    assert seen_old == list(range(len(old)))
    assert seen_new == list(range(len(new)))
    for p in pairs:
        assert isinstance(p.change, Change)
        p.to_dict()


@given(TEXT, TEXT)
def test_fuzz_word_diff_rebuilds_both_sides(a: str, b: str):
    ops = word_diff(a, b)
    old = [t for op in ops for t in op.old]
    new = [t for op in ops for t in op.new]
    assert old == tokenize(a) and new == tokenize(b)
    join_tokens(new)
