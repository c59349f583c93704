"""The parsers recognise structure; publishers' names live in ``config/vocabulary.toml``.

A rule, comment or example in ``pipeline/parse`` that names an organisation is a rule written for
one publisher's documents (issue 12). Acronyms are matched as printed, longer names in any case.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARSE = ROOT / "pipeline" / "parse"


def _names() -> list[str]:
    vocabulary = tomllib.loads((ROOT / "config" / "vocabulary.toml").read_text(encoding="utf-8"))
    return list(vocabulary["organisations"]["names"])


def test_vocabulary_lists_organisations() -> None:
    assert len(_names()) >= 10


def test_parse_modules_name_no_organisation() -> None:
    found = []
    for path in sorted(PARSE.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for name in _names():
            flags = 0 if name.isupper() else re.I
            for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text, flags):
                line = text.count("\n", 0, m.start()) + 1
                found.append(f"{path.name}:{line}: {name}")
    assert not found, "organisation names in pipeline/parse: " + "; ".join(found)
