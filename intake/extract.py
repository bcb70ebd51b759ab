"""Extract: Mail → kind and signatories (names, mandates, party), with reasons.

OWNER: fields helper. Interface fixed; implementation to be completed.
"""

from __future__ import annotations

from dataclasses import dataclass

from petition.intake.mime import Mail
from petition.intake.record import Signatory


@dataclass(frozen=True)
class Extraction:
    kind: str
    signatories: tuple[Signatory, ...]
    reasons: tuple[str, ...]


def extract(mail: Mail) -> Extraction:
    raise NotImplementedError
