"""Political parties: the alias table, a free-text scanner and the far-right test.

The table is ``intake/data/parties.tsv`` (canonical short form, aliases, far_right,
family). Matching works on word tokens of the folded text, so it is accent- and
case-insensitive, except where letter case carries the meaning:

* an alias word written with a capital in the table must be capitalised in the text
  ("Verts", "Républicains", "Horizons", "Modem": not "espaces verts", "un modem");
* an acronym (all capitals: PS, LR, RN, FI) must be written in capitals;
* articles and small words (le, la, les, de, du, des, et…) are free;
* a few acronyms that are also ordinary abbreviations (PC, FI, GE, LO) need a party
  context just before them (élu·e, groupe, membre, parti, apparenté·e, or a bracket,
  slash or dash), and "PS :" (post-scriptum) is not the Parti socialiste;
* coalitions and parliamentary groups (NFP, NUPES, GDR, LIOT, FDG) count only when no
  party is named;
* a party right after "ex" ("ex-PS") is a former membership, and one right after
  "contre", "face au", "anti", "quitté" is an opponent: both are skipped;
* a name of several words glued to a capitalised word before it that is not a title
  ("Bagneux en commun", « Tours En Commun », "Grenoble Place publique") is a local
  list named after its town, not the party ("élue En commun", "Groupe Place publique"
  are the party); never for a far-right party ("Fréjus Rassemblement national" is RN);
* a lower-case adjective ("écologiste", "socialiste", "insoumise") after a determiner
  ("des écologistes convaincus", "une socialiste") or before "convaincu·e", "de cœur"
  describes a conviction, not a membership ("élue écologiste", "groupe des écologistes"
  are the party).

"Ensemble" alone is never matched (macronist coalition or left movement); "Ensemble !"
with its exclamation mark is the left movement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import islice

from petition.intake.textnorm import fold, fold_with_offsets

COALITION_FAMILIES = ("coalition", "group")
FREE_WORDS = frozenset(
    "l le la les d de du des et en pour a au aux".split()
)
CONTEXT_ONLY = frozenset({"pc", "fi", "ge", "lo", "poi", "pp france", "mrs", "tph"})
NOT_IN_TEXT = frozenset({"ges"})  # "GES" is mostly "gaz à effet de serre"
_CONTEXT_BEFORE = re.compile(
    r"(?:\belu(?:e|es|s)?|\bgroupe|\bmembre|\bmilitant(?:e)?|\badherent(?:e)?|\bparti"
    r"|\bapparente(?:e)?|\bencarte(?:e)?|\bliste|[(/\-–—|])\s*$"
)
BREAKS = frozenset(",;:()[]\n\r\t<>\"«»")
_TOKEN = re.compile(r"[^\W_]+|[!&]")
_NEXT_TOKEN = re.compile(r"(?:[^\w!&]|_)*([^\W_]+|[!&])")  # what _TOKEN finds next
NO_PARTY = re.compile(
    r"\b(?:sans etiquette|sans parti|non encarte(?:e)?|non inscrit(?:e)?|apolitique"
    r"|independant(?:e)? de tout parti)\b"
)


# « SE » alone on a line, in parentheses or as a line's last item: « sans étiquette »
_SE = re.compile(r"(?:^|\(|,)[ \t]*(?:SE|S\.E\.)[ \t]*(?:\)|\.)?[ \t]*$", re.MULTILINE)

_NOT_MEMBERSHIP = re.compile(
    r"(?:\bex|\banti|\bcontre|\bface a|\bface aux?|\boppose(?:e)?s? a|\bopposition a"
    r"|\bquitte|\bj'?\s?ai ete (?:adherente?|membre|militante?|encartee?)(?: au| a la| du| de la"
    r"| des| de| d')?|\bcontrairement a|\bcontrairement aux?|\b(?:dirigee?s?|geree?s?|tenue?s?"
    r"|administree?s?|gouvernee?s?) par)\s*(?:le|la|l|les|au|aux|du|des)?\s*$"
)


# Capitalised words that may stand right before a party's name: titles and offices,
# and words that open a sentence. Any other capitalised word names a town or a list.
_TITLES = frozenset(
    "elu elue elus elues e es conseiller conseillere conseillers conseilleres adjoint adjointe"
    " adjoints adjointes maire maires depute deputee deputes senateur senatrice senateurs"
    " candidat candidate candidats candidates groupe groupes liste listes membre membres"
    " militant militante adherent adherente parti apparente apparentee apparentes president"
    " presidente vice porte secretaire responsable delegue deleguee referent referente co"
    " ancien ancienne mouvement federation section tete".split())
_OPENERS = frozenset(
    "a au aux avec chez dans de des du en et ou par pour sur sous vers nous je j moi ma mon"
    " notre nos la le les l un une bonjour merci signe signee cordialement bien comme"
    " soutien soutenu soutenue investi investie".split())
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’·.\-]*)[ \t]+$")
_DETERMINER_BEFORE = re.compile(
    r"(?:^|[^\w])(?:(groupe|liste|parti|federation|section)\s+)?"
    r"(un|une|des|les|ces|nos|vos|leurs|d|l|de|du|tous|toutes|entre)\s*$")
_CONVICTION_AFTER = re.compile(
    r"^\s*(?:convaincue?s?|de coeur|dans l ame|de la premiere heure|de toujours)\b")


def _glued_to_a_local_name(text: str, start: int) -> bool:
    """"Bagneux en commun": a capitalised word that is no title right before the match."""
    found = _WORD_BEFORE.search(text[max(0, start - 60):start])
    if found is None:
        return False
    word = found.group(1)
    if word.endswith("."):
        return False  # the end of a sentence: "Je signe. Place publique"
    if not word[:1].isupper() or (len(word) > 1 and word.isupper()):
        return False  # lower case, or an acronym (a party: "EELV Les Écologistes")
    first = _tokens(word)[:1]
    return bool(first) and first[0] not in _TITLES and first[0] not in _OPENERS


def _conviction(text: str, start: int, end: int) -> bool:
    """"des écologistes convaincus", "une socialiste de cœur": a conviction, no card."""
    before = fold(text[max(0, start - 40):start])
    found = _DETERMINER_BEFORE.search(before)
    if found and not found.group(1):
        return True
    return _CONVICTION_AFTER.match(fold(text[end:end + 40])) is not None


def _not_membership(before: str) -> bool:
    """A party named after "ex-", "contre le", "face au"… is not the signer's own."""
    return _NOT_MEMBERSHIP.search(before) is not None


