"""Markdown report, pasteable into an issue or an e-mail: summary, a table per kind, redlines."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import IO

from .align import CHANGE_ORDER, Change, Pair
from .normalize import fold_layout
from .report import KIND_TITLES, DiffReport, percent
from .words import WordOp, render_ops, word_diff

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
_LIST_START = re.compile(r"^(\d+)([.)])|^([-+])")


def md(text: str) -> str:
    """Escape Markdown (and inline HTML) syntax; newlines become spaces so tables hold."""
    out = _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    return _LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", out)


def redline_md(ops: Iterable[WordOp]) -> str:
    return render_ops(list(ops), md, lambda t: f"~~{t}~~", lambda t: f"**{t}**")


def _notes(pair: Pair) -> str:
    notes = []
    if pair.renumbered and pair.change is not Change.RENUMBERED:
        notes.append("renumbered")
    if pair.moved and pair.change is not Change.MOVED:
        notes.append("moved")
    notes += [f"{md(k)}: {md(a)} → {md(b)}" for k, a, b in pair.slot_changes]
    if pair.actors_added:
        notes.append("actors \\+ " + ", ".join(md(a) for a in pair.actors_added))
    if pair.actors_removed:
        notes.append("actors − " + ", ".join(md(a) for a in pair.actors_removed))
    if pair.topics_added:
        notes.append("topics \\+ " + ", ".join(md(a) for a in pair.topics_added))
    if pair.topics_removed:
        notes.append("topics − " + ", ".join(md(a) for a in pair.topics_removed))
    for k, a, b in pair.detail_changes:
        short = len(a) <= 60 and len(b) <= 60
        notes.append(f"{md(k)}: {md(a or '–')} → {md(b or '–')}" if short else f"{md(k)} changed")
    return "; ".join(notes)


def write_markdown(report: DiffReport, stream: IO[str]) -> None:
    w = stream.write
    w(f"# Changes: {md(report.old.label)} → {md(report.new.label)}\n\n")
    w("| | Old | New |\n|---|---|---|\n")
    for name, attr in (("Title", "title"), ("Date", "date"), ("Type", "doc_type")):
        w(f"| {name} | {md(getattr(report.old, attr))} | {md(getattr(report.new, attr))} |\n")
    kinds = report.kinds()
    w("\n## Summary\n\n| Change | " + " | ".join(KIND_TITLES[k] for k in kinds) + " | Total |\n")
    w("|---|" + "---:|" * (len(kinds) + 1) + "\n")
    for c in CHANGE_ORDER:
        w(f"| {c} | " + " | ".join(str(report.counts(k)[c]) for k in kinds) + f" | {report.counts()[c]} |\n")
    for kind, pairs in report.sections:
        w(f"\n## {KIND_TITLES[kind]}\n\n")
        if not pairs:
            w("None in either version.\n")
            continue
        w("| Change | Old | New | Similarity | Notes |\n|---|---|---|---:|---|\n")
        for p in pairs:
            sim = percent(p.similarity) if p.old and p.new else ""
            w(f"| {p.change} | {md(p.old_number)} | {md(p.new_number)} | {sim} | {_notes(p)} |\n")
        detailed = [
            p
            for p in pairs
            if p.change
            in (
                Change.REWORDED,
                Change.SPLIT,
                Change.MERGED,
                Change.ADDED,
                Change.REMOVED,
                Change.NO_RESPONSE,
            )
            or p.detail_changes
        ]
        for p in detailed:
            w(f"\n**{md(p.old_number or '–')} → {md(p.new_number or '–')}** ({p.change}")
            w(f", {percent(p.similarity)} similar)\n\n" if p.old and p.new else ")\n\n")
            if p.change is Change.ADDED or (p.change is Change.NO_RESPONSE and p.new):
                w(f"> **{md(p.new_text)}**\n")
            elif p.change in (Change.REMOVED, Change.NO_RESPONSE):
                w(f"> ~~{md(p.old_text)}~~\n")
            elif p.ops:
                w(f"> {redline_md(p.ops)}\n")
            for k, a, b in p.detail_changes:
                w(f"\n> *{md(k)}:* {redline_md(word_diff(fold_layout(a), fold_layout(b)))}\n")
