"""Find the elected offices a text states: type, label, place and département.

The vocabulary lives in ``data/mandates.tsv`` (one row a way of writing an office).
Matching runs on a folded copy of the text that keeps every character at its
place (lower case, accents stripped, inclusive-writing suffixes blanked), so a
match in the folded text is a slice of the original: the label is cut from
what the person wrote. Every expression is linear: bounded repetitions, no
nested open-ended groups.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise

from petition.intake import geo
from petition.intake.record import Mandate

log = logging.getLogger(__name__)

# --- folding that keeps offsets -------------------------------------------------

_APOS = "\u2019\u2018\u02bc`\u00b4"


def _fold_char(ch: str) -> str:
    if ch in _APOS:
        return "'"
    if ch in "\u2013\u2014\u2010\u2011\u2212":
        return "-"
    if ch.isspace():
        return "\n" if ch in "\n\r\u2028\u2029" else " "
    low = ch.lower()
    if len(low) != 1:
        return ch
    base = unicodedata.normalize("NFD", low)[0]
    return base if base.isascii() else low


_INCLUSIVE = re.compile(
    r"[\u00b7\u2022\u22c5\u2027](?<=[a-z].)"
    r"(?:eres|ere|es|rices|rice|ice|trice|nes|ne|les|le|e|x)?"
    r"(?:[\u00b7\u2022\u22c5](?:es|e|rice|ice))?(?![a-z])"
    r"|\.(?<=[a-z].)(?:ere|es|rice|ice|ne|le|e)(?![a-z])"
    r"|-(?<=[a-z]-)(?:ere|rice|es|e)(?![a-z'])"
    r"|\((?<=[a-z]\()(?:ere|es|rice|ice|ne|le|e)\)"
    r"|/(?<=[a-z]/)(?:ere|e|rice|ice|conseillere|conseiller|senatrice|senateur|deputee|depute"
    r"|adjointe|adjoint|municipale|municipal)(?![a-z])"
)


class _KeepTable(dict[int, str]):
    def __missing__(self, code: int) -> str:
        value = _fold_char(chr(code))
        self[code] = value
        return value


_TABLE = _KeepTable()


@lru_cache(maxsize=16)  # the same text is folded by several stages of one mail
def fold_keep(text: str) -> str:
    """Lower case, accents stripped, inclusive suffixes blanked; same length as ``text``."""
    folded = text.translate(_TABLE)
    return _INCLUSIVE.sub(lambda m: " " * len(m.group()), folded)


# --- the vocabulary ---------------------------------------------------------------

MACROS = {
    # A bounded set of misspellings: one « l » (« conseilere »), « muncipal », « municpal »,
    # « munipal », a doubled « l » (« municipalle »), « ajointe », « regionnal ».
    "conseiller": r"conseill?(?:er|ere)",
    "municipal": r"mun(?:ici|ic|ci|i)pa(?:ll?e?s?|ux)",
    "departemental": r"depart?e?m[ae]nta(?:ll?e?s?|ux)",
    "regional": r"regionn?a(?:ll?e?s?|ux)",
    "adjoint": r"ad?jointe?",
    "delegue": r"deleguee?",
    "president": r"(?:presidente?s?|pdte?|pres\.)",
    "vp": r"(?:vice ?presidente?s?|vp|vice ?pdte?)",
    "depute": r"deputee?",
    "senateur": r"senat(?:eur|rice)",
    "elu": r"elue?",
    # a party's adjective written inside an office (« sénatrice communiste du Val-d'Oise »)
    "partisan": (r"(?:communiste|socialiste|ecologiste|insoumise?|centriste|gaulliste"
                 r"|radicale?|republicaine?|regionaliste|autonomiste|independantiste)s?"),
    "ord": (r"(?:1er|1ere|1re|premier|premiere|\d{1,2}(?:e|eme|ieme|er|re|ere)?"
            r"|deuxieme|troisieme|quatrieme|cinquieme|sixieme|septieme|huitieme"
            r"|neuvieme|dixieme|second|seconde)"),
}


@dataclass(frozen=True)
class Row:
    type: str
    rule: str
    pattern: str
    needs_place: bool = False  # rule written « commune! »: no office without its place


def _expand(pattern: str) -> str:
    for key, value in MACROS.items():
        pattern = pattern.replace("{" + key + "}", value)
    return pattern.replace(" ", r"[ \-]+")


@cache
def vocabulary() -> tuple[Row, ...]:
    text = resources.files("petition.intake.data").joinpath("mandates.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, rule, pattern = line.split("\t")
        rows.append(Row(kind, rule.rstrip("!"), pattern, rule.endswith("!")))
    return tuple(rows)


@cache
def _scanner() -> re.Pattern[str]:
    parts = [f"(?P<r{i}>{_expand(row.pattern)})" for i, row in enumerate(vocabulary())]
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(parts) + r")(?![a-z0-9])")


# --- contexts that void a match -------------------------------------------------

_FORMER_BEFORE = re.compile(
    r"(?:\b(?:ancien(?:ne)?s?|anc\.|ex|honoraire|non|plus|pas|ni|jamais)|\bex-|\bj'ai ete"
    r"|\ba ete|\betais|\betait)[ \-«\"“]*"  # « pas « conseillère municipale » mais … »
    r"(?:(?:\d{1,2}\w*|premier|premiere) )?$")
_OTHERS_BEFORE = re.compile(
    r"(?:\b(?:collaborat(?:eur|rice)s?|assistante?s?|attachee?s?|suppleante?s?|cabinet"
    r"|secretariat|equipe|service|services|directeur|directrice|candidate?s?|candidature"
    r"|conseil|epoux|epouse)(?: parlementaire)?(?: (?:du|de la|de l'|d'un|d'une|au|aux|des"
    r"|de|a|a la|aupres du|aupres de la))?"
    r"|\b(?:madame|monsieur|mme|m\.|mr|mlle) (?:le|la)|\bd'|\bdes|\bau|\bdu|\bnos|\bvos|\bles"
    r"|(?<![\w'])a (?:la|l')"  # « j'ai transféré votre appel à la maire de ma commune »
    r"|\b(?:avec|par|selon|contre|chez|sans|envers|entre) (?:le|la|l'))"  # « avec le maire »
    r" *$")
# « Le maire, lui, n'a pas souhaité signer »: the office of someone set apart
_SET_APART = re.compile(r"[ ]*,[ ]*(?:lui|elle|eux|elles)[ ]*,")
_TITLE_ONLY = {"maire", "senateur", "depute"}
_ON_BEHALF = re.compile(r"(?:de la part|au nom|pour le compte) (?:de |d'|du )"
                        r"(?:(?:madame|monsieur|mme|m\.) (?:le |la ))?$")
_TITLE_AT_START = re.compile(r"^[ \t]*(?:madame|monsieur) (?:le|la) $")
# « Madame la Maire, Anne Roy, souhaite signer la tribune »: the titled person signs.
_SIGNS_FOR = re.compile(r"\b(?:souhaite|veut|voudrait|tient a|desire) (?:aussi |egalement )?"
                        r"(?:signer|apporter sa signature|s'associer|ajouter son nom"
                        r"|retirer sa signature)"
                        r"|\b(?:me|m'a|nous|nous a) (?:charge|chargee|demande|prie)e? de\b"
                        r"(?=[^.!?]*\b(?:sign|retir))"
                        r"|\b(?:signe|cosigne|apporte sa signature a|s'associe a)"
                        r" (?:la|votre|cette)")


# « La maire de Paris s'est engagée », « Notre maire de secteur a demandé »: an office
# with an article or a possessive, then a verb, is someone else's; « je suis le maire de
# X et … » is the writer's, « Le maire de X souhaite signer » a cabinet's élu's.
_ARTICLE_BEFORE = re.compile(r"(?:^|[^\w'])(?:le|la|l'|notre|votre|leur|son|sa|the|our|their"
                             r"|his|her) *$")
_OWN_ARTICLE = re.compile(r"\b(?:suis|sommes|etant|que|comme|reste|demeure) *(?:le|la|l') *$")
# read on the text as written: « a » is a verb, « à » a preposition
_VERB_AFTER = re.compile(r" +(?!(?:de|du|des|d['’]|et|à|au|aux|en|pour|chargée?|déléguée?)(?!\w))"
                         r"[a-zà-ÿ]")


def _third_person(text: str, folded: str, start: int, end: int) -> bool:
    line_start = folded.rfind("\n", 0, start) + 1
    before = folded[max(line_start, start - 30):start]
    return (_ARTICLE_BEFORE.search(before) is not None and not _OWN_ARTICLE.search(before)
            and _VERB_AFTER.match(text, end) is not None
            and not _SIGNS_FOR.search(_sentence_after(folded, end)))


def _sentence_after(folded: str, end: int) -> str:
    stop = _SENTENCE_STOP.search(folded, end, end + 200)
    return folded[end:stop.start() if stop else end + 200]


_SENTENCE_STOP = re.compile(r"[.!?]|\n[ \t]*\n")  # a wrapped sentence goes on
_FORMER_AFTER = re.compile(
    r"[ \-]*(?:honoraire|suppleante?|\(\s*(?:19|20)\d\d\s*[-/a]+\s*(?:19|20)\d\d\s*\)"
    r"|de (?:19|20)\d\d a (?:19|20)\d\d|jusqu'en (?:19|20)\d\d|entre (?:19|20)\d\d et)")


# --- places ----------------------------------------------------------------------

_DELEG = _expand(r"(?:{delegue}s?|chargee?s?|en charge|responsable)")
_MODIFIERS = re.compile(  # also at the start of the next line (a wrapped sentence)
    r"[ ,]*(?:\n[ \t]*)?(?:d'opposition|de l'opposition"
    r"|de (?:la )?(?:majorite|minorite|opposition)(?: municipale)?"
    r"|independante?s?|sortante?s?|reelue?s?|en exercice|suppleante?s?"
    r"|minoritaires?|majoritaires?|" + MACROS["partisan"]
    + r"|" + _DELEG + r"(?:[ ]*\([A-Za-z.]{1,6}\))?"  # « délégué (CMD) à la vie associative »
    r"(?: (?:a|au|aux|de|du|des|d'|a la|a l'|pour))?[^\n,;()\-]{0,60}?"
    r"(?=[ ][\-][ ]|[,;()\n]|$| (?:de|d'|du|a) [A-Z]| et (?!aux |au |a la |a l'|à la |à l'|à ))"
    r"|(?:du|des) " + MACROS["ord"] + r"(?:(?: et|,) " + MACROS["ord"] + r")*"
    r"(?: arrondissements?| secteurs?)?"
    r"|de la " + MACROS["ord"] + r" circonscription"
    r"|(?:du |le )?canton (?:de |d'|du |des )?[a-z0-9\- ']{2,40}?"
    r"(?= de | du | des | et |[,;()\n]|$))"
)
# A party's short name between an office and its place, bare in capitals or in brackets.
_PARTY_TAG = re.compile(
    r"[ ]+(?!(?:CA|CC|CU|CD|CR|CM|EPT)\b)"  # the body abbreviations are places
    r"(?:\([A-Z][\w.·/\-]{1,12}\)|[A-Z][A-Z.·/\-]{1,8})(?= (?:de |d'|d’|du |à |a ))")
_CONNECTOR = re.compile(
    r"(?:[ ]*(?:\(|[\-:,][ ]*|\n(?=[^\n]))|[ ]+(?:de la |de l'|du |des |de |d'|a la |a l'"
    r"|a |au |aux |en |sur |pour la |pour le |pour |of the |of |in |for the |for |)"
    r"|(?:de la |de l'|du |des |de |d'|a |au |aux |en ))"
)
# A capitalised word of a name; a dot only ends a short abbreviation (« St. », « Ste. »),
# never a sentence (« … Seine Bièvre. Communiste. »).
_NAME_WORD = r"(?:[A-ZÀ-ÖØ-Þ][a-zà-ÿ]{0,2}\.|[A-ZÀ-ÖØ-Þ][\w'’]*)(?:-[\w'’]+)*"
_LINK = r"(?:de |du |des |la |le |les |sur |sous |en |et |lès |lez |aux |au |à |d'|l'|d’|l’)"
_PLACE = re.compile(rf"{_NAME_WORD}(?:[ ](?:{_LINK}){{0,2}}{_NAME_WORD}|(?:d'|d’|l'|l’)"
                    rf"{_NAME_WORD}){{0,6}}")
# A place written in lower case (« st etienne », « la gironde »): tried after the others.
_LOW_WORD = r"[a-zà-öø-ÿ][\w'’]*\.?(?:-[\w'’]+)*"
_PLACE_LOW = re.compile(rf"{_LOW_WORD}(?:[ ]{_LOW_WORD}){{0,4}}")
# Lower-case words that name a commune but mostly mean something else.
_COMMON_WORDS = frozenset(
    "quartier secteur port pont rue mer bonne ville village bourg campagne centre gauche"
    " droite coeur base france passage mars vaux plus gare".split())
_SAINT = frozenset({"st", "ste", "saint", "sainte"})
# What a commune written in lower case follows: « maire de st etienne », « élu à vitré ».
_LOW_LINK = re.compile(r"(?:\bde |\bd'|\bdu |\bdes |\ba |\bau |\ben |\bsur )$")
_BODY = re.compile(
    r"(?:(?:la |l')?(?:[Cc]ommunaut[ée] (?:de communes|d'agglom[ée]ration|urbaine"
    r"|de l'agglom[ée]ration)"
    r"|[Mm][ée]tropole(?: [Ee]urop[ée]enne)?|Eurom[ée]tropole|[Aa]gglo(?:m[ée]ration)?"
    r"|Territoire|EPT|CA|CC|CU)"
    r"(?: (?:du |de la |de l'|des |de |d')?| )?"
    rf"(?:{_NAME_WORD}(?:[ ](?:{_LINK}){{0,2}}{_NAME_WORD}){{0,5}})"
    rf"|{_NAME_WORD}(?:[ ](?:{_LINK}){{0,2}}{_NAME_WORD}){{0,4}} (?:[Mm][ée]tropole|[Aa]gglo"
    r"(?:m[ée]ration)?|Communaut[ée])(?![\w-]))"
)
# A body named in lower case by its kind, then its own name: « communauté de communes
# du Pays de Landivisiau » (the name after it was read with its capitals).
_LOWER_BODY = re.compile(r"(?:la |l')?(?:communaut[ée] |m[ée]tropole |agglo(?:m[ée]ration)? )")
_CODE = r"(?:2[AaBb]|9[78]\d|0[1-9]|[1-9]\d)"
_CODE_AFTER = re.compile(
    rf"[ ]*(?:\([ ]*(?P<p>{_CODE})[ ]*\)|\((?P<pn>[^()\n]{{2,40}})\)"
    rf"|,[ ]*(?:dep\.?|dept\.?|dpt\.?|departement|d[ée]p\.?|d[ée]partement)[ ]*(?P<c>{_CODE})\b"
    rf"|[ ]*[,\-][ ]*(?P<dn>{_NAME_WORD}(?:[ ](?:{_LINK}){{0,2}}{_NAME_WORD}){{0,3}})"
    rf"|[ ]+(?P<b>{_CODE})(?![\w\-/.,]))"
)
_STANDALONE_DEP = re.compile(
    rf"^[ \t]*(?:\([ ]*(?P<p>{_CODE}|[^()\n]{{2,40}})[ ]*\)|(?:d[ée]p\.?|d[ée]partement)"
    rf"[ ]+(?P<c>{_CODE}))[ \t.]*$", re.M)

CITIES = {"paris": "Paris", "lyon": "Lyon", "marseille": "Marseille"}
CITY_DEPS = {"Paris": "75", "Lyon": "69", "Marseille": "13"}
_BODY_WORDS = re.compile(r"metropole|communaute|agglo|territoire|\bept\b|\bca\b|\bcc\b|\bcu\b")


def _key(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold_keep(s).replace("'", " ")).strip()


def _dekey_article(k: str) -> str:
    for art in ("la ", "le ", "les ", "l "):
        if k.startswith(art):
            return k[len(art):]
    return k


def valid_code(code: str | None) -> str | None:
    if not code:
        return None
    c = code.upper().lstrip()
    if c in ("2A", "2B"):
        return c
    if re.fullmatch(r"\d{2}", c) and c not in ("00", "20", "96", "97", "98", "99"):
        return c
    if c in {"971", "972", "973", "974", "975", "976", "977", "978", "986", "987", "988"}:
        return c
    return None


def dep_code_of_name(name: str) -> str | None:
    """The code of a département (or single-code collectivité) named ``name``."""
    name = name.strip(" .")
    code = geo.departement_from_name(name)
    if code:
        return code
    single = geo.single_code_collectivity(name)
    if single:
        return single if isinstance(single, str) else single[-1]
    return None


def dep_name_of(name: str) -> str | None:
    code = dep_code_of_name(name)
    if code and geo.departement_from_name(name):
        return geo.departement_name(code)
    return None


def region_of(name: str) -> str | None:
    return geo.region_from_name(name.strip(" ."))


def commune_of(name: str) -> str | None:
    """The commune's written name when ``name`` is a known commune, else None."""
    name = name.strip(" .")
    if _key(name) in CITIES:
        return CITIES[_key(name)]
    found = geo.communes_named(name)
    if not found:
        return None
    first = found[0]
    canon = getattr(first, "name", None) or (first[0] if isinstance(first, tuple) else None)
    return canon if isinstance(canon, str) else name


