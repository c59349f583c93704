"""Speakers, chairs and title boundaries inside programme rows."""

from __future__ import annotations

import re

from ..models import Speaker
from . import vocab

HONORIFIC = r"(?:Mr|Ms|Mrs|Miss|Dr|Prof|H\.\s?E|Hon|Rt\.\s?Hon|Amb|Ambassador|Sir|Dame)\.?"
_HONORIFIC_START = re.compile(r"^(?:(?:" + HONORIFIC + r")\s*)+(?=[A-Z])")
_NOT_NAME = (
    r"(?!(?:Head|Director|Deputy|Vice|Minister|Chair|Co-?chair|President|Secretary|Lead|Senior|Chief|"
    r"Professor|Dean|Welcome|Opening|Closing|Keynote|Executive|Permanent|Assistant|Associate|Principal|"
    r"Manager|Coordinator|Adviser|Advisor|Representative|Commissioner|Governor|Member|Ministry|Department|"
    r"Division|Office|University|Institute|Agency|National|United|UN)\b)"
)
_NAME = re.compile(
    r"^(?P<name>(?:(?:"
    + HONORIFIC
    + r")\s*)+[A-Z][\w.'’-]*(?:\s+"
    + _NOT_NAME
    + r"(?:[A-Z][\w.'’-]*|van|von|de|der|da|di|del|bin|al))"
    r"{0,5})(?P<rest>.*)$",
    re.S,
)
CHAIR = re.compile(
    r"^(?P<role>(?:Co-?)?Chair(?:person|man|woman)?s?|Moderators?|Facilitators?|Rapporteurs?|"
    r"Master of Ceremon(?:y|ies)|MC|Host(?:ed by)?|Panell?ists?|Speakers?|Presenters?)\s*:\s*(?P<rest>.*)$",
    re.I | re.S,
)
_ROLE_WORDS = re.compile(
    r"^(?:Head|Director|Deputy|Vice|Minister|Chair|Co-?chair|President|Secretary|Lead|Senior|Chief|Professor|Dean|"
    r"CEO|COO|Co-founder|Founder|Permanent|Executive|Assistant|Associate|Principal|Manager|Coordinator|"
    r"Officer|Adviser|Advisor|Representative|Ambassador|Commissioner|Governor|Mayor|Member|Expert|Consultant|"
    r"Programme|Program|Team|Special|Under-Secretary|Acting|General|Regional|National|Country)\b",
    re.I,
)
# Where a one-line programme cell stops being a title: the first speaker cue or description sentence.
_INLINE_SPEAKER = re.compile(
    r"(?P<what>[^,;]*?),?\s*(?P<name>(?:Mr|Ms|Mrs|Dr|Prof|H\.E|Hon)\.?\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})"
    r"(?:,\s*(?P<role>[^;]+?))?(?=;|$|\s+(?:Introduction|Opening|Closing)\b)"
)


# "Aurel Schubert, Director General Statistics, ...": a name without honorific, a comma, a position
_NAME_ROLE = re.compile(
    r"^(?P<name>[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|van|von|de|der|da|di|del|dos|bin|al)){1,4}),\s+(?P<rest>.+)$"
)


# a bare name on a line of its own ("Mikkel Andersen", "Michael D. Fraser", "A. Smith & B. Jones")
PERSON = re.compile(
    r"^(?:(?:Mr|Ms|Mrs|Dr|Prof|Eng|Hon)\.?\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z]\.?)?(?:\s+[A-Z][a-z'’-]+){1,3}"
    r"(?:\s*[,&]\s*(?:[A-Z][a-z'’-]+\s*){2,4})*$"
)
NOT_NAME_LEAD = re.compile(_NOT_NAME.replace("(?!", "(?=", 1))


def is_person_name(line: str) -> bool:
    """The line is a person's name and nothing more (not "Welcome Address", "Opening Session")."""
    line = line.strip()
    if not PERSON.match(line) or NOT_NAME_LEAD.match(line):
        return False
    v = vocab.current()
    return not v.regex("agenda", "breaks").search(line) and not v.regex("agenda", "parts_of_day").search(line)


def is_speaker_line(line: str) -> bool:
    line = line.strip()
    return bool(_HONORIFIC_START.match(line)) or bool(CHAIR.match(line)) or _name_and_role(line) is not None


def _name_and_role(line: str) -> re.Match[str] | None:
    m = _NAME_ROLE.match(line)
    if m is None or not _ROLE_WORDS.match(m.group("rest")) or _ROLE_WORDS.match(m.group("name")):
        return None
    return m


def split_role(rest: str) -> tuple[str, str]:
    """'Head of the Regional Office for East Asia' -> role; 'IGS Central Bureau' -> organisation."""
    rest = rest.strip(" ,;–-")
    if not rest:
        return "", ""
    if _ROLE_WORDS.match(rest):
        head, _, tail = rest.partition(",")
        m = re.match(r"^(?P<role>.+?)\s+(?:of|at|for)\s+(?:the\s+)?(?P<org>[A-Z].*)$", head)
        if m:  # "Vice Minister of Ministry of Land, Infrastructure ..., Japan": position, then where
            return m.group("role").strip(), (m.group("org") + ("," + tail if tail else "")).strip()
        return head.strip(), tail.strip()
    return "", rest


def parse_speaker(line: str, next_line: str = "") -> Speaker | None:
    """'Mr. X, Head of Y' / 'Chair: Mr. X, Co-chair of Y' / 'Mr. X' followed by a role line."""
    line = line.strip()
    chair_role = ""
    m = CHAIR.match(line)
    if m:
        chair_role = m.group("role").strip()
        line = m.group("rest").strip()
        if chair_role.lower().startswith("hosted"):
            chair_role = "Host"
    n = _NAME.match(line)
    plain = _name_and_role(line) if not n else None
    if plain:  # "Aurel Schubert, Director General Statistics, European Central Bank"
        role, org = split_role(plain.group("rest"))
        return Speaker(
            name=plain.group("name"),
            role=chair_role or role,
            organisation=org or (role if chair_role else ""),
        )
    if not n:
        if chair_role and line:
            name, _, rest = line.partition(",")
            role, org = split_role(rest)
            return Speaker(name=name.strip(), role=chair_role, organisation=org or role)
        return None
    name = n.group("name").strip()
    rest = n.group("rest").strip(" ,")
    if not rest and next_line and not is_speaker_line(next_line):
        rest = next_line
    role, org = split_role(rest)
    if chair_role:
        return Speaker(name=name, role=chair_role, organisation=org or role)
    return Speaker(name=name, role=role, organisation=org)


def inline_speakers(text: str) -> list[Speaker]:
    """Speakers named inside running text: 'Opening remarks, Mr. X, Head of Y'."""
    out = []
    for m in _INLINE_SPEAKER.finditer(text):
        role, org = split_role(m.group("role") or "")
        out.append(Speaker(name=m.group("name").strip(), role=role, organisation=org))
    return out
