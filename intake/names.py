"""People's names: from a sign-off, a « Je soussignée … » sentence, « Name, office »,
or the From display name (cleaned of titles; institutions are not names).

Pure functions over strings. A name is two to five words that look like given
names and surnames: capitalised words, particles (de, d', Le, Dos…) inside,
surnames in capitals allowed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from petition.intake import parties

_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zà-öø-ÿœ"
_WORD = rf"(?:[{_UP}][{_LOW}'’]+|[{_UP}]{{2,}}|[dD{_UP}]['’][{_UP}][{_LOW}]+)"  # N'Diaye
TOKEN = re.compile(rf"{_WORD}(?:-{_WORD})*")
PARTICLES = {"de", "du", "des", "d'", "le", "la", "dos", "da", "das", "do", "van", "von", "ben",
             "el", "al", "di", "del", "della", "mac", "ter", "ten", "den", "der", "het", "zu",
             "y", "lo"}
# A given name written as an initial: « P. Béranger », « J.-P. Roux ».
INITIAL = re.compile(rf"[{_UP}]\.(?:-[{_UP}]\.)?")
TITLES = {"m", "m.", "mme", "mlle", "mr", "dr", "pr", "me", "madame", "monsieur",
          "mademoiselle", "docteur", "professeur", "maitre"}
# Words that begin institution names, parties, greetings, offices: never part of a name.
STOPWORDS = set("""
bonjour bonsoir salut madame monsieur cher chere chers cheres je nous il elle
conseiller conseillere conseillers maire maires adjoint adjointe depute deputee senateur
senatrice president presidente vice vp cm cd cr cc ca cu groupe parti partie les pour merci
cordialement bien bonne belle signature tribune hotel ville mairie cabinet secretariat
assemblee senat membre membres congres
union front rassemblement place nouvelle debout ligue generation generations gauche droite
ensemble france republique communaute metropole conseil departement region sans elu elue
elus campagne service services direction equipe contact info infos information mail
webmail newsletter lettre association section collectif mouvement federation comite
le la l de du des et ou a au aux en sur sous avec par dans chez tous toutes
assistante assistant collaboratrice collaborateur secretaire attache attachee cheffe chef
delegue deleguee charge chargee territoire agglomeration quartier pays grand grande est
ouest nord sud centre saint sainte st ste paris mission envoye envoyee mon ma mes
tribune petition vsa technopolice re tr fwd objet de ancien ancienne europeen europeenne
regional regionale municipal municipale departemental departementale communautaire
""".split())
_INSTITUTION = re.compile(
    r"\b(?:mairie|ville|cabinet|secr[ée]tariat|groupe|service|commune|conseil|d[ée]partement"
    r"|r[ée]gion|communaut[ée]|m[ée]tropole|assembl[ée]e|s[ée]nat|parti|association|section"
    r"|collectif|campagne|[ée]quipe|bureau|direction|permanence|contact|mailer|postmaster"
    r"|webmail|newsletter|lettre|no-?reply|support|info|f[ée]d[ée]ration|comit[ée]|liste)\b",
    re.I)


@dataclass(frozen=True)
class NameGuess:
    name: str
    confidence: float
    reason: str
    start: int = -1
    end: int = -1


class _Unaccent(dict[int, str]):
    """Translation table filled on first sight of each character: its accents dropped."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(code))
        value = "".join(c for c in decomposed if not unicodedata.combining(c))
        self[code] = value
        return value


_UNACCENT = _Unaccent({ord("’"): "'"})


def fold(s: str) -> str:
    """Lower case, accents removed, typographic apostrophe made plain."""
    s = s.lower()
    return s if s.isascii() else s.translate(_UNACCENT)


