"""The HTML redline report in a real headless browser (Debian chromium driven by Playwright)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from offline_browser import ARTIFACTS, open_offline, requires_chromium

from pipeline.diff import Kind, compare
from pipeline.diff.report_html import write_html
from pipeline.diff.report_json import write_json
from pipeline.records_io import document_from_dict

DATA = Path(__file__).parent / "data" / "diff"
pytestmark = [requires_chromium, pytest.mark.slow]  # `make test-fast` leaves them out

SCRIPT_TEXT = "Publish evaluations <script>alert(1)</script> within six months."
ATTR_TEXT = 'Consult the board " onmouseover="x and the committee.'


def hostile_documents():
    old = json.loads((DATA / "seed_original.json").read_text(encoding="utf-8"))
    new = json.loads((DATA / "seed_edited_a.json").read_text(encoding="utf-8"))
    old["recommendations"].append({"number": "8", "text": SCRIPT_TEXT, "actors": [{"name": "<b>IEO</b>"}]})
    new["recommendations"].append({"number": "8", "text": SCRIPT_TEXT.replace("six", "three")})
    new["recommendations"].append({"number": '9"><img src=x onerror=alert(2)>', "text": ATTR_TEXT})
    return document_from_dict(old), document_from_dict(new)


@pytest.fixture(scope="module")
def report_files(tmp_path_factory):
    old, new = hostile_documents()
    report = compare(old, new, tuple(Kind), old_label="old <v1>.json", new_label='new "v2".json')
    folder = tmp_path_factory.mktemp("diff")
    with open(folder / "diff.html", "w", encoding="utf-8", newline="") as fh:
        write_html(report, fh)
    with open(folder / "diff.json", "w", encoding="utf-8", newline="") as fh:
        write_json(report, fh)
    return folder / "diff.html", json.loads((folder / "diff.json").read_text(encoding="utf-8"))


def test_diff_browser_report(browser, report_files):
    html_path, data = report_files
    context, page, url, requests, blocked, console, errors, dialogs = open_offline(browser, html_path)

    # Loads cleanly, offline.
    assert errors == []
    assert [c for c in console if c[0] in ("error", "warning")] == []
    assert requests == [url] and blocked == []

    # The summary counts match the JSON records.
    for kind, counts in data["counts"].items():
        for change, n in counts.items():
            cell = page.locator(f'[data-count="{kind}:{change}"]')
            assert cell.count() == 1 and cell.inner_text().strip() == str(n), (kind, change)
    rows = page.locator("tr.pair")
    assert rows.count() == sum(len(v) for v in data["changes"].values())

    # The change-type filter hides and shows rows.
    unchanged = page.locator('tr.pair[data-change="unchanged"]')
    others = page.locator('tr.pair:not([data-change="unchanged"])')
    assert unchanged.count() > 0 and others.count() > 0
    assert unchanged.first.is_visible()
    shown_before = page.locator('[data-visible-for="recommendations"]').inner_text()
    page.locator("#filter-unchanged").uncheck()
    assert all(not unchanged.nth(i).is_visible() for i in range(unchanged.count()))
    assert all(others.nth(i).is_visible() for i in range(others.count()))
    n_rec_unchanged = data["counts"]["recommendations"]["unchanged"]
    assert (
        int(page.locator('[data-visible-for="recommendations"]').inner_text())
        == int(shown_before) - n_rec_unchanged
    )
    page.locator("#filter-unchanged").check()
    assert all(unchanged.nth(i).is_visible() for i in range(unchanged.count()))

    # Document text containing markup is shown as text, in content and in attributes.
    assert dialogs == []
    assert page.locator("script").count() == 1  # ours only
    assert page.locator("[onmouseover], [onerror], img").count() == 0
    body = page.locator("body").inner_text()
    assert "<script>alert(1)</script>" in body
    assert '" onmouseover="x' in body
    assert '9"><img src=x onerror=alert(2)>' in body
    assert "<b>IEO</b>" in body
    titles = page.locator('tr.pair td[title*="onmouseover"]')
    assert titles.count() >= 1 and '" onmouseover="x' in titles.first.get_attribute("title")

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "diff_report.png"), full_page=True)
    context.close()
    assert (ARTIFACTS / "diff_report.png").stat().st_size > 10_000


def test_diff_browser_history_report_loads_cleanly(browser, tmp_path):
    from pipeline.diff import history
    from pipeline.diff.history import write_history_html

    docs = [
        document_from_dict(json.loads((DATA / name).read_text(encoding="utf-8")))
        for name in ("seed_original.json", "seed_edited_a.json", "seed_edited_b.json")
    ]
    path = tmp_path / "history.html"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        write_history_html(history(docs, tuple(Kind)), fh)
    page = browser.new_page()
    console, errors, requests = [], [], []
    page.on("console", lambda msg: console.append((msg.type, msg.text)))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda req: requests.append(req.url))
    page.goto(path.resolve().as_uri(), wait_until="load")
    assert errors == [] and [c for c in console if c[0] in ("error", "warning")] == []
    assert requests == [path.resolve().as_uri()]
    rows = page.locator("tr.pair")
    assert rows.count() > 10
    # issue 14: the filter script of the diff page hid every row of a page without filter boxes
    assert all(rows.nth(i).is_visible() for i in range(rows.count()))
    page.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(path.resolve().as_uri(), wait_until="load")
    rows = page.locator("tr.pair")
    assert rows.count() > 10 and all(rows.nth(i).is_visible() for i in range(rows.count()))
    context.close()
