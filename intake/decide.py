"""Decide: kind + official address + signatories → publish/review/reject/withdraw/ignore.

The contract's decision table, nothing more: ``policy.auto_publish`` is applied by
storage, not here, so a record always carries the contract's decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from petition.intake.parties import is_far_right
from petition.intake.record import Mandate, Signatory
from petition.settings import PolicySettings

# Offices whose place alone is enough to publish (a région or single collectivité has
# no single département), and the one that needs no place at all.
PLACE_IS_ENOUGH = ("conseiller_regional", "conseiller_territorial")
NO_PLACE_NEEDED = ("depute_europeen",)

Verdict = tuple[str, tuple[str, ...]]


def decide(kind: str, official: bool, signatories: Sequence[Signatory],
           policy: PolicySettings) -> Verdict:
    if kind == "withdrawal":
        return "withdraw", ("decision withdraw: a request to take a signature off",)
    if kind != "signature":
        return "ignore", (f"decision ignore: kind {kind}",)
    far_right = [s for s in signatories if s.party and _is_far_right(s.party,
                                                                     tuple(policy.far_right))]
    if far_right:
        who = ", ".join(f"{s.name or 'unnamed'} ({s.party})" for s in far_right)
        return "reject", (f"decision reject: far-right party: {who}",)
    why_not = _why_not_publishable(official, signatories)
    if why_not:
        return "review", (f"decision review: {why_not}",)
    office = next(m for m in signatories[0].mandates if publishable_mandate(m))
    return "publish", (f"decision publish: official address, one named signatory, "
                       f"office {office.type} ({_where(office)})",)


@lru_cache(maxsize=512)
def _is_far_right(party: str, far_right: tuple[str, ...]) -> bool:
    """is_far_right, remembered: it folds every configured name on each call."""
    return is_far_right(party, far_right)


def _why_not_publishable(official: bool, signatories: Sequence[Signatory]) -> str | None:
    if not official:
        return "the address is not official"
    if len(signatories) != 1:
        return f"{len(signatories)} signatories (publish needs exactly one)"
    signatory = signatories[0]
    if not (signatory.name and signatory.name.strip()):
        return "the signatory has no name"
    if not signatory.mandates:
        return "no elected office stated"
    if not any(publishable_mandate(m) for m in signatory.mandates):
        return "no office of a listed type with its département (or collectivité)"
    return None


def publishable_mandate(mandate: Mandate) -> bool:
    """A listed office, located: a département, or a place for régions, nothing for MEPs."""
    if mandate.type == "other":
        return False
    if mandate.type in NO_PLACE_NEEDED:
        return True
    if mandate.type in PLACE_IS_ENOUGH:
        return bool(mandate.place or mandate.departement)
    return bool(mandate.departement)


def _where(mandate: Mandate) -> str:
    parts = [p for p in (mandate.place, mandate.departement) if p]
    return ", ".join(parts) or "no place needed"
