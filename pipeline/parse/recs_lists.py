"""Numbered recommendations listed under a heading: a "KEY RECOMMENDATIONS" box ("1." ... "7."),
or groups "EVALUATION RECOMMENDATION A - COMMUNICATION" whose numbering restarts ("A.1", "B.2"),
with the group's "Recommendation to:" addressees and "Recommendation N accepted" responses."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field

from ..models import Block, ManagementResponse, Recommendation
from ..textutil import join_lines
from . import vocab
from .addressees import clean_addressee_line, join_addressee_lines, raw_actors
from .numbering import Marker, follows, parse_marker, split_leading, top_level_run
from .recs_common import (
    ACTORS_MARK,
    MR_MARK,
    Unit,
    assemble,
    is_furniture,
    is_header,
    plausible_text,
    starts_field,
    word_count,
    wording,
)
from .recs_labelled import ACTION_HEAD, filled_cells, key_actions
from .recs_regions import Region, descends, find_regions, first_lead, is_recs_heading, lead_in_actors
from .responses import clean_response, make_response, response_category

_GROUP_HEAD = re.compile(
    r"^(?i:(?:evaluation\s+)?recommendations?)\s+(?P<g>[A-Z])\s*[-\u2013\u2014:.]\s*(?P<title>\S.*)$", re.S
)
_LETTER_GROUP = re.compile(r"^(?P<g>[A-Z])\s*[-\u2013\u2014.:]\s+(?P<title>[A-Z][^a-z]{3,90})$", re.S)
_SUB_TEXT = re.compile(r"^(?:\(?[a-z]{1,4}[.)]|\(\w{1,4}\))\s+\S")
_TOC_LINE = re.compile(r"(?:\.\s?){3,}\s*\d*\s*$|\u2026\s*\d*\s*$|[A-Za-z]\s+\d{1,3}$")
_GROUP_MR = re.compile(
    r"^recommendations?\s*(?P<n>\d{1,2})?\s+(?P<verb>(?:fully\s+|partially\s+|not\s+)?"
    r"(?:accepted|rejected|agreed|noted)|partially\s+accepted)\b[:.]?\s*(?P<rest>.*)$",
    re.I | re.S,
)


@dataclass
class _Item:
    number: str
    group: str
    unit: Unit
    pieces: list[str] = field(default_factory=list)


@dataclass
class _Group:
    letter: str
    title: str
    items: list[_Item] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    # the printed response paragraphs: to every item ("") or to numbered ones ("Recommendation 2 accepted")
    response_parts: dict[str, list[str]] = field(default_factory=dict)
    response_to: str = ""  # which of them a continuation line adds to
    action_rows: list[tuple[int, int]] = field(default_factory=list)


def from_groups(units: list[Unit], blocks: tuple[Block, ...] = ()) -> list[Recommendation]:
    """Matrices whose recommendations sit in lettered groups headed 'Evaluation recommendation A - ...'."""
    heads = [
        i for i, u in enumerate(units) if _GROUP_HEAD.match(join_lines(u.text)) and u.kind != "list_item"
    ]
    if len(heads) < 2:
        return []
    return _walk(units, heads[0], strict_groups=True, blocks=blocks)


def from_lists(
    units: list[Unit], blocks: tuple[Block, ...] = (), regions: list[Region] | None = None
) -> tuple[list[Recommendation], list[str]]:
    """Numbered items in the recommendations regions of the stream (``recs_regions``).

    Each region's numbering is read with the shared grammar (``numbering``): the outermost list
    is the run of markers shaped like the first one ("1." ... "7.", "(a)" ... "(f)", "A." ...), and
    other markers are sub-points that stay in their item. A gap or a repeat in that numbering keeps
    the records and gives a warning naming the page. Lists of several regions are combined when
    their numbers do not overlap; where they overlap (a summary restating the chapter), the
    longer list wins, and the others add only their repeats of its items.
    """
    found: list[tuple[Region, list[Recommendation], list[str]]] = []
    regions = find_regions(units) if regions is None else regions
    labels = Counter(_label_key(r.heading) for r in regions)
    for region in regions:
        recs, warnings = _region_list(
            units, region, blocks, boxed=labels[_label_key(region.heading)] >= _BOXES
        )

        if recs:
            found.append((region, recs, warnings))
    return choose_lists(_qualify_by_sections(units, found))


def _qualify_by_sections(
    units: list[Unit], found: list[tuple[Region, list[Recommendation], list[str]]]
) -> list[tuple[Region, list[Recommendation], list[str]]]:
    """Lists whose numbering restarts in each lettered section ("A. Mandate" (a) (b), "B.
    Governance" (a) (b)): numbers qualified by the section's letter ("A.a", "B.b"), so the lists
    add up instead of one replacing the others. Only where every list stands in its own section
    and the letters run in order."""
    if len(found) < 2:
        return found
    numbers = [{r.number for r in recs} for _, recs, _ in found]
    if not any(numbers[k] & numbers[m] for k in range(len(found)) for m in range(k)):
        return found
    sections = [_section_letter(units, region.start) for region, _, _ in found]
    letters = [sec[0] for sec in sections if sec is not None]
    if len(letters) != len(found) or any(b <= a for a, b in zip(letters, letters[1:], strict=False)):
        return found
    out = []
    for (region, recs, warnings), (letter, title) in zip(found, sections, strict=True):  # type: ignore[misc]
        qualified = [
            dataclasses.replace(
                r,
                number=f"{letter}.{r.number}",
                label=f"Recommendation {letter}.{r.number}",
                group=r.group or f"{letter} - {title}",
            )
            for r in recs
        ]
        out.append((region, qualified, warnings))
    return out


def _section_letter(units: list[Unit], i: int) -> tuple[str, str] | None:
    """The letter and title of the lettered heading ("B. Governance and management") that unit i
    stands under, or None."""
    for j in range(i - 1, -1, -1):
        u = units[j]
        if u.kind != "heading" or is_furniture(u):
            continue
        marker = unit_marker(u)
        if marker is None:
            continue
        if marker.level == 1 and re.fullmatch(r"[A-Z]", marker.tokens[0]) and marker.frame in ("{}.", "{})"):
            lead = split_leading(join_lines(u.text))
            return marker.tokens[0], lead[1] if lead else join_lines(u.text)
        return None
    return None


def choose_lists(
    found: list[tuple[Region, list[Recommendation], list[str]]],
) -> tuple[list[Recommendation], list[str]]:
    """The lists of several regions, as one: see ``from_lists``."""
    if not found:
        return [], []
    ranked = sorted(found, key=lambda f: (-len(f[1]), f[0].summary, f[0].start))
    region, out, warnings = ranked[0]
    out, warnings = list(out), list(warnings)
    parts = [(region.start, out)]  # the parts of one list numbered on, put back in reading order
    for later, recs, more in ranked[1:]:
        by_number = {r.number: r for r in out}
        repeats = sum(any(same_wording(r.text, o.text) for o in out) for r in recs)
        if repeats * 2 >= len(recs):
            # a restatement (a summary of the chapter): its items add nothing, but where it numbers
            # them alike they join their repeats, so the formal statement can be chosen
            out += [
                r for r in recs if r.number in by_number and same_wording(by_number[r.number].text, r.text)
            ]
        elif not {r.number for r in recs} & set(by_number):
            out += recs  # another part of the same list, numbered on
            parts.append((later.start, recs))
            warnings += more
    if len(parts) > 1:
        ordered = [r for _, part in sorted(parts, key=lambda p: p[0]) for r in part]
        out = ordered + [r for r in out if not any(r is o for o in ordered)]
    return out, warnings


def same_wording(a: str, b: str) -> bool:
    """Whether two texts word the same recommendation (most words of the shorter are in the longer)."""
    wa, wb = (set(re.findall(r"[a-z]{3,}", t.lower())) for t in (a, b))
    small = min(wa, wb, key=len)
    return bool(small) and len(wa & wb) >= 0.6 * len(small)


def unit_marker(u: Unit) -> Marker | None:
    """The number a unit is printed with (its list marker, or a leading number in its text);
    None for bullets, nested list levels, table cells and unnumbered text."""
    if u.kind == "cell" or u.level > 0 and u.kind == "list_item":
        return None
    if u.marker:
        return parse_marker(u.marker)
    lead = split_leading(u.text)
    return lead[0] if lead else None


_BOXES = 3  # regions under the same heading text that make one list printed box by box


def _label_key(heading: str) -> str:
    return re.sub(r"\W+", " ", heading).strip().lower()


def _region_list(
    units: list[Unit], region: Region, blocks: tuple[Block, ...], boxed: bool = False
) -> tuple[list[Recommendation], list[str]]:
    """The numbered items of one region. ``boxed``: the region's heading is a label printed over
    each of several boxes ("Inquiry Recommendation" over "8.2.", "8.3." ...), so a box holding one
    item that goes on with the numbering before it is still a list."""
    start, end = region.start + 1, region.end
    markers = _group_headings_unmarked(
        units, start, [unit_marker(units[j]) for j in range(start, end)], unit_marker(units[region.start])
    )
    run, breaks = top_level_run(markers)
    first = markers[run[0]] if run else None
    opening = next((m for m in markers if m is not None), None)
    continued = opening is not None and not opening.is_first() and _goes_on(units, region.start, opening)
    if continued:
        assert opening is not None  # continued says so
        # "94." before the heading, "95." ... "118." under it: a report that numbers its paragraphs
        # through the whole text; the region's paragraphs are its items, numbered as printed (one
        # paragraph alone is prose about recommendations, not a list of them)
        first, breaks = opening, []
        run = [k for k, m in enumerate(markers) if m is not None and m.shape() == opening.shape()]
        parents = {markers[k].tokens[-1] for k in run}  # type: ignore[union-attr]
        children = sum(1 for m in markers if m is not None and len(m.tokens) == 2 and m.tokens[0] in parents)
        if (len(run) < _MIN_CONTINUED and not boxed) or children >= max(3, 2 * len(run)):
            # ... or "115. The recommendations listed below ..." with "115.1" ... "115.163" under it:
            # the numbered paragraph leads in, its sub-paragraphs are the list
            # "106. ... recommends the following:" then "(a)" ... "(n)": the numbered paragraph only
            # leads in to a list of its own
            if children >= max(3, 2 * len(run)):
                # the list ends at the next paragraph of the report's numbering ("116. All conclusions ...")
                first_child = next(k for k, m in enumerate(markers) if m is not None and len(m.tokens) == 2)
                after = [k for k in run if k > first_child]
                if after:
                    markers, end = markers[: after[0]], start + after[0]
            markers = [None if m is not None and m.shape() == opening.shape() else m for m in markers]
            run, breaks = top_level_run(markers)
            first, continued = (markers[run[0]] if run else None), False
            if first is None or len(run) < _MIN_CONTINUED:
                return [], []
    if first is None or not (first.is_first() or continued):
        # a list opens with 1 (a, A, i); else bullets, else paragraphs that recommend
        return _region_bullets(units, region) or _region_recommending(units, region), []
    if any(m is not None and m.shape() == first.shape() for m in markers[: run[0]]):
        return (
            [],
            [],
        )  # "7. The Committee recommends ... :" then "1." ... "5.": clauses inside a numbered paragraph
    own = unit_marker(units[region.start])
    if own is not None and follows(own, first) == "next":
        return [], []  # "3. Provide recommendations on ..." then "4.", "5.": siblings of the heading
    if first is not None and len(first.tokens) == 2 and first.tokens[0].isdigit():
        # "140.1" ... "140.254" end where the report's next paragraph "141." begins
        nxt = (str(int(first.tokens[0]) + 1),)
        stop = next(
            (k for k, m in enumerate(markers) if k > run[0] and m is not None and m.tokens == nxt), None
        )
        if stop is not None:
            end, run = min(end, start + stop), [k for k in run if k < stop]
    items = {start + k: markers[k] for k in run}
    lead, lead_at = first_lead(units, region, min(items))
    expanded = _lead_in_items(units, sorted(items), end)
    if expanded:
        return expanded, []
    recs = _walk(units, start, strict_groups=False, blocks=blocks, starts=items, end=end, lead=lead)
    restarts = {b.index for b in breaks if b.found in ("1", "a", "A", "i", "I")}
    warnings = []
    for b in breaks:
        if b.index in restarts and any(r.group for r in recs):
            continue  # numbering restarts in each lettered group: qualified numbers, not a fault
        page = units[start + b.index].provenance.page
        where = f" on page {page}" if page is not None else ""
        warnings.append(
            f"recommendations: the list under {region.heading[:60]!r} goes from {b.expected!r} "
            f"to {b.found!r}{where} (numbering is not consecutive; records kept as printed)"
        )
    return recs, warnings


def _unlabelled(number: str, text: str, unit: Unit, rule: str, who: str = "") -> Recommendation:
    """A record for an item the document prints without a label of its own: the number it is
    given, its first unit's place and the rule that read it, addressed to a lead-in's ``who``."""
    return Recommendation(
        number=number,
        text=text,
        provenance=unit.provenance.by(rule),
        label=f"Recommendation {number}",
        actors_raw=who,
        actors=raw_actors(who),
    )


def _lead_in_items(units: list[Unit], tops: list[int], end: int) -> list[Recommendation]:
    """A list whose last numbered paragraphs only lead in to lettered items ("56. African
    Governments should consider:" (a) ... (f), "57. Development partners are encouraged to:" (a)
    ...): the lettered items are the recommendations, numbered by their paragraph ("56.a") when
    there are several lead-ins, each addressed to whom its lead-in names. Numbered paragraphs
    before the first lead-in (conclusions) are not recommendations. [] when a paragraph that is no
    lead-in follows one that is."""
    leads = [k for k, i in enumerate(tops) if units[i].text.rstrip().endswith(":")]
    if not leads or leads != list(range(leads[0], len(tops))):
        return []  # a paragraph that is no lead-in after one that is: an ordinary list
    qualify = len(leads) > 1
    out: list[Recommendation] = []
    for n, i in enumerate(tops):
        if n < leads[0]:
            continue  # "108. In the present report, it is argued ...": a conclusion before the lead-in
        parent = unit_marker(units[i])
        stop = tops[n + 1] if n + 1 < len(tops) else end
        children: list[tuple[Marker, list[Unit]]] = []
        for u in units[i + 1 : stop]:
            if is_furniture(u) or u.kind == "cell":
                continue
            m = unit_marker(u) or (parse_marker(u.marker) if u.marker else None)
            if m is not None and (
                not children and m.is_first() or children and follows(children[-1][0], m) == "next"
            ):
                children.append((m, [u]))
            elif children and u.kind == "paragraph" and u.text[:1].islower():
                children[-1][1].append(u)  # a wrapped line of the item
            elif children:
                break
        if parent is None or len(children) < 2:
            return []
        lead_text = units[i].text
        lead_split = split_leading(lead_text)
        who = lead_in_actors(lead_split[1] if lead_split else lead_text)
        for m, group in children:
            first = group[0]
            own = split_leading(first.text)
            pieces = [own[1] if own else first.text] + [wording(x) for x in group[1:]]
            text = assemble(pieces)
            if not plausible_text(text):
                return []
            number = f"{parent.number}.{m.number}" if qualify else m.number
            out.append(_unlabelled(number, text, group[0], "recommendations.lead_in_items", who))
    return out


def _group_headings_unmarked(
    units: list[Unit], start: int, markers: list[Marker | None], section: Marker | None
) -> list[Marker | None]:
    """Numbered headings that are subsections of the region's own heading ("5.2 Recommendations"
    under "5. Conclusions and recommendations") or head numbered items of their own ("6.1 Energy"
    over "6.1.1", "6.1.2"): parts or groups of the list, not items of it, so their markers are
    dropped."""
    heads = [k for k, m in enumerate(markers) if m is not None and units[start + k].kind == "heading"]
    if not heads:
        return markers
    out = list(markers)
    for k in heads:
        h = markers[k]
        assert h is not None
        nxt = next((i for i in range(k + 1, len(markers)) if markers[i] is not None), None)
        child = markers[nxt] if nxt is not None else None
        heads_items = (
            child is not None
            and units[start + nxt].kind != "heading"  # type: ignore[operator]  # child implies nxt
            and descends(child, h)
            and len(child.tokens) == len(h.tokens) + 1
        )
        if (section is not None and descends(h, section)) or heads_items:
            out[k] = None
    return out


def _bullet(u: Unit) -> str:
    """The glyph of a top-level bulleted item ("" for anything else)."""
    if u.kind != "list_item" or u.level > 0 or not u.marker or parse_marker(u.marker) is not None:
        return ""
    return u.marker.strip()


_MAX_RECOMMENDING = 6  # paragraphs of a region read one by one for a recommending sentence


def _recommending_rx() -> re.Pattern[str]:
    """A clause that recommends something in the first person or the report's voice ("we are
    therefore recommending that", "GAO recommends that", "nous recommandons que")."""
    return vocab.current().regex("recommendations", "heading_words", r"\b(?:{})\w*\s+(?:that|que|to)\b")


