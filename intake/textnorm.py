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
    original. The folded string is identical to ``fold(s)``.
    """
    chars: list[str] = []
    offsets: list[int] = []
    pending_space = False
    for i, ch in enumerate(s):
        piece = _TABLE[ord(ch)]
        for c in piece:
            if c.isspace():
                pending_space = bool(chars)
                continue
            if pending_space:
                chars.append(" ")
                offsets.append(i)
                pending_space = False
            chars.append(c)
            offsets.append(i)
    return "".join(chars), offsets


_SAINT = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_SAINT_RX = re.compile(r"(?<![^ ])ste?s?(?![^ ])")
_ARTICLES = ("les ", "le ", "la ", "l ")


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
    for art in _ARTICLES:
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
