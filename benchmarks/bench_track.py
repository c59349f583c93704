"""docket track: the acceptance check on the development corpus, and the speed at scale.

    # links over every development document, against tests/data/track/expected_links.json
    # (DIR: the --out folder of score_corpus.py, or any `docket ingest` output of the corpus)
    python benchmarks/bench_track.py --records /tmp/x_dev

    # 10,000 recommendations over 1,000 synthetic documents (target: < 60 s on one core, < 1 GB)
    python benchmarks/bench_track.py --documents 1000 --per-document 10

The synthetic collection is made of series of five documents (a report, its response, next year's
versions) that repeat their recommendations with a few words changed, plus unrelated documents;
the run reports how many of the series' links it made and how many links join two series.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.api import iter_records  # noqa: E402
from pipeline.models import Document, DocumentInfo, Provenance, Recommendation  # noqa: E402
from pipeline.process import process_file  # noqa: E402
from pipeline.records_io import document_from_dict  # noqa: E402
from pipeline.track.check import check_links  # noqa: E402
from pipeline.track.link import link  # noqa: E402
from pipeline.track.write import rows  # noqa: E402


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    """Made-up words from syllables: a vocabulary as large as a real collection's."""
    syllables = [c + v for c in "bcdfghklmnprstvz" for v in "aeiou"]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def sentence(rng: random.Random, words: list[str]) -> str:
    """18-40 words drawn with a Zipf-like skew (a few very common words, a long tail)."""
    n = len(words)
    return (
        " ".join(
            words[min(int(rng.paretovariate(1.1)) - 1, n - 1)] if rng.random() < 0.4 else rng.choice(words)
            for _ in range(rng.randint(18, 40))
        )
        + "."
    )


def synthetic(n_docs: int, per_doc: int, seed: int = 7) -> tuple[list[Document], int]:
    rng = random.Random(seed)
    words = vocabulary(rng)
    docs: list[Document] = []
    expected = 0
    series_size = 5
    for s in range(n_docs // series_size):
        base = [sentence(rng, words) for _ in range(per_doc)]
        for v in range(series_size):
            recs = []
            for k, text in enumerate(base):
                tokens = text.split()
                for _ in range(rng.randint(0, 3)):  # a few words changed from version to version
                    tokens[rng.randrange(len(tokens))] = rng.choice(words)
                base[k] = " ".join(tokens)
                number = str(k + 1) if v % 2 == 0 else f"{chr(65 + k % 6)}.{k // 6 + 1}"
                recs.append(Recommendation(number, base[k], Provenance(f"s{s}v{v}.pdf")))
            info = DocumentInfo(
                id=f"s{s}v{v}", source_file=f"s{s}v{v}.pdf", sha256="", format="pdf", date=f"{2000 + v}"
            )
            docs.append(Document(info, recommendations=tuple(recs)))
        expected += per_doc * (series_size - 1)
    return docs, expected


def scale(n_docs: int, per_doc: int) -> int:
    docs, expected = synthetic(n_docs, per_doc)
    n = sum(len(d.recommendations) for d in docs)
    started = time.process_time()
    wall = time.perf_counter()
    chains = link(docs)
    cpu = time.process_time() - started
    seconds = time.perf_counter() - wall
    links = sum(len(c.members) - 1 for c in chains)
    across = sum(1 for c in chains if len({docs[m.doc].info.id.split("v")[0] for m in c.members}) > 1)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{n} recommendations in {len(docs)} documents: {seconds:.1f} s wall, {cpu:.1f} s CPU, "
        f"peak {peak:.0f} MB; {links} links made of {expected} in the series, {across} chains joining two series"
    )
    return 0


def check(records: Path) -> int:
    expected = json.loads(
        (ROOT / "tests" / "data" / "track" / "expected_links.json").read_text(encoding="utf-8")
    )
    docs = [document_from_dict(r) for r in iter_records(records)]
    # documents the expected links name that the records lack (A/51/595 of S1 has no gold, so
    # score_corpus.py does not ingest it) are read from tests/data/sources
    have = {Path(d.info.source_file).name for d in docs}
    named = {f for p in expected["pairs"] for f in (p["a"], p["b"])} | {a["file"] for a in expected["alone"]}
    for name in sorted(named - have):
        result = process_file(ROOT / "tests" / "data" / "sources" / name, source_file=name)
        if result.document is not None:
            docs.append(result.document)
            print(f"read {name} (not in the records)")
    docs = [d for d in docs if d.recommendations or d.decisions]
    started = time.perf_counter()
    table = rows(docs, link(docs))
    seconds = time.perf_counter() - started
    problems = check_links(table, expected)
    chains = len({r["chain_id"] for r in table})
    print(
        f"{len(docs)} documents, {len(table)} recommendations and decisions, {chains} chains in {seconds:.2f} s"
    )
    for p in problems:
        print("  " + p)
    print(f"expected links: {'all right' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=Path, help="an ingested output folder of the development corpus")
    ap.add_argument("--documents", type=int, default=1000)
    ap.add_argument("--per-document", type=int, default=10)
    args = ap.parse_args(argv)
    if args.records:
        return check(args.records)
    return scale(args.documents, args.per_document)


if __name__ == "__main__":
    raise SystemExit(main())
