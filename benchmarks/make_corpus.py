"""Make a reproducible corpus of realistic meeting documents: mixed PDF and DOCX.

Four kinds, as in the real corpus: concept notes, evaluation reports with recommendation
tables, management-response matrices and meeting programmes, 2 to 60 pages (most short, a
long tail), in varied layouts (A4 or Letter, one or two columns, serif or sans, landscape
matrices, running headers and footers). PDFs are typeset the way Word-like documents are
printed: with reportlab when it is installed (pinned in the ``test`` extra), else by
converting the DOCX with LibreOffice (``soffice --headless``) when present; with neither,
every document is written as DOCX and a warning says so. The same N and --seed give the same
documents (reportlab's invariant mode keeps PDF bytes stable too). With --gold DIR it also
writes what it put in each document as ``<stem>.gold.json`` (the format of the annotated corpus,
../shared/corpus/GOLD.md), so extraction can be scored on layouts the real corpus lacks.

    .venv/bin/python benchmarks/make_corpus.py 200 [--out benchmarks/out/corpus-200] [--seed 7] [--gold DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ORGS = ["UNDP", "UNICEF", "IOM", "ESCAP", "GIZ", "FAO", "WFP", "UNEP", "UNFPA", "UN-Habitat"]
COUNTRIES = [
    "Niger",
    "Nigeria",
    "Kenya",
    "Bangladesh",
    "Mongolia",
    "Peru",
    "Jordan",
    "Fiji",
    "Ethiopia",
    "Nepal",
]
THEMES = [
    "migration governance",
    "climate resilience",
    "social protection",
    "gender equality",
    "food security",
    "disaster risk reduction",
    "digital inclusion",
    "water and sanitation",
    "youth employment",
    "air pollution",
    "renewable energy",
    "child protection",
]
UNITS = [
    "Country Office",
    "Regional Bureau",
    "Programme Unit",
    "Evaluation Office",
    "Ministry of Planning",
    "Government counterparts",
    "Steering Committee",
    "Monitoring and Evaluation Unit",
]
VERBS = [
    "strengthen",
    "expand",
    "review",
    "institutionalise",
    "clarify",
    "prioritise",
    "invest in",
    "document",
    "align",
    "scale up",
]
OBJECTS = [
    "the results framework",
    "national coordination mechanisms",
    "data collection systems",
    "partnerships with civil society",
    "the exit strategy",
    "capacity-building activities",
    "gender-responsive budgeting",
    "monitoring of outcome indicators",
    "community feedback mechanisms",
    "resource mobilisation",
]
MONTHS = {"March": 3, "June": 6, "October": 10, "May": 5, "August": 8, "December": 12}
CAPITALS = {
    "Niger": "Niamey",
    "Nigeria": "Abuja",
    "Kenya": "Nairobi",
    "Bangladesh": "Dhaka",
    "Mongolia": "Ulaanbaatar",
    "Peru": "Lima",
    "Jordan": "Amman",
    "Fiji": "Suva",
    "Ethiopia": "Addis Ababa",
    "Nepal": "Kathmandu",
}
RESPONSES = ["Accepted", "Partially accepted", "Rejected", "Accepted", "Noted"]
SENTENCES = [
    "The {kind} covers the period {y1} to {y2} and was commissioned by {org}.",
    "Interventions in {country} aimed to {verb} {obj} in support of {theme}.",
    "Stakeholders consulted during the mission noted that {obj} remained uneven across regions.",
    "The programme contributed to national priorities on {theme}, although results were mixed.",
    "Evidence from {n} key informant interviews and {m} focus group discussions informed the findings.",
    "Budget execution reached {pct} per cent by the end of {y2}, below the planned target.",
    "Partners highlighted the need to {verb} {obj} and to sustain the gains achieved so far.",
    "Coordination with {org} and line ministries improved after the mid-term review.",
    "The design was relevant to the needs of beneficiaries, notably women and young people.",
    "Efficiency was constrained by delays in procurement and high staff turnover in {country}.",
    "Sustainability depends on government ownership and on continued financing for {theme}.",
    "The theory of change did not make explicit the assumptions linking outputs to outcomes.",
]


def sentence(rng: random.Random, ctx: dict) -> str:
    return rng.choice(SENTENCES).format(
        verb=rng.choice(VERBS),
        obj=rng.choice(OBJECTS),
        theme=rng.choice(THEMES),
        org=rng.choice(ORGS),
        n=rng.randint(12, 90),
        m=rng.randint(3, 20),
        pct=rng.randint(55, 98),
        **ctx,
    )


def paragraph(rng: random.Random, ctx: dict) -> str:
    return " ".join(sentence(rng, ctx) for _ in range(rng.randint(3, 7)))


@dataclass
class Spec:
    """A document before typesetting: blocks are (kind, payload) in reading order."""

    name: str
    kind: str
    title: str
    symbol: str
    blocks: list[tuple[str, object]] = field(default_factory=list)
    landscape: bool = False
    columns: int = 1
    serif: bool = False
    letter: bool = False
    # What the generator put in, in the gold-annotation format (../shared/corpus/GOLD.md); raw
    # addressees here, mapped to registry names by ``gold_record``.
    gold: dict = field(default_factory=dict)


def pages_wanted(rng: random.Random) -> int:
    # Most documents are short, a few are long: 2-60 pages, median about 8.
    return max(2, min(60, int(rng.lognormvariate(2.1, 0.7))))


def build_spec(i: int, rng: random.Random) -> Spec:
    kind = rng.choice(
        ["concept_note", "evaluation_report", "evaluation_report", "management_response", "programme"]
    )
    country, theme, org = rng.choice(COUNTRIES), rng.choice(THEMES), rng.choice(ORGS)
    y1 = rng.randint(2012, 2022)
    ctx = {"kind": kind.replace("_", " "), "y1": y1, "y2": y1 + rng.randint(2, 5), "country": country}
    symbol = f"{org}/{y1 + 3}/{rng.randint(1, 40)}"
    titles = {
        "concept_note": f"Concept Note: Regional Workshop on {theme.title()}",
        "evaluation_report": f"Final Evaluation of the {theme.title()} Programme in {country}",
        "management_response": f"Management Response to the Evaluation of {theme.title()} in {country}",
        "programme": f"Programme: Expert Group Meeting on {theme.title()}",
    }
    spec = Spec(
        f"{i:04d}-{kind.replace('_', '-')}",
        kind,
        titles[kind],
        symbol,
        landscape=kind == "management_response",
        columns=2 if kind == "evaluation_report" and rng.random() < 0.25 else 1,
        serif=rng.random() < 0.5,
        letter=rng.random() < 0.3,
    )
    pages = pages_wanted(rng)
    b = spec.blocks
    b.append(("title", spec.title))
    issued_day, issued_month = rng.randint(1, 28), rng.choice(["March", "June", "October"])
    b.append(
        (
            "para",
            f"{symbol}    Distr.: General    {issued_day} {issued_month} {ctx['y2']}    Original: English",
        )
    )
    issued = f"{ctx['y2']}-{MONTHS[issued_month]:02d}-{issued_day:02d}"
    gold = spec.gold
    gold["document"] = {
        "doc_type": "agenda" if kind == "programme" else kind,
        # "Concept Note: X", "Programme: X": the label before the colon is the kind, X the title proper
        "title_contains": spec.title.split(": ", 1)[1]
        if kind in ("concept_note", "programme")
        else spec.title,
        "date": issued,  # a programme's is its first meeting day, set below
    }
    gold["objectives"], gold["agenda_items"], gold["recommendations"] = [], [], []
    if kind == "concept_note":
        # A concept note announces its meeting right under the title, as real ones do ("30 March
        # 2021 (proposed), Virtual meeting"): two months after the note, three days (no random
        # draw, so the random stream and every other document stay as they were).
        month = {"March": "May", "June": "August", "October": "December"}[issued_month]
        first, last = issued_day, issued_day + 2
        where = f"{CAPITALS[country]}, {country}"
        b.insert(1, ("para", f"{first}\u2013{last} {month} {ctx['y2']}, {where}"))
        meeting = f"The workshop will be held from {first} to {last} {month} {ctx['y2']} in {where}."
        gold["document"]["date"] = f"{ctx['y2']}-{MONTHS[month]:02d}-{first:02d}"
    if kind == "programme":
        days = min(10, max(2, pages // 2))
        for day in range(days):
            # Meeting days are consecutive; one draw per day, as before, keeps the random stream.
            drawn = rng.randint(1, 28)
            if day == 0:
                first = min(drawn, 31 - days)
            date_day = first + day
            b.append(("h1", f"Day {day + 1}: {date_day} November {ctx['y2']}"))
            date_iso = f"{ctx['y2']}-11-{date_day:02d}"
            if day == 0:
                gold["document"]["date"] = date_iso
            rows, t = [["Time", "Session", "Speakers"]], 9 * 60
            for s in range(rng.randint(5, 9)):
                dur = rng.choice([30, 45, 60, 90])
                who = ", ".join(
                    f"Ms. {rng.choice('ABCDEFGH')}. {rng.choice(['Diallo', 'Khan', 'Silva', 'Tan'])} "
                    f"({rng.choice(ORGS)})"
                    for _ in range(rng.randint(1, 3))
                )
                title = rng.choice(
                    [
                        "Opening session",
                        "Coffee break",
                        f"Session {s}: {rng.choice(THEMES).title()}",
                        "Lunch",
                        "Panel discussion",
                        "Closing remarks",
                    ]
                )
                start, end = f"{t // 60:02d}:{t % 60:02d}", f"{(t + dur) // 60:02d}:{(t + dur) % 60:02d}"
                rows.append([f"{start} - {end}", title, who])
                gold["agenda_items"].append({"date": date_iso, "start": start, "end": end, "title": title})
                t += dur
            b.append(("table", rows))
        if pages > 6:
            b.append(("h1", "Annex: session descriptions"))
            b.extend(("para", paragraph(rng, ctx)) for _ in range(pages * 3))
        return spec
    numbered = 0
    sections = {
        "concept_note": ["Background", "Objectives", "Expected outcomes", "Participants", "Date and venue"],
        "evaluation_report": [
            "Executive summary",
            "Introduction",
            "Context",
            "Methodology",
            "Findings",
            "Conclusions",
            "Lessons learned",
        ],
        "management_response": ["Introduction", "Overall response"],
    }[kind]
    paras_per_section = max(1, (pages * 7) // len(sections))
    for heading in sections:
        numbered += 1
        b.append(("h1", f"{numbered}. {heading}"))
        if heading == "Objectives":
            b.append(("para", "The workshop aims to:"))
            for _ in range(rng.randint(3, 6)):
                objective = f"{rng.choice(VERBS).capitalize()} {rng.choice(OBJECTS)} for {rng.choice(THEMES)}"
                b.append(("bullet", objective + ";"))
                gold["objectives"].append(objective)
        if heading == "Date and venue":
            b.append(("para", meeting))
        for k in range(paras_per_section):
            if k and k % 6 == 0 and kind == "evaluation_report":
                b.append(
                    (
                        "h2",
                        f"{numbered}.{k // 6} {rng.choice(['Relevance', 'Effectiveness', 'Efficiency', 'Sustainability'])}",
                    )
                )
            b.append(("para", paragraph(rng, ctx)))
    recs = [
        (
            str(n),
            f"{rng.choice(VERBS).capitalize()} {rng.choice(OBJECTS)} to support {rng.choice(THEMES)}. "
            + sentence(rng, ctx),
            rng.choice(UNITS),
        )
        for n in range(1, rng.randint(5, 14))
    ]
    if kind == "evaluation_report":
        gold["recommendations"] = [
            {"number": n, "text": text, "addressees": [unit]} for n, text, unit in recs
        ]
        numbered += 1
        b.append(("h1", f"{numbered}. Recommendations"))
        for n, text, unit in recs:
            b.append(("para", f"Recommendation {n}: {text} (Addressed to: {unit})"))
        b.append(("h1", "Annex 1. Recommendations and responsible units"))
        b.append(
            (
                "table",
                [["No.", "Recommendation", "Addressed to", "Priority"]]
                + [[n, text, unit, rng.choice(["High", "Medium", "Low"])] for n, text, unit in recs],
            )
        )
    elif kind == "management_response":
        # The "Responsible unit" column names who carries out the key actions, not an addressee of
        # the recommendation (as in the real matrices' gold): no actors key.
        gold["recommendations"] = [{"number": n, "text": text} for n, text, _unit in recs]
        b.append(("h1", "Management response matrix"))
        b.append(
            (
                "table",
                [["Recommendation", "Management response", "Key actions", "Responsible unit", "Timeframe"]]
                + [
                    [
                        f"Recommendation {n}: {text}",
                        rng.choice(RESPONSES) + ". " + sentence(rng, ctx),
                        f"{rng.choice(VERBS).capitalize()} {rng.choice(OBJECTS)}",
                        unit,
                        f"Q{rng.randint(1, 4)} {ctx['y2'] + 1}",
                    ]
                    for n, text, unit in recs
                ],
            )
        )
    return spec


# -- DOCX ------------------------------------------------------------------------------------------


def write_docx(spec: Spec, path: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt

    d = docx.Document()
    d.core_properties.title = spec.title
    d.core_properties.author = "docket benchmark"
    # python-docx stamps the current time; fixed dates keep the corpus byte-for-byte reproducible.
    import datetime as dt

    d.core_properties.created = d.core_properties.modified = dt.datetime(2024, 1, 1)
    style = d.styles["Normal"]
    style.font.name = "Times New Roman" if spec.serif else "Calibri"
    style.font.size = Pt(11)
    section = d.sections[0]
    if spec.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    section.header.paragraphs[0].text = spec.symbol
    for kind, payload in spec.blocks:
        if kind == "title":
            d.add_heading(str(payload), level=0)
        elif kind == "h1":
            d.add_heading(str(payload), level=1)
        elif kind == "h2":
            d.add_heading(str(payload), level=2)
        elif kind == "bullet":
            d.add_paragraph(str(payload), style="List Bullet")
        elif kind == "para":
            d.add_paragraph(str(payload))
        elif kind == "table":
            rows = payload
            table = d.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = text
                    if r == 0:
                        cell.paragraphs[0].runs[0].bold = True
    d.save(str(path))
    _fix_zip_dates(path)


def _fix_zip_dates(path: Path) -> None:
    """Rewrite the DOCX zip with fixed entry dates so the same spec gives the same bytes."""
    import zipfile

    with zipfile.ZipFile(path) as zin:
        entries = [(info.filename, zin.read(info)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in entries:
            zout.writestr(
                zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)),
                data,
                compress_type=zipfile.ZIP_DEFLATED,
            )


# -- PDF (reportlab) -------------------------------------------------------------------------------


def write_pdf(spec: Spec, path: Path) -> None:
    from reportlab import rl_config

    rl_config.invariant = 1  # no timestamps or random ids: same bytes every time
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape, letter
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        ListFlowable,
        ListItem,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    size = letter if spec.letter else A4
    if spec.landscape:
        size = landscape(size)
    base = "Times-Roman" if spec.serif else "Helvetica"
    bold = "Times-Bold" if spec.serif else "Helvetica-Bold"
    ss = getSampleStyleSheet()
    body = ParagraphStyle(
        "body", parent=ss["BodyText"], fontName=base, fontSize=10.5, leading=13.5, spaceAfter=6
    )
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=11, spaceAfter=0)
    styles = {
        "title": ParagraphStyle("t", parent=ss["Title"], fontName=bold, fontSize=17, leading=21),
        "h1": ParagraphStyle("h1", parent=ss["Heading1"], fontName=bold, fontSize=13.5, leading=17),
        "h2": ParagraphStyle("h2", parent=ss["Heading2"], fontName=bold, fontSize=11.5, leading=14),
    }
    width, height = size
    margin = 2.2 * cm
    frames = []
    gap = 0.8 * cm
    fw = (width - 2 * margin - (spec.columns - 1) * gap) / spec.columns
    for c in range(spec.columns):
        frames.append(Frame(margin + c * (fw + gap), margin, fw, height - 2 * margin, id=f"col{c}"))

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFont(base, 8.5)
        canvas.drawString(margin, height - 1.3 * cm, spec.symbol)
        canvas.drawRightString(width - margin, 1.2 * cm, f"Page {doc.page}")
        canvas.restoreState()

    doc = BaseDocTemplate(
        str(path),
        pagesize=size,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=spec.title,
        author="docket benchmark",
    )
    # A two-column report sets its annex tables across the full width, on pages of their own: in a
    # column a four-column table is too narrow for its words (reportlab would cut them in two).
    full = Frame(margin, margin, width - 2 * margin, height - 2 * margin, id="full")
    doc.addPageTemplates(
        [
            PageTemplate(id="main", frames=frames, onPage=decorate),
            PageTemplate(id="full", frames=[full], onPage=decorate),
        ]
    )
    story: list = []
    bullets: list = []

    def esc(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    for kind, payload in spec.blocks:
        if kind != "bullet" and bullets:
            story.append(
                ListFlowable([ListItem(Paragraph(esc(t), body)) for t in bullets], bulletType="bullet")
            )
            bullets = []
        if kind == "h1" and spec.columns > 1 and str(payload).startswith("Annex"):
            story.extend([NextPageTemplate("full"), PageBreak()])
            fw = width - 2 * margin
        if kind in styles:
            story.append(Paragraph(esc(str(payload)), styles[kind]))
        elif kind == "para":
            story.append(Paragraph(esc(str(payload)), body))
        elif kind == "bullet":
            bullets.append(str(payload))
        elif kind == "table":
            rows = [[Paragraph(esc(t), cell) for t in row] for row in payload]
            ncols = len(rows[0])
            avail = fw
            widths = [avail * w for w in _col_weights(ncols)]
            table = Table(rows, colWidths=widths, repeatRows=1)
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCE6F1")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story.extend([Spacer(1, 6), table, Spacer(1, 6)])
    if bullets:
        story.append(ListFlowable([ListItem(Paragraph(esc(t), body)) for t in bullets], bulletType="bullet"))
    doc.build(story)


def _col_weights(n: int) -> list[float]:
    table = {3: [0.22, 0.38, 0.40], 4: [0.08, 0.52, 0.25, 0.15], 5: [0.28, 0.26, 0.2, 0.14, 0.12]}
    return table.get(n, [1 / n] * n)


def _have_reportlab() -> bool:
    try:
        import reportlab  # noqa: F401
    except ImportError:
        return False
    return True


def soffice_convert(docx_path: Path, out_dir: Path) -> Path | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(docx_path),
            ],
            check=False,
            capture_output=True,
            timeout=300,
        )
    pdf = out_dir / (docx_path.stem + ".pdf")
    return pdf if pdf.exists() else None


# -- gold annotations ------------------------------------------------------------------------------

ACTORS_CSV = Path(__file__).resolve().parent.parent / "config" / "actors.csv"


def _registry(path: Path = ACTORS_CSV) -> dict[str, list[str]]:
    """Surface form (lower case) -> accepted names: canonical name first, then aliases and abbreviations."""
    out: dict[str, list[str]] = {}
    if not path.exists():
        return out
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            names = [row["name"].strip()]
            for col in ("aliases", "abbreviations"):
                names += [a.strip() for a in (row.get(col) or "").split(";") if a.strip()]
            names = list(dict.fromkeys(names))
            for name in names:
                out.setdefault(name.lower(), names)
    return out


def gold_record(spec: Spec, registry: dict[str, list[str]]) -> dict:
    """The spec's gold in the GOLD.md format: addressees become lists of accepted names."""
    gold = json.loads(json.dumps(spec.gold))
    for rec in gold.get("recommendations", []):
        addressees = rec.pop("addressees", None)
        if addressees is not None:
            rec["actors"] = [registry.get(a.lower(), [a]) for a in addressees]
    return gold