def _region_recommending(units: list[Unit], region: Region) -> list[Recommendation]:
    """A region without a list whose paragraphs recommend in running text ("Recommendation for
    Executive Action" / "... we are recommending that the Secretary ..."): each such paragraph is
    one recommendation, from the sentence that recommends to the paragraph's end."""
    rx = _recommending_rx()
    out: list[Recommendation] = []
    seen = 0
    for j in range(region.start + 1, region.end):
        u = units[j]
        if u.kind == "cell" or is_furniture(u):
            continue
        if u.kind not in ("paragraph", "list_item"):
            break
        seen += 1
        if seen > _MAX_RECOMMENDING:
            break
        text = join_lines(u.text)
        m = rx.search(text)
        if not m:
            continue
        starts = [k.end() for k in re.finditer(r"[.!?]\s+(?=[A-Z])", text[: m.start()])]
        wording_text = text[starts[-1] if starts else 0 :].strip()
        if not plausible_text(wording_text):
            continue
        n = len(out) + 1
        out.append(_unlabelled(str(n), wording_text, u, "recommendations.region_paragraphs"))
    return out


_FOOTNOTE_LEAD = re.compile(r"^(?:\[\d{1,3}\]|\d{1,3}(?=\s)|[*\u2020\u2021])")


def _footnote_between(u: Unit, item: Unit) -> bool:
    """A footnote between a list's items: a paragraph in smaller type than the items that opens
    with a footnote mark ("[13] ...", "13 ...")."""
    return (
        u.kind == "paragraph"
        and u.size is not None
        and item.size is not None
        and u.size < item.size * 0.95
        and bool(_FOOTNOTE_LEAD.match(u.text.strip()))
    )