@dataclass(frozen=True)
class Party:
    canonical: str
    far_right: bool
    family: str


@dataclass(frozen=True)
class PartyHit:
    party: str  # canonical short form
    text: str  # the words as written
    start: int  # offset in the scanned text
    confidence: float


@dataclass(frozen=True)
class _Alias:
    tokens: tuple[str, ...]
    spellings: tuple[tuple[str, ...], ...]  # original words of each spelling
    breaks: frozenset[str]  # punctuation allowed inside the match (from the aliases)
    party: Party


@dataclass(frozen=True)
class _Table:
    parties: dict[str, Party]  # canonical → Party
    by_key: dict[str, Party]  # raw key (letters, digits, "!") → Party
    by_first: dict[str, tuple[_Alias, ...]]  # first token → aliases, longest first
    # first token → the tokens that may follow it, or None when it is an alias alone
    seconds: dict[str, frozenset[str] | None]


def raw_key(s: str) -> str:
    """Letters, digits and "!" of the folded text: the whole-name comparison key."""
    return "".join(ch for ch in fold(s) if ch.isalnum() or ch == "!")


def _tokens(s: str) -> list[str]:
    return _TOKEN.findall(fold(s))


def _original_words(s: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W_]+|[!&]", s.replace("\u2019", "'")))


@cache
def _table() -> _Table:
    text = resources.files("petition.intake.data").joinpath("parties.tsv").read_text("utf-8")
    parties: dict[str, Party] = {}
    by_key: dict[str, Party] = {}
    grouped: dict[tuple[str, ...], tuple[Party, list[str]]] = {}
    for line in text.splitlines()[1:]:
        if not line.strip() or line.startswith("#"):
            continue
        canonical, aliases, far, family = line.split("\t")
        party = Party(canonical, far.strip() == "yes", family.strip())
        parties[canonical] = party
        for alias in [canonical, *aliases.split("|")]:
            if not alias:
                continue
            by_key.setdefault(raw_key(alias), party)
            tokens = tuple(_tokens(alias))
            if not tokens or " ".join(tokens) in NOT_IN_TEXT:
                continue
            entry = grouped.setdefault(tokens, (party, []))
            entry[1].append(alias)
    by_first: dict[str, list[_Alias]] = {}
    for tokens, (party, spellings) in grouped.items():
        words = tuple(_original_words(a) for a in spellings)
        breaks = frozenset(c for a in spellings for c in a if c in BREAKS)
        by_first.setdefault(tokens[0], []).append(_Alias(tokens, words, breaks, party))
    ordered = {
        k: tuple(sorted(v, key=lambda a: -len(a.tokens))) for k, v in by_first.items()
    }
    seconds = {k: None if any(len(a.tokens) == 1 for a in v)
               else frozenset(a.tokens[1] for a in v) for k, v in ordered.items()}
    return _Table(parties, by_key, ordered, seconds)


