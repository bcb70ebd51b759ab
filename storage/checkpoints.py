"""IMAP checkpoints and poll runs: what the poller reads and writes besides messages.

A checkpoint says "every UID up to last_uid in this folder, under this
UIDVALIDITY, is stored and moved away". A poll run is a `run` row of kind
'poll', written when the poll starts (finished_at empty) and completed when it
ends, so a run killed half-way still shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from petition.storage.models import Checkpoint, Message, Run, Signatory, utcnow

POLL = "poll"


@dataclass(frozen=True)
class Mark:
    """A checkpoint's value: the folder's UIDVALIDITY and the last UID done."""

    uidvalidity: int
    last_uid: int


def read_checkpoint(session: Session, account: str, folder: str) -> Mark | None:
    row = session.scalars(select(Checkpoint).where(
        Checkpoint.account == account, Checkpoint.folder == folder)).first()
    return Mark(row.uidvalidity, row.last_uid) if row is not None else None


def write_checkpoint(session: Session, account: str, folder: str, mark: Mark) -> None:
    """Set the checkpoint of (ACCOUNT, FOLDER) to MARK (inside the caller's transaction)."""
    row = session.scalars(select(Checkpoint).where(
        Checkpoint.account == account, Checkpoint.folder == folder)).first()
    if row is None:
        session.add(Checkpoint(account=account, folder=folder, uidvalidity=mark.uidvalidity,
                               last_uid=mark.last_uid))
    else:
        row.uidvalidity, row.last_uid = mark.uidvalidity, mark.last_uid
        row.updated_at = utcnow()
    session.flush()


def all_checkpoints(session: Session) -> list[Checkpoint]:
    return list(session.scalars(select(Checkpoint).order_by(Checkpoint.account,
                                                            Checkpoint.folder)))


def start_run(session: Session, kind: str = POLL) -> int:
    run = Run(kind=kind, started_at=utcnow(), finished_at=None, ok=None)
    session.add(run)
    session.flush()
    return run.id


def finish_run(session: Session, run_id: int, ok: bool, counts: dict[str, Any],
               error: str | None) -> None:
    run = session.get_one(Run, run_id)
    run.finished_at, run.ok, run.counts, run.error = utcnow(), ok, counts, error
    session.flush()


def last_run(session: Session, kind: str = POLL, ok: bool | None = None) -> Run | None:
    """The newest run of KIND (only successful ones with ok=True)."""
    query = select(Run).where(Run.kind == kind)
    if ok is not None:
        query = query.where(Run.ok.is_(ok))
    return session.scalars(query.order_by(Run.started_at.desc(), Run.id.desc()).limit(1)).first()


def count_messages_in_error(session: Session) -> int:
    return session.scalar(select(func.count()).where(Message.status == "error")) or 0


def count_pending_reviews(session: Session) -> int:
    return session.scalar(select(func.count()).where(Signatory.status == "pending")) or 0


def run_age(run: Run, now: datetime | None = None) -> float:
    """Seconds since RUN finished (or started, when it never finished)."""
    when = run.finished_at or run.started_at
    return ((now or utcnow()) - when).total_seconds()