def _region_bullets(units: list[Unit], region: Region) -> list[Recommendation]:
    """A region whose recommendations are printed as one bulleted list: each bullet is one,
    numbered 1, 2, 3 ... in reading order (the document prints no numbers to keep). Sub-bullets
    and wrapped lines stay with their item; the list ends at the first line that is neither."""
    items: list[list[Unit]] = []
    glyph = ""
    before = 0
    lead, _ = first_lead(units, region, region.end)
    for j in range(region.start + 1, region.end):
        u = units[j]
        if u.kind == "cell" or is_furniture(u):
            if items:
                break
            continue
        mark = _bullet(u)
        if mark and (not glyph or mark == glyph):
            glyph = mark
            items.append([u])
            continue
        if not items:
            before += 1
            if before > 3 or u.kind == "list_item":
                return []  # the region opens with something else than a bulleted list
            continue
        if _footnote_between(u, items[-1][0]):
            continue  # a footnote printed at the foot of the page the list runs over
        last = items[-1][-1].text.rstrip()
        nested = u.kind == "list_item" and u.level > 0
        wrapped = u.kind == "paragraph" and (
            u.text[:1].islower() or not last.endswith((".", "!", "?", ":", ";"))
        )
        if nested or wrapped:
            items[-1].append(u)
            continue
        break
    if len(items) < 2:
        return []
    out = []
    for n, group in enumerate(items, 1):
        text = assemble([wording(x) for x in group])
        if not plausible_text(text):
            return []
        out.append(_unlabelled(str(n), text, group[0], "recommendations.region_bullets", lead))
    return out