def _written_departement(written: str, name: str) -> str | None:
    """The département of a commune written under another name than its own
    (« Montreuil-sous-Bois » is Montreuil, 93, though several communes are Montreuil)."""
    if geo.place_key(written) == geo.place_key(name):
        return None
    deps = {c.departement for c in geo.communes_named(written)}
    return deps.pop() if len(deps) == 1 else None


def commune_dep(name: str, hint: str | None = None) -> str | None:
    if name in CITY_DEPS:
        return CITY_DEPS[name]
    return geo.commune_departement(name, hint)


def _commune_in(name: str, code: str) -> bool:
    return commune_dep(name, code) == code


@cache
def territorial() -> dict[str, str | None]:
    """Collectivités with a single territorial assembly (``data/territorial.tsv``):
    name → département code (None for Corse)."""
    text = resources.files("petition.intake.data").joinpath("territorial.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]
    return {name: code or None for name, code in rows[1:]}


def territorial_of(name: str) -> tuple[str, str | None] | None:
    """(collectivité, code) when ``name`` is one with a single territorial assembly."""
    name = name.strip(" .")
    table = territorial()
    code = geo.single_code_collectivity(name)
    if code and code in table.values():
        return next(n for n, c in table.items() if c == code), code
    region = geo.region_from_name(name)
    if region in table and table[region] is None:
        return region, None
    return None


def is_body(name: str) -> bool:
    """An intercommunal body: a type word (Métropole, CA, agglo…) or a known EPCI/EPT name."""
    k = _dekey_article(_key(name))
    return bool(_BODY_WORDS.search(k)) or geo.epci_named(name) is not None


# --- the scan ----------------------------------------------------------------------

@dataclass
class Hit:
    """A mandate found in the text, before places are shared between offices."""
    type: str
    label: str
    place: str | None
    departement: str | None
    code_written: bool
    start: int
    end: int          # end of the mandate with its place and code
    rule: str


def _place_candidates(text: str, pos: int) -> list[tuple[str, int]]:
    """Place names starting at ``pos``: the longest first, then shorter ones."""
    out: list[tuple[str, int]] = []
    for rx in (_BODY, _PLACE, _PLACE_LOW):
        if rx is _PLACE_LOW and out:
            break
        m = rx.match(text, pos)
        if not m:
            continue
        s = m.group()
        out.append((s, m.end()))
        words = s.split(" ")
        for n in range(len(words) - 1, 0, -1):
            cut = " ".join(words[:n])
            if cut.split(" ")[-1] in ("de", "du", "des", "la", "le", "les", "et", "sur", "en"):
                continue
            out.append((cut, pos + len(cut)))
    return out


_COUNCIL_CODE = re.compile(r"(?:CD|CG)[ \-]?(\d{2,3}|2[AaBb])")


def _resolve(rule: str, cand: str) -> tuple[str, str, str | None] | None:
    """(type override or '', place, inferred code) when ``cand`` fits ``rule``."""
    c = cand.strip(" .,")
    if c.lower().startswith(("la ", "le ", "les ", "l'", "l’")) and rule not in ("body",):
        c2 = re.sub(r"^(?:la |le |les |l'|l’)", "", c, flags=re.I)
    else:
        c2 = c
    if rule in ("commune", "paris"):
        if is_body(c2) and _BODY_WORDS.search(_key(c2)):
            return None
        written = c if commune_of(c) else c2  # « Le Pin » before « Pin »
        name = commune_of(written)
        if name:
            return "", name, _written_departement(written, name)
        return None
    if rule == "city":
        k = _key(c2)
        return ("", CITIES[k], CITY_DEPS[CITIES[k]]) if k in CITIES else None
    if rule == "departement":
        code = geo.departement_from_name(c2) or geo.departement_from_name(c)
        if code:
            return "", geo.departement_name(code) or c2, code
        terr = territorial_of(c2)
        if terr:
            return "", terr[0], terr[1]
        return None
    if rule == "region":
        reg = region_of(c2) or region_of(c)
        return ("", reg, None) if reg else None
    if rule == "territorial":
        terr = territorial_of(c2)
        return ("", terr[0], terr[1]) if terr else None
    if rule == "body":
        return ("", c, None) if is_body(c) or c[:1].isupper() else None
    if rule in ("auto", "departement"):
        council = _COUNCIL_CODE.fullmatch(c2)  # « vice-présidente du CD22 »
        if council and valid_code(council.group(1)):
            code = valid_code(council.group(1))
            return ("conseiller_departemental" if rule == "auto" else "",
                    geo.departement_name(code) or code, code)
    if rule == "auto":
        terr = territorial_of(c2)
        if terr:
            return "conseiller_territorial", terr[0], terr[1]
        if is_body(c):
            return "conseiller_communautaire", c, None
        reg = region_of(c2)
        if reg:
            return "conseiller_regional", reg, None
        code = geo.departement_from_name(c2)
        if code:
            return "conseiller_departemental", geo.departement_name(code) or c2, code
        return None
    return None


def _code_after(text: str, folded: str, pos: int, rule: str, place: str | None
                ) -> tuple[str | None, int, str | None]:
    """(written code, end, city named in parentheses) right after a place."""
    m = _MODIFIERS.match(folded, pos)
    if m and m.end() > pos:
        pos2 = m.end()
    else:
        pos2 = pos
    for start in dict.fromkeys((pos, pos2)):
        m = _CODE_AFTER.match(text, start)
        if not m:
            continue
        code = m.group("p") or m.group("c") or m.group("b")
        if code and valid_code(code):
            return valid_code(code), m.end(), None
        named = m.group("pn") or m.group("dn")
        if named:
            code = dep_code_of_name(named)
            if code and (m.group("pn") or geo.departement_from_name(named)):
                return code, m.end(), None
            if m.group("pn") and _key(named) in CITIES:
                return None, m.end(), CITIES[_key(named)]
    return None, pos, None


def _scan_place(text: str, folded: str, pos: int, rule: str
                ) -> tuple[str, str | None, str | None, int, bool]:
    """(type override, place, code, end, written) for the office ending at ``pos``."""
    if rule == "none":
        code, end, _ = _code_after(text, folded, pos, rule, None)
        return "", None, code, (end if code else pos), bool(code)
    start = pos
    starts: list[int] = []
    bare = _BARE_DELEG.match(folded, start)
    if bare:  # « adjointe au maire déléguée de Tourlaville »
        starts.append(bare.end())
    to_place = _DELEG_TO.match(folded, start)
    if to_place and text[to_place.end():to_place.end() + 1].isupper():
        starts.append(to_place.end() - 3)  # « déléguée à St-Brieuc »: a place, no topic
    if _ENDS_DELEG.search(folded, max(0, pos - 12), pos):  # « adjoint délégué à la … de X »
        stop = _DELEG_STOP.search(folded, pos, pos + 60)
        starts.extend(_links_inside(folded, pos, stop.start() if stop else pos + 60, True))
        if stop and stop.group() != "(":  # « adjointe déléguée aux sports, Millau »
            starts.append(stop.start())
    for _ in range(3):
        tag = _PARTY_TAG.match(text, start)
        if tag:  # « conseiller municipal EELV de Rouen », « maire (PCF) de Gennevilliers »
            start = tag.end()
            continue
        m = _MODIFIERS.match(folded, start)
        if not m or m.end() == start:
            break
        starts.extend(_links_inside(folded, m.start(), m.end()))
        starts.extend(_to_capital_inside(text, folded, m.start(), m.end()))
        start = m.end()
    slash = _SLASHED.match(text, start)  # « de Portivechju / Porto-Vecchio »
    for at in (*starts, start, *([slash.end()] if slash else [])):
        found = _place_at(text, folded, at, rule)
        if found:
            return found
    code, end, city = _code_after(text, folded, start, rule, None)
    if city and rule == "city":
        return "", city, CITY_DEPS[city], end, False
    if rule == "departement":
        canton = _canton_departement(text, folded, pos, start, code)
        if canton:
            return "", geo.departement_name(canton), canton, (end if code else start), bool(code)
    return "", None, code, (end if code else pos), bool(code)


# a place written twice, in a regional language then in French: the second is read
_SLASHED = re.compile(r"[ ]+(?:de |d'|d’|du |à )?[A-ZÀ-ÖØ-Þ][\w'’\-]*(?: [\w'’\-]+){0,2}"
                      r"[ ]*/[ ]*(?=[A-ZÀ-ÖØ-Þ])")
_CANTON = re.compile(r"canton (?:de |d'|du |des )?([a-z0-9\- ']{2,40}?)(?:[ \-]+\d{1,2})?[ ]*$")


def _canton_departement(text: str, folded: str, pos: int, end: int,
                        code: str | None) -> str | None:
    """The département of a conseiller départemental's canton (« du canton de Millau-2 »):
    the code written after it, else the département of the commune it is named after."""
    m = _CANTON.search(folded, pos, end)
    if not m:
        return None
    if code:
        return code
    return commune_dep(text[m.start(1):m.end(1)].strip(" -'"))


_DELEG_WORD = re.compile(r"deleg|charg|responsable")
_LINK_INSIDE = re.compile(r" (?=de |d'|du )")


_BARE_DELEG = re.compile(r"[ ,]*" + MACROS["delegue"] + r"s?(?= (?:de |d'|du ))")
_ENDS_DELEG = re.compile(r"(?:" + MACROS["delegue"] + "|" + MACROS["adjoint"] + r")s?$")
_DELEG_TO = re.compile(r"[ ,]*" + MACROS["delegue"] + r"s? a ")
_DELEG_STOP = re.compile(r"[\n,;()]| - ")


_TO_INSIDE = re.compile(r" a (?=\S)")


def _to_capital_inside(text: str, folded: str, start: int, end: int) -> list[int]:
    """« chargé des mobilités douces à Vannes »: « à » then a capital inside a
    delegation names the place (« à la culture » does not)."""
    span = folded[start:end]
    if not _DELEG_WORD.search(span):
        return []
    return [start + m.start() for m in _TO_INSIDE.finditer(span)
            if text[start + m.end():start + m.end() + 1].isupper()]


def _links_inside(folded: str, start: int, end: int, deleg: bool = False) -> list[int]:
    """Where a place may start inside a delegation: « déléguée de Tourlaville », « délégué
    à la culture de Millau » (a body named first ends the search: « délégué de la
    Métropole de Lyon » names no commune)."""
    span = folded[start:end]
    if not deleg and not _DELEG_WORD.search(span):
        return []
    out = []
    for m in _LINK_INSIDE.finditer(span):
        if _BODY_WORDS.search(span[:m.start()]) or _BODY_WORDS.match(span, m.end() + 3):
            break
        out.append(start + m.start())
    return out


# « adjoint au maire du Pin »: « du » is « de Le », so the commune is Le Pin (nine
# communes), not Pin (70); « des Lilas » is Les Lilas
_CONTRACTED = re.compile(r"\b(du|des)[ ]+$")
_ARTICLE_OF = {"du": "Le", "des": "Les"}
_COMMUNE_WORD = re.compile(
    r"(?:la |l')?(?:commune|ville|mairie)(?: (?:deleguee|associee|nouvelle))? (?:de |d'|du )")


def _place_at(text: str, folded: str, start: int, rule: str
              ) -> tuple[str, str | None, str | None, int, bool] | None:
    for con in _connectors(folded, start):
        if rule == "body" and (_COMMUNE_WORD.search(folded, start, con)
                               or _COMMUNE_WORD.match(folded, con)):
            continue  # « Ville de Quimper » under an intercommunal office is not its body
        article = _CONTRACTED.search(folded, start, con) if rule == "commune" else None
        for cand, cend in _place_candidates(text, con):
            got = (article and _resolve(rule, f"{_ARTICLE_OF[article.group(1)]} {cand}")
                   ) or _resolve(rule, cand)
            if got is None:
                continue
            override, place, inferred = got
            if rule == "body" or override == "conseiller_communautaire":
                place, cend = _whole_body_name(text, place, cend)
            code, end, _ = _code_after(text, folded, cend, rule, place)
            if (cand[:1].islower() and not _lower_body(cand)
                    and not _lower_case_place(text, con, rule, place, code)):
                break  # nor a shorter piece of it: « st nazaire » is not « st » (Le Saint)
            if text[con - 1:con] == "(" and text[cend:cend + 1] == ")":
                end = max(end, cend + 1)
            written = code is not None
            return override, place, code or inferred, max(end, cend), written
    return None


_BODY_TAIL = re.compile(r",[ ]*([^,;()\n]{2,60}?)[ ]*(?=[(,;\n]|$)")
_SPELT_OUT = re.compile(r"[ ]*\(([^()\n]{4,100})\)")


def _unknown_word_in_capitals(place: str) -> bool:
    """One word in capitals the EPCI table does not know names no body after the bare
    abbreviation (« CC CFLAGS » in a Makefile); « conseiller communautaire de la CINOR »
    keeps its acronym."""
    return " " not in place and place.isupper() and geo.epci_named(place) is None


def _whole_body_name(text: str, place: str, end: int) -> tuple[str, int]:
    """An intercommunal body's whole name when the place read so far stops short of it:
    a name holding a comma (« Communauté de communes Chinon, Vienne et Loire »), or an
    acronym spelt out in parentheses (« la CALL (Communauté d'agglomération de
    Lens-Liévin) »). Only a name the EPCI table knows is taken."""
    spelt = _SPELT_OUT.match(text, end)
    if spelt and place.isupper() and geo.epci_named(spelt.group(1)) is not None:
        return spelt.group(1).strip(), spelt.end()
    while (tail := _BODY_TAIL.match(text, end)) is not None:
        longer = f"{place}, {tail.group(1)}"
        if geo.epci_named(longer) is None:
            break
        place, end = longer, end + len(tail.group(0).rstrip())
    return place, end


def _lower_body(cand: str) -> bool:
    """« communauté de communes du Pays de Landivisiau »: a body's kind in lower case,
    then its own name with capitals."""
    return _LOWER_BODY.match(cand) is not None and any(c.isupper() for c in cand)


def _lower_case_place(text: str, pos: int, rule: str, place: str, code: str | None) -> bool:
    """A place written in lower case at ``pos`` is one when its list is closed (a
    département, a région) or, for a commune, when a code written after it agrees, or
    the line is written without capitals (« adjointe au maire de st etienne ») and names
    one commune that is not a common word (« maire de quartier »)."""
    if rule not in ("commune", "paris"):
        return rule in ("departement", "region", "territorial")
    if code:
        return _commune_in(place, code)
    words = _key(text[pos:pos + len(place) + 8]).split()
    if not words or words[0] in _COMMON_WORDS:
        return False
    saint = words[0] in _SAINT and fold_keep(place).startswith(("saint-", "sainte-"))
    if not saint and not _LOW_LINK.search(fold_keep(text[max(0, pos - 4):pos])):
        return False  # « adjointe au maire, pas conseillère »: a commune needs its « de »,
        # unless its name says it is one (« cons. mun. st brieuc »)
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end == -1 else line_end
    if any(c.isupper() for c in text[line_start:line_end].lstrip()[1:]):
        # capitals before the office (a name) say nothing of a place of several words
        # written in lower case after it: « Didier Roy maire adjoint de chalon sur saone »
        rest = text[pos:line_end]
        return (" " in place or "-" in place) and not any(c.isupper() for c in rest)
    # one word must name one commune; several (« st nazaire ») are a place even when
    # communes share the name (its département then stays unknown)
    return "-" in place or " " in place or commune_dep(place) is not None


def _connectors(folded: str, pos: int) -> list[int]:
    out = [pos]
    m = _CONNECTOR.match(folded, pos)
    if m and m.end() > pos:
        out.insert(0, m.end())
        # "de la Communauté…", "du Département du Gers": try after a second link too
        m2 = re.compile(r"(?:de la |de l'|du |des |de |d')").match(folded, m.end())
        if m2:
            out.append(m2.end())
        m3 = _COMMUNE_WORD.match(folded, m.end())  # « de la commune déléguée de Fougerolles »
        if m3:  # first: « Ville de Grenoble » names Grenoble, not the commune of Ville (60)
            out.insert(0, m3.end())
    return out


def _voided(text: str, folded: str, start: int, end: int, row: Row) -> bool:
    line_start = folded.rfind("\n", 0, start) + 1
    before = folded[max(line_start, start - 40):start]
    if _FORMER_BEFORE.search(before) or _FORMER_BEFORE.search(
            _sentence_wrapped_before(text, folded, line_start, start)):
        return True
    if _FORMER_AFTER.match(folded, end) or _SET_APART.match(folded, end):
        return True
    word = folded[start:end].strip()
    if _OTHERS_BEFORE.search(before):
        # "du sénateur X", "Madame la Maire": a title, not an office stated here
        # ("l'équipe du maire de Lorient" stays voided too), except the title of the
        # person a cabinet writes for (« de la part de Madame la Maire, Anne Roy »).
        return not (_ON_BEHALF.search(before) or (
            _TITLE_AT_START.match(before) and _SIGNS_FOR.search(_sentence_after(folded, end))))
    if word in ("cm", "cmd") and not re.match(r"[ ]*[A-Z(]", folded[end:end + 3].upper()):
        return True
    return row.type == "auto" and False


_SENTENCE_WORD = re.compile(r"(?<![\w'’])(?!(?:de|du|des|la|le|les|d|l|von|van)\b)[a-zà-ÿ]")


def _sentence_wrapped_before(text: str, folded: str, line_start: int, start: int) -> str:
    """« adjointe au maire, et non\nconseillère municipale »: the end of the line above an
    office that begins its line, when that line is a sentence going on (not a name)."""
    if line_start < 2 or folded[line_start:start].strip() or not folded[line_start - 2].isalpha():
        return ""
    above = text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1]
    if not _SENTENCE_WORD.search(above):  # « Hugo Le Du »: a name line
        return ""
    return folded[max(0, line_start - 40):line_start - 1] + " "


