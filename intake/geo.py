"""Places: départements, régions, communes, intercommunalities → codes and names.

Tables live in ``intake/data`` (see its README for sources). Each table is loaded on
first use and cached; every lookup is a dict access on a key made by
``textnorm.place_key`` (folded, "St"/"Ste" read as Saint/Sainte).
"""

from __future__ import annotations

import csv
import gzip
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

from petition.intake.textnorm import (
    ARTICLES,
    fold_with_offsets,
    is_upper_word,
    place_key,
    strip_article,
)

OVERSEAS = ("971", "972", "973", "974", "976", "975", "977", "978", "986", "987", "988")
SINGLE_CODE = ("971", "972", "973", "974", "976", "975", "977", "978", "986", "987", "988")
KINDS = {"c": "commune", "d": "deleguee", "a": "associee", "r": "arrondissement"}
ACTUAL = ("commune", "arrondissement")


@dataclass(frozen=True)
class Commune:
    name: str
    departement: str
    kind: str  # "commune" | "deleguee" | "associee" | "arrondissement"
    population: int | None
    code: str = ""  # INSEE code
    parent: str | None = None  # commune nouvelle of a déléguée; city of an arrondissement


@dataclass(frozen=True)
class Epci:
    name: str
    kind: str  # CC, CA, CU, METRO, MET69, EPT
    siren: str
    departements: tuple[str, ...]
    population: int | None


@dataclass(frozen=True)
class PlaceHit:
    start: int  # offsets in the original text
    end: int
    text: str  # the matched original text
    kind: str  # "code" | "postcode" | "departement" | "collectivity" | "region"
    code: str | None  # département code (None for a région)
    name: str  # canonical name (département, collectivity or région)
    strong: bool  # written with context: "(93)", "département du …", a capitalised name


# ---------------------------------------------------------------- reading the tables

def _data_text(name: str) -> str:
    return resources.files("petition.intake.data").joinpath(name).read_text(encoding="utf-8")


