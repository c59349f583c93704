"""Collection report: the aggregates, the HTML's escaping and determinism, and `docket report`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from sample_records import actor, rich_document, topic

from pipeline.cli import cli
from pipeline.models import DocType, Failure, Provenance, Reason, Recommendation
from pipeline.report import build_stats, render_html


def records() -> list[dict]:
    prov = Provenance("x.pdf", page=1)
    mr = rich_document(
        "m1",
        doc_type=DocType.MANAGEMENT_RESPONSE,
        date=None,
        recommendations=(
            Recommendation(
                "1", "Act <now>", prov, actors=(actor("ESCAP"), actor("ESCAP")), topics=(topic("f", "F"),)
            ),
            Recommendation("2", "Fund", prov, actors=(actor("Task force", registered=False),)),
        ),
    )
    return [
        rich_document("e1", date="2020-01-02").to_dict(),
        rich_document("e2", date="2022").to_dict(),
        mr.to_dict(),
    ]


def test_report_build_counts():
    failures = [Failure("b.pdf", Reason.CORRUPT, "b"), Failure("a.pdf", Reason.CORRUPT, "a")]
    stats = build_stats(records(), failures)
    assert (stats.n_documents, stats.n_recommendations, stats.n_objectives) == (3, 6, 3)
    assert stats.by_type == (("evaluation_report", 2), ("management_response", 1))
    # undated by `date`, but the management response has no issued date either
    assert stats.by_year == (("2020", 1), ("2022", 1), ("undated", 1))
    assert dict(stats.recs_by_actor) == {
        "ESCAP": 3,
        "Member States": 2,
        "北东亚 Secretariat": 2,
        "Task force": 1,
    }
    assert stats.unregistered == (("北东亚 Secretariat", 2), ("Task force", 1))
    assert dict(stats.recs_by_topic) == {"Air quality": 2, "Coopération": 2, "Finance": 2, "F": 1}
    heat = dict(zip(stats.topics, stats.topic_year, strict=True))
    assert heat["Air quality"] == (2, 2, 1)  # one recommendation and one objective per evaluation report
    assert heat["F"] == (0, 0, 1)
    assert [f.source_file for f in stats.failures] == ["a.pdf", "b.pdf"]
    assert stats.failures_by_reason == (("corrupt", 2),)
    assert stats.type_year == (("evaluation_report", (1, 1, 0)), ("management_response", (0, 0, 1)))


def test_report_html_escapes_text_and_attributes():
    recs = records()
    recs[0]["recommendations"][0]["actors"][0]["name"] = '"><script>alert(1)</script>'
    recs[0]["recommendations"][0]["topics"][0]["label"] = "</svg><b onclick=x>"
    page = render_html(build_stats(recs, [Failure('f"<i>.pdf', Reason.EMPTY, "<b>empty</b>")]), title="<T>")
    assert "<script" not in page and "<b>" not in page and "<b onclick" not in page and "<i>" not in page
    assert "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'data-label="&quot;&gt;&lt;script&gt;' in page
    assert "<title>&lt;T&gt;</title>" in page
    assert 'content="default-src &#x27;none&#x27;;' in page  # the CSP, attribute-escaped


def test_report_html_is_deterministic_and_handles_an_empty_collection():
    assert render_html(build_stats(records())) == render_html(build_stats(records()))
    page = render_html(build_stats([]))
    assert page.count('data-empty="true"') == 6
    assert "No file failed." in page


def test_report_command_writes_the_page(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "documents.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records()), "utf-8")
    result = CliRunner().invoke(cli, ["report", str(out), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    assert result.output == f"3 documents, 6 recommendations, 0 failed -> {tmp_path / 'r.html'}\n"
    assert (tmp_path / "r.html").read_text("utf-8").startswith("<!DOCTYPE html>")


def test_report_command_without_records_is_an_error(tmp_path: Path):
    result = CliRunner().invoke(cli, ["report", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {tmp_path}: no records found")


def test_one_document_in_three_formats_counts_once():
    from pipeline.process import process_file

    inputs = Path(__file__).resolve().parent.parent / "inputs"
    records = [
        json.loads(json.dumps(process_file(inputs / f"neaspec-nfp-2021-concept-note.{s}").document.to_dict()))
        for s in ("txt", "docx", "pdf")
    ]
    assert len({r["document"]["id"] for r in records}) == 3
    stats = build_stats(records)
    single = build_stats(records[:1])
    assert (stats.n_documents, stats.n_copies) == (1, 2)
    assert (stats.n_recommendations, stats.by_type) == (single.n_recommendations, single.by_type)
    page = render_html(stats)
    assert 'data-stat="copies">2 more file(s) hold the same document' in page


def test_report_drill_down_lists_what_each_number_counts():
    """Every bar and heat-map cell links to a section listing exactly the documents or records it
    counts; every document has a section with its records; all of it plain HTML (no script)."""
    from html.parser import HTMLParser

    stats = build_stats(records())
    page = render_html(stats)

    class Sections(HTMLParser):
        def __init__(self):
            super().__init__()
            self.links: list[tuple[str, str]] = []  # (href, data-value of the enclosing bar or cell)
            self.counts: dict[str, int] = {}
            self.value = ""
            self.ids: list[str] = []

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if "data-value" in a:
                self.value = a["data-value"] or ""
            if tag == "a" and (a.get("href") or "").startswith("#"):
                self.links.append(((a["href"] or "")[1:], self.value))
            if "id" in a:
                self.ids.append(a["id"] or "")
            if tag == "section" and "data-count" in a:
                self.counts[a["id"] or ""] = int(a["data-count"] or 0)

    parser = Sections()
    parser.feed(page)
    assert "<script" not in page
    assert len(parser.ids) == len(set(parser.ids)), "fragments are unique"
    drills = [(href, value) for href, value in parser.links if href.startswith("by-")]
    assert drills, "the bars link somewhere"
    for href, value in drills:
        assert parser.counts[href] == int(value), href
    # one section per document, listing its recommendations; the list links to each
    docs = [e.anchor for e in stats.documents]
    assert len(docs) == 3 and set(docs) <= set(parser.ids)
    assert {href for href, _ in parser.links} >= set(docs)
    section = page[page.index(f'id="{stats.documents[2].anchor}"') :]
    section = section[: section.index("</section>")]
    assert section.count('<tr class="rec">') == 2 and "Act &lt;now&gt;" in section


def test_report_labels_get_the_width_they_need():
    from pipeline.report.html import MAX_LABEL_W, bar_chart, text_width

    long_name = "United Nations Economic and Social Commission for Asia and the Pacific"
    svg = bar_chart("x", "x", (("WWWWWWWWWWWWWWWWWWWWWWWWWW", 3), ("北东亚环境合作", 2), (long_name, 1)))
    width = int(svg.split('width="')[1].split('"')[0])
    labels = [t.split(">")[-1] for t in svg.split("</text>") if 'class="label"' in t]
    label_x = int(svg.split('class="label" x="')[1].split('"')[0])
    assert labels[0] == "WWWWWWWWWWWWWWWWWWWWWWWWWW", "a label that fits is not shortened"
    assert all(text_width(x) <= label_x for x in labels), "every label fits left of the bars"
    assert labels[2].endswith("…") and text_width(labels[2]) <= MAX_LABEL_W
    assert width > label_x + 300
