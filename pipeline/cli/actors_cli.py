"""``docket actors OUTPUT_DIR...``: every actor seen in a set of outputs, with counts, and registry
rows proposed for the unregistered ones (``--propose``, see ``proposals.py``)."""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import click


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
    if not isinstance(record, dict):
        return
    recs = record.get("recommendations")
    if recs is None and "actors" in record:  # a recommendation record on its own
        recs = [record]
    for rec in recs or []:
        for actor in rec.get("actors") or []:
            yield actor if isinstance(actor, dict) else {"name": str(actor)}


def _all_records(dirs: list[Path], bad: list[str]) -> Iterator[tuple[Path, dict]]:
    # only *.json: an ingest output folder also holds documents.jsonl with the same records
    files = sorted({f for d in dirs for f in (d.rglob("*.json") if d.is_dir() else [d])})
    for f in files:
        try:
            records = list(_records(f))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            bad.append(f"{f}: {e}")
            continue
        for record in records:
            yield f, record


def unregistered_mentions(dirs: list[Path]) -> tuple[list[tuple[str, str]], list[str]]:
    """(printed name, document) of every unregistered actor mention, and the unreadable files."""
    bad: list[str] = []
    seen = []
    for f, record in _all_records(dirs, bad):
        doc = record.get("document") if isinstance(record, dict) else None
        source = (doc or {}).get("source_file") if isinstance(doc, dict) else None
        for a in _actors(record):
            if not a.get("registered"):
                seen.append((str(a.get("name", "")), str(source or f)))
    return seen, bad


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


def actors(output_dirs: tuple[Path, ...], unregistered: bool, as_csv: bool, propose: bool) -> None:
    """List every actor seen in docket outputs (every *.json under OUTPUT_DIR), with counts.

    With --propose, write registry rows (CSV: id,name,kind,aliases,abbreviations, then count and
    documents) for the actors not in the registry, most frequent first: copy the rows you accept
    into config/actors.csv (without the last two columns).

    \b
    Example:
      docket actors outputs/ --unregistered
      docket actors outputs/ --csv > actors_seen.csv
      docket actors outputs/ --propose > proposed_actors.csv
    """
    if propose:
        from ..nlp.proposals import propose as make_rows  # start-up: spaCy loads only for --propose

        seen, bad = unregistered_mentions(list(output_dirs))
        for message in bad:
            click.echo(f"skipped {message}", err=True)
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["id", "name", "kind", "aliases", "abbreviations", "count", "documents"])
        for row in make_rows(seen):
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
            )
        return
    rows, bad = count_actors(list(output_dirs))
    for message in bad:
        click.echo(f"skipped {message}", err=True)
    if unregistered:
        rows = [r for r in rows if not r["registered"]]
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
        click.option("--unregistered", is_flag=True, help="Only actors not in the registry.")(
            click.option("--csv", "as_csv", is_flag=True, help="Write CSV to stdout instead of a table.")(
                click.option(
                    "--propose",
                    is_flag=True,
                    help="Write registry rows (CSV) proposed for the unregistered actors, most frequent first.",
                )(actors)
            )
        )
    )
)