def _scan(text: str) -> tuple[list[Hit], list[Hit]]:
    """The current offices in ``text``, and the former municipal offices with their
    commune (« ancien maire de Thiers »)."""
    folded = fold_keep(text)
    rows = vocabulary()
    hits: list[Hit] = []
    formers: list[Hit] = []
    scanner = _scanner()
    for m in _matches(folded, scanner):
        i = int(m.lastgroup[1:])  # type: ignore[index]
        row = rows[i]
        if _voided(text, folded, m.start(), m.end(), row):
            former = _former_commune(text, folded, m, row)
            if former:
                formers.append(former)
            continue
        # CM, CD, CR, CC count in capitals; « cm » right before a commune's capital too
        lower_cm = not _abbreviations_in_capitals(text, folded, m.start(), m.end())
        if lower_cm and not (folded[m.start():m.end()] in ("cm", "cmd")
                             and _CAPITAL_NEXT.match(text, m.end())):
            continue
        override, place, code, end, written = _scan_place(text, folded, m.end(), row.rule)
        if (row.needs_place or lower_cm) and (  # « le CR de la réunion », « adjointe
                place is None or not _CAPITAL_PLACE.match(text, m.end())  # administrative »,
                or (row.rule == "body" and _unknown_word_in_capitals(place))):  # « CC CFLAGS »
            continue
        kind = override or row.type
        if kind == "auto" or (row.rule == "auto" and not override and place is None):
            if row.type == "conseiller_territorial":
                kind = "conseiller_territorial"
            else:
                continue
        if _FORMER_AFTER.match(folded, end) or _third_person(text, folded, m.start(), end):
            continue
        if row.rule == "paris":
            place, code = "Paris", code or "75"
        # « maire de Paris Centre », « (4e secteur de Marseille) », « adjointe au maire du
        # 18e arrondissement »: the city near the office
        if place is None and (row.rule == "city" or (
                row.rule == "commune" and _ARR_AFTER.match(folded, m.end()))):
            place, code = _city_near(folded, m.start(), end)
        if row.rule == "body" and place:
            place = _body_named(text, m.start(), m.end(), place)
        if kind == "conseiller_territorial" and place is None:
            place, code = _territory_in(folded[m.start():m.end()], code)
        label_end = m.end() if place is None else end
        label = _label(text[m.start():label_end])
        if "+" in kind:  # « conseillère municipale et communautaire à Vic »
            first, second = kind.split("+")
            hits.append(Hit(first, label, place, code, written, m.start(), end, row.rule))
            hits.append(Hit(second, label, None, code, written, m.start(), end, "body"))
            continue
        hits.append(Hit(kind, label, place, code, written, m.start(), end, row.rule))
    return hits, formers