def _runs_on(items: list[_Item], u: Unit) -> bool:
    """Whether a line taken for a heading is the rest of the last item's sentence ("Peoples.
    Independent oversight ... should be established." after "... affecting Indigenous"; "Reduction of
    Statelessness (Togo);" after "... the Convention on the", in a list whose items end with ";")."""
    last = items[-1].pieces[-1].rstrip() if items and items[-1].pieces else ""
    return (
        bool(last) and not last.endswith((".", "!", "?", ":", ";")) and u.text.rstrip().endswith((".", ";"))
    )


_MIN_CONTINUED = 2  # paragraphs a region must hold to be a list when it goes on with the report's numbering
_LOOK_BACK = 400  # units searched before a region for the paragraph its first item follows


def _goes_on(units: list[Unit], start: int, first: Marker) -> bool:
    """Whether the last number of ``first``'s shape before unit ``start`` is the one ``first``
    follows ("94." before "95.")."""
    for j in range(start - 1, max(-1, start - _LOOK_BACK), -1):
        m = unit_marker(units[j])
        if m is not None and m.shape() == first.shape():
            return follows(m, first) == "next"
    return False


def _top_number(u: Unit) -> tuple[str, str] | None:
    """A top-level arabic number ("3." marker, "3. Text", or "3." alone) for lettered-group matrices."""
    if u.marker:
        m = parse_marker(u.marker) if u.level == 0 else None
        alone = None
    else:
        alone = parse_marker(u.text)
        lead = split_leading(u.text)
        m = alone or (lead[0] if lead else None)
    if m is None or m.level != 1 or not m.tokens[0].isdigit() or m.frame not in ("{}.", "{})"):
        return None
    if alone is not None:
        return m.number, ""
    rest = u.text if u.marker else (split_leading(u.text) or (None, ""))[1]
    return m.number, rest


