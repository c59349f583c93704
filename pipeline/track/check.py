"""Check a lineage against links written by hand (``tests/data/track/expected_links.json``).

The expected file lists pairs of documents (by file name) with the recommendation numbers that
are the same recommendation in both ("decision N" for operative paragraph N of a resolution), the numbers that must stay without a counterpart in the
other document, and documents whose recommendations must link to no other document. The check
holds when every expected link is made, no other link joins the two documents of a pair, no
record of a pair's documents is linked to another named document, and the unlinked stay so.
"""

from __future__ import annotations

import os
from collections import defaultdict
from typing import Any


def check_links(table: list[dict[str, Any]], expected: dict[str, Any]) -> list[str]:
    """Every difference between a lineage table (rows of ``write.rows``) and the expected links
    (empty: all right)."""
    chain: dict[tuple[str, str], str] = {}
    members: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in table:
        # a decision's number is "decision N", so that it never stands for recommendation N
        number = f"decision {r['number']}" if r.get("kind") == "decision" else r["number"]
        key = (os.path.basename(r["source_file"]), number)
        chain[key] = r["chain_id"]
        members[r["chain_id"]].append(key)
    problems = []
    named = {f for p in expected["pairs"] for f in (p["a"], p["b"])} | {a["file"] for a in expected["alone"]}
    for p in expected["pairs"]:
        a, b = p["a"], p["b"]
        got = {(n, m) for (f, n), c in chain.items() if f == a for g, m in members[c] if g == b}
        want = {tuple(link) for link in p["links"]}
        problems += [f"{p['series']}: missing link {x}" for x in sorted(want - got)]
        problems += [f"{p['series']}: wrong link {x}" for x in sorted(got - want)]
        for side, f in (("a", a), ("b", b)):
            for n in p["unlinked"][side]:
                other = b if side == "a" else a
                if (f, n) not in chain:
                    problems.append(f"{p['series']}: {f} has no recommendation {n}")
                elif any(g == other for g, _m in members[chain[(f, n)]]):
                    problems.append(f"{p['series']}: {f} {n} should have no counterpart in {other}")
        for (f, n), c in chain.items():
            if f in (a, b):
                cross = [k for k in members[c] if k[0] in named - {a, b}]
                problems += [f"{f} {n} linked to {k}" for k in cross]
    for alone in expected["alone"]:
        for n in alone["numbers"]:
            if (alone["file"], n) not in chain:
                problems.append(f"{alone['file']} has no recommendation {n}")
                continue
            others = [k for k in members[chain[(alone["file"], n)]] if k[0] != alone["file"]]
            problems += [f"{alone['file']} {n} linked to {k}" for k in others]
    return problems
