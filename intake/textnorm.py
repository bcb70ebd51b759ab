"""Text normalisation shared by the lookups: one folding rule for every comparison.

``fold`` is the key used by every table (départements, communes, parties…): case folded,
accents stripped, apostrophes, hyphens and dashes turned into spaces, runs of white space
collapsed. It is computed character by character through a cached translation table, so
it costs one ``str.translate`` and one ``split``/``join`` per call.
"""

from __future__ import annotations

import re
import unicodedata

APOSTROPHES = "'\u2019\u2018\u02bc\u0060\u00b4\u2032"
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad\ufe63\uff0d"
SPACES = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u3000\t\n\r\f\v"
LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss", "ﬁ": "fi", "ﬂ": "fl"}


def _fold_char(ch: str) -> str:
    if ch in APOSTROPHES or ch in DASHES or ch in SPACES:
        return " "
    low = ch.casefold()
    out = []
    for c in low:
        if c in LIGATURES:
            out.append(LIGATURES[c])
            continue
        base = unicodedata.normalize("NFD", c)
        out.append("".join(b for b in base if not unicodedata.combining(b)))
    return "".join(out)


class _FoldTable(dict[int, str]):
    """Translation table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        value = _fold_char(chr(code))
        self[code] = value
        return value


_TABLE = _FoldTable()


def fold(s: str) -> str:
    """Case-fold, strip accents, apostrophes/hyphens/dashes → space, collapse spaces."""
    return " ".join(s.translate(_TABLE).split())


def fold_with_offsets(s: str) -> tuple[str, list[int]]:
    """``fold(s)`` and, for each of its characters, the index of its source in ``s``.

    Lets a scanner working on the folded text report where a match starts in the
    original. The folded string is identical to ``fold(s)``; a space points at the
    source of the character after it. Linear, and close to C speed: one
    ``str.translate``, list slices, and Python work only per word and per character
    whose fold is not one character (œ, ß, combining accents).
    """
    translated, sources = _translate_with_sources(s)
    folded = " ".join(translated.split())
    if len(folded) == len(translated):
        offsets = sources[:-1]
    else:
        offsets = _collapse(translated, sources)
    _point_spaces_forward(folded, offsets)
    return folded, offsets


def _translate_with_sources(s: str) -> tuple[str, list[int]]:
    """``s`` through the fold table, and the source index of each output character.

    The list has one more entry, ``len(s)``, as a sentinel.
    """
    translated = s.translate(_TABLE)
    if len(translated) == len(s):
        odd = [c for c in set(s) if len(_TABLE[ord(c)]) != 1]
        if not odd:
            return translated, list(range(len(s) + 1))
    else:
        odd = [c for c in set(s) if len(_TABLE[ord(c)]) != 1]
    width = {c: len(_TABLE[ord(c)]) for c in odd}
    sources: list[int] = []
    extend = sources.extend
    done = 0
    for m in re.finditer("[" + re.escape("".join(sorted(odd))) + "]+", s):
        start, stop = m.span()
        extend(range(done, start))
        for i in range(start, stop):
            extend([i] * width[s[i]])
        done = stop
    extend(range(done, len(s) + 1))
    return translated, sources


_IRREGULAR_SPACE = re.compile(r"[^\S ]\s*| \s+")  # what a single " " does not replace


def _collapse(translated: str, sources: list[int]) -> list[int]:
    """The sources of the characters ``" ".join(translated.split())`` keeps.

    Runs of white space at either end are dropped; a run inside keeps one character
    (its source is fixed by ``_point_spaces_forward``).
    """
    first = len(translated) - len(translated.lstrip())
    end = len(translated.rstrip())
    offsets: list[int] = []
    done = first
    for m in _IRREGULAR_SPACE.finditer(translated, first, end):
        start, stop = m.span()
        offsets.extend(sources[done:start + 1])
        done = stop
    offsets.extend(sources[done:end])
    return offsets


def _point_spaces_forward(folded: str, offsets: list[int]) -> None:
    """Each space of ``folded`` takes the source of the character after it."""
    position = -1
    for word in folded.split(" ")[:-1]:
        position += len(word) + 1
        offsets[position] = offsets[position + 1]


_SAINT = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_SAINT_RX = re.compile(r"(?<![^ ])ste?s?(?![^ ])")
ARTICLES = ("les ", "le ", "la ", "l ")  # folded, as keys start


def place_key(s: str) -> str:
    """The lookup key of a place name: ``fold`` plus "St"/"Ste" read as Saint/Sainte.

    Dots are dropped ("St." → "st"), so "St-Denis", "St. Denis" and "Saint Denis"
    share a key.
    """
    key = fold(s.replace(".", " "))
    if _SAINT_RX.search(key) is None:
        return key
    return _SAINT_RX.sub(lambda m: _SAINT[m.group(0)], key)


def strip_article(key: str) -> str:
    """A folded key without its leading article (le, la, les, l')."""
    if not key.startswith("l"):
        return key
    for art in ARTICLES:
        if key.startswith(art) and len(key) > len(art):
            return key[len(art):]
    return key


def words(s: str) -> list[str]:
    """The folded words of ``s``, punctuation other than letters and digits dropped."""
    return _NON_WORD.sub(" ", fold(s)).split()


_NON_WORD = re.compile(r"[^0-9a-z]+")


def alnum_key(s: str) -> str:
    """``fold(s)`` reduced to letters and digits, for comparing acronyms ("E.E.L.V.")."""
    return _NON_WORD.sub("", fold(s))


def is_upper_word(s: str) -> bool:
    """True when ``s`` has letters and all of them are capitals ("PS", "LR", "UDI")."""
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)