_CITY_WORD = re.compile(r"\b(paris|lyon|marseille)\b")


def _city_near(folded: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The city an arrondissement office names in its own words or right after them,
    on its line."""
    line_end = folded.find("\n", end)
    stop = min(end + 60, len(folded) if line_end == -1 else line_end)
    found = _CITY_WORD.search(folded, start, stop)
    if found is None:
        return _city_of_the_number(folded[start:stop])
    city = CITIES[found.group(1)]
    return city, CITY_DEPS[city]


_ARR_AFTER = re.compile(r"[ ,]*(?:du|des) \d{1,2}\w* (?:arrondissement|secteur)")
_ARR_NUMBER = re.compile(r"\b(\d{1,2})(?:e|eme|er|ieme)? arrondissement")


def _city_of_the_number(span: str) -> tuple[str | None, str | None]:
    """Paris alone has a 17th to 20th arrondissement (Marseille has 16, Lyon 9)."""
    numbers = [int(n) for n in _ARR_NUMBER.findall(span)]
    if numbers and all(17 <= n <= 20 for n in numbers):
        return "Paris", "75"
    return None, None


_BODY_AT_END = re.compile(r"(?:euro)?metropole(?: europeenne)?$")


def _body_named(text: str, start: int, end: int, place: str) -> str:
    """« conseillère de l'Eurométropole de Strasbourg »: the place of an office that ends
    with its body's word is the body as written (Eurométropole de Strasbourg), not the
    city."""
    found = _BODY_AT_END.search(fold_keep(text[start:end]))
    if not found or _BODY_WORDS.search(_key(place)):
        return place
    body = start + found.start()
    at = text.find(place, end, end + 8 + len(place))
    if at < 0:
        return place
    named = " ".join(text[body:at + len(place)].split())
    return named[:1].upper() + named[1:]


# « Les élu·es écologistes d'Ivry-sur-Seine (94) signent : … conseillère municipale »
_GROUP = re.compile(r"\b(?:les|nous,?|des|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|\d+)"
                    r" elu[a-z ]*?(?: [a-z'\-]+){0,3}? (?:de |d'|du |a )")
# the words between the group and its commune: « de la majorité municipale de Malakoff »
_GROUP_LINK = re.compile(r"(?:de |d'|du |a |au )")
_GROUP_REACH = 60
_ANOTHER_PLACE = re.compile(r"[ ]*(?:\([^()\n]*\)[ ]*)?(?:et|,|ou) (?:de |d'|du |a )")


def _commune_of_the_group(text: str, hits: list[Hit]) -> None:
    """Municipal offices written without their commune, after the élus of one commune
    introduce themselves as a group, are held in that commune."""
    if not any(h.type in _MUNICIPAL and h.place is None for h in hits):
        return
    folded = fold_keep(text)
    groups = []
    for m in _GROUP.finditer(folded):
        found = _group_place(text, folded, m.end())
        if found and found[1]:
            other = _ANOTHER_PLACE.match(folded, found[3])  # « les élus de Paris et de Lyon »
            if other and text[other.end():other.end() + 1].isupper():  # not « , d'horizons »
                return
            groups.append((m.start(), found[1], found[2]))
    if len({place for _, place, _ in groups}) != 1:  # the subject may say it without code
        return
    start, place = groups[0][:2]
    code = next((c for _, _, c in groups if c), None)
    for h in hits:
        if h.type in _MUNICIPAL and h.place is None and h.start > start:
            _hold(h, place, code)


def _group_place(text: str, folded: str, start: int
                 ) -> tuple[str, str | None, str | None, int, bool] | None:
    """The commune a group of élus is of, at ``start`` or after a link word further in
    the same sentence (« élu·es de la majorité municipale de Malakoff »)."""
    stop = _SENTENCE_STOP.search(folded, start, start + _GROUP_REACH)
    end = stop.start() if stop else start + _GROUP_REACH
    for at in [start] + [m.end() for m in _GROUP_LINK.finditer(folded, start, end)]:
        found = _place_at(text, folded, at, "commune")
        if found and found[1]:
            return found
    return None


def _commune_of_the_list(text: str, hits: list[Hit]) -> None:
    """In a list of signatories (one per line, « - » or « • » before each), a municipal
    office written without its commune is held in the one commune the other lines'
    municipal offices name (« - Anne Roy, 1ère adjointe » under « - Loïc Le Gall, maire
    de Trémargat »)."""
    items = [h for h in hits if h.type in _MUNICIPAL and _BULLET_LINE.match(
        text, text.rfind("\n", 0, h.start) + 1)]
    places = {(h.place, h.departement) for h in items if h.place is not None}
    if len(places) != 1:
        return
    place, code = places.pop()
    for h in items:
        if h.place is None:
            _hold(h, place, code)


def _hold(h: Hit, place: str | None, code: str | None) -> None:
    """Hold an office written without its commune in the one the mail points to."""
    h.place, h.departement = place, h.departement or code
    _infer(h)


BULLET = r"[ \t]*(?:[-•*–·]|\d+[.)])[ \t]+"  # what opens an item of a list
_BULLET_LINE = re.compile(BULLET)


# « conseiller communautaire de la\nCommunauté de communes… »: a line that ends on a
# link word goes on with the next one.
_WRAPPED_LINK = re.compile(r"(\b(?:de la|de|du|des|d'|d’|l'|l’|à|au|aux|en))([ \t]?)\n"
                           r"(?=[ \t]*\S)")  # lower case: « Hugo Le Du » ends no sentence


_MUNICIPAL = frozenset({"maire", "maire_adjoint", "conseiller_municipal"})
# a former office, or one denied then corrected (« je ne suis pas maire de X mais
# première adjointe »): the commune carries over to the office after it
_ONCE = re.compile(r"\b(?:ancien(?:ne)?|anc\.|ex|(?P<denied>pas|plus))[ \-]*$")
_BUT = re.compile(r"\bmais\b")


def _former_commune(text: str, folded: str, m: re.Match[str], row: Row) -> Hit | None:
    """« Ancien maire de Thiers (2008-2020) »: a former municipal office and its commune."""
    if row.type not in _MUNICIPAL or row.rule != "commune":
        return None
    once = _ONCE.search(folded, max(0, m.start() - 12), m.start())
    if not once:
        return None
    override, place, code, end, written = _scan_place(text, folded, m.end(), row.rule)
    if override or place is None:
        return None
    label = "denied" if once.group("denied") else ""
    return Hit(row.type, label, place, code, written, m.start(), end, row.rule)


def _same_commune_as_before(text: str, hits: list[Hit], formers: list[Hit]) -> None:
    """« Ancien maire de Thiers, je siège aujourd'hui comme conseiller municipal
    d'opposition »: a municipal office written without its commune, in the same
    paragraph right after a former municipal office (or a denied one it corrects: « pas
    maire de X mais adjointe »), is held in that commune."""
    for h in hits:
        if h.type not in _MUNICIPAL or h.place is not None:
            continue
        before = [f for f in formers if f.end <= h.start and h.start - f.end < 200
                  and "\n\n" not in text[f.end:h.start]
                  and (f.label != "denied" or _BUT.search(fold_keep(text[f.end:h.start])))]
        if before:
            _hold(h, before[-1].place, before[-1].departement)


_ABBREVIATION = re.compile(r"(?<![a-z0-9])(?:cmd?|cd|cr|cc|meps?)(?![a-z0-9])")
_CAPITAL_NEXT = re.compile(r"[ ]+[A-ZÀ-ÖØ-Þ]")
_CAPITAL_PLACE = re.compile(r"[ ]+(?:(?:du|de la|de l['’]|des|de|d['’])[ ]*)?[A-ZÀ-ÖØ-Þ]")


def _abbreviations_in_capitals(text: str, folded: str, start: int, end: int) -> bool:
    """CM, CD, CR, CC are offices only when written in capitals (« cd » is no office)."""
    return all(text[a.start():a.end()].isupper()
               for a in _ABBREVIATION.finditer(folded, start, end))


def _territory_in(folded: str, code: str | None) -> tuple[str | None, str | None]:
    """The collectivité named at the end of an office (« membre du congrès de la
    nouvelle caledonie »)."""
    words = re.sub(r"[^a-z]+", " ", folded).split()
    for n in range(min(4, len(words)), 0, -1):
        terr = territorial_of(" ".join(words[-n:]))
        if terr:
            return terr[0], code or terr[1]
    return None, code


# Every pattern starts with one of these (folded) words; str.find on each is fast.
_TRIGGERS = ("conseil", "maire", "adj", "aj", "cd", "cr", "cc", "deput", "euro", "parlement",
             "membre", "member", "mep",
             "vice", "vp", "presid", "pdt", "pres.", "elu", "cm", "cons", "delegu", "senat",
             "representant", "premier", "deuxieme", "troisieme", "quatrieme", "cinquieme",
             "sixieme", "septieme", "huitieme", "neuvieme", "dixieme", "second",
             "mayor", "municipal", "city", "town", "local", "regional", "departmental", "county",
             *"0123456789")
MAX_MATCHES = 400  # no one states more offices; bounds the work on hostile input


def _matches(folded: str, scanner: re.Pattern[str]) -> list[re.Match[str]]:
    starts: set[int] = set()
    for word in _TRIGGERS:
        pos = folded.find(word)
        while pos != -1 and len(starts) < 50 * MAX_MATCHES:
            if pos == 0 or not folded[pos - 1].isalnum():
                starts.add(pos)
            pos = folded.find(word, pos + 1)
    out: list[re.Match[str]] = []
    end = -1
    for pos in sorted(starts):
        if pos < end:
            continue
        m = scanner.match(folded, pos)
        if m:
            out.append(m)
            end = m.end()
            if len(out) >= MAX_MATCHES:
                break
    return out


def _label(s: str) -> str:
    s = re.sub(r"\s*\([^()]*\)\s*$", "", s.strip())
    s = re.sub(r"\s*\([^()]*\)", "", s)
    return " ".join(s.split()).strip(" ,;:–-")


def _share_codes(text: str, hits: list[Hit]) -> None:
    """One code written after several offices applies to each whose place lies in it."""
    for i in range(len(hits) - 2, -1, -1):
        a, b = hits[i], hits[i + 1]
        if a.code_written or a.type in ("conseiller_regional", "depute_europeen"):
            continue
        between = text[a.end:b.start]
        if "\n" in between or len(between) > 12 or not b.code_written or not b.departement:
            continue
        if _fits(a, b.departement):
            a.departement, a.code_written = b.departement, True
    for m in _STANDALONE_DEP.finditer(text):
        raw = m.group("p") or m.group("c") or ""
        code = valid_code(raw) or dep_code_of_name(raw)
        if not code:
            continue
        for h in hits:
            if h.start < m.start() and not h.code_written and _fits(h, code):
                h.departement, h.code_written = code, True


def _fits(h: Hit, code: str) -> bool:
    if h.place is None:
        return h.type not in ("conseiller_regional", "depute_europeen", "other")
    if h.rule in ("commune", "city", "paris"):
        return _commune_in(h.place, code)
    if h.type in ("conseiller_departemental", "depute", "senateur"):
        return dep_code_of_name(h.place) == code
    if h.type == "conseiller_communautaire":  # a known body must lie in it
        body = _epci_of(h)
        return body is None or code in body.departements
    return False


_BODY_START = re.compile(r"communaute|metropole|eurometropole|agglo")


def _epci_of(h: Hit) -> geo.Epci | None:
    """The intercommunal body a communautaire office names, by its place or by the label
    that holds the body's type (« Communauté d'agglomération » + « du Grand Dole »)."""
    if h.place is None:
        return None
    body = geo.epci_named(h.place)
    if body is None:
        m = _BODY_START.search(fold_keep(h.label))
        body = geo.epci_named(h.label[m.start():]) if m else None
    return body


def _infer(h: Hit) -> None:
    if h.place is None and h.departement and h.type == "conseiller_departemental":
        h.place = geo.departement_name(h.departement)  # « VP du CD 2A »: the code names it
    if h.departement or h.place is None:
        return
    if h.rule in ("commune", "city", "paris"):
        h.departement = commune_dep(h.place)
    elif h.type == "conseiller_communautaire":  # a known body within one département
        body = _epci_of(h)
        if body and len(body.departements) == 1:
            h.departement = body.departements[0]


def _dedupe(hits: list[Hit]) -> list[Mandate]:
    out: list[Hit] = []
    for h in hits:
        same = [o for o in out if o.type == h.type and (
            o.place is None or h.place is None or _key(o.place) == _key(h.place)
            or o.start < h.start < o.end)]  # « VP de la CC de la Lomagne » read twice
        if not same:
            out.append(h)
            continue
        o = same[0]
        if o.place is None and h.place is not None:
            out[out.index(o)] = h
        elif o.departement is None and h.departement:
            o.departement = h.departement
    return [Mandate(h.type, h.label, h.place, h.departement) for h in out]


def _postcode_code(text: str, folded: str, place: str) -> tuple[str, str] | None:
    """(département, commune) of a postcode written with ``place`` (« 93100 Montreuil »,
    « Montreuil (93100) », « 93100 - Montreuil »), when the commune lies in it; the
    commune is the one written with the postcode when it names ``place`` in full
    (« St-Ouen » … « 93400 Saint-Ouen-sur-Seine »)."""
    words = _key(place).split()
    if not words:
        return None
    name = r"[ \-']+".join(re.escape(w) for w in words)
    for rx in (rf"(?<![\d.])(\d{{5}})[ \t]*(?:[-,/][ \t]*)?(?P<n>{name})(?![a-z0-9])",
               rf"(?<![a-z0-9]){name}[ \t]*(?:\([ \t]*(\d{{5}})[ \t]*\)|[,\-]?[ \t]*(\d{{5}}))"
               r"(?![\d.])"):
        for m in re.finditer(rx, folded):
            written = next(g for g in m.groups() if g)
            code = geo.postcode_departement(written)
            if not code:
                continue
            if _commune_in(place, code):
                return code, place
            if "n" in m.groupdict():
                fuller = _fuller_commune(text, m.start("n"), place, code)
                if fuller:
                    return code, fuller
    return None


def _fuller_commune(text: str, pos: int, place: str, code: str) -> str | None:
    """The commune of département ``code`` written at ``pos`` whose name starts with
    ``place``'s (« Saint-Ouen-sur-Seine » for « Saint-Ouen »)."""
    key = _key(place)
    m = _PLACE.match(text, pos)
    if not m:
        return None
    words = m.group().split(" ")
    for n in range(len(words), 0, -1):
        cand = " ".join(words[:n])
        if not _key(cand).startswith(key + " ") or not _commune_in(cand, code):
            continue
        found = [c for c in geo.communes_named(cand) if c.departement == code]
        return found[0].name if found else cand
    return None


