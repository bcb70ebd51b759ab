"""Domains: which public institution, if any, an e-mail domain belongs to.

Two sources: the table ``data/domains.tsv`` (national institutions, known départements,
régions, intercommunalities and big cities, plus webmail, party and State domains,
which are never official), then name patterns for the rest (``mairie-<commune>.fr``,
``ville<commune>.fr``, ``<commune>.fr``, ``departement13.fr``, ``cd31.fr``,
``<x>-metropole.fr``, ``cc-<x>.fr``…). A commune may also be named without its
determinative complement (``ivry94.fr`` for Ivry-sur-Seine, ``cherbourg.fr`` for
Cherbourg-en-Cotentin) when that short name is one commune's only, in France or in the
département the domain names; a short name several communes share is kept as the
institution's ``key`` with no place, for the office's place to settle
(``commune_domain_keys``). A sub-domain inherits its parent's row
(``clb.senat.fr`` is the Sénat); a super-string never matches (``paris.fr.example.com``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from petition.intake import geo
from petition.intake.textnorm import place_key, strip_article

NATIONAL = ("assemblee", "senat", "parlement_europeen")
LOCAL = ("commune", "departement", "region", "epci")
BLOCKED = ("webmail", "party", "state")

_DOMAIN = re.compile(
    r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$")
# Top-level domains under which a bare "<commune>.<tld>" is read as a commune: .fr
# reserves commune names for the communes; the others are regional or overseas.
_BARE_TLDS = frozenset("fr bzh corsica alsace eus re gp mq gf yt pm nc pf wf bl mf paris".split())
# Prefixed forms (mairie-x, ville-x) are also read under generic TLDs (aulnay-sous-bois.com).
_PREFIX_TLDS = _BARE_TLDS | {"com", "org", "net", "eu", "info"}
_SECOND_LEVEL = frozenset("gouv asso nom com tm presse co org net".split())
_COMMUNE_PREFIXES = ("mairiede", "mairied", "mairie", "villede", "villed", "ville", "communede",
                     "commune", "cmde")
_COMMUNE_SUFFIXES = ("mairie", "ville", "commune")
_TRAILING_CODE = re.compile(r"^(.*?[a-z])-?(\d{2,3}|2[ab])$")
_DEP_NUMBERED = re.compile(r"^(?:mon|le)?(?:departement|dept|cd|cg)-?(\d{2,3}|2[ab])$")
_EPCI_WORDS = re.compile(
    r"metropole|agglo|communaute|^cc-?|^cdc-?|^ca-?(?=[a-z]{4})|^pays-?|^grand-?")
# Type words in an EPCI's official name ("CU Angers Loire Métropole"), and the
# prepositions that may follow them ("Métropole de Lyon").
_EPCI_TYPE_WORDS = frozenset(
    "metropole eurometropole europeenne communaute urbaine agglomeration agglo cu ca cc".split())
_EPCI_PREPOSITIONS = frozenset("de du des d".split())
_REGION_PREFIX = re.compile(r"^(?:ma)?(?:region|cr)-?")
# Words opening a commune's determinative complement: Ivry-sur-Seine, Cherbourg-en-Cotentin,
# Villeneuve-lès-Avignon, Vitry-le-François, Saint-Rémy-de-Provence.
_COMPLEMENT = frozenset("sur sous en les lez pres de du des d aux au a le la l".split())
MIN_SHORT_NAME = 4  # "ivry" is a short name; "aix" is too short to name a commune alone


@dataclass(frozen=True)
class Institution:
    """A public body owning a mail domain."""
    kind: str  # assemblee, senat, parlement_europeen, commune, departement, region, epci
    domain: str  # the table row or registrable domain that matched
    place: str | None = None  # commune, département, région or EPCI name when known
    departements: tuple[str, ...] = ()  # département codes of the place when known
    key: str = ""  # the place as a slug ("saintmartindheres"), for matching offices
    source: str = "table"  # "table" or "pattern"

    def describe(self) -> str:
        if self.kind in NATIONAL:
            return {"assemblee": "the Assemblée nationale", "senat": "the Sénat",
                    "parlement_europeen": "the European Parliament"}[self.kind]
        name = self.place or self.key
        return {"commune": f"the commune of {name}",
                "departement": f"the département of {name}",
                "region": f"the région {name}",
                "epci": f"the intercommunality {name}"}.get(self.kind, f"{self.kind} {name}")


@dataclass(frozen=True)
class _Row:
    kind: str
    place: str
    departements: tuple[str, ...]


def slug(text: str) -> str:
    """A place or domain label with case, accents, spaces, hyphens and apostrophes gone."""
    return place_key(text).replace(" ", "")


def normalise_domain(domain: str) -> str | None:
    """The lower-cased domain without a trailing dot, or None when it is not a host name."""
    d = domain.strip().lower().rstrip(".")
    return d if _DOMAIN.match(d) else None


def never_official(domain: str) -> str | None:
    """"webmail", "party" or "state" for domains that never prove an office, else None."""
    d = normalise_domain(domain)
    if d is None:
        return None
    for candidate in _self_and_parents(d):
        rows = _table().get(candidate)
        if rows:
            return rows[0].kind if rows[0].kind in BLOCKED else None
    return None


def institution_of(domain: str) -> Institution | None:
    """The institution owning ``domain``; None for private, webmail, party or State domains.

    A domain two bodies share (strasbourg.eu: the commune and the Eurométropole) gives
    its first table row here; ``institutions_of`` gives them all.
    """
    found = institutions_of(domain)
    return found[0] if found else None


def institutions_of(domain: str) -> tuple[Institution, ...]:
    """Every institution owning ``domain`` (several for a shared domain), in table order."""
    d = normalise_domain(domain)
    if d is None:
        return ()
    for candidate in _self_and_parents(d):
        rows = _table().get(candidate)
        if rows:
            if rows[0].kind in BLOCKED:
                return ()
            return tuple(Institution(row.kind, candidate, row.place or None, row.departements,
                                     _row_key(candidate, row), "table") for row in rows)
    found = _by_pattern(d)
    return (found,) if found else ()


def _row_key(domain: str, row: _Row) -> str:
    """The slug an office's place is matched with: the place, or an EPCI's core name."""
    if row.kind != "epci":
        return slug(row.place)
    core = _epci_core(domain)
    name = re.sub(r"\([^)]*\)", " ", row.place)  # "CA du Grand Avignon (COGA)"
    words = [w for w in place_key(name).split() if w not in _EPCI_TYPE_WORDS]
    while words and words[0] in _EPCI_PREPOSITIONS:
        words.pop(0)
    full = "".join(words)
    if not full or full.removeprefix("grand").startswith(core):
        return core  # brest-metropole.fr: "brest"; grandnancy.eu: "nancy"
    if len(words[0]) >= MIN_SHORT_NAME and core.startswith(words[0]):
        return words[0]  # montpellier3m.fr: "montpellier"
    return full  # metropoletpm.fr: "toulonprovencemediterranee"


def _self_and_parents(domain: str) -> list[str]:
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


@cache
def _table() -> dict[str, tuple[_Row, ...]]:
    text = resources.files("petition.intake.data").joinpath("domains.tsv").read_text("utf-8")
    rows: dict[str, tuple[_Row, ...]] = {}
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        deps = tuple(c for c in row["departements"].split(",") if c)
        domain = row["domain"].strip().lower()
        rows[domain] = (*rows.get(domain, ()), _Row(row["kind"], row["place"], deps))
    return rows


# ---------------------------------------------------------------- patterns

def _by_pattern(domain: str) -> Institution | None:
    labels = domain.split(".")
    tld, label = labels[-1], labels[-2]
    if tld not in _PREFIX_TLDS or label in _SECOND_LEVEL:
        return None
    registrable = f"{label}.{tld}"
    return (_departement_pattern(registrable, label)
            or _region_pattern(registrable, label)
            or _commune_pattern(registrable, label, tld)
            or _epci_pattern(registrable, label)
            or _epci_name(registrable, label))


def _departement_pattern(registrable: str, label: str) -> Institution | None:
    numbered = _DEP_NUMBERED.match(label)
    code = geo.departement_from_code(numbered.group(1)) if numbered else None
    if code is None:
        trailing = _TRAILING_CODE.match(label)
        core, digits = (trailing.group(1), trailing.group(2)) if trailing else (label, None)
        bare = re.sub(r"^(le|la|les)-?", "", core)
        code = _departements_by_slug().get(slug(bare)) or (
            _departements_by_slug().get(slug(core)) if core != bare else None)
        if code is None or (digits and geo.departement_from_code(digits) != code):
            return None
        if core == bare and geo.communes_by_slug(slug(core)):
            return None  # vienne.fr is the commune of Vienne; lavienne86.fr the département
    name = geo.departement_name(code)
    return Institution("departement", registrable, name, (code,), slug(name), "pattern")


def _region_pattern(registrable: str, label: str) -> Institution | None:
    core = _REGION_PREFIX.sub("", label)
    if core == label:
        return None
    name = geo.region_from_name(core.replace("-", " "))
    if name is None:
        return None
    return Institution("region", registrable, name, (), slug(name), "pattern")


def _commune_pattern(registrable: str, label: str, tld: str) -> Institution | None:
    """A commune's domain: its name, with or without mairie-/ville-…, maybe followed by
    its département's code (grigny91.fr) or name (doledujura.fr, valence-drome.fr)."""
    trailing = _TRAILING_CODE.match(label)
    core, digits = (trailing.group(1), trailing.group(2)) if trailing else (label, None)
    code = geo.departement_from_code(digits) if digits else None
    if digits and code is None:
        return None
    found = _commune_in(registrable, core, code, tld)
    if found is None and digits is None:
        for head, named in _departement_named_after(core):
            found = _commune_in(registrable, head, named, tld)
            if found is not None:
                break
    return found


