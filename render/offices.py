"""Kinds of office: their rank on the public page and their French names.

The rank decides both the order of the groups and the group a person with
several mandates is listed in (their highest office).
"""

from __future__ import annotations

from collections.abc import Iterable

# Page order, highest office first.
OFFICE_ORDER: tuple[str, ...] = (
    "depute", "senateur", "depute_europeen",
    "conseiller_regional", "conseiller_territorial", "conseiller_departemental",
    "maire", "maire_arrondissement", "maire_adjoint",
    "conseiller_communautaire", "conseiller_municipal", "conseiller_arrondissement",
    "other",
)

# Group headings (plural, inclusive writing as in the page's title).
HEADINGS: dict[str, str] = {
    "depute": "Député·es",
    "senateur": "Sénateur·rices",
    "depute_europeen": "Député·es européen·nes",
    "conseiller_regional": "Conseiller·ères régionaux·ales",
    "conseiller_territorial": "Conseiller·ères territoriaux·ales",
    "conseiller_departemental": "Conseiller·ères départementaux·ales",
    "maire": "Maires",
    "maire_arrondissement": "Maires d'arrondissement",
    "maire_adjoint": "Adjoint·es au maire",
    "conseiller_communautaire": "Conseiller·ères communautaires",
    "conseiller_municipal": "Conseiller·ères municipaux·ales",
    "conseiller_arrondissement": "Conseiller·ères d'arrondissement",
    "other": "Autres élu·es",
}

# Said when a mandate comes without a label of its own.
SINGULAR: dict[str, str] = {
    "depute": "député·e",
    "senateur": "sénateur·rice",
    "depute_europeen": "député·e européen·ne",
    "conseiller_regional": "conseiller·ère régional·e",
    "conseiller_territorial": "conseiller·ère territorial·e",
    "conseiller_departemental": "conseiller·ère départemental·e",
    "maire": "maire",
    "maire_arrondissement": "maire d'arrondissement",
    "maire_adjoint": "adjoint·e au maire",
    "conseiller_communautaire": "conseiller·ère communautaire",
    "conseiller_municipal": "conseiller·ère municipal·e",
    "conseiller_arrondissement": "conseiller·ère d'arrondissement",
    "other": "élu·e",
}

_RANK = {kind: i for i, kind in enumerate(OFFICE_ORDER)}


def office_kind(mandate_type: str | None) -> str:
    """The known kind for a mandate type; anything unknown is 'other'."""
    return mandate_type if mandate_type in _RANK else "other"


def rank(mandate_type: str | None) -> int:
    return _RANK[office_kind(mandate_type)]


def highest(mandate_types: Iterable[str | None]) -> str:
    """The kind of the highest office among these; 'other' when there are none."""
    kinds = [office_kind(t) for t in mandate_types]
    return min(kinds, key=rank) if kinds else "other"
