"""Both PDF readers on a set of PDFs: which pages and documents give the same records.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/pdfium_fidelity.py tests/data/corpus/dev/*.pdf [-q]

For each PDF, ``pipeline.extract.pdf_fidelity.compare_readers``: the page layouts and the untagged
records of the pdfplumber reader and of the pdfium reader. Prints each page that differs (what
differs first), then the share of identical pages and documents, the pages the pdfium reader left
to pdfplumber and why, and the time of both readers' page reading.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    from pipeline.extract.pdf_fidelity import compare_readers

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pdfs", nargs="+", type=Path)
    ap.add_argument("--quiet", "-q", action="store_true", help="only the summary")
    args = ap.parse_args(argv)
    pages = same_pages = docs = same_docs = exact_docs = 0
    reasons: Counter[str] = Counter()
    started = time.perf_counter()
    for path in args.pdfs:
        result = compare_readers(path)
        docs += 1
        same_docs += result.same_document
        exact_docs += result.exact and result.same_document
        pages += result.pages
        same_pages += result.same_pages
        for reason in result.fallbacks.values():
            reasons[reason.split(":")[0][:70]] += 1
        if result.outcome[0] != result.outcome[1] or not args.quiet:
            if result.outcome[0] != result.outcome[1]:
                print(f"{path.name}: outcomes differ: {result.outcome[0]} | pdfium: {result.outcome[1]}")
            for page, what in sorted(result.differing.items()):
                print(f"{path.name} p{page}: {what}")
    read = pages - sum(reasons.values())
    print(
        f"documents {docs}: {same_docs} identical ({same_docs / max(docs, 1):.1%}), {exact_docs} without even "
        "a coordinate one rounding unit (0.1 pt) apart"
    )
    print(
        f"pages {pages}: {same_pages} identical ({same_pages / max(pages, 1):.1%}); "
        f"{read} read by pdfium, {sum(reasons.values())} left to pdfplumber"
    )
    for reason, n in reasons.most_common():
        print(f"  {n:4d}  {reason}")
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