# What may join a commune's name to its département's: « dole-du-jura », « ...enisere »
_DEP_LINK = re.compile(r"-?(?:de-?la|de-?l|du|des|de|en|d)?-?$")


def _departement_named_after(core: str) -> Iterator[tuple[str, str]]:
    """(the rest, the code) for each département whose name ends the label."""
    flat = core.replace("-", "")
    for name, code in _departements_by_slug().items():
        if flat.endswith(name) and len(flat) > len(name) + 2:
            head = _without_last_letters(core, len(name))
            for rest in dict.fromkeys((_DEP_LINK.sub("", head, count=1), head.rstrip("-"))):
                if len(rest.replace("-", "")) > 2:
                    yield rest, code


def _without_last_letters(label: str, count: int) -> str:
    """``label`` without its last ``count`` characters other than hyphens."""
    end = len(label)
    while count:
        end -= 1
        count -= label[end] != "-"
    return label[:end]


def _commune_in(registrable: str, core: str, code: str | None, tld: str
                ) -> Institution | None:
    """The commune a label's ``core`` names (in the département ``code`` when given)."""
    best: tuple[str, tuple[tuple[str, str], ...]] | None = None
    split = _hyphenated_prefix(core)  # « ville-fontaine »: Fontaine, not Villefontaine
    for variant, is_prefixed in _commune_variants(core):
        if not is_prefixed and tld not in _BARE_TLDS:
            continue
        found = geo.communes_by_slug(variant)
        if code:
            found = tuple(c for c in found if c[1] == code)
        if found and variant == split:
            best = (variant, found)
            break
        if found and (best is None or len(variant) > len(best[0])):
            best = (variant, found)
    if best is None:
        short = _commune_by_short_name(core, tld, code)
        if short is not None:
            return Institution("commune", registrable, short[0], short[1], short[2], "pattern")
    if best is None and code and len(core) >= 5 and tld in _BARE_TLDS:
        best = _commune_by_stem(core.replace("-", ""), code)
    if best is None:
        return None
    key, found = best
    names = {name for name, _ in found}
    place = names.pop() if len(names) == 1 else None
    deps = tuple(sorted({dep for _, dep in found}))
    return Institution("commune", registrable, place, deps, key, "pattern")


