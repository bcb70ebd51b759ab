"""Separate what the person wrote from what they quote or forward.

OWNER: mime helper. Interface fixed; implementation to be completed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Split:
    own: str                 # the person's own text, sign-off block kept
    quoted: str              # what was removed (quotes, reply headers, pasted petition text)
    forwarded: str | None    # the body of a forwarded message, when there is one


def split_quotes(text: str) -> Split:
    raise NotImplementedError
