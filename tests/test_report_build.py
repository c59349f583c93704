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