def _postcodes(text: str, hits: list[Hit]) -> None:
    """A postcode written with a commune names its département: homonyms resolved."""
    folded = None
    for h in hits:
        if h.departement or h.place is None or h.rule != "commune":
            continue
        folded = folded if folded is not None else fold_keep(text)
        found = _postcode_code(text, folded, h.place)
        if found:
            h.departement, h.place = found
            h.code_written = True


COMMUNAL = ("maire", "maire_adjoint", "conseiller_municipal")
# « Hôtel de Ville – 1 place de la Mairie – 29200 Brest » in the lines after an office
_TOWN_HALL = re.compile(r"\b(?:mairie|h[oô]tel de ville)\b", re.I)
# A town's name as written in an address or a letterhead (« Plougastel-Daoulas »)
_TOWN_NAME = (_NAME_WORD + r"(?:[ \-](?:(?:sur|sous|en|les|lès|de|du|des|la|le|l'|d')[ \-])?"
              + _NAME_WORD + r"){0,5}")
_POSTAL = re.compile(r"(?<![\d.])(\d{5})[ \t]+(?:cedex[ \t]+)?(" + _TOWN_NAME + ")")


def _town_hall_line(text: str, hits: list[Hit]) -> None:
    """A communal office written without its commune, above a line of the same block
    that names the town (« Ville de Quimper », « Mairie de Plouha »), is held there; so
    is one under a list of offices when the mail names one town so (« Conseil municipal
    d'Argenteuil, Val-d'Oise. » after a blank line)."""
    towns: list[tuple[str, str | None]] | None = None
    for h in hits:
        if h.type not in COMMUNAL or h.place is not None:
            continue
        block = text[h.end:h.end + 300].split("\n\n")[0]
        found = next(filter(None, map(_town_of_line, block.split("\n")[1:5])), None)
        if found is None:
            if towns is None:
                towns = list(dict.fromkeys(filter(None, map(_town_of_line, text.split("\n")))))
            found = towns[0] if len(towns) == 1 else None
        if found:
            h.place, h.departement = found


