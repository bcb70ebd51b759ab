"""Decide: kind + official address + signatories → publish/review/reject/withdraw/ignore.

OWNER: kind/verify helper. Interface fixed; implementation to be completed.
"""

from __future__ import annotations

from collections.abc import Sequence

from petition.intake.record import Signatory
from petition.settings import PolicySettings


def decide(kind: str, official: bool, signatories: Sequence[Signatory],
           policy: PolicySettings) -> tuple[str, tuple[str, ...]]:
    raise NotImplementedError
