"""The public list as data: people merged, grouped by highest office, sorted, worded.

Pure functions only. Every text that reaches the public goes through `public_text`,
which drops email addresses and control characters, so no address can be published
even if one slipped into a name or a label.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from petition.intake.record import Mandate
from petition.render.model import PublicSignatory
from petition.render.offices import HEADINGS, OFFICE_ORDER, SINGULAR, highest, rank

ADDRESS = re.compile(r"[^\s<>()\[\],;:\"']+@[^\s<>()\[\],;:\"']+\.[^\s<>()\[\],;:\"']+")
ADDRESS_PLACEHOLDER = "[adresse retirée]"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")
# Lower-case particles that a surname may start with, and that sorting skips.
_PARTICLES = frozenset({"de", "du", "des", "d'", "d’", "van", "von", "der", "den", "di", "da"})


@dataclass(frozen=True)
class Line:
    """One person's line: « Name, office (dép.) ; office, PARTY »."""
    name: str
    offices: tuple[str, ...]
    party: str | None
    sort_key: tuple[str, str]

    @property
    def text(self) -> str:
        parts = [self.name]
        if self.offices:
            parts.append(" ; ".join(self.offices))
        if self.party:
            parts.append(self.party)
        return ", ".join(parts)


@dataclass(frozen=True)
class Group:
    kind: str
    heading: str
    lines: tuple[Line, ...]

    @property
    def anchor(self) -> str:
        return "groupe-" + self.kind.replace("_", "-")


@dataclass(frozen=True)
class Listing:
    """Everything the public files say, in page order."""
    groups: tuple[Group, ...]
    people: tuple[tuple[PublicSignatory, str], ...]  # cleaned signatory, its group's kind

    @property
    def total(self) -> int:
        return sum(len(g.lines) for g in self.groups)

    @property
    def counts(self) -> dict[str, int]:
        return {g.kind: len(g.lines) for g in self.groups}


def public_text(value: str | None) -> str | None:
    """Text fit for publication: no addresses, no control characters, single spaces."""
    if value is None:
        return None
    text = ADDRESS.sub(ADDRESS_PLACEHOLDER, _CONTROL.sub(" ", value))
    text = _SPACES.sub(" ", text).strip()
    return text or None


def fold(text: str) -> str:
    """Case- and accent-insensitive form for sorting (« Élodie » sorts with « elodie »)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", re.sub(r"[^\w ]", " ", bare)).strip()


def surname(name: str) -> str:
    """The surname of « first name(s) then surname »: words in capitals, else from a
    particle on, else the last word."""
    words = name.split()
    if len(words) < 2:
        return name
    capitals = [w for w in words if len(w) > 1 and w.isupper()]
    if capitals and len(capitals) < len(words):
        return " ".join(capitals)
    for i, word in enumerate(words[1:], start=1):
        if word.lower() in _PARTICLES or word.lower().startswith(("d'", "d’")):
            return " ".join(words[i:])
    return words[-1]


def sort_key(name: str) -> tuple[str, str]:
    words = surname(name).split()
    while len(words) > 1 and words[0].lower() in _PARTICLES:
        words = words[1:]
    last = " ".join(words)
    if last.lower().startswith(("d'", "d’")) and len(last) > 2:
        last = last[2:]
    return fold(last), fold(name)


def departement_written(label: str, code: str) -> bool:
    """Whether the label already shows the département code (« … (75) », « … 2A »)."""
    return re.search(rf"(?<![\w]){re.escape(code)}(?![\w])", label, re.IGNORECASE) is not None


def in_sentence(label: str) -> str:
    """The label as it reads after a comma: « Conseillère de Paris » → « conseillère de
    Paris »; a word in capitals (« VP », « EPT ») or a single letter is kept as written."""
    first = re.match(r"[^\W\d_][\w'’-]*", label)
    if first is None:
        return label
    word = first.group(0)
    letters = [c for c in word if c.isalpha()]
    if len(letters) > 1 and letters[0].isupper() and not any(c.isupper() for c in letters[1:]):
        return label[0].lower() + label[1:]
    return label


def mandate_text(mandate: Mandate) -> str:
    """« conseillère municipale de Paris (75) »: the label as written (its first letter
    in lower case, as it reads after a comma) plus the département code."""
    label = public_text(mandate.label)
    label = in_sentence(label) if label else SINGULAR.get(mandate.type, SINGULAR["other"])
    code = public_text(mandate.departement)
    if code and not departement_written(label, code):
        return f"{label} ({code})"
    return label


def clean(person: PublicSignatory) -> PublicSignatory:
    """The signatory with every field made public-safe and mandates in office order."""
    mandates = tuple(
        Mandate(type=m.type, label=public_text(m.label) or "", place=public_text(m.place),
                departement=public_text(m.departement))
        for m in sorted(person.mandates, key=lambda m: rank(m.type))
    )
    return PublicSignatory(name=public_text(person.name) or "", party=public_text(person.party),
                           mandates=mandates)


def merge(people: Iterable[PublicSignatory]) -> list[PublicSignatory]:
    """One entry per person: the same name (case and accents aside) with no conflicting
    party is one person, whose mandates are put together."""
    merged: dict[tuple[str, str], PublicSignatory] = {}
    for person in people:
        if not person.name:
            continue
        key = (fold(person.name), "")
        other = merged.get(key)
        if other is not None and person.party and other.party and \
                fold(person.party) != fold(other.party):
            key = (fold(person.name), fold(person.party))
            other = merged.get(key)
        if other is None:
            merged[key] = person
            continue
        mandates = other.mandates + tuple(m for m in person.mandates if m not in other.mandates)
        merged[key] = PublicSignatory(name=other.name, party=other.party or person.party,
                                      mandates=tuple(sorted(mandates, key=lambda m: rank(m.type))))
    return list(merged.values())


def line_of(person: PublicSignatory) -> Line:
    return Line(name=person.name, offices=tuple(mandate_text(m) for m in person.mandates),
                party=person.party, sort_key=sort_key(person.name))


def build_listing(signatories: Sequence[PublicSignatory]) -> Listing:
    """Group by highest office (page order) and sort by surname within each group."""
    people = merge(clean(p) for p in signatories)
    by_kind: dict[str, list[tuple[Line, PublicSignatory]]] = {k: [] for k in OFFICE_ORDER}
    for person in people:
        kind = highest(m.type for m in person.mandates)
        by_kind[kind].append((line_of(person), person))
    groups: list[Group] = []
    ordered: list[tuple[PublicSignatory, str]] = []
    for kind in OFFICE_ORDER:
        members = sorted(by_kind[kind], key=lambda pair: (pair[0].sort_key, pair[0].text))
        if not members:
            continue
        groups.append(Group(kind=kind, heading=HEADINGS[kind],
                            lines=tuple(line for line, _ in members)))
        ordered.extend((person, kind) for _, person in members)
    return Listing(groups=tuple(groups), people=tuple(ordered))