def make_corpus(n: int, out: Path, seed: int = 7, pdf_share: float = 0.6, gold: Path | None = None) -> Path:
    """Write N documents to OUT; with GOLD, also ``<stem>.gold.json`` per document there."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    reportlab = _have_reportlab()
    registry = _registry() if gold else {}
    if gold:
        gold.mkdir(parents=True, exist_ok=True)
    warned = False
    for i in range(n):
        spec = build_spec(i, rng)
        as_pdf = rng.random() < pdf_share
        if gold:
            (gold / f"{spec.name}.gold.json").write_text(
                json.dumps(gold_record(spec, registry), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
            )
        if as_pdf and reportlab:
            target = out / f"{spec.name}.pdf"
            if not target.exists():
                write_pdf(spec, target)
            continue
        target = out / f"{spec.name}.docx"
        if not target.exists() and not (as_pdf and (out / f"{spec.name}.pdf").exists()):
            write_docx(spec, target)
            if as_pdf:  # no reportlab: print the DOCX to PDF with LibreOffice, like a real office would
                if soffice_convert(target, out):
                    target.unlink()
                elif not warned:
                    print("warning: neither reportlab nor soffice found; writing DOCX only", file=sys.stderr)
                    warned = True
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of documents")
    ap.add_argument("--out", type=Path, help="folder (default benchmarks/out/corpus-N)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--gold",
        type=Path,
        metavar="DIR",
        help="also write <stem>.gold.json per document here: what the generator put in (GOLD.md format)",
    )
    args = ap.parse_args(argv)
    out = args.out or Path(__file__).resolve().parent / "out" / f"corpus-{args.n}"
    make_corpus(args.n, out, args.seed, gold=args.gold)
    files = sorted(out.iterdir())
    print(
        f"{len(files)} documents in {out} "
        f"({sum(f.suffix == '.pdf' for f in files)} PDF, {sum(f.suffix == '.docx' for f in files)} DOCX)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
