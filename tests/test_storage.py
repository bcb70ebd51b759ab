"""Storage: SQLite pragmas, concurrency, constraints, timestamps and name keys."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from petition.storage.db import make_engine, session_factory
from petition.storage.models import Checkpoint, Event, Mandate, Message, Signatory
from petition.storage.names import name_key


def message(n: int = 1, **kw) -> Message:
    raw = kw.pop("raw", f"Subject: {n}\n\nbody {n}\n".encode())
    return Message(message_id=f"<{n}@test>", sha256=hashlib.sha256(raw).hexdigest(),
                   source_kind=kw.pop("source_kind", "file"), source=f"m{n}.eml", raw=raw,
                   size=len(raw), status="received", **kw)


# --------------------------------------------------------------------------- pragmas

def test_sqlite_connections_get_wal_foreign_keys_and_busy_timeout(engine):
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_wal_is_persistent_in_the_file(engine, db_url):
    path = db_url.removeprefix("sqlite:///")
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()


def test_a_reader_reads_while_a_writer_writes(engine, db_url):
    """In WAL mode even an EXCLUSIVE writer leaves readers alone (with a rollback
    journal, this read would wait for the busy timeout, then fail)."""
    with Session(engine) as s, s.begin():
        s.add(message(1))
    writer = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
    try:
        writer.execute("BEGIN EXCLUSIVE")
        writer.execute("INSERT INTO message (sha256, source_kind, source, raw, size, status, "
                       "received_at) VALUES ('x', 'file', 'w.eml', x'00', 1, 'received', "
                       "'2026-11-03 09:00:00')")
        started = time.perf_counter()
        with engine.connect() as reader:
            seen = reader.execute(select(func.count()).select_from(Message)).scalar()
        assert time.perf_counter() - started < 1.0  # never waited for the writer
        assert seen == 1
        writer.execute("COMMIT")
        with engine.connect() as reader:
            assert reader.execute(select(func.count()).select_from(Message)).scalar() == 2
    finally:
        writer.close()


def test_writer_sessions_take_the_write_lock_when_they_begin(engine, db_url):
    path = db_url.removeprefix("sqlite:///")
    with session_factory(engine, write=True)() as writer, writer.begin():
        writer.execute(select(1))  # a read only, but the transaction began IMMEDIATE
        rival = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                rival.execute("BEGIN IMMEDIATE")
        finally:
            rival.close()


def test_reader_sessions_do_not_take_the_write_lock(engine, db_url):
    path = db_url.removeprefix("sqlite:///")
    with session_factory(engine)() as reader, reader.begin():
        reader.execute(select(func.count()).select_from(Message))
        rival = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            rival.execute("BEGIN IMMEDIATE")
            rival.execute("ROLLBACK")
        finally:
            rival.close()


def test_savepoints_work(session):
    with session.begin():
        session.add(message(1))
        with pytest.raises(IntegrityError), session.begin_nested():
            session.add(message(1))  # same sha256
            session.flush()
        session.add(message(2))
    assert session.scalar(select(func.count()).select_from(Message)) == 2


# --------------------------------------------------------------------------- constraints

def test_sha256_is_unique(session):
    session.add_all([message(1), message(1)])
    with pytest.raises(IntegrityError):
        session.flush()


def test_imap_uid_is_unique_per_account_folder_and_uidvalidity(session):
    imap = {"source_kind": "imap", "imap_account": "petition", "imap_folder": "INBOX",
            "imap_uidvalidity": 7}
    session.add_all([message(1, imap_uid=1, **imap), message(2, imap_uid=2, **imap),
                     message(3, imap_uid=1, **{**imap, "imap_uidvalidity": 8})])
    session.flush()
    session.add(message(4, imap_uid=1, **imap))
    with pytest.raises(IntegrityError):
        session.flush()


def test_unknown_source_kind_is_refused(session):
    session.add(message(1, source_kind="pigeon"))
    with pytest.raises(IntegrityError):
        session.flush()


@pytest.mark.parametrize("status", ["pending", "published", "rejected", "withdrawn"])
def test_signatory_statuses(session, status):
    session.add(Signatory(name="Léa Martin", name_key="lea martin", status=status))
    session.flush()


def test_unknown_signatory_status_is_refused(session):
    session.add(Signatory(name="Léa Martin", status="maybe"))
    with pytest.raises(IntegrityError):
        session.flush()


def test_checkpoint_is_unique_per_account_and_folder(session):
    session.add(Checkpoint(account="petition", folder="INBOX", uidvalidity=1, last_uid=10))
    session.add(Checkpoint(account="petition", folder="Processed", uidvalidity=1))
    session.flush()
    session.add(Checkpoint(account="petition", folder="INBOX", uidvalidity=2))
    with pytest.raises(IntegrityError):
        session.flush()


def test_deleting_a_signatory_deletes_its_mandates_and_keeps_its_events(session):
    with session.begin():
        msg = message(1)
        sig = Signatory(name="Léa Martin", status="pending", message=msg,
                        mandates=[Mandate(position=0, type="maire", label="maire de Die",
                                          place="Die", departement="26")])
        session.add(sig)
        session.flush()
        session.add(Event(signatory_id=sig.id, message_id=msg.id, action="created"))
    with session.begin():
        session.execute(delete(Signatory))  # a bulk delete: only the database cascades
    assert session.scalar(select(func.count()).select_from(Mandate)) == 0
    event = session.scalars(select(Event)).one()
    assert event.signatory_id is None and event.message_id is not None


def test_foreign_keys_are_enforced(session):
    session.add(Mandate(signatory_id=999, position=0, type="maire", label="maire"))
    with pytest.raises(IntegrityError):
        session.flush()


def test_raw_bytes_are_kept_exactly(session):
    raw = bytes(range(256)) * 10 + b"\r\n\r\n\x00"
    with session.begin():
        session.add(message(1, raw=raw))
    session.expire_all()
    assert session.scalars(select(Message.raw)).one() == raw


# --------------------------------------------------------------------------- timestamps

def test_timestamps_come_back_timezone_aware_utc(session):
    paris = timezone(timedelta(hours=1))
    with session.begin():
        session.add(message(1, date=datetime(2026, 11, 3, 10, 0, tzinfo=paris)))
    session.expire_all()
    row = session.scalars(select(Message)).one()
    assert row.date == datetime(2026, 11, 3, 9, 0, tzinfo=UTC)
    assert row.date.tzinfo is UTC
    assert row.received_at.tzinfo is UTC
    assert abs(datetime.now(UTC) - row.received_at) < timedelta(minutes=1)
    stored = session.execute(text("SELECT date FROM message")).scalar()
    assert stored.startswith("2026-11-03 09:00:00")


def test_updated_at_moves_on_update(session):
    sig = Signatory(name="Léa Martin", status="pending")
    session.add(sig)
    session.commit()
    first = sig.updated_at
    time.sleep(0.01)
    sig.status = "published"
    session.commit()
    assert sig.updated_at > first
    assert sig.created_at <= first


# --------------------------------------------------------------------------- name keys

@pytest.mark.parametrize(("a", "b"), [
    ("Jean-Éric Dupont", "DUPONT Jean Eric"),
    ("Léa Martin", "lea  martin"),
    ("Anne-Sophie d'Estaing", "d’Estaing Anne Sophie"),
    ("Hélène Cœur", "Helene COEUR"),
    ("Ève Müller", "Muller Eve"),
])
def test_same_person_same_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [
    ("Jean Dupont", "Jeanne Dupont"),
    ("Léa Martin", "Léa Martins"),
    ("Marie Dupont", "Marie Dupont-Moreau"),
])
def test_different_people_different_keys(a, b):
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize("name", [None, "", "  ", "-'-"])
def test_no_name_no_key(name):
    assert name_key(name) is None


def test_name_key_is_readable():
    assert name_key("Jean-Éric DUPONT") == "dupont eric jean"


def test_make_engine_reports_an_unopenable_file(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}")
    with pytest.raises(OperationalError), engine.connect():
        pass
