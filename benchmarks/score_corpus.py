"""Ingest an annotated corpus and score it against its gold, in one command.

    .venv/bin/python benchmarks/score_corpus.py                 # development set (default)
    .venv/bin/python benchmarks/score_corpus.py --set heldout4  # our own held-out set: only at the
                                                                # start and the end of a piece of work
    .venv/bin/python benchmarks/score_corpus.py --only SAE -v   # documents whose name contains "SAE"
    .venv/bin/python benchmarks/score_corpus.py --reader pdfium # PDFs read by the pdfium reader

Sets (all inside the repository):
- ``dev``: the released corpus (``tests/data/sources``, copies of ``shared/corpus/seed`` and
  ``real``) with its gold (``tests/data/gold_shared``, a copy of ``shared/corpus/gold``),
  ``tests/data/gold_extra`` for the released documents without released gold, and the project's
  own development documents ``tests/data/corpus/dev`` with their ``gold/``;
- (``heldout``, ``tests/data/corpus/heldout2``, was the second held-out set; used up, it joined the
  development documents in ``tests/data/corpus/dev``, as the first, ``reserve``, did before it.)
- ``heldout3``, ``heldout4``: later held-out sets (``tests/data/corpus/heldoutN``), each scored at the
  start and the end of a piece of work only, counts only.

The gold files of a set are copied into one folder (a later folder does not override an earlier
one's file), docket ingests the documents into a temporary output folder, and the project's
vendored copy of the shared scorer prints per-document rows and per-field F1.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SCORER = ROOT / "tests" / "score_extraction_vendored.py"


def sets() -> dict[str, list[tuple[list[Path], Path]]]:
    """name -> [(document folders, gold folder)], in priority order."""
    return {
        "dev": [
            ([DATA / "sources"], DATA / "gold_shared"),
            ([DATA / "sources"], DATA / "gold_extra"),
            ([DATA / "corpus" / "dev"], DATA / "corpus" / "dev" / "gold"),
        ],
        "heldout3": [([DATA / "corpus" / "heldout3"], DATA / "corpus" / "heldout3" / "gold")],
        "heldout4": [([DATA / "corpus" / "heldout4"], DATA / "corpus" / "heldout4" / "gold")],
    }


def documents(folders: list[Path], stems: set[str], only: list[str]) -> list[Path]:
    seen: dict[str, Path] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for p in sorted(folder.iterdir()):
            if p.is_file() and p.suffix.lower() in (".pdf", ".docx", ".txt", ".md") and p.stem in stems:
                if not only or any(o.lower() in p.name.lower() for o in only):
                    seen.setdefault(p.name, p)
    return list(seen.values())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=("dev", "heldout3", "heldout4"), default="dev")
    ap.add_argument(
        "--only",
        action="append",
        default=[],
        help="score only documents whose file name contains this (repeatable)",
    )
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument(
        "--reader",
        choices=("pdfplumber", "pdfium"),
        help="the PDF reader docket ingest uses (its default if not given)",
    )
    ap.add_argument("--out", type=Path, help="keep the records in this folder (default: a temporary one)")
    ap.add_argument("--gold-copy", type=Path, help="also copy the set's merged gold folder here")
    ap.add_argument("-v", "--verbose", action="store_true", help="every difference, not the first dozen")
    args = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="docket-score-"))
    gold = work / "gold"
    gold.mkdir()
    docs: list[Path] = []
    for folders, gold_dir in sets()[args.set]:
        if not gold_dir.is_dir():
            continue
        stems = set()
        for g in sorted(gold_dir.glob("*.gold.json")):
            stem = g.name[: -len(".gold.json")]
            if not (gold / g.name).exists():
                shutil.copy(g, gold / g.name)
                stems.add(stem)
        docs += [d for d in documents(folders, stems, args.only) if d.name not in {x.name for x in docs}]
    if args.only:
        keep = {d.stem for d in docs}
        for g in gold.glob("*.gold.json"):
            if g.name[: -len(".gold.json")] not in keep:
                g.unlink()
    if not docs:
        print("no documents with gold found", file=sys.stderr)
        return 2
    out = args.out or work / "records"
    if out.exists():
        shutil.rmtree(out)
    staging = work / "inputs"
    staging.mkdir()
    for d in docs:  # one folder, so that source_file stems match the gold names
        (staging / d.name).symlink_to(d)
    cmd = [str(ROOT / ".venv" / "bin" / "docket"), "ingest", str(staging), "-o", str(out), "-q"]
    cmd += ["--workers", str(args.workers)]
    if args.reader:
        cmd += ["--reader", args.reader]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode not in (0, 3):
        print(run.stdout, run.stderr, file=sys.stderr)
        return run.returncode
    spec = importlib.util.spec_from_file_location("scorer", SCORER)
    scorer = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(scorer)  # type: ignore[union-attr]
    buf = io.StringIO()
    # Score every input file's own record: the collection keeps one text in several files (the
    # seed as PDF, DOCX and TXT) as one document, but each file is a separate input scored here.
    per_file = work / "per_file"
    per_file.mkdir()
    with sqlite3.connect(out / "catalog.sqlite") as db, open(per_file / "records.jsonl", "w") as fh:
        for (record,) in db.execute("SELECT record FROM files WHERE record IS NOT NULL ORDER BY source_file"):
            fh.write(record + "\n")
    with redirect_stdout(buf):
        scorer.main([str(gold), str(per_file)] + (["--verbose"] if args.verbose else []))
    if args.gold_copy:
        shutil.copytree(gold, args.gold_copy, dirs_exist_ok=True)
    print(buf.getvalue().replace(str(staging) + "/", ""), end="")
    print(f"{len(docs)} documents, set {args.set}; records in {out}")
    if args.out is None:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