_TOWN_LINE = re.compile(r"[ \t]*(?:Ville|Mairie|Commune|Conseil municipal) (?:de |d'|d’|du )("
                        + _TOWN_NAME + r")[ \t]*(?:\((\w{2,3})\)|, *([^,.()]+))?[ \t.]*$")


def _town_of_line(line: str) -> tuple[str, str | None] | None:
    """(commune, département) of a line naming a town hall or council and nothing else."""
    m = _TOWN_LINE.match(line)
    name = commune_of(m.group(1)) if m else None
    if not name:
        return None
    written = (geo.departement_from_code(m.group(2)) if m.group(2)
               else geo.departement_from_name(m.group(3)) if m.group(3) else None)
    dep = _written_departement(m.group(1), name) or commune_dep(name, written)
    return name, dep


def _town_hall_address(text: str, hits: list[Hit]) -> None:
    """A municipal office written without its commune, signed above the address of a
    town hall (« Hôtel de Ville – … – 29200 Brest »), or right above a line of nothing
    but a postcode and its town (« 56700 Hennebont »), is held in that commune."""
    for h in hits:
        if h.type not in COMMUNAL or h.place is not None:
            continue
        after = text[h.end:h.end + 300].split("\n")[:4]
        for i, line in enumerate(after):
            postal = _POSTAL.search(line)
            alone = i == 1 and postal is not None and postal.group(0) == line.strip()
            if not postal or not (alone or _TOWN_HALL.search(" ".join(after))):
                continue
            code = geo.postcode_departement(postal.group(1))
            name = postal.group(2).strip()
            if code and _commune_in(name, code):
                found = [c for c in geo.communes_named(name) if c.departement == code]
                h.place, h.departement = (found[0].name if found else name), code
                break