def _is_upper(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _is_token(w: str) -> bool:
    return bool(TOKEN.fullmatch(w))


def _stop(w: str) -> bool:
    return fold(w).strip(".,") in STOPWORDS


def as_name(words: list[str]) -> str | None:
    """``words`` joined when they form a person's name, else None.

    Given names come first: a surname written first in capitals (« LE GALL Anne »)
    is moved after them (« Anne LE GALL »).
    """
    words = [w for w in words if w]
    while words and fold(words[0]).strip(".") in TITLES:
        words = words[1:]
    if not 2 <= len(words) <= 6:
        return None
    words = given_first(words)
    real = 0
    for i, w in enumerate(words):
        f = fold(w)
        if f in PARTICLES and 0 < i < len(words) - 1:
            continue
        if INITIAL.fullmatch(w) and i < len(words) - 1:
            real += 1
            continue
        if _particle_surname(words, i):
            real += 1
            continue
        if not _is_token(w) or _stop(w):
            return None
        real += 1
    if real < 2 or all(_is_upper(w) for w in words if fold(w) not in PARTICLES):
        return None
    if fold(words[0]) in PARTICLES or INITIAL.fullmatch(words[-1]):
        return None
    return " ".join(words)


def _particle_surname(words: list[str], i: int) -> bool:
    """« Yann Le Du »: a capitalised particle ending a surname that starts with one."""
    if i != len(words) - 1 or i < 2:
        return False
    w, before = words[i], words[i - 1]
    return (fold(w) in PARTICLES and w[:1].isupper() and fold(before) in PARTICLES
            and before[:1].isupper())


def given_first(words: list[str]) -> list[str]:
    """« DUBOIS-FERRAND Marie-Claire » → Marie-Claire DUBOIS-FERRAND; else unchanged.

    The surname block is one or more words in capitals (particles may be short; other
    words have three letters or more, so « PS Anne Roy » is not turned around), and
    every word after it is a capitalised given name.
    """
    split = next((i for i, w in enumerate(words) if not _is_upper(w)), len(words))
    if split == 0 or split == len(words):
        return words
    head, tail = words[:split], words[split:]
    if not all(fold(w) in PARTICLES or sum(c.isalpha() for c in w) >= 3 for w in head):
        return words
    if not all(TOKEN.fullmatch(w) and fold(w) not in PARTICLES for w in tail):
        return words
    if fold(head[-1]) in PARTICLES or not any(fold(w) not in PARTICLES for w in head):
        return words
    return tail + head


def is_person_name(s: str) -> bool:
    return as_name(s.split()) is not None


def trailing_name(chunk: str) -> str | None:
    """The longest name ending ``chunk`` (« Je signe : Marie Dupont » → Marie Dupont)."""
    words = chunk.split()
    best = None
    for i in range(len(words) - 1, -1, -1):
        cand = as_name(words[i:])
        if cand:
            best = cand
        elif len(words) - i > 6:
            break
    return best


WRITER = "\x00writer"
_ME = re.compile(r"^\s*(?:moi[- ]m[êe]me|moi)\s*$", re.I)
_SEP_BEFORE = re.compile(r"[ \t]*(?:,|[–—-]|:|\(|(?<=\s)(?:est|sont))[ \t]*$")  # « X est maire »
_CHUNK_START = re.compile(r".*(?:[.;:!?()«»\"]|\s[–—-]\s|,)", re.S)


def names_before(text: str, pos: int) -> list[str]:
    """The person(s) an office starting at ``pos`` belongs to, written just before it.

    « Marie Dupont, conseillère… », « Marie Dupont – maire… », a name alone on the
    line above, « Marie Dupont et Paul Roux, conseillers… »; « moi-même » stands
    for the writer (``WRITER``).
    """
    line_start = text.rfind("\n", 0, pos) + 1
    plural = bool(_PLURAL.match(text, pos))
    if plural and _LIST_GOES_ON.search(text, max(0, line_start - 40), line_start):
        # « A, B et\nC, conseillers municipaux »: the list wraps; one line (same offsets)
        text = f"{text[:line_start - 1]} {text[line_start:]}"
        line_start = text.rfind("\n", 0, pos) + 1
    prefix = text[line_start:pos]
    if not prefix.strip():
        return _name_lines_above(text, line_start, 6 if plural else 1)
    sep = _SEP_BEFORE.search(prefix)
    if not sep:
        name = _capitals_name_before(text, line_start, pos)
        return [name] if name else []
    chunk = prefix[:sep.start()]
    cut = _CHUNK_START.match(chunk)
    head = ""
    if cut:
        head, chunk = chunk[:cut.end()], chunk[cut.end():]
    out = []
    for part in re.split(r"\s+et\s+|\s*&\s*", chunk):
        if _ME.match(part):
            out.append(WRITER)
            continue
        name = trailing_name(part)
        if name:
            out.append(name)
    if not out or not all(out):
        return []
    if plural and len(out) >= 2 and head.rstrip().endswith(","):
        out = _comma_list_before(head.rstrip()[:-1]) + out
    return out


_LIST_GOES_ON = re.compile(r"[^\W\d_]{2,}(?:,| et)[ \t]*\n$")
# An office written in the plural (« conseillers municipaux », « élues »): shared.
_PLURAL = re.compile(r"(?!pres\b)[\w'’]*[sx]\b")


def _name_lines_above(text: str, line_start: int, most: int) -> list[str]:
    """Names alone on the lines right above ``line_start``: up to ``most`` of them."""
    out: list[str] = []
    end = line_start - 1
    if most > 1 and text[end - 1:end] == "\n":  # a plural office a blank line below its names
        end -= 1
    while end > 0 and len(out) < most:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip().rstrip(",")
        name = as_name(line.split())
        names = [name] if name else _names_joined(line) if most > 1 else []
        if not names:
            break
        out[:0] = names
        end = start - 1
    return out


def _names_joined(line: str) -> list[str]:
    """« Jérôme Vidal et Claire Dumas » (above a plural office): each name, or none."""
    parts = re.split(r"\s*,\s*|\s+et\s+|\s*&\s*", line)
    names = [as_name(part.split()) for part in parts]
    return [n for n in names if n] if len(parts) > 1 and all(names) else []


def _comma_list_before(head: str) -> list[str]:
    """« Nous signons : Marc Duval, Sophie Lacaze » → the names listed before a last
    « X et Y »: whole names between commas, the first one ending its sentence."""
    out: list[str] = []
    for seg in reversed(head.split(",")):
        tail = re.split(r"[:;.!?()«»\"]", seg)[-1]
        whole = as_name(tail.split())
        if whole and tail == seg:
            out.insert(0, whole)
            continue
        name = trailing_name(tail)
        if name:
            out.insert(0, name)
        break
    return out


def _capitals_name_before(text: str, line_start: int, pos: int) -> str | None:
    """« R. FAURE ADJOINT MAIRE DE VALENCE »: on a line in capitals, the words before the
    office are the name (« R. Faure »)."""
    line_end = text.find("\n", pos)
    line = text[line_start:line_end if line_end != -1 else len(text)]
    if any(c.islower() for c in line):
        return None
    return capitals_name(text[line_start:pos].split())


def capitals_name(words: list[str]) -> str | None:
    """A name written in capitals (« R. FAURE », « ANNE DE LA TOUR »), title-cased."""
    if not words or not all(_is_upper(w) for w in words):
        return None
    return as_name(_title(words))


def _title(words: list[str]) -> list[str]:
    """Words title-cased: particles inside a name in lower case, each part of a compound
    capitalised (« jean-marc », « d'estrées » → Jean-Marc, d'Estrées)."""
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        if 0 < i < len(words) - 1 and fold(low) in PARTICLES:
            out.append(low)
            continue
        parts = re.split(r"([-'’])", low)
        titled = "".join(p[:1].upper() + p[1:] if p not in "-'’" else p for p in parts)
        if re.match(r"d['’]", low) and len(low) > 2:  # d'Estrées keeps its lower d
            titled = low[:2] + low[2:3].upper() + low[3:]
        out.append(titled)
    return out


_LOWER_WORD = re.compile(r"[a-zà-öø-ÿœ]+(?:[-'’][a-zà-öø-ÿœ]+)*")


def lower_case_name(line: str) -> str | None:
    """A line written all in lower case that is a name once title-cased (« nadia benali »
    → Nadia Benali); None for anything else (« je signe »)."""
    words = line.strip().rstrip(",.").split()
    if not 2 <= len(words) <= 4 or not all(_LOWER_WORD.fullmatch(w) for w in words):
        return None
    return as_name(_title(words))


def capitalise_names(text: str, display: str | None) -> str:
    """``text`` with names written in lower case title-cased in place (same length, so
    offsets hold): the From display name written in the text, and a sign-off line
    right after a closing (« cordialement\nnadia benali »)."""
    spans: list[tuple[int, int, str]] = []
    shown = clean_display_name(display)
    if shown:
        words = [re.escape(w) for w in fold(shown).split()]
        rx = re.compile(r"(?<!\w)" + r"[ \t]+".join(words) + r"(?!\w)")
        folded = fold(text)
        if len(folded) == len(text):
            for m in rx.finditer(folded):
                written = text[m.start():m.end()]
                if not any(c.isupper() for c in written):
                    spans.append((m.start(), m.end(), " ".join(_title(written.split()))))
    for m in _CLOSINGS.finditer(text):
        start = text.find("\n", m.end()) + 1
        while 0 < start < len(text) and text[start] == "\n":
            start += 1
        if start <= 0:
            continue
        end = text.find("\n", start)
        end = end if end != -1 else len(text)
        line = text[start:end]
        name = lower_case_name(line)
        if name:
            lead = len(line) - len(line.lstrip())
            spans.append((start + lead, start + lead + len(name), name))
    out = text
    for start, end, name in spans:
        if len(name) == end - start and fold(out[start:end]) == fold(name):
            out = out[:start] + name + out[end:]
    return out


_SOUSSIGNE = re.compile(
    rf"\bsoussign[ée]e?s?\s*,?\s+((?:(?:M\.|Mme|Madame|Monsieur|Mr)\s+)?"
    rf"{TOKEN.pattern}(?:[ \t]+(?:{TOKEN.pattern}|de|du|des|Le|La|le|la|d['’]\S+)){{1,5}})")
_CLOSINGS = re.compile(
    r"^\s*(?:bien |tr[eè]s |tres )?(?:cordialement|amicalement|sinc[eè]rement|salutations"
    r"|respectueusement|solidairement|fraternellement|bien [àa] vous|[àa] bient[ôo]t"
    r"|merci|bonne (?:journ[ée]e|soir[ée]e|continuation)|belle journ[ée]e|cdlt|bàv|bav"
    r"|avec mes salutations|best regards|regards|kind regards|--)\b.*$", re.I | re.M)


def soussigne_name(text: str) -> NameGuess | None:
    m = _SOUSSIGNE.search(text)
    if not m:
        return None
    name = trailing_name(m.group(1)) or as_name(m.group(1).split()[:3])
    words = m.group(1).split()
    for n in range(len(words), 1, -1):
        cand = as_name(words[:n])
        if cand:
            name = cand
            break
    if not name:
        return None
    return NameGuess(name, 0.95, "name from « je soussigné·e »", m.start(1), m.end(1))


def name_lines(text: str) -> list[NameGuess]:
    """Lines that hold nothing but a person's name (sign-offs), in order."""
    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip().rstrip(",.")
        if stripped.startswith(("-", "•", "*")):
            stripped = ""
        name = (as_name(stripped.split()) or _name_and_party(stripped)) if stripped else None
        if name:
            start = pos + line.find(stripped)
            end = start + len(stripped)
            out.append(NameGuess(name, 0.85, "name from the sign-off", start, end))
        pos += len(line) + 1
    return out


_PARTY_AFTER = re.compile(r"^(?P<name>[^,()]+?)\s*(?:,|\s[-–]\s|\()\s*(?P<party>[^,()]+?)\)?$")


def _name_and_party(line: str) -> str | None:
    """« Christine Exemple, PCF », « Paul Exemple (sans étiquette) »: a name line
    that ends with the person's party."""
    m = _PARTY_AFTER.match(line)
    if not m:
        return None
    party = m.group("party")
    if not (parties.is_party_name(party) or parties.says_no_party(party)):
        return None
    return as_name(m.group("name").split())


def signoff_name(text: str, display: str | None = None) -> NameGuess | None:
    """The name the person signs with: a name line, preferring the From display name."""
    lines = name_lines(text)
    if not lines:
        return None
    shown = clean_display_name(display) if display else None
    if shown:
        for g in lines:
            if same_person(g.name, shown):
                return NameGuess(g.name, 0.95, "name from the sign-off, same as From", g.start,
                                 g.end)
            if abbreviates(g.name, shown):
                return NameGuess(shown, 0.9, "name from From, written with initials in the "
                                 "sign-off", g.start, g.end)
    closings = [m.end() for m in _CLOSINGS.finditer(text)]
    after = [g for g in lines if any(c <= g.start for c in closings)]
    return after[0] if after else lines[-1]


def abbreviates(short: str, full: str) -> bool:
    """« P. Béranger » (or « J.-P. Béranger ») is ``full`` with initials for given names."""
    sw, fw = short.split(), full.split()
    if len(sw) != len(fw) or not any(INITIAL.fullmatch(w) for w in sw):
        return False
    for s, f in zip(sw, fw, strict=True):
        if INITIAL.fullmatch(s):
            letters = [p.strip(".") for p in s.split("-")]
            parts = f.split("-")
            if len(letters) != len(parts) or any(
                    fold(p)[:1] != fold(letter) for letter, p in zip(letters, parts, strict=True)):
                return False
        elif fold(s) != fold(f):
            return False
    return True


_LINE_HEAD = re.compile(r"[ \t>]*(?:(?:le|la|les|l'|l’)[ \t]*)?", re.I)
_AFTER_OFFICE = re.compile(r"[ \t]*(?:,|:|[–—-])[ \t]*([^\n,;:()]{3,80}?)[ \t]*[.,]?[ \t]*$",
                           re.M)


def name_after(text: str, start: int, end: int) -> str | None:
    """« Le maire, Jean Moulin »: the name ending the line of an office (``start``…``end``)
    that begins it. « du sénateur Jean Moulin » does not begin its line: not a signer.
    After a title (« Monsieur le Maire de Pontarlier, Denis Jeunet, me charge… ») the
    name between commas."""
    line_start = text.rfind("\n", 0, start) + 1
    if _TITLE_HEAD.fullmatch(text, line_start, start):
        m = _BETWEEN_COMMAS.match(text, end)
        if m:
            return as_name(m.group(1).split())
    if not _LINE_HEAD.fullmatch(text, line_start, start):
        return None
    m = _AFTER_OFFICE.match(text, end)
    return as_name(m.group(1).split()) if m else None


_TITLE_HEAD = re.compile(r"[ \t>]*(?:Madame|Monsieur)[ \t]+(?:le|la)[ \t]+", re.I)
_BETWEEN_COMMAS = re.compile(r"[ \t]*,[ \t]*([^\n,;:()]{3,60}?)[ \t]*,")


def same_person(a: str, b: str) -> bool:
    ka = sorted(re.sub(r"[^a-z ]", " ", fold(a)).split())
    kb = sorted(re.sub(r"[^a-z ]", " ", fold(b)).split())
    return ka == kb


@lru_cache(maxsize=512)  # asked for the same name several times a message
def clean_display_name(display: str | None) -> str | None:
    """A From display name as a person's name, or None for an institution.

    « DUPONT Marie » → « Marie DUPONT »; titles dropped (Mme, Dr, Madame la Maire…).
    """
    if not display:
        return None
    s = display.strip().strip("\"'")
    if "@" in s or any(ch.isdigit() for ch in s) or _INSTITUTION.search(s):
        return None
    s = re.sub(r"\((.*?)\)", " ", s)
    if "," in s:
        last, _, first = s.partition(",")
        s = f"{first.strip()} {last.strip()}"
    words = s.split()
    if not any(c.isupper() for c in s) and all(_LOWER_WORD.fullmatch(w) for w in words):
        words = _title(words)  # « nadia benali »
    words = _drop_titles(words)
    if len(words) >= 2 and _is_upper(words[0]) and not _is_upper(words[-1]):
        split = next((i for i, w in enumerate(words) if not _is_upper(w)), len(words))
        words = words[split:] + words[:split]
    return as_name(words)


def _drop_titles(words: list[str]) -> list[str]:
    """« Madame la Maire Odette Rigal » → [Odette, Rigal]; « LE ROUX Anne » is kept."""
    offices = ("maire", "senateur", "senatrice", "depute", "deputee", "elu", "elue")
    dropped = False
    while words:
        f = fold(words[0]).strip(".")
        if f in TITLES or f in offices or (dropped and f in ("le", "la")):
            words, dropped = words[1:], True
        else:
            break
    return words


_TITLED = re.compile(
    rf"\b(?:Madame|Monsieur|Mme|M\.|Mr)\s+(?:(?:la|le)\s+(?:[Mm]aire|[Ss][ée]natrice"
    rf"|[Ss][ée]nateur|[Dd][ée]put[ée]e?|[Pp]r[ée]sidente?)"
    rf"(?:\s+(?:de|du|d['’])\s*[A-ZÀ-Þ][\w'’\-]*(?:\s+(?:(?:de|du|des|la|le|sur|en)\s+)?"
    rf"[A-ZÀ-Þ][\w'’\-]*){{0,3}}\s*,\s*|\s*,?\s+))?"
    rf"({TOKEN.pattern}(?:[ \t]+(?:(?:de|du|des|Le|La|d['’])[ \t]*)?{TOKEN.pattern}){{1,3}})")


def titled_name(text: str) -> NameGuess | None:
    """« Madame la Maire, Anne Roy, souhaite… », « M. Paul Arnal » written in the text."""
    for m in _TITLED.finditer(text):
        name = as_name(m.group(1).split())
        if name:
            return NameGuess(name, 0.75, "name from a title in the text (-0.15)", m.start(1),
                             m.end(1))
    return None