def _walk(
    units: list[Unit],
    start: int,
    strict_groups: bool,
    blocks: tuple[Block, ...] = (),
    starts: dict[int, Marker | None] | None = None,
    end: int | None = None,
    lead: str = "",
) -> list[Recommendation]:
    """Items from unit ``start`` on: with ``starts`` (unit index -> marker, a region's list) only
    those units open items; otherwise any top-level arabic number does (lettered-group matrices).
    ``lead`` names the addressees of the items that print none (a region's lead-in)."""
    groups: list[_Group] = [_Group("", "", actors=[lead] if lead else [])]
    mode = "items"  # items | actors | response | actions | after
    head_at = (-1, -1)
    loose = 0  # units seen since the list's last item that did not belong to it
    stop_at = len(units) if end is None else end
    i = start
    while i < stop_at:
        u = units[i]
        i += 1
        if blocks and u.kind == "cell" and ACTION_HEAD.match(u.text) and filled_cells(blocks, u) >= 2:
            mode, head_at = "actions", (u.block, u.row or 0)  # the group's key-action table
            continue
        if is_furniture(u) or is_header(u):
            continue
        text = join_lines(u.text)
        stop = starts_field(units, i - 1)
        gm = _GROUP_HEAD.match(text) or (None if strict_groups else _LETTER_GROUP.match(text))
        if gm and not u.marker:
            groups.append(_Group(gm.group("g"), gm.group("title").strip()))
            mode, loose = "items", 0
            continue
        if mode == "actions" and u.kind == "cell":
            key = (u.block, u.row or 0)
            if key not in groups[-1].action_rows and (key[0] != head_at[0] or key[1] > head_at[1]):
                groups[-1].action_rows.append(key)
            continue
        am = ACTORS_MARK.match(text)
        if am and stop:
            mode = "actors"
            if clean_addressee_line(am.group("rest")):
                groups[-1].actors.append(am.group("rest"))
            continue
        mm = MR_MARK.match(text)
        if mm and stop:
            mode = "response"
            rest = clean_response(mm.group("rest"))
            if rest:
                _add_response(groups[-1], rest)
            continue
        if stop:
            if not (mode == "actors" and re.match(r"^priority", text, re.I)):
                mode = "after"
            continue
        if mode == "actors":
            if re.fullmatch(r"[\d\s\-\u2013(),]+", text):
                continue  # the priority level printed beside the addressees
            if clean_addressee_line(u.full):
                groups[-1].actors.append(u.full)
            continue
        if mode == "response":
            if not re.fullmatch(r"[\d\s\-\u2013(),]+", text):
                _add_response(groups[-1], text)
            continue
        if starts is not None:
            top = _item_start(u, starts.get(i - 1)) if (i - 1) in starts else None
            if top is None and u.kind != "cell" and not u.marker:
                who = lead_in_actors(u.text)
                if who:  # "For the Executive Board:" in the middle of a list: the items after it
                    groups.append(_Group("", "", actors=[who]))
                    mode, loose = "items", 0
                    continue
            if (
                top is None
                and u.kind == "heading"
                and not _runs_on(groups[-1].items if mode == "items" else [], u)
            ):
                mode = "after"
                continue
        else:
            if u.kind == "heading" and not _top_number(u):
                if not strict_groups and not any(g.items for g in groups):
                    return []
                if not strict_groups:
                    break
                continue
            top = _top_number(u)
        if top and (mode in ("items", "after")) and (not strict_groups or groups[-1].letter):
            if mode == "after" and strict_groups:
                continue  # numbered key actions after a group's response
            groups[-1].items.append(_Item(top[0], groups[-1].letter, u, [top[1]] if top[1] else []))
            mode, loose = "items", 0
            continue
        items = groups[-1].items
        if mode == "items" and items and starts is not None and _body_paragraph_after(u, items[-1]):
            mode = "after"  # "(d) Collect ..." then "62. The system ...": the lead-in's series goes on
        if mode == "items" and items:
            last = items[-1].pieces[-1].rstrip() if items[-1].pieces else ""
            sub = bool(u.marker) or bool(_SUB_TEXT.match(u.text))
            if sub or not last or not last.endswith((".", "!", "?")) or u.text[:1].islower():
                items[-1].pieces.append(wording(u))
                continue
            mode = "after"
        loose += 1
        if starts is not None:
            continue  # a region's list: its items are known, loose text between them is skipped
        if not any(g.items for g in groups) and loose > 6:
            return []
        if not strict_groups and any(g.items for g in groups) and loose > 2:
            break
    return _records(groups, blocks)


