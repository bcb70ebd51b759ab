"""Write a parsed Record into rows: the message's verdict, signatories, mandates, events.

Statuses come from the decision (see the parse contract):

    publish   → 'published' (policy.auto_publish) or 'pending'
    review    → 'pending'
    reject    → 'rejected'
    withdraw  → the person's earlier signatures become 'withdrawn'

The same person is never published twice: a publishable signature whose name key
is already published is kept 'pending' as a correction. Every automatic status
change writes an `event` row (actor 'system') with the reason.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from petition.intake.record import Record
from petition.intake.record import Signatory as SignatoryRecord
from petition.settings import PolicySettings
from petition.storage.models import SYSTEM, Event, Mandate, Message, Signatory, utcnow
from petition.storage.names import name_key

log = logging.getLogger(__name__)


def clean(text: str | None) -> str | None:
    """TEXT safe for the database: lone surrogates (from undecodable headers) replaced."""
    if text is None:
        return None
    return text.encode("utf-8", "replace").decode("utf-8")


def parse_date(value: str | None) -> datetime | None:
    """An ISO 8601 date as an aware UTC datetime (naive ones taken as UTC), else None."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def store_record(session: Session, message: Message, record: Record,
                 policy: PolicySettings = PolicySettings(),
                 extractor_version: str | None = None) -> list[Signatory]:
    """Fill MESSAGE with what RECORD says and write its signatories; returns the new rows.

    Runs inside the caller's transaction and flushes; raises on database errors.
    """
    _fill_message(message, record, extractor_version)
    added: list[Signatory] = []
    if record.kind == "signature":
        added = [_add_signatory(session, message, sig, record, policy)
                 for sig in record.signatories]
    elif record.kind == "withdrawal":
        _withdraw(session, message, record)
    session.flush()
    return added


def _fill_message(message: Message, record: Record, extractor_version: str | None) -> None:
    message.kind = record.kind
    message.decision = record.decision
    message.official_address = record.official_address
    message.reasons = [clean(r) or "" for r in record.reasons]
    message.sender = clean(record.sender)
    message.subject = clean(record.subject)
    message.date = parse_date(record.date)
    if message.message_id is None:
        message.message_id = clean(record.message_id)
    message.extractor_version = extractor_version
    message.processed_at = utcnow()
    message.error = clean(record.error)
    message.status = "error" if record.kind == "error" else "processed"


def initial_status(decision: str, policy: PolicySettings) -> str:
    """The status a new signatory gets from the message's decision."""
    if decision == "publish":
        return "published" if policy.auto_publish else "pending"
    if decision == "reject":
        return "rejected"
    return "pending"


def _add_signatory(session: Session, message: Message, sig: SignatoryRecord,
                   record: Record, policy: PolicySettings) -> Signatory:
    key = name_key(sig.name)
    status = initial_status(record.decision, policy)
    action, reason = "created", _decision_reason(record, policy)
    if status == "published":
        twin = published_twin(session, key)
        if twin is not None:
            status, action = "pending", "duplicate"
            reason = (f"already published as signatory #{twin.id}: kept pending as a "
                      "correction for staff to review")
    row = Signatory(
        name=clean(sig.name), name_key=key, party=clean(sig.party), status=status,
        official_address=record.official_address,
        reasons=[clean(r) or "" for r in sig.reasons],
        confidence={str(k): float(v) for k, v in sig.confidence.items()},
        message=message,
        mandates=[Mandate(position=i, type=m.type, label=clean(m.label) or "",
                          place=clean(m.place), departement=m.departement)
                  for i, m in enumerate(sig.mandates)],
    )
    session.add(row)
    session.add(Event(signatory=row, message=message, action=action, actor=SYSTEM,
                      reason=reason, before=None, after={"status": status}))
    return row


def _decision_reason(record: Record, policy: PolicySettings) -> str:
    why = f"decision {record.decision}"
    if record.decision == "publish" and not policy.auto_publish:
        why += " (auto_publish is off: held for staff)"
    decisive = [r for r in record.reasons if r.startswith(("decision", "decide"))]
    return why + (f": {decisive[-1]}" if decisive else "")


def published_twin(session: Session, key: str | None) -> Signatory | None:
    """The published signatory with this name key, if any."""
    if key is None:
        return None
    return session.scalars(
        select(Signatory).where(Signatory.name_key == key, Signatory.status == "published")
        .order_by(Signatory.id).limit(1)).first()


def _withdraw(session: Session, message: Message, record: Record) -> None:
    """Withdraw the person's signatures: by name first, else by the sender's address."""
    matches = _withdrawal_matches(session, message, record)
    if not matches:
        names = [clean(s.name) for s in record.signatories]
        session.add(Event(
            signatory_id=None, message_id=message.id, action="withdrawal_unmatched",
            actor=SYSTEM, reason="withdrawal request that matches no signatory: staff to check",
            before=None, after={"names": names, "sender": clean(record.sender)}))
        return
    for row in matches:
        if row.status == "withdrawn":
            continue
        before = row.status
        row.status = "withdrawn"
        session.add(Event(
            signatory_id=row.id, message_id=message.id, action="withdrawn", actor=SYSTEM,
            reason=f"withdrawal request in message #{message.id}",
            before={"status": before}, after={"status": "withdrawn"}))


def _withdrawal_matches(session: Session, message: Message,
                        record: Record) -> Sequence[Signatory]:
    keys = {k for k in (name_key(s.name) for s in record.signatories) if k}
    live = Signatory.status != "rejected"
    if keys:
        by_name = session.scalars(
            select(Signatory).where(Signatory.name_key.in_(keys), live)
            .order_by(Signatory.id)).all()
        if by_name:
            return by_name
    if not record.sender:
        return []
    same_sender = select(Message.id).where(Message.sender == record.sender,
                                           Message.id != message.id)
    return session.scalars(
        select(Signatory).where(Signatory.message_id.in_(same_sender), live)
        .order_by(Signatory.id)).all()


def snapshot(row: Signatory) -> dict[str, Any]:
    """The fields staff need to see what a replaced signatory was."""
    return {"id": row.id, "name": row.name, "party": row.party, "status": row.status,
            "mandates": [m.label for m in row.mandates]}
