"""The duplicate key of a person's name.

Two signatures are from the same person when their keys are equal: case,
accents, hyphens, apostrophes and the order of first and last names do not count.
"""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def name_key(name: str | None) -> str | None:
    """'Jean-Éric  DUPONT' and 'Dupont Jean Eric' both give 'dupont eric jean'."""
    if not name:
        return None
    decomposed = unicodedata.normalize("NFKD", name.casefold().translate(_LIGATURES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = sorted(w for w in _SEPARATORS.split(plain) if w)
    return " ".join(words) or None
