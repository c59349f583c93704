# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run test test-fast lint ci format browser browser-check bench fuzz model clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(VENV)/bin/docket ingest inputs -o outputs

# Debian's chromium drives the browser tests of the HTML reports (Playwright, no browser download).
# Installed once, by `make browser` (and by CI); `make test` never installs it: without it the
# browser tests are skipped, and the run says so at the start and in the summary.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || { \
	  echo "WARNING: could not install chromium (no network?): the browser tests will be skipped"; }

browser-check:
	@command -v chromium >/dev/null 2>&1 || \
	  echo "WARNING: chromium is not installed: the browser tests are SKIPPED (run \`make browser\` once)"

test: install browser-check
	$(PY) -m pytest

# The quick tier: everything but the tests marked slow (corpus runs, browsers, subprocess batches).
test-fast: install
	$(PY) -m pytest -m "not slow"

# Style and complexity (ruff, C901 <= 20), module size (<= 600 lines, tools/module_size.py), the declared layers and no import cycle (import-linter, pyproject.toml), types (mypy).
# PYTHONPATH makes the checks read this tree even where the venv's editable install points elsewhere.
lint: install
	$(VENV)/bin/ruff check pipeline tests benchmarks tools
	$(VENV)/bin/ruff format --check pipeline tests benchmarks tools
	$(PY) tools/module_size.py
	PYTHONPATH=$(CURDIR) $(VENV)/bin/lint-imports
	PYTHONPATH=$(CURDIR) $(VENV)/bin/mypy

# What CI runs (.ci/run): lint, chromium when missing, then the whole suite.
ci: lint browser test

format: install
	$(VENV)/bin/ruff format pipeline tests benchmarks tools
	$(VENV)/bin/ruff check --fix pipeline tests benchmarks tools

bench: install
	$(PY) benchmarks/bench_ingest.py

fuzz: install
	$(PY) -m pytest tests/fuzz -q -p no:cacheprovider --hypothesis-profile=long

# Optional: the trained English model (12.8 MB), hash-checked. Not needed by docket or its tests.
model: install
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt

clean:
	rm -rf $(VENV) outputs .pytest_cache .mypy_cache .import_linter_cache .grimp_cache