def _body_paragraph_after(u: Unit, item: _Item) -> bool:
    """A numbered paragraph of the body after a lettered or roman list item: the list led in by
    paragraph 61 has ended where paragraph 62 begins."""
    marker = unit_marker(u)
    return (
        marker is not None
        and len(marker.tokens) == 1
        and marker.tokens[0].isdigit()
        and not item.number.replace(".", "").isdigit()
    )


def _item_start(u: Unit, marker: Marker | None) -> tuple[str, str] | None:
    """(number, wording after the marker) of a unit that opens an item of a region's list."""
    if marker is None:
        return None
    if u.marker:
        text = u.text
        if text.startswith(u.marker):  # a PDF heading line keeps its printed number in its text
            text = text[len(u.marker) :].lstrip()
        return marker.number, text
    lead = split_leading(u.text)
    return marker.number, lead[1] if lead else u.text


def _add_response(group: _Group, text: str) -> None:
    """A line of a group's response: "Recommendation 2 accepted: ..." opens the response of item 2,
    a first line without a number the response to all items, any other line continues the last."""
    m = _GROUP_MR.match(text)
    if m:
        group.response_to = m.group("n") or ""
        if m.group("n") or "" not in group.response_parts:
            group.response_parts[group.response_to] = [text]
            return
    group.response_parts.setdefault(group.response_to, []).append(text)


