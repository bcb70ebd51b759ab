"""The record every message becomes (see the parse contract).

Pure data: frozen dataclasses and their JSON form. Every stage of the pipeline
hands these along; nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["signature", "withdrawal", "auto_reply", "bounce", "other", "error"]
Decision = Literal["publish", "review", "reject", "withdraw", "ignore"]

KINDS: tuple[str, ...] = ("signature", "withdrawal", "auto_reply", "bounce", "other", "error")
DECISIONS: tuple[str, ...] = ("publish", "review", "reject", "withdraw", "ignore")
MANDATE_TYPES: tuple[str, ...] = (
    "depute", "senateur", "depute_europeen", "conseiller_regional",
    "conseiller_departemental", "conseiller_territorial", "conseiller_communautaire",
    "maire", "maire_adjoint", "maire_arrondissement", "conseiller_arrondissement",
    "conseiller_municipal", "other",
)


@dataclass(frozen=True)
class Mandate:
    type: str
    label: str
    place: str | None = None
    departement: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "label": self.label, "place": self.place,
                "departement": self.departement}


@dataclass(frozen=True)
class Signatory:
    name: str | None
    mandates: tuple[Mandate, ...] = ()
    party: str | None = None
    # Per-field confidence in [0, 1] and the named reasons behind them.
    confidence: dict[str, float] = field(default_factory=dict, compare=False)
    reasons: tuple[str, ...] = field(default=(), compare=False)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "mandates": [m.to_json() for m in self.mandates],
                "party": self.party}


@dataclass(frozen=True)
class Record:
    file: str | None
    message_id: str | None
    sender: str | None
    kind: str
    official_address: bool = False
    decision: str = "ignore"
    signatories: tuple[Signatory, ...] = ()
    error: str | None = None
    subject: str | None = None
    date: str | None = None
    # Why the message got its kind, address verdict and decision, in order.
    reasons: tuple[str, ...] = ()

    def to_json(self, explain: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "file": self.file,
            "message_id": self.message_id,
            "sender": self.sender,
            "kind": self.kind,
            "official_address": self.official_address,
            "decision": self.decision,
            "signatories": [s.to_json() for s in self.signatories],
        }
        if self.error is not None:
            out["error"] = self.error
        if explain:
            out["reasons"] = list(self.reasons)
            out["confidence"] = [dict(s.confidence) for s in self.signatories]
            out["signatory_reasons"] = [list(s.reasons) for s in self.signatories]
        return out


def error_record(file: str | None, reason: str, sender: str | None = None,
                 message_id: str | None = None) -> Record:
    """The record of a file that could not be read as an email."""
    return Record(file=file, message_id=message_id, sender=sender, kind="error",
                  decision="ignore", error=reason, reasons=(f"error: {reason}",))
