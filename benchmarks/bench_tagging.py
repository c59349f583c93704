"""Benchmark the tagging stage: recommendations per second through ``nlp.pipe``.

Texts are the 84 hand-labelled recommendations of tests/data/topics_labelled.jsonl (real texts
from the gold files), repeated to --n. Three timings are reported:

- nlp.pipe: the spaCy pipeline (actor, topic x2, entity components) over the texts, batched;
- actors: addressee extraction from the text ("X should ...") on top of the pipe;
- tag_document: whole Documents of --per-doc recommendations each (abbreviation learning,
  actors, topics, entities), i.e. what ingest pays per document.

    .venv/bin/python benchmarks/bench_tagging.py [--n 5000] [--batch-size 64] [--per-doc 20]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.models import Document, DocumentInfo, Provenance, Recommendation  # noqa: E402
from pipeline.nlp import actors_from_text, get_tagger, tag_document  # noqa: E402

LABELLED = Path(__file__).resolve().parents[1] / "tests" / "data" / "topics_labelled.jsonl"


def texts(n: int) -> list[str]:
    rows = [json.loads(x) for x in LABELLED.read_text(encoding="utf-8").splitlines() if x.strip()]
    base = [r["text"] for r in rows if "text" in r]
    return [base[i % len(base)] for i in range(n)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--per-doc", type=int, default=20)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    tagger = get_tagger()
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    get_tagger()
    cached = time.perf_counter() - t0
    nlp = tagger.nlp
    data = texts(args.n)
    chars = sum(len(t) for t in data)
    list(nlp.pipe(data[:50]))  # warm up

    t0 = time.perf_counter()
    docs = list(nlp.pipe(data, batch_size=args.batch_size))
    pipe_s = time.perf_counter() - t0
    n_topics = sum(len(d._.docket_topics) for d in docs)

    t0 = time.perf_counter()
    n_actors = sum(len(actors_from_text(t, tagger.actor_tagger, nlp.tokenizer)) for t in data)
    actor_s = time.perf_counter() - t0

    prov = Provenance(source_file="bench")
    documents = []
    for i in range(0, len(data), args.per_doc):
        recs = tuple(
            Recommendation(number=str(j + 1), text=t, provenance=prov)
            for j, t in enumerate(data[i : i + args.per_doc])
        )
        documents.append(
            Document(
                info=DocumentInfo(id=str(i), source_file="bench", sha256="0", format="txt"),
                recommendations=recs,
            )
        )
    t0 = time.perf_counter()
    for d in documents:
        tag_document(d)
    doc_s = time.perf_counter() - t0

    print(f"pipeline: {nlp.pipe_names} (model: {tagger.settings.model or 'blank en'})")
    print(f"build {build:.2f}s, cached get_tagger {cached * 1000:.2f} ms")
    print(f"{args.n} recommendations, {chars / args.n:.0f} chars on average, batch_size {args.batch_size}")
    print(f"nlp.pipe:      {args.n / pipe_s:8.0f} recs/s  ({pipe_s:.2f}s, {n_topics} topic tags)")
    print(f"actors (text): {args.n / actor_s:8.0f} recs/s  ({actor_s:.2f}s, {n_actors} actors)")
    print(f"tag_document:  {args.n / doc_s:8.0f} recs/s  ({len(documents)} documents of {args.per_doc})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