def _tsv(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in _data_text(name).splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass(frozen=True)
class _Departements:
    names: dict[str, str]  # code → name
    regions: dict[str, str]  # code → région code
    by_key: dict[str, str]  # place_key(name or alias) → code
    short: dict[str, frozenset[str]]  # short alias key → its spellings (SPM, NC, BdR)


@cache
def _departements() -> _Departements:
    names: dict[str, str] = {}
    regions: dict[str, str] = {}
    by_key: dict[str, str] = {}
    short: dict[str, set[str]] = {}
    for row in _tsv("departements.tsv"):
        code = row["code"]
        names[code] = row["name"]
        regions[code] = row["region_code"]
        for alias in [row["name"], *row["aliases"].split("|")]:
            key = place_key(alias)
            if not key:
                continue
            by_key.setdefault(key, code)
            if alias != row["name"] and len(key.replace(" ", "")) <= 3:
                short.setdefault(key, set()).add(alias)
    frozen = {k: frozenset(v) for k, v in short.items()}
    return _Departements(names, regions, by_key, frozen)


@dataclass(frozen=True)
class _Regions:
    names: dict[str, str]  # code → name
    by_key: dict[str, str]  # key → code


@cache
def _regions() -> _Regions:
    names, by_key = {}, {}
    for row in _tsv("regions.tsv"):
        names[row["code"]] = row["name"]
        for alias in [row["name"], *row["aliases"].split("|")]:
            if place_key(alias):
                by_key.setdefault(place_key(alias), row["code"])
    return _Regions(names, by_key)


# ---------------------------------------------------------------- départements

def departement_from_code(token: str) -> str | None:
    """"75", "7", "05", "2a", "971" → canonical code; None for anything else ("20", "96")."""
    t = token.strip().strip("()").strip().upper()
    if t in ("2A", "2B", "20A", "20B"):
        return t[-2:] if len(t) == 2 else "2" + t[-1]
    if not t.isdigit():
        return None
    if len(t) == 3:
        return t if t in OVERSEAS else None
    if len(t) <= 2:
        n = int(t)
        return f"{n:02d}" if 1 <= n <= 95 and n != 20 else None
    return None


_DEP_PREFIX = re.compile(
    r"^(?:(?:conseil departemental|conseil general|departement|dept|dpt|cd)\s+)?"
    r"(?:(?:de la|de l|du|des|de|d)\s+)?(?:(?:la|le|les|l)\s+)?"
)


def departement_from_name(text: str) -> str | None:
    """A département (or single-code collectivity) name or alias → its code."""
    key = place_key(text)
    table = _departements().by_key
    if key in table:
        return table[key]
    stripped = _DEP_PREFIX.sub("", key, count=1)
    return table.get(stripped)


def departement_name(code: str) -> str:
    """The official name of a département code ("93" → "Seine-Saint-Denis")."""
    canonical = departement_from_code(code) or code
    return _departements().names[canonical]


def departement_codes() -> tuple[str, ...]:
    """Every département and overseas collectivity code, in table order."""
    return tuple(_departements().names)


def single_code_collectivity(name: str) -> str | None:
    """Overseas place names carrying one code: "Martinique" → "972", "Tahiti" → None."""
    code = departement_from_name(name)
    return code if code in SINGLE_CODE else None


# ---------------------------------------------------------------- régions

_REGION_PREFIX = re.compile(
    r"^(?:(?:conseil regional|region|collectivite territoriale|collectivite)\s+)?"
    r"(?:(?:de la|de l|du|des|de|d)\s+)?"
)


def region_from_name(text: str) -> str | None:
    """A région name or alias ("IDF", "PACA", "Région Sud") → its canonical name."""
    key = place_key(text)
    table = _regions().by_key
    code = table.get(key) or table.get(_REGION_PREFIX.sub("", key, count=1))
    return _regions().names[code] if code else None


def region_of_departement(code: str) -> str | None:
    """The name of the région a département lies in; None for the COM (975, 977…)."""
    canonical = departement_from_code(code)
    if canonical is None:
        return None
    region_code = _departements().regions.get(canonical)
    return _regions().names.get(region_code) if region_code else None


# ---------------------------------------------------------------- communes

class _Communes:
    """The COG's communes, one tab-separated line each, sorted by key: a lookup is a
    bisection over the keys; Commune objects are made on first lookup.

    Each line starts with its key (``place_key`` of the name, computed by
    scripts/build_data.py), so loading is one split: nothing is folded or indexed at
    start-up. The other indexes are built on first use.
    """

    def __init__(self, text: str) -> None:  # columns: key, kind, code, name, dép., pop., parent
        self.text = text
        self.lines = text.split("\n")
        self.keys = [line[:line.find("\t")] for line in self.lines]
        self.made: dict[str, tuple[Commune, ...]] = {}
        self.aliases: dict[str, list[int]] = {}
        for alias, code in _commune_aliases():
            i = self._index_of(code)
            if i is not None:
                self.aliases.setdefault(place_key(alias), []).append(i)

    def _index_of(self, code: str) -> int | None:
        """The line of the commune actuelle or arrondissement with this code."""
        pos = self.text.find(f"\t{code}\t")
        while pos != -1:
            i = self.text.count("\n", 0, pos)
            if self.row(i)[3] in "cr":
                return i
            pos = self.text.find(f"\t{code}\t", pos + 1)
        return None

    def row(self, i: int) -> list:
        """[code, name, département, kind, population, parent code, key] of line i."""
        key, kind, code, name, dep, pop, parent = self.lines[i].split("\t")
        return [code, name, dep, kind, int(pop) if pop else None, parent, key]

    def _keyed(self, key: str) -> range:
        """The lines whose key is ``key`` (consecutive: the lines are sorted by key)."""
        lo = bisect_left(self.keys, key)
        return range(lo, bisect_right(self.keys, key, lo))

    def indexes(self, key: str) -> list[int]:
        return [*self._keyed(key), *self.aliases.get(key, ())]

    @cached_property
    def rows(self) -> list[list]:
        return [self.row(i) for i in range(len(self.lines))]

    def parent_name(self, code: str) -> str | None:
        """The name of the commune actuelle with this code (a déléguée's parent)."""
        if not code:
            return None
        i = self._index_of(code)
        return self.row(i)[1] if i is not None and self.row(i)[3] == "c" else None

    def bare_indexes(self, bare: str) -> list[int]:
        """Lines whose key is ``bare`` after a leading article (« lilas » → Les Lilas),
        in key order."""
        return [i for article in sorted(ARTICLES) for i in self._keyed(article + bare)]

    @cached_property
    def by_slug(self) -> dict[str, list[int]]:
        """Communes actuelles by key without spaces, with and without article (domains)."""
        out: dict[str, list[int]] = {}
        for i, key in enumerate(self.keys):
            if self.lines[i][len(key) + 1] != "c":  # the kind follows the key
                continue
            out.setdefault(key.replace(" ", ""), []).append(i)
            bare = strip_article(key) if key[:1] == "l" else key
            if bare is not key:
                out.setdefault(bare.replace(" ", ""), []).append(i)
        return out

    def slug_indexes(self, slug: str) -> list[int]:
        """The lines of communes actuelles whose key without spaces is ``slug``, with or
        without a leading article: what ``by_slug`` holds, found by bisection over the
        keys (a key is ``slug`` with spaces put back between some of its letters), so
        nothing is indexed at start-up."""
        found = self._spaced(slug, "")
        for article in ARTICLES:
            found.extend(i for i in self._spaced(slug, article) if i not in found)
        return [i for i in found if self.lines[i][len(self.keys[i]) + 1] == "c"]

    def _spaced(self, rest: str, head: str) -> list[int]:
        """Lines whose key is ``head`` + ``rest`` with spaces put back in ``rest``."""
        out = list(self._keyed(head + rest))
        for n in range(1, len(rest)):
            longer = f"{head}{rest[:n]} "
            at = bisect_left(self.keys, longer)
            if at < len(self.keys) and self.keys[at].startswith(longer):
                out.extend(self._spaced(rest[n:], longer))
        return out

    def get(self, key: str, bare: bool = False) -> tuple[Commune, ...]:
        indexes = self.bare_indexes(key) if bare else self.indexes(key)
        if not indexes:
            return ()
        cache_key = ("~" if bare else "") + key
        found = self.made.get(cache_key)
        if found is None:
            found = tuple(self._commune(self.row(i)) for i in indexes)
            self.made[cache_key] = found
        return found

    def _commune(self, row: list) -> Commune:
        code, name, dep, kind, pop, parent = row[:6]
        return Commune(name, dep, KINDS[kind], pop, code, self.parent_name(parent))


@cache
def _communes() -> _Communes:
    raw = resources.files("petition.intake.data").joinpath("communes.tsv.gz").read_bytes()
    text = gzip.decompress(raw).decode("utf-8")
    return _Communes(text[text.index("\n") + 1:].rstrip("\n"))  # no header


def communes_actuelles() -> Iterator[tuple[str, str]]:
    """(name, département) of every commune actuelle."""
    table = _communes()
    for i, key in enumerate(table.keys):
        if table.lines[i][len(key) + 1] == "c":
            _key, _kind, _code, name, dep, _rest = table.lines[i].split("\t", 5)
            yield name, dep


def commune_slugs() -> Iterable[str]:
    """Every key of ``communes_by_slug``."""
    return _communes().by_slug.keys()


def communes_by_slug(slug: str) -> tuple[tuple[str, str], ...]:
    """((name, département), …) of the communes actuelles whose name, folded with its
    spaces removed, is ``slug``, with or without its leading article ("lilas",
    "leslilas" → Les Lilas); sorted when there are several."""
    indexes = _communes().slug_indexes(slug) if slug else []
    if not indexes:
        return ()
    table = _communes()
    found = [table.row(i) for i in indexes]
    if len(found) == 1:
        return ((found[0][1], found[0][2]),)
    return tuple(sorted({(row[1], row[2]) for row in found}))


def _commune_aliases() -> list[tuple[str, str]]:
    return [(row["alias"], row["code"]) for row in _tsv("commune_aliases.tsv")]


_ARR_CITIES = {"paris": "Paris", "lyon": "Lyon", "marseille": "Marseille"}
_ORD = r"(\d{1,2}|[ivx]{1,5})\s*(?:er|ere|eme|ieme|em|e|°)?"
_ARR = r"arr(?:ondissement|ondt|dt|t)?"
_ARR_AFTER = re.compile(rf"^(paris|lyon|marseille)\s+{_ORD}(?:\s+{_ARR})?$")
_ARR_BEFORE = re.compile(rf"^{_ORD}\s+{_ARR}\s+(?:de\s+)?(paris|lyon|marseille)$")
_ROMAN = {"i": 1, "v": 5, "x": 10}


def _number(token: str) -> int:
    if token.isdigit():
        return int(token)
    total = 0
    for i, ch in enumerate(token):
        value = _ROMAN[ch]
        nxt = _ROMAN[token[i + 1]] if i + 1 < len(token) else 0
        total += -value if value < nxt else value
    return total


def _arrondissement_key(key: str) -> str | None:
    m = _ARR_AFTER.match(key)
    if m:
        city, num = m.group(1), m.group(2)
    else:
        m = _ARR_BEFORE.match(key)
        if not m:
            return None
        num, city = m.group(1), m.group(2)
    n = _number(num)
    return place_key(f"{_ARR_CITIES[city]} {n}{'er' if n == 1 else 'e'} Arrondissement")


def communes_named(name: str) -> tuple[Commune, ...]:
    """Every commune, déléguée/associée or municipal arrondissement with that name."""
    key = place_key(name)
    if not key:
        return ()
    table = _communes()
    found = table.get(key)
    if found:
        return found
    arr = _arrondissement_key(key)
    if arr:
        return table.get(arr)
    bare = strip_article(key)
    return (table.get(bare) if bare != key else ()) or table.get(bare, bare=True)


_TRAILING_CODE = re.compile(r"^(.*?)\s*\(\s*(\d{2,3}|2[abAB])\s*\)\s*$")


def commune_departement(name: str, hint: str | None = None) -> str | None:
    """The département of a commune name when it is unambiguous, else None.

    Unambiguous: the name is carried by communes actuelles (or municipal arrondissements)
    of one département only, or — when no commune actuelle carries it — by déléguées or
    associées of one département only. ``hint`` (a département code seen elsewhere) picks
    among homonyms; a trailing "(93)" in ``name`` acts as a hint too.
    """
    m = _TRAILING_CODE.match(name)
    if m and departement_from_code(m.group(2)):
        name, hint = m.group(1), departement_from_code(m.group(2))
    candidates = communes_named(name)
    if not candidates:
        return None
    canonical_hint = departement_from_code(hint) if hint else None
    if canonical_hint and any(c.departement == canonical_hint for c in candidates):
        return canonical_hint
    actual = {c.departement for c in candidates if c.kind in ACTUAL}
    if actual:
        return actual.pop() if len(actual) == 1 else None
    others = {c.departement for c in candidates}
    return others.pop() if len(others) == 1 else None


# ---------------------------------------------------------------- intercommunalities

_EPCI_FAMILIES = (
    ("communaute de communes", "CC"), ("com com", "CC"), ("comcom", "CC"), ("cdc", "CC"),
    ("cc", "CC"),
    ("communaute d agglomeration", "CA"), ("communaute agglomeration", "CA"),
    ("agglomeration", "CA"), ("agglo", "CA"), ("ca", "CA"),
    ("communaute urbaine", "CU"), ("cu", "CU"),
    ("eurometropole", "METRO"), ("metropole", "METRO"),
    ("etablissement public territorial", "EPT"), ("ept", "EPT"), ("territoire", "EPT"),
)
_EPCI_SUFFIXES = (("metropole", "METRO"), ("agglomeration", "CA"), ("agglo", "CA"))
_EPCI_COUNCIL = re.compile(
    r"^(?:conseil (?:communautaire|metropolitain|de territoire|territorial)|conseil|bureau)"
    r"(?:\s+(?:de la|de l|du|des|de|d))?\s+"
)
_LINKS = re.compile(r"^(?:(?:de la|de l|du|des|de|d)\s+)")
_FAMILY_OF_KIND = {"MET69": "METRO"}


def _split_family(key: str) -> tuple[str | None, str]:
    """("CA", "pays basque") from "communaute d agglomeration du pays basque"."""
    for prefix, family in _EPCI_FAMILIES:
        if key.startswith(prefix + " "):
            return family, _LINKS.sub("", key[len(prefix) + 1:], count=1)
    for suffix, family in _EPCI_SUFFIXES:
        if key.endswith(" " + suffix):
            return family, key[: -len(suffix) - 1]
    return None, key


_ACRONYM_AFTER = re.compile(r"\s*\([a-z0-9 ]{2,10}\)$")


def _core_variants(core: str) -> Iterator[str]:
    yield core
    bare = _ACRONYM_AFTER.sub("", core)  # « kreiz breizh (cckb) »: also « kreiz breizh »
    if bare != core:
        yield from _core_variants(bare)
    if core.startswith("europeenne "):  # Métropole européenne de Lille → lille
        yield _LINKS.sub("", core[len("europeenne "):], count=1)
    for word in ("metropole", "agglomeration", "agglo"):
        if f" {word}" in f" {core} ":
            trimmed = " ".join(w for w in core.split() if w != word)
            if trimmed:
                yield _LINKS.sub("", trimmed, count=1)


@dataclass(frozen=True)
class _Epcis:
    by_name: dict[str, Epci]
    by_family_core: dict[tuple[str, str], Epci | None]  # None: ambiguous
    by_core: dict[str, Epci | None]


@cache
def _epcis() -> _Epcis:
    by_name: dict[str, Epci] = {}
    by_family_core: dict[tuple[str, str], Epci | None] = {}
    by_core: dict[str, Epci | None] = {}
    for row in _tsv("epci.tsv"):
        deps = tuple(d for d in row["departements"].split(",") if d)
        pop = int(row["population"]) if row["population"] else None
        body = Epci(row["name"], row["type"], row["siren"], deps, pop)
        key = place_key(row["name"])
        by_name[key] = body
        family, core = _split_family(key)
        family = family or _FAMILY_OF_KIND.get(body.kind, body.kind)
        for variant in _core_variants(core):
            for table, k in ((by_family_core, (family, variant)), (by_core, variant)):
                table[k] = body if table.get(k, body) is body else None
        for name in {_expanded_name(family, core),
                     _expanded_name(family, _ACRONYM_AFTER.sub("", core))}:
            by_name.setdefault(name, body)
    return _Epcis(by_name, by_family_core, by_core)


_LONG = {"CC": "communaute de communes", "CA": "communaute d agglomeration",
         "CU": "communaute urbaine"}


def _expanded_name(family: str, core: str) -> str:
    return f"{_LONG[family]} {core}" if family in _LONG else core


def epci_named(text: str) -> Epci | None:
    """An intercommunal body (EPCI or EPT of the Grand Paris) named in ``text``.

    Accepts the official name ("CA du Pays Basque", "Est Ensemble"), the spelled-out
    type ("Communauté d'agglomération du Pays Basque") and "X Métropole"/"Métropole de
    X" forms. A bare place name without a type word ("Lorient") is not an EPCI.
    """
    key = _EPCI_COUNCIL.sub("", place_key(text), count=1)
    table = _epcis()
    if key in table.by_name:
        return table.by_name[key]
    family, core = _split_family(key)
    if family is None:
        return _grand(key, table)
    return _by_core(family, core, table)


def _grand(key: str, table: _Epcis) -> Epci | None:
    """A name without a type word that names one EPCI and nothing else is that body:
    « le Grand Narbonne », « Grand Poitiers » (Grand-Couronne is a commune), and a
    name of several words (« Lamballe Terre et Mer »); « Lorient » is the commune, a
    « Pays … » a land."""
    bare = key[3:] if key.startswith("le grand ") else key
    if not (bare.startswith("grand ") or " " in bare) or communes_named(bare):
        return None
    if bare.startswith(("pays ", "le pays ")):
        return None  # « le Pays basque » is a land before it is a body
    if departement_from_name(bare) or region_from_name(bare):
        return None
    return table.by_core.get(bare) or table.by_core.get("le " + bare)


def _by_core(family: str, core: str, table: _Epcis) -> Epci | None:
    for variant in _core_variants(core):
        for hit in (table.by_family_core.get((family, variant)), table.by_core.get(variant)):
            if hit is not None:
                return hit
    return None


# ---------------------------------------------------------------- free text

_MAX_WORDS = 6
_CONTEXT_BEFORE = re.compile(
    r"(?:departement|dept|dpt|conseil departemental|region|senat(?:eur|rice)|depute(?:e)?)"
    r"(?:\s+(?:de la|de l|du|des|de|d))?\s*$"
)


@dataclass(frozen=True)
class _Names:
    entries: dict[str, tuple[str, str | None, str]]  # key → (kind, code, name)


@cache
def _place_names() -> _Names:
    deps = _departements()
    entries: dict[str, tuple[str, str | None, str]] = {}
    for key, code in _regions().by_key.items():
        entries[key] = ("region", None, _regions().names[code])
    for key, code in deps.by_key.items():
        kind = "collectivity" if code in SINGLE_CODE else "departement"
        entries[key] = (kind, code, deps.names[code])
    return _Names(entries)


_CODE_IN_PARENS = re.compile(r"\(\s*(\d{2,3}|2[ABab])\s*\)")
_CODE_AFTER_WORD = re.compile(
    r"\b(?:d[ée]partement|d[ée]pt\.?|dpt\.?)\s*(?:n°\s*|no\s*)?(\d{2,3}|2[ABab])\b", re.I
)
_PUNCT = re.compile(r"[^\w&]")
_POSTCODE = re.compile(r"\b(\d{5})\s+(?=[A-ZÀ-Ý])")


def postcode_departement(postcode: str) -> str | None:
    """"93100" → "93", "97411" → "974", "20000" → "2A", "20200" → "2B"."""
    if not (len(postcode) == 5 and postcode.isdigit()):
        return None
    if postcode.startswith("97") or postcode.startswith("98"):
        return departement_from_code(postcode[:3])
    if postcode.startswith("20"):
        return "2A" if postcode < "20200" else "2B"
    return departement_from_code(postcode[:2])


def find_places(text: str) -> list[PlaceHit]:
    """Département codes, postcodes and département/région names written in ``text``.

    Linear: one pass of regular expressions for codes, one pass over words trying
    phrases of up to six words. Names are matched when capitalised in the text (so
    "une réunion" is not La Réunion); short aliases (SPM, NC, BdR) only in capitals.
    Hits are in text order; overlapping name hits keep the longest.
    """
    hits = _code_hits(text) + _name_hits(text)
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    return hits


def _code_hits(text: str) -> list[PlaceHit]:
    hits = []
    for rx, kind in ((_CODE_IN_PARENS, "code"), (_CODE_AFTER_WORD, "code")):
        for m in rx.finditer(text):
            code = departement_from_code(m.group(1))
            if code:
                hits.append(PlaceHit(m.start(), m.end(), m.group(0), kind, code,
                                     departement_name(code), True))
    for m in _POSTCODE.finditer(text):
        code = postcode_departement(m.group(1))
        if code:
            hits.append(PlaceHit(m.start(1), m.end(1), m.group(1), "postcode", code,
                                 departement_name(code), True))
    return hits


def _name_hits(text: str) -> list[PlaceHit]:
    folded, offsets = fold_with_offsets(_PUNCT.sub(" ", text))
    entries = _place_names().entries
    short = _departements().short
    starts = [0] + [i + 1 for i, ch in enumerate(folded) if ch == " "]
    ends = [i for i, ch in enumerate(folded) if ch == " "] + [len(folded)]
    hits: list[PlaceHit] = []
    i = 0
    while i < len(starts):
        hit = None
        for j in range(min(len(starts), i + _MAX_WORDS) - 1, i - 1, -1):
            key = place_key(folded[starts[i]:ends[j]])
            entry = entries.get(key)
            if entry is None:
                continue
            start, end = offsets[starts[i]], offsets[ends[j] - 1] + 1
            original = text[start:end]
            if not _written_as_name(original, short.get(key)):
                continue
            kind, code, name = entry
            before = place_key(text[max(0, start - 30):start])
            strong = bool(_CONTEXT_BEFORE.search(before)) or len(key) > 4
            hit = PlaceHit(start, end, original, kind, code, name, strong)
            i = j
            break
        if hit:
            hits.append(hit)
        i += 1
    return hits


def _written_as_name(original: str, spellings: frozenset[str] | None) -> bool:
    """Names must be capitalised; short aliases written as listed or in capitals."""
    first = next((c for c in original if c.isalpha()), "")
    if not first.isupper():
        return False
    return spellings is None or original in spellings or is_upper_word(original)