def party_info(canonical: str) -> Party | None:
    """The table row of a canonical short form."""
    return _table().parties.get(canonical)


def canonical_party(name: str | None) -> str | None:
    """"Parti socialiste" → "PS", "Front national" → "RN"; None for none/unknown."""
    if not name or not name.strip():
        return None
    party = _table().by_key.get(raw_key(name))
    if party is not None:
        return party.canonical
    hit = find_party(name)
    return hit.party if hit else None


def is_party_name(text: str) -> bool:
    """The whole text is one party's name or alias (« PCF », « Parti socialiste »)."""
    return bool(text.strip()) and raw_key(text) in _table().by_key


def says_no_party(text: str) -> bool:
    """True when the text states no party: « sans étiquette », « sans parti »…"""
    return NO_PARTY.search(fold(text)) is not None or _SE.search(text) is not None


def find_party(text: str) -> PartyHit | None:
    """The first party named in ``text``; a group (« groupe Socialistes et apparentés »)
    only if no party is, a coalition only if neither is. A far-right group is never set
    aside so."""
    first_group: PartyHit | None = None
    first_coalition: PartyHit | None = None
    for hit, party in _scan(text):
        if party.family in COALITION_FAMILIES:
            first_coalition = first_coalition or hit
        elif not party.far_right and _in_a_group_name(text, hit.start):
            first_group = first_group or hit
        else:
            return hit
    return first_group or first_coalition


# « groupe Socialistes et apparentés », « groupe Communiste Républicain Citoyen et
# Écologiste »: from « groupe » to the end of the clause
_GROUP_NAME = re.compile(r"\bgroupes?\b[^,;()\n.]*$")


def _in_a_group_name(text: str, start: int) -> bool:
    return _GROUP_NAME.search(fold(text[max(0, start - 80):start])) is not None


def _scan(text: str):
    """Every alias match, left to right, longest first at each position.

    Only the places where some alias can start are visited (one regular expression
    finds them), so a long mail costs one scan in C, not a Python step per word.
    """
    folded, offsets = fold_with_offsets(text)
    table, seconds = _table().by_first, _table().seconds
    resume = 0
    for first in _first_tokens().finditer(folded):
        if first.start() < resume:
            continue
        word = first.group(0)
        followers = seconds[word]
        if followers is not None:  # « la » of « la pétition »: no alias goes on so
            after = _NEXT_TOKEN.match(folded, first.end())
            if after is None or after.group(1) not in followers:
                continue
        aliases = table[word]
        longest = len(aliases[0].tokens)
        spans = [(m.group(0), m.start(), m.end())
                 for m in islice(_TOKEN.finditer(folded, first.start()), longest)]
        for alias in aliases:
            n = len(alias.tokens)
            if tuple(s[0] for s in spans[:n]) != alias.tokens:
                continue
            start = offsets[spans[0][1]]
            end = offsets[spans[n - 1][2] - 1] + 1
            original = text[start:end]
            confidence = _accept(alias, original, text, start, end)
            if confidence is None:
                continue
            resume = spans[n - 1][2]
            if not _not_membership(folded[max(0, spans[0][1] - 30):spans[0][1]]):
                yield PartyHit(alias.party.canonical, original, start, confidence), alias.party
            break


@cache
def _first_tokens() -> re.Pattern[str]:
    """Where an alias may start: one of the first tokens, as a whole token."""
    firsts = sorted(_table().by_first, key=len, reverse=True)
    words = "|".join(re.escape(t) for t in firsts if _TOKEN.fullmatch(t) and t not in "!&")
    marks = "".join(re.escape(t) for t in firsts if t in ("!", "&"))
    return re.compile(rf"(?<![^\W_])(?:{words})(?![^\W_])" + (f"|[{marks}]" if marks else ""))