def _response(group: _Group, number: str) -> ManagementResponse | None:
    """The response to item ``number``: its own, else (where no item has its own) the group's."""
    numbered = {n for n in group.response_parts if n}
    parts = group.response_parts.get(number) if number in numbered else None
    if parts is None and not numbered:
        parts = group.response_parts.get("")
    if not parts:
        return None
    response = make_response("\n".join(parts))
    m = _GROUP_MR.match(join_lines(parts[0]))
    if m and response is not None:  # "Recommendation 2 partially accepted": the verb is the category
        response = dataclasses.replace(response, category=response_category(m.group("verb")))
    return response


def _records(groups: list[_Group], blocks: tuple[Block, ...] = ()) -> list[Recommendation]:
    seen: set[str] = set()
    restart = False
    for g in groups:
        nums = {it.number for it in g.items}
        if nums & seen and g.letter:
            restart = True
        seen |= nums
    if any(g.letter for g in groups if g.items) and all(g.letter for g in groups if g.items):
        firsts = [g.items[0].number for g in groups if g.items]
        restart = restart or (len(firsts) > 1 and all(n == "1" for n in firsts))
    out = []
    texts = [assemble(it.pieces) for g in groups for it in g.items]
    # a long list of wordings vouches for its short items ("Ratify ICRMW (Senegal, Peru, ...)")
    sure = len(texts) >= 10 and sum(map(plausible_text, texts)) >= 0.9 * len(texts)
    for g in groups:
        actors_raw = join_addressee_lines(g.actors)
        for it in g.items:
            text = assemble(it.pieces)
            if not (plausible_text(text) or sure and word_count(text) >= 2) or _TOC_LINE.search(text):
                continue  # codes, or a table-of-contents line ("5. Conclusions ........ 12")
            number = f"{g.letter}.{it.number}" if restart and g.letter else it.number
            group = f"{g.letter} - {join_lines(g.title)}" if g.letter else ""
            resp = _response(g, it.number)
            actions = key_actions(g.action_rows, blocks) if g.action_rows and blocks else []
            if resp is not None and actions:
                resp = dataclasses.replace(resp, key_actions=tuple(actions))
            out.append(
                Recommendation(
                    number=number,
                    text=text,
                    provenance=it.unit.provenance,
                    label=f"Recommendation {number}",
                    group=group,
                    actors_raw=actors_raw,
                    actors=raw_actors(actors_raw),
                    management_response=resp,
                )
            )
    return out


