"""Fail when a module of the package grows past the line limit (``make lint``).

The limit and the named exceptions (a path and a one-line reason each) are in pyproject.toml,
``[tool.docket.module-size]``. An exception that no longer exceeds the limit is reported too,
so the list only ever shrinks.

    python tools/module_size.py            # checks pipeline/
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def check(root: Path = ROOT) -> list[str]:
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["docket"]
    limit = int(config["module-size"]["max-lines"])
    allowed: dict[str, str] = config["module-size"].get("exceptions", {})
    problems = []
    sizes = {
        path.relative_to(root).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted((root / "pipeline").rglob("*.py"))
    }
    for rel, lines in sizes.items():
        if lines > limit and rel not in allowed:
            problems.append(f"{rel}: {lines} lines, over the limit of {limit}; split it by concern")
    for rel in allowed:
        if rel not in sizes:
            problems.append(f"{rel}: listed as an exception in pyproject.toml but there is no such module")
        elif sizes[rel] <= limit:
            problems.append(f"{rel}: {sizes[rel]} lines, within the limit now; drop its exception")
    return problems


def main() -> int:
    problems = check()
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
