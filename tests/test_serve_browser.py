"""`docket serve` in a real headless browser (Debian chromium driven by Playwright): the command
runs as a user would start it, on a free port; the recommendations page loads with its facets,
a search through the search box shows exactly the rows FTS5 finds, and no page logs an error or
asks anything of another host."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from offline_browser import ARGS, ARTIFACTS, CHROMIUM, requires_chromium

from pipeline.cli import cli

pytestmark = [requires_chromium, pytest.mark.slow]  # `make test-fast` leaves them out
ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("neaspec-nfp-2021-concept-note.txt", "IOM MANAGEMENT RESPONSE MATRIX.pdf")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve_browser")
    src = root / "in"
    src.mkdir()
    for name in SOURCES:
        shutil.copy(ROOT / "inputs" / name, src)
    result = CliRunner().invoke(cli, ["ingest", str(src), "-o", str(root / "out"), "-q", "--workers", "1"])
    assert result.exit_code == 0, result.output
    port = _free_port()
    tmp = root / "tmp"  # where serve keeps its browsing copy while it runs
    tmp.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp)}
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline.cli", "serve", str(root / "out"), "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(120):
                try:
                    urllib.request.urlopen(url + "/-/versions.json", timeout=1).read()
                    break
                except OSError:
                    assert proc.poll() is None, log.seek(0) or log.read().decode()
                    time.sleep(0.25)
            else:
                pytest.fail("docket serve did not answer within 30 s")
            assert [p.name[:13] for p in tmp.iterdir()] == ["docket-serve-"]
            yield url, root / "out" / "catalog.sqlite"
        finally:
            proc.terminate()
            proc.wait(timeout=10)
        assert proc.returncode == 0  # stopped cleanly, and the copy is gone
        assert list(tmp.iterdir()) == []


@pytest.fixture(scope="module")
def chromium():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def test_search_and_facets_in_a_browser(server, chromium):
    url, catalog = server
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    elsewhere, console, errors = [], [], []

    def route(r):
        if r.request.url.startswith(url + "/"):
            r.continue_()
        else:
            elsewhere.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: console.append((m.type, m.text)))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{url}/catalog/recommendations", wait_until="load")
    assert page.locator("table.rows-and-columns tbody tr").count() > 0
    facets = page.locator(".facet-info").all_inner_texts()
    assert any("response_category" in f for f in facets), facets

    page.fill("input#_search", "barriers")
    page.locator("form.filters input[type=submit]").click()
    page.wait_for_load_state("load")
    assert "_search=barriers" in page.url
    shown = page.locator("table.rows-and-columns tbody tr").count()
    db = sqlite3.connect(f"{catalog.as_uri()}?mode=ro", uri=True)
    expected = db.execute(
        "SELECT count(*) FROM recommendations WHERE lower(coalesce(title, '') || ' ' || coalesce(text, '') || ' ' "
        "|| coalesce(actors_raw, '') || ' ' || coalesce(response_text, '')) LIKE '%barrier%'"
    ).fetchone()[0]
    assert shown >= max(expected, 1)  # key actions (not in the catalog's table) may add rows
    assert "barriers" in page.locator("table.rows-and-columns").inner_text().lower()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve_search.png"))

    page.goto(f"{url}/catalog/recommendations_to_actor?actor=IOM", wait_until="load")
    assert page.locator("table.rows-and-columns tbody tr").count() > 0
    context.close()
    assert errors == []
    assert [m for m in console if m[0] == "error"] == []
    assert elsewhere == []
