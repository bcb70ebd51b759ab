"""Read-only questions to the database: counts, and the public list."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from petition.intake.record import Mandate as MandateRecord
from petition.render.model import PublicSignatory
from petition.storage.models import SIGNATORY_STATUSES, Message, Signatory


def stats(session: Session) -> dict[str, Any]:
    """Counts of messages (by kind, by status, in error) and of signatories by status."""
    by_kind = _count_by(session, Message.kind)
    by_status = _count_by(session, Message.status)
    signatories = dict.fromkeys(SIGNATORY_STATUSES, 0)
    signatories.update(_count_by(session, Signatory.status))
    return {
        "messages": {
            "total": sum(by_status.values()),
            "by_kind": by_kind,
            "by_status": by_status,
            "errors": by_status.get("error", 0),
        },
        "signatories": {status: signatories[status]
                        for status in ("published", "pending", "rejected", "withdrawn")},
    }


def _count_by(session: Session, column: Any) -> dict[str, int]:
    rows = session.execute(select(column, func.count()).group_by(column)).all()
    return {str(value) if value is not None else "unknown": n for value, n in rows}


def published_signatories(session: Session) -> list[PublicSignatory]:
    """Every published signatory with a name: name, party, mandates; never an address."""
    rows = session.scalars(
        select(Signatory)
        .where(Signatory.status == "published", Signatory.name.is_not(None))
        .options(selectinload(Signatory.mandates))
        .order_by(Signatory.name_key, Signatory.id)).all()
    return [
        PublicSignatory(
            name=row.name or "",
            party=row.party,
            mandates=tuple(MandateRecord(type=m.type, label=m.label, place=m.place,
                                         departement=m.departement) for m in row.mandates),
        )
        for row in rows
    ]