def commune_nouvelle(place: str, code: str | None = None) -> tuple[str, str | None] | None:
    """(commune nouvelle, its département) when ``place`` names only communes déléguées
    or associées (in département ``code`` when given) of one commune; else None."""
    found = [c for c in geo.communes_named(place) if code is None or c.departement == code]
    if not found or any(c.kind in geo.ACTUAL for c in found):
        return None
    parents = {(c.parent, c.departement) for c in found}
    if len(parents) != 1:
        return None
    parent, dep = parents.pop()
    if not parent:
        return None
    return parent, commune_dep(parent, dep) or dep


def _communes_nouvelles(text: str, hits: list[Hit]) -> None:
    """A communal office's place is the commune: a commune déléguée's council and maire
    délégué belong to its commune nouvelle (« maire délégué de Tourlaville »)."""
    for h in hits:
        if h.rule != "commune" or h.type not in COMMUNAL or h.place is None:
            continue
        nouvelle = commune_nouvelle(h.place, h.departement)
        if nouvelle:
            h.place, h.departement = nouvelle[0], h.departement or nouvelle[1]
        elif found := _deleguee_by_evidence(text, h):
            h.place, h.departement = found


def _deleguee_by_evidence(text: str, h: Hit) -> tuple[str, str | None] | None:
    """When a commune actuelle and a commune déléguée share a name (Torfou, 91 and 49),
    the déléguée's commune nouvelle when the mail points to it: a maire délégué (only a
    commune déléguée has one), or the commune nouvelle named in the mail."""
    if h.code_written or h.place is None:
        return None
    parents = {(c.parent, c.departement) for c in geo.communes_named(h.place)
               if c.kind not in geo.ACTUAL and c.parent
               and geo.place_key(c.parent) != geo.place_key(h.place)}
    if h.type != "maire" or "delegu" not in fold_keep(h.label):
        folded = fold_keep(text)
        parents = {p for p in parents if _names(folded, p[0])}
    if len(parents) != 1:
        return None
    parent, dep = parents.pop()
    return parent, commune_dep(parent, dep) or dep


