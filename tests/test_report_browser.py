"""The collection report in a real headless browser (Debian chromium driven by Playwright).

The page must load with no console errors and no request beyond itself, show text from the
records as text (never markup), and show the numbers the records give, recounted here
independently of pipeline.report.build. A screenshot is kept in tests/artifacts/.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from offline_browser import ARTIFACTS, open_offline, requires_chromium
from sample_records import actor, rich_document, topic

from pipeline.api import Collection
from pipeline.cli import cli
from pipeline.models import DocType, Provenance, Recommendation

pytestmark = [requires_chromium, pytest.mark.slow]  # `make test-fast` leaves them out

HOSTILE_ACTOR = '<img src=x onerror=alert(1)> "Board"'
HOSTILE_TOPIC = "</svg><script>alert(2)</script>"
WIDE_ACTOR = "WWWWWWWWWWWWWWWWWWWW 东北亚环境合作秘书处"  # wider than any fixed label column
HOSTILE_MESSAGE = 'x.pdf: bad "quote" <script>alert(3)</script> & more'
FAILURES = [
    ("inputs/secret.pdf", "encrypted", "inputs/secret.pdf: encrypted PDF (password required); skipped"),
    ("inputs/scan.pdf", "scanned_no_text", "inputs/scan.pdf: no text layer (scanned?); skipped"),
    ("inputs/x <b>.pdf", "corrupt", HOSTILE_MESSAGE),
]


def collection() -> Collection:
    prov = Provenance("r.pdf", page=3)

    def rec(n: str, actors, topics) -> Recommendation:
        return Recommendation(
            number=n, text=f"Recommendation {n} — «texte»", provenance=prov, actors=actors, topics=topics
        )

    docs = [
        rich_document("e2019", date="2019-11-04"),
        rich_document("e2021", date="2021-03-30"),
        rich_document("c2021", doc_type=DocType.CONCEPT_NOTE, date="2021-06", recommendations=()),
        rich_document(
            "m2023",
            doc_type=DocType.MANAGEMENT_RESPONSE,
            date="2023",
            recommendations=(
                rec(
                    "1",
                    (actor("ESCAP"), actor(HOSTILE_ACTOR, registered=False)),
                    (topic("x", HOSTILE_TOPIC),),
                ),
                rec("2", (actor("ESCAP"), actor("ESCAP")), (topic("finance", "Finance"),)),
                rec("3", (actor("Ad hoc group", registered=False), actor(WIDE_ACTOR, registered=False)), ()),
            ),
        ),
        rich_document("undated", doc_type=DocType.AGENDA, date=None, recommendations=()),
    ]
    return Collection(tuple(docs))


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("out")
    docs = collection()
    docs.to_json(out / "documents.jsonl")
    with open(out / "failures.csv", "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(["source_file", "reason", "message"])
        writer.writerows(FAILURES)
    result = CliRunner().invoke(cli, ["report", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith(f"-> {out / 'report.html'}")
    return out / "report.html", list(docs.records())


def expected_counts(records: list[dict]) -> dict[str, Counter]:
    """Recount from the records, independently of pipeline.report.build."""
    out = {
        k: Counter() for k in ("doc-types", "doc-years", "recs-actor", "recs-topic", "unregistered", "heat")
    }
    for r in records:
        d = r["document"]
        year = (d["date"] or d["issued"] or "undated")[:4] if (d["date"] or d["issued"]) else "undated"
        out["doc-types"][d["doc_type"]] += 1
        out["doc-years"][year] += 1
        for rec in r["recommendations"]:
            for name in {a["name"] for a in rec["actors"]}:
                out["recs-actor"][name] += 1
            for name in {a["name"] for a in rec["actors"] if not a["registered"]}:
                out["unregistered"][name] += 1
            for label in {t["label"] for t in rec["topics"]}:
                out["recs-topic"][label] += 1
                out["heat"][label, year] += 1
        for obj in r["objectives"]:
            for label in {t["label"] for t in obj["topics"]}:
                out["heat"][label, year] += 1
    return out


def test_report_browser_collection_report(browser, report):
    html_path, records = report
    context, page, url, requests, blocked, console, errors, dialogs = open_offline(browser, html_path)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "collection_report.png"), full_page=True)

    # loads, offline, quiet
    assert requests == [url] and blocked == []
    assert [c for c in console if c[0] in ("error", "warning")] == []
    assert errors == [] and dialogs == []
    assert page.locator("script, img, iframe, object, embed, link").count() == 0

    # every chart shows the recounted numbers, label and visible value alike
    expected = expected_counts(records)
    for chart in ("doc-types", "doc-years", "recs-actor", "recs-topic", "unregistered"):
        shown = page.eval_on_selector_all(
            f'svg[data-chart="{chart}"] g.bar',
            "gs => gs.map(g => [g.dataset.label, g.querySelector('text.value').textContent])",
        )
        assert {label: int(v) for label, v in shown} == dict(expected[chart]), chart
    cells = page.eval_on_selector_all(
        'svg[data-chart="topic-year"] g.cell',
        "gs => gs.map(g => [g.dataset.topic, g.dataset.year, g.dataset.value, "
        "(g.querySelector('text.value') || {textContent: '0'}).textContent])",
    )
    assert {(t, y): int(shown) for t, y, value, shown in cells if int(value)} == dict(expected["heat"])
    assert all(value == shown for _, _, value, shown in cells)

    # summary cards and the failures table
    stat = {
        k: int(page.text_content(f'[data-stat="{k}"]')) for k in ("documents", "recommendations", "failures")
    }
    assert stat == {
        "documents": len(records),
        "recommendations": sum(len(r["recommendations"]) for r in records),
        "failures": len(FAILURES),
    }
    rows = page.eval_on_selector_all(
        "table.failures tr.failure", "trs => trs.map(tr => [...tr.cells].map(td => td.textContent))"
    )
    assert sorted(map(tuple, rows)) == sorted(FAILURES)
    reasons = page.eval_on_selector_all(
        'svg[data-chart="failure-reasons"] g.bar', "gs => gs.map(g => [g.dataset.label, g.dataset.value])"
    )
    assert {k: int(v) for k, v in reasons} == dict(Counter(r for _, r, _ in FAILURES))

    # hostile record text is shown as text
    assert HOSTILE_ACTOR in page.text_content("#unregistered")  # the bar label is shortened; the table is not
    assert HOSTILE_MESSAGE in page.inner_text("table.failures")
    context.close()


def test_report_browser_labels_fit_and_drill_down_works_without_javascript(browser, report):
    html_path, records = report
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    context.route("**/*", lambda r: r.continue_() if r.request.url == html_path.as_uri() else r.abort())
    page = context.new_page()
    page.goto(html_path.as_uri(), wait_until="load")

    # no chart text is clipped: every label and value lies inside its SVG's box
    outside = page.eval_on_selector_all(
        "svg.chart",
        """svgs => svgs.flatMap(svg => {
            const box = svg.viewBox.baseVal;
            return [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBBox()])
              .filter(([_, b]) => b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5)
              .map(([text, b]) => [svg.dataset.chart, text, b.x, b.width, box.width]);
        })""",
    )
    assert outside == []

    # the list of documents, always visible; drill-down sections hidden until targeted
    titles = page.eval_on_selector_all("table.documents tr.document a", "as => as.map(a => a.textContent)")
    assert len(titles) == len(records)
    assert page.locator("section.drill").first.is_hidden()

    # a bar leads to the recommendations it counts, and each of those to its document
    bar = page.locator('svg[data-chart="recs-actor"] g.bar[data-label="ESCAP"]')
    value = int(bar.get_attribute("data-value"))
    bar.locator("a").click()
    target = page.locator("section.drill:target")
    assert target.is_visible()
    assert target.locator("tr.ref").count() == value
    assert "ESCAP" in target.locator("h3").inner_text()
    target.locator("tr.ref a").last.click()
    doc = page.locator("section.doc:target")
    assert doc.is_visible()
    escaped = page.locator("section.doc:target tr.rec").all_inner_texts()
    assert any(HOSTILE_ACTOR in row for row in escaped), "record text shown as text"

    # a title in the list opens that document's records
    page.locator("table.documents tr.document a").first.click()
    first = page.locator("section.doc:target")
    assert first.is_visible() and first.locator("h3").inner_text() == titles[0]
    context.close()
