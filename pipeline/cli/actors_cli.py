"""``docket actors OUTPUT_DIR...``: every actor seen in a set of outputs, with counts; with
``--unregistered``, the actors not in the registry as proposed registry rows, each with its count,
its documents and an example sentence (see ``nlp/proposals.py``). A document found in several files
(one text as TXT, DOCX and PDF, or a copy) counts once."""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import click

from ..content import content_key
from ..nlp.abbreviations import learn_abbreviations
from ..nlp.proposals import (
    Mention,
    Proposal,
    common_nouns,
    example_sentence,
    printed_at_sentence_start,
    propose,
)


def _records(path: Path) -> Iterator[dict]:
    """The document records in one output file: one record or a list (a .jsonl file: one per line)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        for line in text.splitlines():
            if line.strip():
                yield json.loads(line)
        return
    data = json.loads(text)
    yield from (data if isinstance(data, list) else [data])


def _actors(record: dict) -> Iterator[dict]:
    for rec in _recs_of(record):
        for actor in rec.get("actors") or []:
            yield actor if isinstance(actor, dict) else {"name": str(actor)}


def _all_records(dirs: list[Path], bad: list[str]) -> Iterator[tuple[Path, dict]]:
    # only *.json: an ingest output folder also holds documents.jsonl with the same records
    files = sorted({f for d in dirs for f in (d.rglob("*.json") if d.is_dir() else [d])})
    seen: set[str] = set()
    for f in files:
        try:
            records = list(_records(f))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            bad.append(f"{f}: {e}")
            continue
        for record in records:
            # items without words cannot tell one document from another
            worded = any(str(r.get("text") or "").strip() for r in _recs_of(record))
            key = content_key(record) if worded else None
            if key is not None and key in seen:
                continue  # the same document in another file
            if key is not None:
                seen.add(key)
            yield f, record


def _document_name(f: Path, record: dict) -> str:
    doc = record.get("document") if isinstance(record, dict) else None
    source = (doc or {}).get("source_file") if isinstance(doc, dict) else None
    return Path(str(source)).name if source else f.name


def _recs_of(record: dict) -> list[dict]:
    if not isinstance(record, dict):
        return []
    recs = record.get("recommendations")
    if recs is None and "actors" in record:  # a recommendation record on its own
        return [record]
    return [r for r in recs or [] if isinstance(r, dict)]


def _texts(record: dict) -> Iterator[str]:
    """The texts of a document record that may define an abbreviation (as ``tag.document_abbreviations``)."""
    doc = record.get("document")
    if isinstance(doc, dict):
        yield str(doc.get("title") or "")
    for key, fields in (
        ("sections", ("heading", "text")),
        ("objectives", ("text",)),
        ("agenda_items", ("title", "description")),
        ("recommendations", ("title", "text", "actors_raw")),
    ):
        for item in record.get(key) or []:
            if isinstance(item, dict):
                yield from (str(item.get(k) or "") for k in fields)


def unregistered_mentions(dirs: list[Path]) -> tuple[list[Mention], list[str]]:
    """Every unregistered actor mention (name, document, example sentence, and the long form the
    document defines an acronym by), and the unreadable files."""
    bad: list[str] = []
    seen: list[Mention] = []
    for f, record in _all_records(dirs, bad):
        document = _document_name(f, record)
        defined = learn_abbreviations(_texts(record)) if isinstance(record, dict) else {}
        for rec in _recs_of(record):
            for a in rec.get("actors") or []:
                a = a if isinstance(a, dict) else {"name": str(a)}
                if a.get("registered"):
                    continue
                name = str(a.get("name", ""))
                text, printed = str(rec.get("text") or ""), str(a.get("matched_as") or name)
                example = example_sentence(text, [printed, name], fallback=str(rec.get("actors_raw") or ""))
                initial = printed_at_sentence_start(text, printed)
                long_form = defined.get(name.strip(), "")
                seen.append(Mention(name, document, example, sentence_initial=initial, long_form=long_form))
    return seen, bad


def by_document(dirs: list[Path]) -> tuple[list[dict], list[str]]:
    """Per document: recommendations, actor mentions, unregistered mentions and the unregistered
    names with their counts (most frequent first), in the order of the files."""
    bad: list[str] = []
    rows = []
    for f, record in _all_records(dirs, bad):
        recs = _recs_of(record)
        names: Counter = Counter()
        mentions = 0
        for rec in recs:
            for a in rec.get("actors") or []:
                a = a if isinstance(a, dict) else {"name": str(a)}
                mentions += 1
                if not a.get("registered"):
                    names[" ".join(str(a.get("name", "")).split())] += 1
        rows.append(
            {
                "document": _document_name(f, record),
                "recommendations": len(recs),
                "actors": mentions,
                "unregistered": sum(names.values()),
                "names": sorted(names.items(), key=lambda x: (-x[1], x[0].lower())),
            }
        )
    return rows, bad


def _print_by_document(rows: list[dict], as_csv: bool) -> None:
    if as_csv:
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["document", "recommendations", "actors", "unregistered", "unregistered_names"])
        for r in rows:
            names = "; ".join(f"{n} ({c})" for n, c in r["names"])
            w.writerow([r["document"], r["recommendations"], r["actors"], r["unregistered"], names])
        return
    if not rows:
        click.echo("no documents found")
        return
    width = min(50, max(len("document"), *(len(r["document"]) for r in rows)))
    click.echo(f"{'document':<{width}}  recommendations  actors  unregistered  unregistered names")
    for r in rows:
        doc = r["document"] if len(r["document"]) <= width else r["document"][: width - 1] + "…"
        names = ", ".join(f"{n} ({c})" for n, c in r["names"])
        click.echo(
            f"{doc:<{width}}  {r['recommendations']:>15}  {r['actors']:>6}  {r['unregistered']:>12}  {names}"
        )
    n_unreg = sum(r["unregistered"] for r in rows)
    n_all = sum(r["actors"] for r in rows)
    click.echo(f"{len(rows)} documents, {n_all} actor mentions, {n_unreg} unregistered")


def count_actors(dirs: list[Path]) -> tuple[list[dict], list[str]]:
    """Rows (name, id, kind, registered, count) sorted by count, and the files that could not be read."""
    counts: Counter = Counter()
    info: dict[tuple[str, str], dict] = {}
    bad: list[str] = []
    for _f, record in _all_records(dirs, bad):
        for a in _actors(record):
            name = str(a.get("name", "")).strip()
            if not name:
                continue
            key = (a.get("id") or "", name if a.get("id") else name.lower())
            counts[key] += 1
            info.setdefault(
                key,
                {
                    "name": name,
                    "id": a.get("id") or "",
                    "kind": a.get("kind") or "",
                    "registered": bool(a.get("registered")),
                },
            )
    rows = [{**info[k], "count": n} for k, n in counts.items()]
    rows.sort(key=lambda r: (-r["count"], r["name"].lower()))
    return rows, bad


def _write_proposals(rows: list[Proposal], with_example: bool) -> None:
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(
        ["id", "name", "kind", "aliases", "abbreviations", "count", "documents"]
        + (["example"] if with_example else [])
    )
    for row in rows:
        w.writerow(
            [
                row.id,
                row.name,
                row.kind,
                ";".join(row.aliases),
                ";".join(row.abbreviations),
                row.count,
                len(row.documents),
            ]
            + ([row.example] if with_example else [])
        )


def _print_proposals(rows: list[Proposal], nouns: list[tuple[str, int]], n_mentions: int) -> None:
    if not rows and not nouns:
        click.echo("no unregistered actors found")
        return
    if rows:
        width = min(50, max(len("unregistered actor"), *(len(r.name) for r in rows)))
        abbr_w = min(20, max(len("abbreviations"), *(len(";".join(r.abbreviations)) for r in rows)))
        kind_w = max(len("kind"), *(len(r.kind) for r in rows))
        click.echo(
            f"{'unregistered actor':<{width}}  {'abbreviations':<{abbr_w}}  {'kind':<{kind_w}}  count  documents"
        )
        for r in rows:
            name = r.name if len(r.name) <= width else r.name[: width - 1] + "…"
            abbr = ";".join(r.abbreviations)
            abbr = abbr if len(abbr) <= abbr_w else abbr[: abbr_w - 1] + "…"
            click.echo(
                f"{name:<{width}}  {abbr:<{abbr_w}}  {r.kind:<{kind_w}}  {r.count:>5}  {len(r.documents):>9}"
            )
            if r.aliases:
                click.echo(f"    also written: {'; '.join(r.aliases)}")
            if r.example:
                click.echo(f'    e.g. "{r.example}" ({sorted(r.documents)[0]})')
    docs = len({d for r in rows for d in r.documents})
    click.echo(
        f"{len(rows)} unregistered actors proposed as registry rows ({n_mentions} mentions, {docs} documents);"
        " `--csv` writes them as rows to copy into config/actors.csv"
    )
    if nouns:
        shown = ", ".join(f"{n} ({c})" for n, c in nouns[:10]) + (", …" if len(nouns) > 10 else "")
        click.echo(f"not proposed, common nouns ({len(nouns)}): {shown}")


def actors(
    output_dirs: tuple[Path, ...], unregistered: bool, as_csv: bool, propose_rows: bool, per_document: bool
) -> None:
    """List every actor seen in docket outputs (every *.json under OUTPUT_DIR), with counts.

    With --unregistered, list the actors not in the registry as proposed registry rows, most
    frequent first: name, abbreviations, kind (guessed from the head word, or empty), count,
    documents, and an example sentence from a recommendation that names it. A common noun
    ("partners") is counted but never proposed. With --csv the rows are CSV
    (id,name,kind,aliases,abbreviations,count,documents,example): copy the rows you accept into
    config/actors.csv, without the last three columns. --propose writes the same rows without
    the example column. --by-document lists, for each document, its recommendations, actor
    mentions and unregistered mentions with their names.

    \b
    Example:
      docket actors outputs/
      docket actors outputs/ --unregistered
      docket actors outputs/ --unregistered --csv > proposed_actors.csv
      docket actors outputs/ --by-document
    """
    if per_document:
        docs, bad = by_document(list(output_dirs))
        for message in bad:
            click.echo(f"skipped {message}", err=True)
        _print_by_document(docs, as_csv)
        return
    if propose_rows or unregistered:
        seen, bad = unregistered_mentions(list(output_dirs))
        for message in bad:
            click.echo(f"skipped {message}", err=True)
        proposals = propose(seen)
        if propose_rows or as_csv:
            _write_proposals(proposals, with_example=not propose_rows)
        else:
            _print_proposals(proposals, common_nouns(seen), sum(p.count for p in proposals))
        return
    rows, bad = count_actors(list(output_dirs))
    for message in bad:
        click.echo(f"skipped {message}", err=True)
    if as_csv:
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["name", "id", "kind", "registered", "count"])
        for r in rows:
            w.writerow([r["name"], r["id"], r["kind"], "yes" if r["registered"] else "no", r["count"]])
        return
    if not rows:
        click.echo("no actors found")
        return
    width = min(60, max(len("actor"), *(len(r["name"]) for r in rows)))
    kind_w = max(len("kind"), *(len(r["kind"]) for r in rows))
    click.echo(f"{'actor':<{width}}  registered  {'kind':<{kind_w}}  count")
    for r in rows:
        name = r["name"] if len(r["name"]) <= width else r["name"][: width - 1] + "…"
        click.echo(
            f"{name:<{width}}  {'yes' if r['registered'] else 'no':<10}  {r['kind']:<{kind_w}}  {r['count']:>5}"
        )
    n_unreg = sum(1 for r in rows if not r["registered"])
    click.echo(f"{len(rows)} actors, {n_unreg} unregistered, {sum(r['count'] for r in rows)} mentions")


actors_command = click.command("actors")(
    click.argument(
        "output_dirs",
        nargs=-1,
        required=True,
        type=click.Path(exists=True, file_okay=True, dir_okay=True, path_type=Path),
    )(
        click.option(
            "--unregistered",
            is_flag=True,
            help="Only actors not in the registry, as proposed registry rows with an example sentence each.",
        )(
            click.option("--csv", "as_csv", is_flag=True, help="Write CSV to stdout instead of a table.")(
                click.option(
                    "--propose",
                    "propose_rows",
                    is_flag=True,
                    help="Write registry rows (CSV) proposed for the unregistered actors, most frequent first.",
                )(
                    click.option(
                        "--by-document",
                        "per_document",
                        is_flag=True,
                        help="Per document: recommendations, actor mentions, unregistered mentions and names.",
                    )(actors)
                )
            )
        )
    )
)