def _commune_by_short_name(core: str, tld: str, code: str | None
                            ) -> tuple[str | None, tuple[str, ...], str] | None:
    """(place, départements, key) for a label naming a commune without its complement.

    One commune with that short name (in the département ``code`` when given): its name
    and full slug. Several: no place, all their départements, and the short name as key.
    """
    for variant, is_prefixed in sorted(_commune_variants(core), key=lambda v: -len(v[0])):
        if not is_prefixed and tld not in _BARE_TLDS:
            continue
        found = _short_names().get(variant, ())
        if code:
            found = tuple(c for c in found if c[1] == code)
        if len(found) == 1:
            name, dep = found[0]
            return name, (dep,), slug(name)
        if found:
            return None, tuple(sorted({dep for _, dep in found})), variant
    return None


def commune_domain_keys(name: str) -> frozenset[str]:
    """The slugs a domain may name a commune by: its name with and without its article,
    and without its determinative complement ("ivrysurseine", "ivry")."""
    key = place_key(name)
    if not key:
        return frozenset()
    keys = {key.replace(" ", ""), strip_article(key).replace(" ", "")}
    keys.update(_short_keys(key))
    return frozenset(keys)


def _short_keys(key: str) -> Iterable[str]:
    """The short names of a commune's place key: "ivry sur seine" → "ivry"."""
    words = key.split()
    for i in range(1, len(words) - 1):
        if words[i] in _COMPLEMENT:
            head = words[:i]
            for variant in {"".join(head), strip_article(" ".join(head)).replace(" ", "")}:
                if len(variant) >= MIN_SHORT_NAME and variant not in ("saint", "sainte"):
                    yield variant
            return


