"""The ingest pipeline: one row per message, signatories in a savepoint, statuses, events."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from petition.intake.errors import SourceError
from petition.intake.parse import EXTRACTOR_VERSION, ParseSettings, parse_message
from petition.intake.pipeline import (
    PARALLEL_MIN,
    IngestReport,
    ParseAhead,
    already_stored,
    header_message_id,
    ingest,
    parse_ahead,
    process,
    published_signatories,
    requeue,
    stats,
    store_record,
)
from petition.intake.record import Mandate as MandateRecord
from petition.intake.record import Signatory as SignatoryRecord
from petition.intake.sources import ImapRaw, RawMessage, iter_messages
from petition.intake.workers import default_workers
from petition.render.model import PublicSignatory
from petition.settings import PolicySettings
from petition.storage.models import Event, Message, Run, Signatory

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "mailbox"
TRUSTED = "mx.technopolice.fr; dkim=pass header.d=grenoble.fr; dmarc=pass header.from=grenoble.fr"
SIGNATURE = ("Bonjour,\n\nJe signe la pétition contre la vidéosurveillance algorithmique.\n\n"
             "Claire Vasseur\nConseillère municipale de Grenoble (38)\nEELV\n")
DIE = MandateRecord(type="maire", label="maire de Die", place="Die", departement="26")


def count(session: Session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def message_row(session: Session, n: int = 1, sender: str = "x@grenoble.fr") -> Message:
    raw = f"From: {sender}\nMessage-ID: <row-{n}@test>\n\nbody {n}\n".encode()
    row = Message(message_id=f"<row-{n}@test>", sha256=hashlib.sha256(raw).hexdigest(),
                  source_kind="file", source=f"row-{n}.eml", raw=raw, size=len(raw),
                  status="received")
    session.add(row)
    session.flush()
    return row


def events(session: Session, action: str | None = None) -> list[Event]:
    query = select(Event).order_by(Event.id)
    if action:
        query = query.where(Event.action == action)
    return list(session.scalars(query))


# --------------------------------------------------------------------------- store_record

def test_publish_gives_published_with_its_mandates_and_an_event(session, make_record):
    two = (DIE, MandateRecord(type="conseiller_departemental", label="conseillère départementale",
                              place="Drôme", departement="26"))
    row = message_row(session)
    [sig] = store_record(session, row, make_record(name="Léa Martin", mandates=two))
    assert sig.status == "published" and sig.name_key == "lea martin"
    assert [(m.position, m.type) for m in sig.mandates] == [(0, "maire"),
                                                           (1, "conseiller_departemental")]
    assert sig.confidence == {"name": 0.9} and sig.reasons == ["name: sign-off"]
    assert row.status == "processed" and row.kind == "signature" and row.decision == "publish"
    assert row.date is not None and row.date.utcoffset().total_seconds() == 0
    [event] = events(session)
    assert (event.action, event.actor, event.signatory_id, event.message_id) == (
        "created", "system", sig.id, row.id)
    assert event.after == {"status": "published"} and "publish" in event.reason


def test_publish_without_auto_publish_is_pending(session, make_record):
    policy = PolicySettings(auto_publish=False)
    [sig] = store_record(session, message_row(session), make_record(), policy)
    assert sig.status == "pending"
    assert "auto_publish is off" in events(session)[0].reason


@pytest.mark.parametrize(("decision", "status"), [("review", "pending"),
                                                  ("reject", "rejected")])
def test_review_and_reject(session, make_record, decision, status):
    [sig] = store_record(session, message_row(session), make_record(decision=decision))
    assert sig.status == status
    assert events(session)[0].after == {"status": status}


def test_several_signatories_in_one_message(session, make_record):
    people = [SignatoryRecord(name="Léa Martin", mandates=(DIE,)),
              SignatoryRecord(name="Paul Girard", mandates=())]
    rows = store_record(session, message_row(session),
                        make_record(decision="review", signatories=people))
    assert [(s.name, s.status) for s in rows] == [("Léa Martin", "pending"),
                                                  ("Paul Girard", "pending")]
    assert len(events(session, "created")) == 2


@pytest.mark.parametrize("kind", ["auto_reply", "bounce", "other"])
def test_ignored_kinds_store_no_signatory(session, make_record, kind):
    row = message_row(session)
    assert store_record(session, row, make_record(kind=kind, decision="ignore")) == []
    assert row.kind == kind and row.status == "processed"
    assert count(session, Signatory) == 0


def test_error_record_marks_the_message(session, make_record):
    row = message_row(session)
    record = replace(make_record(kind="error", decision="ignore", signatories=[]),
                     error="not an email: binary data")
    store_record(session, row, record)
    assert (row.status, row.kind, row.error) == ("error", "error", "not an email: binary data")


def test_the_same_person_is_never_published_twice(session, make_record):
    [first] = store_record(session, message_row(session, 1), make_record(name="Jean-Éric Dupont"))
    [again] = store_record(session, message_row(session, 2), make_record(name="DUPONT Jean Eric"))
    assert (first.status, again.status) == ("published", "pending")
    [dup] = events(session, "duplicate")
    assert dup.signatory_id == again.id and f"#{first.id}" in dup.reason
    assert [p.name for p in published_signatories(session)] == ["Jean-Éric Dupont"]


def test_a_withdrawn_person_may_sign_again(session, make_record):
    [first] = store_record(session, message_row(session, 1), make_record(name="Léa Martin"))
    first.status = "withdrawn"
    [again] = store_record(session, message_row(session, 2), make_record(name="Léa Martin"))
    assert again.status == "published"


def test_withdrawal_by_name(session, make_record):
    [sig] = store_record(session, message_row(session, 1), make_record(name="Léa Martin"))
    other = store_record(session, message_row(session, 2), make_record(name="Paul Girard"))[0]
    row = message_row(session, 3, sender="someone@else.fr")
    store_record(session, row, make_record(kind="withdrawal", decision="withdraw",
                                           name="martin léa", sender="someone@else.fr"))
    assert (sig.status, other.status) == ("withdrawn", "published")
    [event] = events(session, "withdrawn")
    assert (event.signatory_id, event.message_id) == (sig.id, row.id)
    assert (event.before, event.after) == ({"status": "published"}, {"status": "withdrawn"})


def test_withdrawal_by_sender_when_no_name_matches(session, make_record):
    [sig] = store_record(session, message_row(session, 1, sender="lea@die.fr"),
                         make_record(name="Léa Martin", sender="lea@die.fr"))
    store_record(session, message_row(session, 2, sender="lea@die.fr"),
                 make_record(kind="withdrawal", decision="withdraw", name=None,
                             sender="lea@die.fr"))
    assert sig.status == "withdrawn"


def test_withdrawal_leaves_rejected_signatures_alone(session, make_record):
    [sig] = store_record(session, message_row(session, 1),
                         make_record(name="Léa Martin", decision="reject"))
    store_record(session, message_row(session, 2),
                 make_record(kind="withdrawal", decision="withdraw", name="Léa Martin",
                             sender="nobody@nowhere.fr"))
    assert sig.status == "rejected"
    assert events(session, "withdrawal_unmatched")


def test_unmatched_withdrawal_leaves_a_marker_for_staff(session, make_record):
    row = message_row(session)
    store_record(session, row, make_record(kind="withdrawal", decision="withdraw",
                                           name="Inconnue Personne", sender="x@y.fr"))
    [marker] = events(session)
    assert (marker.action, marker.signatory_id, marker.message_id) == (
        "withdrawal_unmatched", None, row.id)
    assert marker.after == {"names": ["Inconnue Personne"], "sender": "x@y.fr"}
    assert count(session, Signatory) == 0


def test_lone_surrogates_are_scrubbed(session, make_record):
    row = message_row(session)
    record = replace(make_record(name="\udcc9lodie Roux"), subject="P\udce9tition")
    [sig] = store_record(session, row, record)
    session.flush()
    assert "\udcc9" not in sig.name and "\udce9" not in row.subject


# --------------------------------------------------------------------------- queries

def test_stats_on_an_empty_database(session):
    assert stats(session) == {
        "messages": {"total": 0, "by_kind": {}, "by_status": {}, "errors": 0},
        "signatories": {"published": 0, "pending": 0, "rejected": 0, "withdrawn": 0},
    }


def test_stats_counts(session, make_record):
    store_record(session, message_row(session, 1), make_record(name="Léa Martin"))
    store_record(session, message_row(session, 2), make_record(name="Paul Girard",
                                                               decision="review"))
    store_record(session, message_row(session, 3), make_record(kind="other", decision="ignore"))
    store_record(session, message_row(session, 4),
                 replace(make_record(kind="error", decision="ignore", signatories=[]),
                         error="broken"))
    assert stats(session) == {
        "messages": {"total": 4, "by_kind": {"signature": 2, "other": 1, "error": 1},
                     "by_status": {"processed": 3, "error": 1}, "errors": 1},
        "signatories": {"published": 1, "pending": 1, "rejected": 0, "withdrawn": 0},
    }


def test_published_signatories_carry_no_address(session, make_record):
    store_record(session, message_row(session, 1),
                 make_record(name="Léa Martin", party="PS", mandates=[DIE]))
    store_record(session, message_row(session, 2), make_record(name="Paul Girard",
                                                               decision="review"))
    assert published_signatories(session) == [
        PublicSignatory(name="Léa Martin", party="PS", mandates=(DIE,))]


# --------------------------------------------------------------------------- process / ingest

def test_header_message_id():
    assert header_message_id(b"Subject: x\r\nMessage-ID:\r\n <a@b>\r\n\r\nbody") == "<a@b>"
    assert header_message_id(b"Subject: x\n\nMessage-ID: <in-body@b>\n") is None
    assert header_message_id(b"") is None


def reference_message_id(data: bytes) -> str | None:
    """What the stdlib parser reads: the fast path must agree with it."""
    from email.parser import BytesHeaderParser
    from email.policy import compat32

    from petition.storage.records import clean

    end = min((i for i in (data.find(b"\r\n\r\n"), data.find(b"\n\n")) if i >= 0),
              default=len(data))
    value = BytesHeaderParser(policy=compat32).parsebytes(data[:end]).get("Message-ID")
    return None if value is None else clean(" ".join(str(value).split())) or None


HEADER_LINES = st.sampled_from([
    b"Subject: x", b"Message-ID: <a@b>", b"Message-Id:<c@d>", b"MESSAGE-ID: \t<e@f> ",
    b"Message-ID:", b" <folded@b>", b"\t<tab@b>", b"Message-ID : <spaced@b>",
    b"X-Message-ID: <x@b>", b"From x Tue Nov  3 09:00:00 2026", b"Subject: caf\xc3\xa9",
    b"Message-ID: <\xe9@b>", b"not a header line", b"To: a@b", b""])


@given(st.lists(HEADER_LINES, max_size=8), st.sampled_from([b"\r\n", b"\n"]))
def test_header_message_id_reads_what_the_stdlib_parser_reads(lines, eol):
    data = eol.join(lines) + eol + eol + b"body\nMessage-ID: <in-body@b>\n"
    assert header_message_id(data) == reference_message_id(data)


def test_ingest_eml_maildir_and_mbox(engine, settings, tmp_path, make_email):
    a, b, c, d = (make_email(SIGNATURE) for _ in range(4))
    (tmp_path / "a.eml").write_bytes(a)
    box = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (box / sub).mkdir(parents=True)
    (box / "new" / "1.host").write_bytes(b)
    mbox = tmp_path / "archive.mbox"
    mbox.write_bytes(b"".join(b"From x Tue Nov  3 09:00:00 2026\n" + m.replace(b"\r\n", b"\n")
                              + b"\n" for m in (c, d)))
    report = ingest(engine, iter_messages([tmp_path / "a.eml", box, mbox]), settings)
    assert (report.seen, report.stored, report.duplicates, report.errors) == (4, 4, 0, 0)
    assert report.by_kind == {"signature": 4}
    with Session(engine) as s:
        rows = s.scalars(select(Message).order_by(Message.id)).all()
        assert [r.source for r in rows] == [str(tmp_path / "a.eml"), str(box / "new" / "1.host"),
                                            f"{mbox}#1", f"{mbox}#2"]
        assert rows[0].raw == a and rows[1].raw == b
        assert {r.source_kind for r in rows} == {"file"}
        assert all(r.extractor_version == EXTRACTOR_VERSION for r in rows)
        # the same person four times: never published more than once
        assert count(s, Signatory) == 4
        assert s.scalar(select(func.count()).where(Signatory.status == "published")) <= 1


def test_official_signature_is_published(engine, settings, make_email):
    raw = make_email(SIGNATURE, headers={"Authentication-Results": TRUSTED})
    report = ingest(engine, [RawMessage("a.eml", raw)], settings)
    assert report.by_decision == {"publish": 1}
    with Session(engine) as s:
        assert [p.name for p in published_signatories(s)] == ["Claire Vasseur"]


def test_second_ingest_is_all_duplicates(engine, settings, make_email):
    items = [RawMessage(f"{i}.eml", make_email(SIGNATURE)) for i in range(3)]
    ingest(engine, items, settings)
    again = ingest(engine, items, settings)
    assert (again.seen, again.stored, again.duplicates, again.errors) == (3, 0, 3, 0)
    with Session(engine) as s:
        assert count(s, Message) == 3


def test_duplicate_by_message_id_even_with_other_bytes(engine, settings, make_email):
    first = make_email(SIGNATURE, message_id="<same@grenoble.fr>")
    resent = make_email(SIGNATURE + "\nPS : bien à vous\n", message_id="<same@grenoble.fr>")
    report = ingest(engine, [RawMessage("a", first), RawMessage("b", resent)], settings)
    assert (report.stored, report.duplicates) == (1, 1)


def test_duplicate_by_bytes_without_message_id(engine, settings, make_email):
    raw = make_email(SIGNATURE, message_id=None)
    other = make_email(SIGNATURE.replace("Claire", "Claude"), message_id=None)
    report = ingest(engine, [RawMessage("a", raw), RawMessage("b", raw),
                             RawMessage("c", other)], settings)
    assert (report.stored, report.duplicates) == (2, 1)
    with Session(engine) as s:
        assert s.scalars(select(Message.message_id)).all() == [None, None]


def test_process_returns_the_earlier_row_for_a_duplicate(session, settings, make_email):
    raw = RawMessage("a", make_email(SIGNATURE))
    first = process(session, raw, settings)
    second = process(session, raw, settings)
    assert first.status == "stored" and first.record.kind == "signature"
    assert (second.status, second.message_row_id) == ("duplicate", first.message_row_id)


@pytest.mark.parametrize("through", ["session", "connection"])
def test_a_failure_writing_the_signatories_leaves_the_message_in_error_and_no_rows(
        engine, settings, make_email, monkeypatch, through):
    """Whatever was written before the failure is rolled back with it (a savepoint),
    through an ORM session (ingest, requeue) as through a bare connection (poll)."""
    import petition.intake.pipeline as pipeline

    real = pipeline.write_record

    def half_then_fail(conn, *args, **kwargs):
        real(conn, *args, **kwargs)  # the signatory, its mandates and event are written
        raise RuntimeError("disk full after the signatory")

    monkeypatch.setattr(pipeline, "write_record", half_then_fail)
    raw = RawMessage("a", make_email(SIGNATURE))
    if through == "session":
        with Session(engine) as s, s.begin():
            outcome = process(s, raw, settings)
    else:
        with engine.begin() as conn:
            outcome = process(conn, raw, settings)
    assert outcome.status == "error" and "disk full" in outcome.reason
    with Session(engine) as s:
        message = s.get(Message, outcome.message_row_id)
        assert message.status == "error" and "disk full" in message.error
        assert s.scalar(select(func.count()).select_from(Signatory)) == 0
        assert s.scalar(select(func.count()).select_from(Event)) == 0


def test_unreadable_sources_are_errors_and_the_run_goes_on(engine, settings, tmp_path,
                                                           make_email):
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    good = tmp_path / "good.eml"
    good.write_bytes(make_email(SIGNATURE))
    junk = tmp_path / "junk.eml"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    report = ingest(engine, iter_messages([empty, tmp_path / "nope", junk, good]), settings)
    assert (report.seen, report.stored, report.errors) == (4, 1, 3)
    assert report.error_lines[0] == f"{empty}: empty file"
    assert report.error_lines[1].startswith(f"{tmp_path / 'nope'}: ")
    assert report.error_lines[2].startswith(f"{junk}: ")
    assert all("\n" not in line for line in report.error_lines)
    with Session(engine) as s:
        junk_row = s.scalars(select(Message).where(Message.source == str(junk))).one()
        assert junk_row.status == "error" and junk_row.error
        assert junk_row.raw == junk.read_bytes()  # kept for a later requeue


def test_a_failure_after_the_raw_insert_keeps_the_message_in_error(engine, settings,
                                                                   make_email):
    """A real database failure (a trigger) during storing: the message stays, alone."""
    with engine.begin() as conn:
        conn.execute(text(
            "CREATE TRIGGER boom BEFORE INSERT ON signatory "
            "BEGIN SELECT RAISE(ABORT, 'the disk says no'); END"))
    items = [RawMessage(f"{i}.eml", make_email(SIGNATURE)) for i in range(2)]
    report = ingest(engine, items, settings)
    assert (report.seen, report.stored, report.errors) == (2, 0, 2)
    assert "the disk says no" in report.error_lines[0]
    with Session(engine) as s:
        rows = s.scalars(select(Message).order_by(Message.id)).all()
        assert [(r.status, r.kind) for r in rows] == [("error", "error")] * 2
        assert all("the disk says no" in r.error for r in rows)
        assert [r.raw for r in rows] == [i.data for i in items]
        assert count(s, Signatory) == 0 and count(s, Event) == 0

    with engine.begin() as conn:
        conn.execute(text("DROP TRIGGER boom"))
    again = requeue(engine, settings)
    assert (again.seen, again.stored, again.errors) == (2, 2, 0)
    with Session(engine) as s:
        assert s.scalars(select(Message.status)).all() == ["processed", "processed"]
        assert all(r.error is None for r in s.scalars(select(Message)))
        assert count(s, Signatory) == 2


def test_requeue_with_nothing_to_do(engine, settings, make_email):
    ingest(engine, [RawMessage("a", make_email(SIGNATURE))], settings)
    report = requeue(engine, settings)
    assert (report.seen, report.errors) == (0, 0)


def test_requeue_outdated_replaces_derived_records(engine, settings, make_email):
    ingest(engine, [RawMessage("a", make_email(SIGNATURE))], settings)
    with Session(engine) as s, s.begin():
        row = s.scalars(select(Message)).one()
        old_ids = [sig.id for sig in row.signatories]
        row.extractor_version = "0"
    assert requeue(engine, settings).seen == 0  # not in error: left alone by default
    report = requeue(engine, settings, outdated=True)
    assert (report.seen, report.stored) == (1, 1)
    with Session(engine) as s:
        row = s.scalars(select(Message)).one()
        assert row.extractor_version == EXTRACTOR_VERSION
        assert [sig.id for sig in row.signatories] != old_ids
        assert count(s, Signatory) == 1
        [replaced] = events(s, "replaced")
        assert [x["id"] for x in replaced.before["signatories"]] == old_ids
        assert all(e.signatory_id is None for e in events(s, "created")[:1])


def test_requeue_all_gives_the_same_state(engine, settings, make_email):
    """A signature then its withdrawal, run again: still one person, withdrawn."""
    withdrawal = make_email("Bonjour,\n\nJe souhaite retirer ma signature de la pétition.\n\n"
                            "Claire Vasseur\n", subject="Retrait de ma signature")
    items = [RawMessage("sign.eml", make_email(SIGNATURE, headers={
                 "Authentication-Results": TRUSTED})),
             RawMessage("withdraw.eml", withdrawal)]
    first = ingest(engine, items, settings)
    assert first.by_kind == {"signature": 1, "withdrawal": 1}

    def state() -> list[tuple[str | None, str]]:
        with Session(engine) as s:
            return [(x.name, x.status) for x in s.scalars(select(Signatory))]

    assert state() == [("Claire Vasseur", "withdrawn")]
    with engine.begin() as conn:
        conn.execute(text("UPDATE message SET extractor_version = '0'"))
    again = requeue(engine, settings, outdated=True)
    assert (again.seen, again.stored, again.errors) == (2, 2, 0)
    assert state() == [("Claire Vasseur", "withdrawn")]
    with Session(engine) as s:
        assert not events(s, "withdrawal_unmatched")
        assert len(events(s, "replaced")) == 1


def test_imap_messages_keep_their_uid(engine, settings, make_email):
    arrived = datetime(2026, 11, 3, 10, 0, tzinfo=timezone(timedelta(hours=1)))
    raw = ImapRaw(account="petition", folder="INBOX", uidvalidity=7, uid=42,
                  data=make_email(SIGNATURE), received_at=arrived)
    report = ingest(engine, [raw, raw], settings)
    assert (report.stored, report.duplicates) == (1, 1)
    with Session(engine) as s:
        row = s.scalars(select(Message)).one()
        assert (row.source_kind, row.source, row.imap_account, row.imap_folder,
                row.imap_uidvalidity, row.imap_uid) == (
            "imap", "imap://petition/INBOX", "petition", "INBOX", 7, 42)
        assert row.received_at == arrived and row.received_at.tzinfo is UTC


def test_already_stored(session, settings, make_email):
    raw = make_email(SIGNATURE)
    assert already_stored(session, raw) is None
    outcome = process(session, RawMessage("a", raw), settings)
    assert already_stored(session, raw) == outcome.message_row_id
    resent = raw.replace(b"Bonjour", b"Re-bonjour")  # same Message-ID, other bytes
    assert resent != raw
    assert already_stored(session, resent) == outcome.message_row_id


def test_a_20_mb_attachment(engine, settings, make_email):
    raw = make_email(SIGNATURE, attachments=[("dossier.pdf", os.urandom(20_000_000),
                                              "application/pdf")])
    started = time.perf_counter()
    report = ingest(engine, [RawMessage("big.eml", raw)], settings)
    elapsed = time.perf_counter() - started
    assert (report.stored, report.errors) == (1, 0), report.error_lines
    assert elapsed < 60
    with Session(engine) as s:
        row = s.scalars(select(Message)).one()
        assert row.size == len(raw) > 20_000_000
        assert hashlib.sha256(row.raw).hexdigest() == row.sha256


def test_every_run_is_recorded(engine, settings, make_email):
    ingest(engine, [RawMessage("a", make_email(SIGNATURE)), SourceError("b", "empty file")],
           settings)
    with Session(engine) as s:
        run = s.scalars(select(Run)).one()
        assert (run.kind, run.ok) == ("ingest", False)
        assert run.counts["seen"] == 2 and run.counts["errors"] == 1
        assert run.finished_at >= run.started_at
        assert run.error == "b: empty file"


def test_report_counts_add_up(engine, settings, make_email):
    raw = make_email(SIGNATURE)
    report = ingest(engine, [RawMessage("a", raw), RawMessage("b", raw),
                             SourceError("c", "empty file"), RawMessage("d", b"\x00\x01")],
                    settings)
    assert report.seen == report.stored + report.duplicates + report.errors == 4
    assert isinstance(report, IngestReport) and report.as_dict()["seen"] == 4


def test_the_sample_mailbox(engine, settings):
    """The demo's mailbox: every mail is stored and understood, no error."""
    report = ingest(engine, iter_messages([SAMPLES]), settings)
    assert report.seen >= 10
    assert report.errors == 0, report.error_lines
    assert report.stored == report.seen
    with Session(engine) as s:
        counts = stats(s)
        assert counts["messages"]["total"] == report.seen
        assert counts["signatories"]["published"] >= 1
        assert all("@" not in p.name for p in published_signatories(s))