def _accept(alias: _Alias, original: str, text: str, start: int, end: int) -> float | None:
    """The confidence of a match, or None when its letter case or context refuses it."""
    if any(c in BREAKS and c not in alias.breaks for c in original):
        return None
    words = _original_words(original)
    if not (any(_case_fits(spelling, words) for spelling in alias.spellings)
            or _item_of_a_line_without_capitals(text, start, end)
            or _written_apart(alias, text, start, end)):
        return None
    if not alias.party.far_right:  # a far-right name is never explained away
        if len(alias.tokens) > 1 and _glued_to_a_local_name(text, start):
            return None
        if _is_adjective(alias, words) and _conviction(text, start, end):
            return None
    key = " ".join(alias.tokens)
    if key in CONTEXT_ONLY and not (_CONTEXT_BEFORE.search(fold(text[max(0, start - 20):start]))
                                    or _last_item(*_around(text, start, end))):
        return None  # « FI » alone is too short a word, but « …, Paris 18e, FI » is a party
    after_comma = text[max(0, start - 4):start].rstrip(" \t").endswith(",")
    if key == "ps" and re.match(r"\s*:", text[end:]) and not after_comma:
        return None  # « PS : » opens a post-scriptum, except after a comma (« …, PS : je signe »)
    if alias.party.family in COALITION_FAMILIES:
        return 0.5
    if len(alias.tokens) > 1:
        return 0.95
    if any(c.isupper() for c in words[0][1:]) or words[0].isupper():
        return 0.9
    return 0.7 if words[0][:1].islower() else 0.85


def _item_of_a_line_without_capitals(text: str, start: int, end: int) -> bool:
    """« mathilde exemple cons. mun. st brieuc, ps »: a line written all in lower case
    says nothing by its letter case; an alias there counts as an item of a list (after
    a comma or a dash, ending the line or followed by the next item)."""
    before, after = _around(text, start, end)
    if any(c.isupper() for c in f"{before}{text[start:end]}{after}"):
        return False
    return (before.endswith((",", "-", "–", "/", ";", ")"))  # « beaucaire (30) rn. »
            and after[:1] in ("", ",", ".", ";", ")"))


def _written_apart(alias: _Alias, text: str, start: int, end: int) -> bool:
    """« (reconquete) », a line « lfi », « …, sénatrice du Val-de-Marne, pcf. »: a name
    written in lower case still names a party when it stands apart: alone in
    parentheses; or alone on its line, or as the last item of a line, when it is an
    acronym of three letters or more or a far-right name (« ps » is also a
    post-scriptum, « après » a word)."""
    before, after = _around(text, start, end)
    if before.endswith("(") and after.startswith(")"):
        return True
    acronym = alias.party.canonical  # PCF, LFI: the party's own short form, not « APRÈS »
    distinct = alias.party.far_right or (acronym.isupper() and len(acronym) >= 3 and any(
        sp == (acronym,) for sp in alias.spellings))
    return distinct and (not before or _last_item(before, after))


def _around(text: str, start: int, end: int) -> tuple[str, str]:
    """What the line holds before ``start`` and after ``end``, stripped."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return (text[line_start:start].rstrip(" \t"),
            text[end:len(text) if line_end == -1 else line_end].strip(" \t"))


def _last_item(before: str, after: str) -> bool:
    """The last item of a comma-separated line (« …, Paris 18e, FI »)."""
    return before.endswith(",") and after in ("", ".")


def _is_adjective(alias: _Alias, words: tuple[str, ...]) -> bool:
    """One lower-case word ("écologiste", "insoumis·e"), spelt so in the table too."""
    return (words[:1] != () and words[0][:1].islower()
            and any(len(sp) <= 2 and sp[0][:1].islower() for sp in alias.spellings))


def _case_fits(spelling: tuple[str, ...], words: tuple[str, ...]) -> bool:
    if len(spelling) != len(words):
        return True  # spellings differing by punctuation: no case rule to apply
    for want, got in zip(spelling, words, strict=True):
        if fold(want) in FREE_WORDS or not want[:1].isalpha():
            continue
        if len(want) > 1 and want.isupper() and not got.isupper():
            return False
        if want[:1].isupper() and not got[:1].isupper():
            return False
    return True


def is_far_right(party: str | None, far_right: Sequence[str]) -> bool:
    """Whether a party (any alias or canonical form) is in the configured list."""
    if not party:
        return False
    wanted = {_far_key(name) for name in far_right}
    return _far_key(party) in wanted


def _far_key(name: str) -> str:
    return raw_key(canonical_party(name) or name)