def _names(folded: str, place: str) -> bool:
    """Whether the folded text names ``place`` as whole words (hyphens as spaces; the
    apostrophes of both are blanked)."""
    words = re.escape(fold_keep(place).replace("'", " ")).replace(r"\-", "[- ]")
    words = words.replace(r"\ ", "[- ]")
    return re.search(rf"(?<![\w-]){words}(?![\w-])", folded.replace("'", " ")) is not None


def find_hits(text: str) -> list[Hit]:
    """Every current office in ``text``, in order, with its offsets (before dedupe)."""
    text = _WRAPPED_LINK.sub(r"\1\2 ", text)  # same length: offsets hold
    hits, formers = _scan(text)
    _same_commune_as_before(text, hits, formers)
    _commune_of_the_group(text, hits)
    _commune_of_the_list(text, hits)
    _share_codes(text, hits)
    _postcodes(text, hits)
    _town_hall_line(text, hits)
    _town_hall_address(text, hits)
    cities = [h.place for h in hits if h.place in CITY_DEPS]
    for h in hits:
        if h.place is None and h.rule == "city" and len(set(cities)) == 1:
            h.place = cities[0]
            h.departement = h.departement or CITY_DEPS[cities[0]]
        _infer(h)
    _communes_nouvelles(text, hits)
    _body_of_the_commune(hits)
    return hits


def _body_of_the_commune(hits: list[Hit]) -> None:
    """« conseillère municipale et communautaire de Lunel »: the body is not named (place
    null, as the contract has it when not stated), but it is the one Lunel belongs to,
    so it lies in Lunel's département, as a code written there would apply to both."""
    for before, h in pairwise(hits):
        if (h.type == "conseiller_communautaire" and h.place is None and not h.departement
                and before.start == h.start and before.type == "conseiller_municipal"):
            h.departement = before.departement


def find_mandates(text: str) -> list[Mandate]:
    """Every current office stated in ``text``, in order, duplicates merged."""
    return _dedupe(find_hits(text))


def merge(hits: list[Hit]) -> list[Mandate]:
    return _dedupe(list(hits))
