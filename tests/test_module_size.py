"""The module-size gate of `make lint` (tools/module_size.py): over the limit fails unless named."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tool():
    spec = importlib.util.spec_from_file_location("module_size", ROOT / "tools" / "module_size.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _tree(tmp_path: Path, exceptions: dict[str, str], modules: dict[str, int]) -> Path:
    listed = "".join(f'"{path}" = "{why}"\n' for path, why in exceptions.items())
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.docket.module-size]\nmax-lines = 10\n\n[tool.docket.module-size.exceptions]\n{listed}",
        encoding="utf-8",
    )
    for rel, lines in modules.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n" * lines, encoding="utf-8")
    return tmp_path


def test_module_size_names_a_module_over_the_limit(tmp_path: Path):
    root = _tree(tmp_path, {}, {"pipeline/small.py": 10, "pipeline/sub/big.py": 11})
    assert _tool().check(root) == ["pipeline/sub/big.py: 11 lines, over the limit of 10; split it by concern"]


def test_module_size_exceptions_are_named_and_shrink(tmp_path: Path):
    root = _tree(
        tmp_path,
        {"pipeline/big.py": "reshaped elsewhere", "pipeline/fits.py": "was big", "pipeline/gone.py": "moved"},
        {"pipeline/big.py": 40, "pipeline/fits.py": 3},
    )
    problems = _tool().check(root)
    assert len(problems) == 2
    assert problems[0].startswith("pipeline/fits.py: 3 lines, within the limit now")
    assert problems[1].startswith("pipeline/gone.py: listed as an exception")


def test_module_size_this_tree_passes():
    assert _tool().check() == []
