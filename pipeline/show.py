"""`docket show`: a readable terminal summary of one document record."""

from __future__ import annotations

import textwrap

from .models import Document


def _clip(text: str, width: int = 100) -> str:
    return textwrap.shorten(text, width=width, placeholder=" …") if text else ""


def render_summary(doc: Document) -> str:
    i = doc.info
    lines = [
        f"{i.source_file}",
        f"  type: {i.doc_type}   date: {i.date or '-'}   pages: {i.pages or '-'}   id: {i.id}",
        f"  title: {i.title or '-'}",
    ]
    extras = [
        f"{k}: {v}"
        for k, v in (
            ("symbol", i.symbol),
            ("issued", i.issued),
            ("meeting", i.meeting_name),
            ("starts", i.meeting_start),
            ("ends", i.meeting_end),
            ("format", i.meeting_format),
            ("time zone", i.time_zone),
            ("organisation", i.organisation),
        )
        if v
    ]
    if extras:
        lines.append("  " + "   ".join(extras))
    if doc.sections:
        lines.append(f"\nSections ({len(doc.sections)})")
        lines += [
            f"  {'  ' * (s.level - 1)}{(s.number + ' ') if s.number else ''}{_clip(s.heading, 80)}"
            for s in doc.sections
        ]
    if doc.objectives:
        lines.append(f"\nObjectives ({len(doc.objectives)})")
        lines += [f"  - {_clip(o.text)}" for o in doc.objectives]
    if doc.agenda_items:
        lines.append(f"\nAgenda items ({len(doc.agenda_items)})")
        for a in doc.agenda_items:
            when = " ".join(x for x in (a.date, f"{a.start or ''}-{a.end or ''}" if a.start else "") if x)
            num = f"[{a.number}] " if a.number else ""
            lines.append(f"  {when:<24} {num}{_clip(a.title, 70)}")
            for s in a.speakers:
                lines.append(f"  {'':<24}   speaker: {s.name}{', ' + s.role if s.role else ''}")
    if doc.recommendations:
        lines.append(f"\nRecommendations ({len(doc.recommendations)})")
        for r in doc.recommendations:
            lines.append(f"  {r.number:>5}  {_clip(r.text, 90)}")
            if r.actors:
                names = ", ".join(a.name + ("" if a.registered else " (unregistered)") for a in r.actors)
                lines.append(f"         actors: {names}")
            if r.management_response:
                lines.append(
                    f"         response: {r.management_response.category or r.management_response.text[:60]}"
                )
            if r.status or r.status_category:
                lines.append(
                    f"         status: {r.status_category or '-'} ({_clip(r.status, 60) or 'from key actions'})"
                )
            for t in r.topics:
                ev = ", ".join(f"'{e.term}' @{e.start}-{e.end}" for e in t.evidence[:4])
                lines.append(f"         topic: {t.label} ({t.score:.2f}) because {ev}")
    if doc.decisions:
        lines.append(f"\nDecisions ({len(doc.decisions)})")
        instrument = None
        for d in doc.decisions:
            head = (d.instrument, d.instrument_number, d.instrument_title)
            if head != instrument:
                instrument = head
                name = " ".join(x for x in (d.instrument.capitalize(), d.instrument_number) if x)
                lines.append(f"  {name or 'Instrument'}: {_clip(d.instrument_title, 80) or '-'} ({d.body})")
            lines.append(f"  {d.number:>5}  {_clip(d.text, 90)}")
    if doc.warnings:
        lines.append("\nWarnings")
        lines += [f"  - {w}" for w in doc.warnings]
    return "\n".join(lines)