INGEST = """
import sys, time
from petition.intake.pipeline import ingest
from petition.intake.sources import iter_messages
from petition.settings import Settings
from petition.storage.db import ensure_schema, make_engine
engine = make_engine(sys.argv[1])
time.sleep(max(0.0, float(sys.argv[3]) - time.time()))
ensure_schema(engine)
report = ingest(engine, iter_messages([sys.argv[2]]), Settings())
print(report.stored, report.duplicates, report.errors)
"""


def test_two_processes_ingesting_the_same_mail_store_it_once(db_url, tmp_path, make_email):
    folder = tmp_path / "mail"
    folder.mkdir()
    for i in range(30):
        (folder / f"{i:02}.eml").write_bytes(make_email(SIGNATURE))
    start = str(time.time() + 3)
    procs = [subprocess.Popen([sys.executable, "-c", INGEST, db_url, str(folder), start],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=180) for p in procs]
    totals = []
    for proc, (out, err) in zip(procs, outs, strict=True):
        assert proc.returncode == 0, err
        totals.append([int(x) for x in out.split()])
    stored = sum(t[0] for t in totals)
    duplicates = sum(t[1] for t in totals)
    assert (stored, duplicates, sum(t[2] for t in totals)) == (30, 30, 0)


# --------------------------------------------------------------------------- parse ahead

