"""Store: raw message → parse → message row and signatories, in the caller's transaction.

A message is parsed first (parsing never raises) and its row is written whole: raw
bytes, verdict and reasons. Its signatories are written in a savepoint: if that
fails, it is rolled back and the message row is kept with status 'error' and the
reason, for `requeue` to try again: no message is lost. A message already stored
(same Message-ID, or without one the same bytes) is counted as a duplicate and not
stored again. `ingest` gives each message its own transaction; the poller commits
the mails of a batch together (intake/poll.py).

The rows of a new message are written with plain SQL statements (no ORM unit
of work): this runs once per mail polled. `parse_ahead` gives worker processes
that parse a long backlog while the caller stores (see intake/poll.py).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser
from email.policy import compat32
from typing import Any, Literal

from sqlalchemy import Connection, Engine, or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from petition.intake import workers
from petition.intake.errors import SourceError, one_line
from petition.intake.parse import EXTRACTOR_VERSION, ParseSettings, parse_message, warm_up
from petition.intake.record import Record
from petition.intake.sources import ImapRaw, RawMessage
from petition.render.model import PublicSignatory
from petition.settings import Settings
from petition.storage.db import session_factory
from petition.storage.models import SYSTEM, Event, Message, Run, utcnow
from petition.storage.queries import published_signatories, stats
from petition.storage.records import (
    MESSAGE,
    clean,
    snapshot,
    store_record,
    verdict,
    write_record,
)
from petition.storage.rows import first_id, insert_row, savepoint, update_row

__all__ = [
    "IngestReport", "Outcome", "ParseAhead", "PublicSignatory", "already_stored",
    "header_message_id", "ingest", "parse_ahead", "process", "published_signatories",
    "reprocess", "requeue", "stats", "store_record",
]

log = logging.getLogger(__name__)

HEADER_LIMIT = 256 * 1024

Status = Literal["stored", "duplicate", "error"]


@dataclass(frozen=True)
class Outcome:
    """What became of one message: its row id (the earlier one for a duplicate)."""

    status: Status
    message_row_id: int | None
    record: Record | None = None
    reason: str | None = None


@dataclass
class IngestReport:
    """The counts of one ingest or requeue run, and one line per error."""

    seen: int = 0
    stored: int = 0
    duplicates: int = 0
    errors: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    by_decision: Counter[str] = field(default_factory=Counter)
    error_lines: list[str] = field(default_factory=list)

    def add(self, source: str, outcome: Outcome) -> None:
        if outcome.status == "duplicate":
            self.duplicates += 1
            return
        if outcome.record is not None:
            self.by_kind[outcome.record.kind] += 1
            self.by_decision[outcome.record.decision] += 1
        if outcome.status == "stored":
            self.stored += 1
        else:
            self.fail(f"{source}: {outcome.reason or 'error'}")

    def fail(self, line: str) -> None:
        self.errors += 1
        self.error_lines.append(one_line(line))

    def as_dict(self) -> dict[str, Any]:
        return {"seen": self.seen, "stored": self.stored, "duplicates": self.duplicates,
                "errors": self.errors, "by_kind": dict(self.by_kind),
                "by_decision": dict(self.by_decision)}


def parse_settings(settings: Settings) -> ParseSettings:
    return ParseSettings(auth=settings.auth, policy=settings.policy)


# --------------------------------------------------------------------------- one message

def process(session: Session | Connection, raw: RawMessage | ImapRaw, settings: Settings,
            record: Record | None = None) -> Outcome:
    """Store RAW and what it says, inside the session's (or connection's) transaction;
    the caller commits.

    RECORD is RAW already parsed (`parse_message`), so that a caller can parse
    before taking the write lock; without it, RAW is parsed here (parsing never
    raises: a message it cannot read is stored with its error). The message row is
    written whole in one statement, its signatories in a savepoint: a failure there
    leaves the message stored in error. Plain SQL statements (no ORM unit of work).
    """
    digest = hashlib.sha256(raw.data).hexdigest()
    message_id = header_message_id(raw.data)
    earlier = find_duplicate(session, message_id, digest)
    if earlier is not None:
        return Outcome("duplicate", earlier)
    if record is None:
        record = parse_message(raw.data, raw.source, parse_settings(settings))
    row_id = insert_row(_connection(session), MESSAGE, {
        "message_id": message_id, "sha256": digest, "raw": raw.data, "size": len(raw.data),
        **_origin(raw), **verdict(record, EXTRACTOR_VERSION, message_id)})
    return _store_record(session, row_id, raw.source, settings, record)


def _origin(raw: RawMessage | ImapRaw) -> dict[str, Any]:
    if isinstance(raw, ImapRaw):
        origin = {"source_kind": "imap", "source": raw.source, "imap_account": raw.account,
                  "imap_folder": raw.folder, "imap_uidvalidity": raw.uidvalidity,
                  "imap_uid": raw.uid}
        if raw.received_at is not None:
            origin["received_at"] = raw.received_at
        return origin
    return {"source_kind": "file", "source": clean(raw.source) or ""}


def find_duplicate(session: Session | Connection, message_id: str | None, digest: str
                   ) -> int | None:
    """The id of a stored message with this Message-ID or these exact bytes (a NULL
    Message-ID equals nothing)."""
    return first_id(_connection(session), MESSAGE, "sha256 = ? OR message_id = ?",
                    (digest, message_id))


def _connection(db: Session | Connection) -> Connection:
    """A connection in the transaction of DB: the poll writes through a bare Connection
    (no ORM session to begin and commit per mail); staff paths use sessions."""
    return db.connection() if isinstance(db, Session) else db


def header_message_id(data: bytes) -> str | None:
    """The Message-ID header, read from the header block alone (angle brackets kept).

    A block of plain ASCII "Name: value" lines (nearly every mail) is searched with one
    expression; anything else goes through the stdlib parser, whose reading this is."""
    end = min((i for i in (data.find(b"\r\n\r\n"), data.find(b"\n\n")) if i >= 0),
              default=HEADER_LIMIT)
    block = data[:min(end, HEADER_LIMIT)]
    if _PLAIN_HEADERS.fullmatch(block):
        found = _MESSAGE_ID.search(block)
        value = found.group(1).decode("ascii") if found else None
    else:
        parsed = BytesHeaderParser(policy=compat32).parsebytes(block).get("Message-ID")
        value = None if parsed is None else str(parsed)
    if value is None:
        return None
    return clean(" ".join(value.split())) or None


_PLAIN_HEADERS = re.compile(rb"(?:[!-9;-~]+:[ -~\t]*(?:\r?\n[ \t][ -~\t]*)*(?:\r?\n|$))*")
_MESSAGE_ID = re.compile(rb"^message-id:[ \t]*([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)",
                         re.IGNORECASE | re.MULTILINE)


def _store_record(session: Session | Connection, row_id: int, source: str,
                  settings: Settings, record: Record) -> Outcome:
    """Write RECORD's signatories for message ROW_ID in a savepoint; a failure marks the
    message in error (its bytes stay stored)."""
    conn = _connection(session)
    try:
        with savepoint(session):
            write_record(conn, row_id, record, settings.policy)
    except Exception as exc:
        log.exception("cannot store message %s (%s)", row_id, source)
        reason = one_line(f"cannot store: {type(exc).__name__}: {exc}")
        _mark_error(conn, row_id, reason)
        return Outcome("error", row_id, None, reason)
    if record.kind == "error":
        return Outcome("error", row_id, record, record.error or "not an email")
    return Outcome("stored", row_id, record)


def _parse_and_store(session: Session | Connection, row_id: int, message_id: str | None,
                     data: bytes, source: str, settings: Settings,
                     record: Record | None = None) -> Outcome:
    """Parse a stored message again (unless RECORD is given) and write what it says."""
    if record is None:
        record = parse_message(data, source, parse_settings(settings))
    update_row(_connection(session), MESSAGE, row_id,
               verdict(record, EXTRACTOR_VERSION, message_id))
    return _store_record(session, row_id, source, settings, record)


def _mark_error(conn: Connection, row_id: int, reason: str) -> None:
    conn.execute(update(MESSAGE).where(MESSAGE.c.id == row_id).values(
        status="error", kind="error", decision=None, error=clean(reason),
        extractor_version=EXTRACTOR_VERSION, processed_at=utcnow()))


def reprocess(session: Session, row: Message, settings: Settings,
              record: Record | None = None) -> Outcome:
    """Run a stored message through parse → store again, replacing its signatories.

    The replaced signatories are written into a 'replaced' event first, so staff
    can see what they were (and any status staff had given them).
    """
    replaced = [snapshot(s) for s in row.signatories]
    if replaced:
        session.add(Event(signatory_id=None, message_id=row.id, action="replaced", actor=SYSTEM,
                          reason="message run through the pipeline again",
                          before={"signatories": replaced}, after=None))
        row.signatories.clear()
    session.flush()
    outcome = _parse_and_store(session, row.id, row.message_id, row.raw, row.source, settings,
                               record)
    session.expire(row)
    return outcome


def already_stored(session: Session, data: bytes) -> int | None:
    """The id of the stored copy of DATA (same Message-ID or same bytes), if any."""
    return find_duplicate(session, header_message_id(data), hashlib.sha256(data).hexdigest())


# --------------------------------------------------------------------------- parse ahead

PARALLEL_MIN = workers.MIN_BACKLOG  # a backlog at least this long is parsed in workers


class ParseAhead:
    """Parse mails in worker processes while the caller stores the ones before.

    Parsing is pure (bytes in, Record out), so parsing ahead changes nothing in
    what is stored or when: the caller still stores, commits, moves and
    checkpoints in order. A worker that fails, or a pool that breaks, gives
    None: the caller then parses the mail itself, where a failure is stored as
    the message's error. Workers ignore SIGINT and SIGTERM (the parent stops
    between two messages) and exit at once when the parent dies, even by SIGKILL.
    """

    def __init__(self, settings: Settings, count: int) -> None:
        self._settings = parse_settings(settings)
        self._pool = workers.process_pool(count)
        self._broken = False

    def submit(self, data: bytes, source: str) -> Future[Record] | None:
        if self._broken:
            return None
        try:
            return self._pool.submit(parse_message, data, source, self._settings)
        except (BrokenProcessPool, RuntimeError) as exc:
            log.warning("parse workers unavailable (%s): parsing in this process", exc)
            self._broken = True
            return None

    @staticmethod
    def result(future: Future[Record] | None) -> Record | None:
        """The parsed Record, or None when the caller must parse the mail itself."""
        if future is None:
            return None
        try:
            return future.result()
        except Exception as exc:
            log.warning("a parse worker failed (%s): parsing in this process", one_line(exc))
            return None

    def close(self) -> None:
        workers.close_pool(self._pool, cancel=True)


@contextmanager
def parse_ahead(settings: Settings, backlog: int) -> Iterator[ParseAhead | None]:
    """Worker processes for a backlog of at least PARALLEL_MIN mails on a machine with
    more than one CPU; None (parse in this process) otherwise."""
    count = workers.default_workers()
    if backlog < PARALLEL_MIN or count < 2:
        yield None
        return
    warm_up(parse_settings(settings))  # built once, shared by the forked workers
    ahead = ParseAhead(settings, count)
    try:
        yield ahead
    finally:
        ahead.close()


# --------------------------------------------------------------------------- runs

def ingest(engine: Engine, sources: Iterable[RawMessage | ImapRaw | SourceError],
           settings: Settings) -> IngestReport:
    """Process every message from SOURCES, each in its own transaction.

    A message is parsed before its transaction begins, so the write lock is held
    for the database work alone; one already stored is not parsed at all.
    """
    sessions, readers = session_factory(engine, write=True), session_factory(engine)
    report, started = IngestReport(), utcnow()
    for item in sources:
        report.seen += 1
        if isinstance(item, SourceError):
            report.fail(item.line)
            continue
        try:
            with readers() as session:
                earlier = already_stored(session, item.data)
            if earlier is not None:
                report.add(item.source, Outcome("duplicate", earlier))
                continue
            record = parse_message(item.data, item.source, parse_settings(settings))
            with sessions.begin() as session:
                outcome = process(session, item, settings, record)
        except SQLAlchemyError as exc:
            log.exception("database error on %s", item.source)
            report.fail(f"{item.source}: database error: {_db_reason(exc)}")
            continue
        report.add(item.source, outcome)
    _record_run(sessions, "ingest", started, report)
    return report


def requeue(engine: Engine, settings: Settings, outdated: bool = False) -> IngestReport:
    """Run again the stored messages in error; with OUTDATED also every message
    parsed by another extractor version than this one."""
    sessions, readers = session_factory(engine, write=True), session_factory(engine)
    report, started = IngestReport(), utcnow()
    wanted = Message.status == "error"
    if outdated:
        wanted = or_(wanted, Message.extractor_version.is_(None),
                     Message.extractor_version != EXTRACTOR_VERSION)
    with readers() as session:
        ids = session.scalars(select(Message.id).where(wanted).order_by(Message.id)).all()
    for message_row_id in ids:
        report.seen += 1
        try:
            with readers() as session:
                data, source = session.execute(select(Message.raw, Message.source).where(
                    Message.id == message_row_id)).one()
            record = parse_message(data, source, parse_settings(settings))
            with sessions.begin() as session:
                row = session.get_one(Message, message_row_id)
                outcome = reprocess(session, row, settings, record)
        except SQLAlchemyError as exc:
            log.exception("database error on message %s", message_row_id)
            report.fail(f"message #{message_row_id}: database error: {_db_reason(exc)}")
            continue
        report.add(source, outcome)
    _record_run(sessions, "requeue", started, report)
    return report


def _db_reason(exc: SQLAlchemyError) -> str:
    return one_line(str(getattr(exc, "orig", None) or exc).splitlines()[0])


def _record_run(sessions: sessionmaker[Session], kind: str, started: Any,
                report: IngestReport) -> None:
    try:
        with sessions.begin() as session:
            session.add(Run(kind=kind, started_at=started, finished_at=utcnow(),
                            ok=report.errors == 0, counts=report.as_dict(),
                            error="\n".join(report.error_lines[:20]) or None))
    except SQLAlchemyError:
        log.exception("cannot record the %s run", kind)
