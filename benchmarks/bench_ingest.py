"""Benchmark `docket ingest`: documents/s, pages/s and peak memory per worker, against two floors.

For each corpus (the real one, /work/shared/corpus/real by default, and a generated one of
200 documents, 1,000 with --large, made by make_corpus.py) this measures, in one run:

- floor pdfplumber: the libraries' own cost, pdfplumber opening each PDF and extracting the
  words of every page, python-docx loading each DOCX and reading its paragraphs and tables;
- floor pypdfium2: the fastest PDF text extraction, pypdfium2 reading each page's text
  (DOCX as above);
- the pipeline, `docket ingest` in a fresh output folder with 1 and 2 workers (wall time of
  the whole command: start-up, workers, tagging, catalog and outputs), with the peak resident
  memory of any worker process, sampled every 50 ms, once per PDF reader (``--readers``:
  pdfplumber, the reference, and pdfium, the fast reader); pages/s with one worker is pages/s
  per core; the workers' CPU seconds (user + system, sampled with the memory) give pages per
  CPU second, which other jobs on a shared machine disturb less than wall time;
- a re-run of the same command over the unchanged corpus (everything skipped).

Floors run in this process, one document after another (one core). Timings on a shared
machine are noisy: run it twice and read the better figure.

    .venv/bin/python benchmarks/bench_ingest.py [--real DIR] [--generated 200] [--large] [--workers 1,2]
        [--readers pdfplumber,pdfium] [--floors pdfplumber,pypdfium2]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from make_corpus import make_corpus  # noqa: E402

DEFAULT_REAL = Path(os.environ.get("DOCKET_REAL_CORPUS", "/work/shared/corpus/real"))
SUFFIXES = {".pdf", ".docx"}


def documents(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())


def read_docx(path: Path) -> int:
    import docx

    d = docx.Document(str(path))
    n = sum(len(p.text) for p in d.paragraphs)
    for table in d.tables:
        for row in table.rows:
            n += sum(len(c.text) for c in row.cells)
    return n


def floor_pdfplumber(files: list[Path]) -> float:
    import pdfplumber

    started = time.perf_counter()
    for path in files:
        try:
            if path.suffix.lower() == ".pdf":
                with pdfplumber.open(path) as pdf:
                    for page in pdf.pages:
                        page.extract_words()
                        page.close()
            else:
                read_docx(path)
        except Exception as e:  # noqa: BLE001 - a broken file costs what it costs
            print(f"  floor pdfplumber: {path.name}: {type(e).__name__}", file=sys.stderr)
    return time.perf_counter() - started


def floor_pdfium(files: list[Path]) -> tuple[float, int]:
    import pypdfium2

    pages = 0
    started = time.perf_counter()
    for path in files:
        try:
            if path.suffix.lower() == ".pdf":
                pdf = pypdfium2.PdfDocument(str(path))
                for page in pdf:
                    page.get_textpage().get_text_range()
                    pages += 1
                pdf.close()
            else:
                read_docx(path)
        except Exception as e:  # noqa: BLE001
            print(f"  floor pypdfium2: {path.name}: {type(e).__name__}", file=sys.stderr)
    return time.perf_counter() - started, pages


def run_pipeline(corpus: Path, out: Path, workers: int, extra: list[str]) -> dict:
    """Run `docket ingest` as a subprocess; wall time and peak RSS of its worker processes."""
    cmd = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "ingest",
        str(corpus),
        "-o",
        str(out),
        "-q",
        "--workers",
        str(workers),
        *extra,
    ]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    main = psutil.Process(proc.pid)
    peak_worker = peak_main = 0
    worker_cpu: dict[int, float] = {}  # last CPU seconds seen per worker process
    while proc.poll() is None:
        try:
            peak_main = max(peak_main, main.memory_info().rss)
            for child in main.children(recursive=True):
                try:
                    if child.ppid() != proc.pid:  # workers are forked by the fork server, a child of docket
                        peak_worker = max(peak_worker, child.memory_info().rss)
                        cpu = child.cpu_times()
                        worker_cpu[child.pid] = cpu.user + cpu.system
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        time.sleep(0.05)
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 3):
        raise SystemExit(f"docket ingest failed ({proc.returncode}):\n{stderr}")
    rows = list(csv.DictReader((out / "manifest.csv").open(encoding="utf-8-sig", newline="")))
    status = Counter(r["status"] for r in rows)
    reasons = Counter(r["reason"] for r in rows if r["status"] == "failed")
    return {
        "seconds": seconds,
        "worker_cpu_s": sum(worker_cpu.values()),
        "peak_worker_mb": peak_worker / 2**20,
        "peak_main_mb": peak_main / 2**20,
        "status": dict(status),
        "failed_reasons": dict(reasons),
        "summary": stdout.strip(),
    }


def bench_corpus(
    label: str, corpus: Path, workers: list[int], extra: list[str], readers: list[str], floors: list[str]
) -> dict:
    files = documents(corpus)
    n_pdf = sum(f.suffix.lower() == ".pdf" for f in files)
    print(
        f"\n{label}: {len(files)} documents ({n_pdf} PDF, {len(files) - n_pdf} DOCX) in {corpus}", flush=True
    )
    floor_pdfium(files[:3])  # warm the page cache and imports
    pdfium_s, pages = floor_pdfium(files)
    print(f"  floor pypdfium2+docx: {pdfium_s:.2f} s ({pages} PDF pages)", flush=True)
    plumber_s = None
    if "pdfplumber" in floors:
        plumber_s = floor_pdfplumber(files)
        print(f"  floor pdfplumber+docx: {plumber_s:.2f} s", flush=True)
    res = {
        "label": label,
        "docs": len(files),
        "pdf": n_pdf,
        "pages": pages,
        "floor_pdfplumber_s": plumber_s,
        "floor_pdfium_s": pdfium_s,
        "pipeline": {},
    }
    with tempfile.TemporaryDirectory(prefix="docket-bench-") as tmp:
        for reader in readers:
            for w in workers:
                out = Path(tmp) / f"out-{reader}-{w}"
                res["pipeline"][f"{reader}:{w}"] = run_pipeline(corpus, out, w, [*extra, "--reader", reader])
                p = res["pipeline"][f"{reader}:{w}"]
                print(
                    f"  pipeline {reader}, {w} worker(s): {p['seconds']:.2f} s wall, workers' CPU "
                    f"{p['worker_cpu_s']:.2f} s, peak worker {p['peak_worker_mb']:.0f} MB, main "
                    f"{p['peak_main_mb']:.0f} MB: {p['summary']}",
                    flush=True,
                )
        last = f"out-{readers[0]}-{workers[-1]}"
        rerun = run_pipeline(corpus, Path(tmp) / last, workers[-1], [*extra, "--reader", readers[0]])
        res["rerun_s"] = rerun["seconds"]
        print(f"  re-run: {rerun['seconds']:.2f} s: {rerun['summary']}", flush=True)
        shutil.rmtree(Path(tmp), ignore_errors=True)
    return res


def print_table(results: list[dict], workers: list[int], readers: list[str]) -> None:
    line = "-" * 110
    print("\n" + line)
    print(f"{'corpus':<32}{'measure':<26}{'seconds':>9}{'docs/s':>9}{'pages/s':>9}{'peak MB/worker':>16}")
    print(line)
    for r in results:
        name = f"{r['label']} ({r['docs']}, {r['pages']} PDF p.)"
        rows = [("floor pypdfium2+docx", r["floor_pdfium_s"], None)]
        if r["floor_pdfplumber_s"] is not None:
            rows.insert(0, ("floor pdfplumber+docx", r["floor_pdfplumber_s"], None))
        rows += [
            (
                f"{reader}, {w} worker{'s' if w > 1 else ''}",
                r["pipeline"][f"{reader}:{w}"]["seconds"],
                r["pipeline"][f"{reader}:{w}"]["peak_worker_mb"],
            )
            for reader in readers
            for w in workers
        ]
        rows.append(("re-run, unchanged", r["rerun_s"], None))
        for i, (what, s, mb) in enumerate(rows):
            print(
                f"{name if i == 0 else '':<32}{what:<26}{s:>9.2f}{r['docs'] / s:>9.1f}{r['pages'] / s:>9.1f}"
                f"{'' if mb is None else f'{mb:.0f}':>16}"
            )
        for reader in readers:
            one = r["pipeline"][f"{reader}:{workers[0]}"]["seconds"]
            cpu = r["pipeline"][f"{reader}:{workers[0]}"]["worker_cpu_s"]
            ratios = [
                f"{reader}: {r['pages'] / one:.1f} PDF pages/s per core (end to end, target >= 50)",
                f"1w/pypdfium2 floor = {one / r['floor_pdfium_s']:.2f} (target <= 5)",
            ]
            if r["floor_pdfplumber_s"] is not None:
                ratios.append(f"1w/pdfplumber floor = {one / r['floor_pdfplumber_s']:.2f}")
            if cpu:
                ratios.append(f"{r['pages'] / cpu:.1f} PDF pages per worker CPU second")
            if len(workers) > 1:
                many = r["pipeline"][f"{reader}:{workers[-1]}"]["seconds"]
                ratios.append(f"{workers[-1]} workers vs 1: {one / many:.2f}x (target >= 1.8)")
            peak = max(r["pipeline"][f"{reader}:{w}"]["peak_worker_mb"] for w in workers)
            ratios.append(f"peak per worker {peak:.0f} MB (target < 300)")
            print(f"{'':<32}" + "; ".join(ratios[:3]))
            print(f"{'':<32}" + "; ".join(ratios[3:]))
        if len(readers) > 1:
            base, fast = (r["pipeline"][f"{reader}:{workers[0]}"]["seconds"] for reader in readers[:2])
            print(f"{'':<32}{readers[1]} vs {readers[0]} (1 worker): {base / fast:.2f}x faster")
        print(f"{'':<32}re-run {r['rerun_s']:.2f} s")
        for reader in readers:
            outcome = r["pipeline"][f"{reader}:{workers[0]}"]
            print(
                f"{'':<32}{reader} outcome: {outcome['status']}, failures by reason: "
                f"{outcome['failed_reasons'] or '-'}"
            )
        print(line)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    # a string, not a Path: Path("") is ".", which would benchmark the whole repository (held-out sets too)
    ap.add_argument("--real", default=str(DEFAULT_REAL), help="real corpus folder ('' to skip)")
    ap.add_argument("--generated", type=int, default=200, help="generated documents (0 to skip)")
    ap.add_argument("--large", action="store_true", help="1,000 generated documents")
    ap.add_argument("--workers", default="1,2", help="worker counts to compare (first is the baseline)")
    ap.add_argument("--no-tag", action="store_true", help="pass --no-tag to docket ingest")
    ap.add_argument(
        "--readers", default="pdfplumber,pdfium", help="PDF readers to compare (first is the baseline)"
    )
    ap.add_argument(
        "--floors",
        default="pdfplumber,pypdfium2",
        help="floors to measure (pypdfium2 always runs: the target is a ratio to it)",
    )
    ap.add_argument("--json", type=Path, default=HERE / "out" / "bench_ingest.json", help="results file")
    args = ap.parse_args(argv)
    workers = [int(w) for w in args.workers.split(",")]
    readers = [r.strip() for r in args.readers.split(",") if r.strip()]
    floors = [f.strip() for f in args.floors.split(",") if f.strip()]
    extra = ["--no-tag"] if args.no_tag else []
    n = 1000 if args.large else args.generated
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} (shared machines make timings noisy)"
    )
    results = []
    if args.real and Path(args.real).is_dir():
        results.append(bench_corpus("real", Path(args.real), workers, extra, readers, floors))
    if n:
        corpus = HERE / "out" / f"corpus-{n}"
        started = time.perf_counter()
        make_corpus(n, corpus)
        print(f"\ngenerated corpus ready in {time.perf_counter() - started:.1f} s: {corpus}")
        results.append(bench_corpus(f"generated-{n}", corpus, workers, extra, readers, floors))
    print_table(results, workers, readers)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    print(f"results: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