def test_parse_ahead_gives_what_parsing_here_gives(settings, make_email):
    mails = [make_email(SIGNATURE), make_email("Bonjour,\nMerci.\n"), b"\x00\x01junk"]
    ahead = ParseAhead(settings, 2)
    try:
        futures = [ahead.submit(m, f"m{i}") for i, m in enumerate(mails)]
        got = [ParseAhead.result(f) for f in futures]
    finally:
        ahead.close()
    here = [parse_message(m, f"m{i}", ParseSettings(auth=settings.auth, policy=settings.policy))
            for i, m in enumerate(mails)]
    assert got == here


def test_a_broken_parse_pool_leaves_the_parsing_to_the_caller(session, settings, make_email):
    ahead = ParseAhead(settings, 2)
    try:
        ahead.submit(make_email(SIGNATURE), "warm").result(timeout=60)
        for child in multiprocessing.active_children():
            os.kill(child.pid, signal.SIGKILL)
        future = ahead.submit(make_email(SIGNATURE), "lost")
        record = ParseAhead.result(future)
        assert record is None
        assert ahead.submit(make_email(SIGNATURE), "later") is None
    finally:
        ahead.close()
    outcome = process(session, RawMessage("lost", make_email(SIGNATURE)), settings, record)
    assert outcome.status == "stored" and outcome.record.kind == "signature"


def test_parse_ahead_only_for_a_long_backlog(settings):
    with parse_ahead(settings, PARALLEL_MIN - 1) as few:
        assert few is None
    with parse_ahead(settings, PARALLEL_MIN) as many:
        assert (many is None) == (default_workers() < 2)
    import gc
    assert gc.get_freeze_count() == 0  # the parent's objects back in its GC


WORKERS_OF_A_KILLED_PARENT = """
import multiprocessing, os, signal, sys
from petition.intake.pipeline import ParseAhead
from petition.settings import Settings
ahead = ParseAhead(Settings(), 2)
ahead.submit(b"Subject: x\\n\\nbody\\n", "x").result(timeout=60)
print(" ".join(str(c.pid) for c in multiprocessing.active_children()), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_parse_workers_die_with_a_killed_parent():
    child = subprocess.run([sys.executable, "-c", WORKERS_OF_A_KILLED_PARENT],
                           stdout=subprocess.PIPE, text=True, timeout=60)
    assert child.returncode == -signal.SIGKILL
    pids = [int(p) for p in child.stdout.split()]
    assert len(pids) == 2

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True

    deadline = time.monotonic() + 5
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(p) for p in pids)
