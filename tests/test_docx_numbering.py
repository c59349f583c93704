"""The list-numbering engine on tiny hand-built numbering.xml: formats, lvlText, starts, overrides, resets."""

from __future__ import annotations

import pytest
from lxml import etree

from pipeline.extract.docx_numbering import Numberer, NumberingDefinitions, format_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def numbering(*parts: str) -> Numberer:
    root = etree.fromstring(f'<w:numbering xmlns:w="{W}">{"".join(parts)}</w:numbering>')
    return Numberer(NumberingDefinitions(root))


def abstract(aid: int, *levels: str, extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{aid}">{extra}{"".join(levels)}</w:abstractNum>'


def num(num_id: int, aid: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'


def markers(n: Numberer, calls: list[tuple[str, int]]) -> list[str | None]:
    out = []
    for num_id, ilvl in calls:
        label = n.label(num_id, ilvl)
        out.append(label.marker if label else None)
    return out


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (3, "decimal", "3"),
        (3, "lowerLetter", "c"),
        (28, "lowerLetter", "bb"),
        (4, "upperLetter", "D"),
        (9, "lowerRoman", "ix"),
        (14, "upperRoman", "XIV"),
        (7, "decimalZero", "07"),
        (2, "ordinal", "2nd"),
        (5, "none", ""),
    ],
)
def test_docx_numbering_formats(value: int, fmt: str, expected: str):
    assert format_number(value, fmt) == expected


def test_docx_numbering_decimal_list_counts_up():
    n = numbering(abstract(0, lvl(0, "decimal", "%1.")), num(1, 0))
    assert markers(n, [("1", 0)] * 3) == ["1.", "2.", "3."]


def test_docx_numbering_multilevel_text_and_reset_when_parent_advances():
    n = numbering(
        abstract(0, lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2"), lvl(2, "lowerLetter", "%3)")),
        num(1, 0),
    )
    calls = [("1", 0), ("1", 1), ("1", 1), ("1", 2), ("1", 2), ("1", 1), ("1", 2), ("1", 0), ("1", 1)]
    assert markers(n, calls) == ["1.", "1.1", "1.2", "a)", "b)", "1.3", "a)", "2.", "2.1"]


def test_docx_numbering_start_value_and_roman():
    n = numbering(abstract(0, lvl(0, "upperRoman", "%1.", start=3), lvl(1, "lowerRoman", "(%2)")), num(1, 0))
    assert markers(n, [("1", 0), ("1", 1), ("1", 1), ("1", 0)]) == ["III.", "(i)", "(ii)", "IV."]


def test_docx_numbering_bullets_are_shown_as_the_font_draws_them():
    symbol_bullet = "\uf0b7"
    n = numbering(
        abstract(0, lvl(0, "bullet", symbol_bullet), lvl(1, "bullet", "o"), lvl(2, "bullet", "–")), num(1, 0)
    )
    labels = [n.label("1", i) for i in range(3)]
    assert [label.marker for label in labels if label] == ["•", "◦", "–"]
    assert all(label and label.bullet for label in labels)


def test_docx_numbering_instances_of_one_definition_continue_the_count():
    n = numbering(abstract(0, lvl(0, "decimal", "%1.")), num(1, 0), num(2, 0))
    assert markers(n, [("1", 0), ("1", 0), ("2", 0)]) == ["1.", "2.", "3."]


def test_docx_numbering_start_override_restarts_the_list():
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    n = numbering(abstract(0, lvl(0, "decimal", "%1.")), num(1, 0), num(2, 0, restart))
    assert markers(n, [("1", 0), ("1", 0), ("2", 0), ("2", 0)]) == ["1.", "2.", "1.", "2."]


def test_docx_numbering_level_override_replaces_the_format():
    override = f'<w:lvlOverride w:ilvl="0">{lvl(0, "lowerLetter", "(%1)")}</w:lvlOverride>'
    n = numbering(abstract(0, lvl(0, "decimal", "%1.")), num(1, 0, override))
    assert markers(n, [("1", 0), ("1", 0)]) == ["(a)", "(b)"]


def test_docx_numbering_lvl_restart_zero_never_resets():
    n = numbering(
        abstract(0, lvl(0, "decimal", "%1."), lvl(1, "decimal", "%2)", extra='<w:lvlRestart w:val="0"/>')),
        num(1, 0),
    )
    assert markers(n, [("1", 0), ("1", 1), ("1", 0), ("1", 1)]) == ["1.", "1)", "2.", "2)"]


def test_docx_numbering_legal_style_shows_parents_as_decimals():
    n = numbering(
        abstract(0, lvl(0, "upperRoman", "%1."), lvl(1, "decimal", "%1.%2", extra="<w:isLgl/>")), num(1, 0)
    )
    assert markers(n, [("1", 0), ("1", 0), ("1", 1)]) == ["I.", "II.", "2.1"]


def test_docx_numbering_unknown_or_zero_num_id_gives_no_label():
    n = numbering(abstract(0, lvl(0, "decimal", "%1.")), num(1, 0))
    assert markers(n, [("0", 0), ("9", 0), ("1", 5)]) == [None, None, None]


def test_docx_numbering_num_style_link_borrows_levels():
    linked = abstract(1, extra='<w:numStyleLink w:val="MyList"/>')
    owner = abstract(0, lvl(0, "lowerLetter", "%1."), extra='<w:styleLink w:val="MyList"/>')
    n = numbering(owner, linked, num(5, 1))
    assert markers(n, [("5", 0), ("5", 0)]) == ["a.", "b."]


def test_docx_numbering_style_bound_level_is_found():
    n = numbering(abstract(0, lvl(0, "decimal", "%1.", extra='<w:pStyle w:val="Heading1"/>')), num(3, 0))
    assert n.defs.level_for_style("3", "Heading1") == 0
    assert n.defs.level_for_style("3", "Normal") is None
