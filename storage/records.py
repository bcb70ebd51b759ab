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

from sqlalchemy import Connection, select, update
from sqlalchemy.orm import Session

from petition.intake.record import Record
from petition.intake.record import Signatory as SignatoryRecord
from petition.settings import PolicySettings
from petition.storage.models import SYSTEM, Event, Mandate, Message, Signatory, utcnow
from petition.storage.names import name_key
from petition.storage.rows import first_id, insert_row, insert_rows

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


MESSAGE = Message.__table__
SIGNATORY = Signatory.__table__
MANDATE = Mandate.__table__
EVENT = Event.__table__


def store_record(session: Session, message: Message, record: Record,
                 policy: PolicySettings = PolicySettings(),
                 extractor_version: str | None = None) -> list[Signatory]:
    """Fill MESSAGE with what RECORD says and write its signatories; returns the new rows.

    Runs inside the caller's transaction; raises on database errors. The rows are
    written by `write_record` (no unit of work); the session's objects are expired
    so that they show what was written.
    """
    for column, value in verdict(record, extractor_version, message.message_id).items():
        setattr(message, column, value)
    session.flush()
    ids = write_record(session.connection(), message.id, record, policy)
    session.expire_all()
    if not ids:
        return []
    return list(session.scalars(select(Signatory).where(Signatory.id.in_(ids))
                                .order_by(Signatory.id)))


def verdict(record: Record, extractor_version: str | None,
            message_id: str | None = None) -> dict[str, Any]:
    """The message columns RECORD fills (MESSAGE_ID: the one already stored, if any)."""
    values: dict[str, Any] = {
        "kind": record.kind, "decision": record.decision,
        "official_address": record.official_address,
        "reasons": [clean(r) or "" for r in record.reasons],
        "sender": clean(record.sender), "subject": clean(record.subject),
        "date": parse_date(record.date), "extractor_version": extractor_version,
        "processed_at": utcnow(), "error": clean(record.error),
        "status": "error" if record.kind == "error" else "processed",
    }
    if message_id is None:
        values["message_id"] = clean(record.message_id)
    return values


def write_record(conn: Connection, message_id: int, record: Record,
                 policy: PolicySettings = PolicySettings()) -> list[int]:
    """Write RECORD's signatories (with mandates and events) or its withdrawal for the
    stored message MESSAGE_ID, inside the caller's transaction; the new signatory ids.

    Plain SQL statements, no ORM unit of work: this runs once per mail polled.
    """
    if record.kind == "signature":
        return [_add_signatory(conn, message_id, sig, record, policy)
                for sig in record.signatories]
    if record.kind == "withdrawal":
        _withdraw(conn, message_id, record)
    return []


def initial_status(decision: str, policy: PolicySettings) -> str:
    """The status a new signatory gets from the message's decision."""
    if decision == "publish":
        return "published" if policy.auto_publish else "pending"
    if decision == "reject":
        return "rejected"
    return "pending"


def _add_signatory(conn: Connection, message_id: int, sig: SignatoryRecord,
                   record: Record, policy: PolicySettings) -> int:
    key = name_key(sig.name)
    status = initial_status(record.decision, policy)
    action, reason = "created", _decision_reason(record, policy)
    if status == "published":
        twin = published_twin(conn, key)
        if twin is not None:
            status, action = "pending", "duplicate"
            reason = (f"already published as signatory #{twin}: kept pending as a "
                      "correction for staff to review")
    signatory_id = insert_row(conn, SIGNATORY, {
        "name": clean(sig.name), "name_key": key, "party": clean(sig.party), "status": status,
        "official_address": record.official_address,
        "reasons": [clean(r) or "" for r in sig.reasons],
        "confidence": {str(k): float(v) for k, v in sig.confidence.items()},
        "message_id": message_id})
    if sig.mandates:
        insert_rows(conn, MANDATE, [
            {"signatory_id": signatory_id, "position": i, "type": m.type,
             "label": clean(m.label) or "", "place": clean(m.place),
             "departement": m.departement}
            for i, m in enumerate(sig.mandates)])
    _event(conn, signatory_id, message_id, action, reason, None, {"status": status})
    return signatory_id


def _event(conn: Connection, signatory_id: int | None, message_id: int, action: str,
           reason: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
    insert_row(conn, EVENT, {"signatory_id": signatory_id, "message_id": message_id,
                             "action": action, "actor": SYSTEM, "reason": reason,
                             "before": before, "after": after})


def _decision_reason(record: Record, policy: PolicySettings) -> str:
    why = f"decision {record.decision}"
    if record.decision == "publish" and not policy.auto_publish:
        why += " (auto_publish is off: held for staff)"
    decisive = [r for r in record.reasons if r.startswith(("decision", "decide"))]
    return why + (f": {decisive[-1]}" if decisive else "")


def published_twin(conn: Connection | Session, key: str | None) -> int | None:
    """The id of the published signatory with this name key, if any."""
    if key is None:
        return None
    if isinstance(conn, Session):
        conn = conn.connection()
    return first_id(conn, SIGNATORY, "name_key = ? AND status = 'published'", (key,))


def _withdraw(conn: Connection, message_id: int, record: Record) -> None:
    """Withdraw the person's signatures: by name first, else by the sender's address."""
    matches = _withdrawal_matches(conn, message_id, record)
    if not matches:
        names = [clean(s.name) for s in record.signatories]
        _event(conn, None, message_id, "withdrawal_unmatched",
               "withdrawal request that matches no signatory: staff to check",
               None, {"names": names, "sender": clean(record.sender)})
        return
    for signatory_id, status in matches:
        if status == "withdrawn":
            continue
        conn.execute(update(SIGNATORY).where(SIGNATORY.c.id == signatory_id)
                     .values(status="withdrawn"))
        _event(conn, signatory_id, message_id, "withdrawn",
               f"withdrawal request in message #{message_id}",
               {"status": status}, {"status": "withdrawn"})


def _withdrawal_matches(conn: Connection, message_id: int,
                        record: Record) -> Sequence[tuple[int, str]]:
    """(id, status) of the signatures a withdrawal names, in id order."""
    keys = {k for k in (name_key(s.name) for s in record.signatories) if k}
    live = SIGNATORY.c.status != "rejected"
    wanted = select(SIGNATORY.c.id, SIGNATORY.c.status).order_by(SIGNATORY.c.id)
    if keys:
        by_name = conn.execute(wanted.where(SIGNATORY.c.name_key.in_(keys), live)).all()
        if by_name:
            return [(i, s) for i, s in by_name]
    if not record.sender:
        return []
    same_sender = select(MESSAGE.c.id).where(MESSAGE.c.sender == record.sender,
                                             MESSAGE.c.id != message_id)
    return [(i, s) for i, s in conn.execute(
        wanted.where(SIGNATORY.c.message_id.in_(same_sender), live)).all()]


def snapshot(row: Signatory) -> dict[str, Any]:
    """The fields staff need to see what a replaced signatory was."""
    return {"id": row.id, "name": row.name, "party": row.party, "status": row.status,
            "mandates": [m.label for m in row.mandates]}