# The complement as written in a commune's official name: "-sur-", "-lès-", "-d'"…
_COMPLEMENT_WRITTEN = re.compile(
    r"[-' ](?:sur|sous|en|lès|les|lez|près|pres|de|du|des|aux|au|à|a|le|la)[-' ]|[-' ][dl]'",
    re.I)


@cache
def _short_names() -> dict[str, tuple[tuple[str, str], ...]]:
    """Short name → ((commune, département), …) of the communes actuelles bearing it.

    Built on first use (a few hundredths of a second): the complement is found on the
    name as written, so only the short part is folded.
    """
    index: dict[str, set[tuple[str, str]]] = {}
    for name, dep in geo.communes_actuelles():
        found = _COMPLEMENT_WRITTEN.search(name, 1)
        if found is None:
            continue
        for short in _short_keys(place_key(name[:found.end()] + "x")):
            index.setdefault(short, set()).add((name, dep))
    return {short: tuple(sorted(found)) for short, found in index.items()}


def _commune_by_stem(stem: str, code: str) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """boulogne92.fr: the one commune of département 92 whose name's first words are
    "boulogne" (Boulogne-Billancourt); "saint" or an article alone is no stem."""
    if stem in _NO_STEM:
        return None
    hits = {(name, dep) for key in geo.commune_slugs() if key.startswith(stem)
            for name, dep in geo.communes_by_slug(key)
            if dep == code and _starts_with_words(place_key(name), stem)}
    if len(hits) != 1:
        return None
    name, dep = hits.pop()
    return slug(name), ((name, dep),)


_NO_STEM = frozenset("saint sainte saints saintes le la les notre".split())


def _starts_with_words(key: str, stem: str) -> bool:
    """Whether ``stem`` is the first whole words of a place key, with or without article."""
    for candidate in (key, strip_article(key)):
        words = candidate.split()
        if any("".join(words[:i]) == stem for i in range(1, len(words))):
            return True
    return False


def _hyphenated_prefix(core: str) -> str | None:
    """The rest of a label whose mairie-/ville- prefix a hyphen sets apart, if any."""
    for prefix in _COMMUNE_PREFIXES:
        if core.startswith(prefix + "-"):
            return core[len(prefix) + 1:].replace("-", "")
    return None


def _commune_variants(core: str) -> list[tuple[str, bool]]:
    """(slug, prefixed?) readings of a label: itself, then without mairie-/ville-… parts."""
    flat = core.replace("-", "")
    variants = [(flat, False)]
    for prefix in _COMMUNE_PREFIXES:
        if flat.startswith(prefix) and len(flat) > len(prefix) + 2:
            variants.append((flat[len(prefix):], True))
    for suffix in _COMMUNE_SUFFIXES:
        if flat.endswith(suffix) and len(flat) > len(suffix) + 2:
            variants.append((flat[: -len(suffix)], True))
    return variants


def _epci_pattern(registrable: str, label: str) -> Institution | None:
    if not _EPCI_WORDS.search(label):
        return None
    body = geo.epci_named(label.replace("-", " "))
    core = _epci_core(registrable)
    if body is not None:
        return Institution("epci", registrable, body.name, body.departements, core, "pattern")
    return Institution("epci", registrable, None, (), core, "pattern")


def _epci_name(registrable: str, label: str) -> Institution | None:
    """A body's own name of several words, hyphenated, with no type word
    (kreiz-breizh.fr): what ``geo.epci_named`` takes for that body alone."""
    if "-" not in label:
        return None
    body = geo.epci_named(label.replace("-", " "))
    if body is None:
        return None
    return Institution("epci", registrable, body.name, body.departements,
                       _epci_core(registrable), "pattern")


def _epci_core(domain: str) -> str:
    """The distinctive part of an intercommunality's domain: "brest" for brest-metropole.fr."""
    label = domain.split(".")[-2]
    return slug(_EPCI_WORDS.sub("", label)) or slug(label)


@cache
def _departements_by_slug() -> dict[str, str]:
    return {slug(geo.departement_name(code)): code for code in geo.departement_codes()}