# ---- a recommendations heading and its list inside one table cell ------------------------------------

_MIN_CELL_ITEMS = 2


def from_cell_lists(units: list[Unit]) -> list[Recommendation]:
    """Numbered lines under a recommendations heading printed inside one table cell (a page laid
    out as a table: "KEY RECOMMENDATIONS" / "1. Keep promoting ..." / "2. Continue ..."); each
    item runs to the next number, a line printed as a heading (in capitals) or the end of the cell."""
    cells: dict[tuple[int | None, int | None, int | None], list[Unit]] = {}
    for u in units:
        if u.kind == "cell":
            cells.setdefault((u.table, u.row, u.col), []).append(u)
    out: list[Recommendation] = []
    for lines in cells.values():
        for k, u in enumerate(lines):
            if _cell_heading(u) and is_recs_heading(u.text):
                out += _cell_items(lines[k + 1 :])
                break
    return out


def _cell_heading(u: Unit) -> bool:
    """A cell line printed as a heading: capitals (or bold), short, no closing full stop."""
    text = u.text.strip()
    letters = [c for c in text if c.isalpha()]
    caps = bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    return (
        (caps or u.bold)
        and 0 < len(text.split()) <= 8
        and not text.endswith((".", ";", ","))
        and not split_leading(text)
    )


def _cell_items(lines: list[Unit]) -> list[Recommendation]:
    end = next((j for j, u in enumerate(lines) if _cell_heading(u)), len(lines))
    lines = [u for u in lines[:end] if not is_furniture(u)]
    leads = [split_leading(u.text) for u in lines]
    run, _ = top_level_run([lead[0] if lead else None for lead in leads])
    # the run holds only lines that have a leading marker
    if len(run) < _MIN_CELL_ITEMS or not leads[run[0]][0].is_first():  # type: ignore[index]
        return []
    out = []
    for n, k in enumerate(run):
        stop = run[n + 1] if n + 1 < len(run) else len(lines)
        marker, rest = leads[k]  # type: ignore[misc]
        text = assemble([rest] + [wording(u) for u in lines[k + 1 : stop]])
        if plausible_text(text):
            out.append(Recommendation(number=marker.number, text=text, provenance=lines[k].provenance))
    return out
