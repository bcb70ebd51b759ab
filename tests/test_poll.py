"""`petition poll` against a real Dovecot: store once, move away, checkpoint, resync."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from petition.intake.imap import account_of, delivered
from petition.intake.parse import ParseSettings, parse_message
from petition.intake.pipeline import PARALLEL_MIN
from petition.intake.poll import PollReport, _advance, _Folder, open_database, poll_once
from petition.storage.checkpoints import Mark, read_checkpoint
from petition.storage.models import Message, Run

if TYPE_CHECKING:
    from dovecot import Mailbox

pytest_plugins = ["dovecot"]  # the dovecot_server and mailbox fixtures
pytestmark = pytest.mark.imap


def mails(make_email, n: int, tag: str = "m") -> list[bytes]:
    return [make_email(f"Je signe la pétition.\n\nMarie Exemple {tag}{i}\nmaire de Trèbes")
            for i in range(n)]


def stored(engine) -> list[tuple[int | None, str]]:
    with Session(engine) as s:
        return list(s.execute(select(Message.imap_uid, Message.sha256).order_by(Message.id)))


def mark_of(engine, box: Mailbox) -> Mark | None:
    with Session(engine) as s:
        return read_checkpoint(s, account_of(box.settings.imap), box.folder)


def test_poll_stores_moves_and_checkpoints(mailbox: Mailbox, make_email) -> None:
    mailbox.seed(mails(make_email, 7))
    engine = open_database(mailbox.settings)
    report = poll_once(engine, mailbox.settings)
    assert (report.new, report.stored, report.duplicates, report.moved) == (7, 7, 0, 7)
    assert report.ok and report.failure is None
    assert [uid for uid, _ in stored(engine)] == [1, 2, 3, 4, 5, 6, 7]
    assert mailbox.left() == []
    assert len(mailbox.done()) == 7
    mark = mark_of(engine, mailbox)
    assert mark is not None and mark.last_uid == 7
    with mailbox.server.client() as c:  # BODY.PEEK: nothing was marked read
        c.select_folder(mailbox.processed, readonly=True)
        assert all(b"\\Seen" not in f for f in c.get_flags(c.search("ALL")).values())
    with Session(engine) as s:
        run = s.scalars(select(Run).where(Run.kind == "poll")).one()
        assert run.ok is True and run.counts["stored"] == 7 and run.finished_at is not None


def test_batches_store_each_message_once(mailbox: Mailbox, make_email) -> None:
    mailbox.seed(mails(make_email, 11))
    settings = mailbox.with_imap(batch_size=3)
    engine = open_database(settings)
    report = poll_once(engine, settings)
    assert report.stored == 11
    assert len({sha for _, sha in stored(engine)}) == 11
    assert mark_of(engine, mailbox).last_uid == 11


def test_new_mail_after_a_poll_is_taken_and_old_mail_is_not(mailbox: Mailbox,
                                                            make_email) -> None:
    engine = open_database(mailbox.settings)
    mailbox.seed(mails(make_email, 2, "a"))
    poll_once(engine, mailbox.settings)
    mailbox.seed(mails(make_email, 3, "b"))
    report = poll_once(engine, mailbox.settings)
    assert (report.new, report.stored, report.duplicates) == (3, 3, 0)
    assert [uid for uid, _ in stored(engine)] == [1, 2, 3, 4, 5]


def test_uid_range_star_does_not_bring_back_the_last_message(mailbox: Mailbox,
                                                             make_email) -> None:
    """Kept in place (no processed folder), `UID 4:*` still answers UID 3: filtered."""
    settings = mailbox.with_imap(processed_folder="")
    engine = open_database(settings)
    mailbox.seed(mails(make_email, 3))
    assert poll_once(engine, settings).stored == 3
    with mailbox.server.client() as c:
        c.select_folder(mailbox.folder)
        assert c.search(["UID", "4:*"]) == [3]  # the pitfall is real on this server
    report = poll_once(engine, settings)
    assert (report.new, report.stored, report.duplicates) == (0, 0, 0)
    assert mailbox.left() == [1, 2, 3]


def test_nothing_new_costs_one_command_after_login(mailbox: Mailbox, make_email,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    engine = open_database(mailbox.settings)
    mailbox.seed(mails(make_email, 2))
    poll_once(engine, mailbox.settings)
    caplog.set_level(logging.DEBUG, logger="imapclient")
    caplog.clear()
    report = poll_once(engine, mailbox.settings)
    assert report.new == 0 and report.ok
    commands = [m.group(1) for r in caplog.records if r.name == "imapclient.imaplib"
                for m in [re.search(r"> b'\w+ (\w+)", r.getMessage())] if m]
    after_login = commands[commands.index("LOGIN") + 1:]
    assert [c for c in after_login if c != "LOGOUT"] == ["STATUS"]
    durations = [r.counts["seconds"] for r in _runs(engine)]
    assert durations[-1] < 0.5


def _runs(engine) -> list[Run]:
    with Session(engine) as s:
        return list(s.scalars(select(Run).order_by(Run.id)))


def test_uidvalidity_change_resyncs_and_dedup_keeps_each_message_once(
        mailbox: Mailbox, make_email, caplog: pytest.LogCaptureFixture) -> None:
    settings = mailbox.with_imap(processed_folder="")
    engine = open_database(settings)
    messages = mails(make_email, 4)
    mailbox.seed(messages[:3])
    poll_once(engine, settings)
    before = mark_of(engine, mailbox)
    with mailbox.server.client() as c:  # the folder is rebuilt: new UIDVALIDITY
        c.delete_folder(mailbox.folder)
    mailbox.seed(messages)
    with caplog.at_level(logging.WARNING):
        report = poll_once(engine, settings)
    assert report.resync
    assert "UIDVALIDITY" in caplog.text
    assert (report.new, report.stored, report.duplicates) == (4, 1, 3)
    after = mark_of(engine, mailbox)
    assert after.uidvalidity != before.uidvalidity and after.last_uid == 4
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Message)) == 4


def test_copy_delete_expunge_when_the_server_has_no_move(make_email, dovecot_factory) -> None:
    no_move, box = dovecot_factory("imap_capability = IMAP4rev1 IDLE UIDPLUS LITERAL+ MULTIAPPEND")
    with no_move.client() as c:
        assert not c.has_capability("MOVE")
    box.seed(mails(make_email, 5))
    engine = open_database(box.settings)
    report = poll_once(engine, box.settings)
    assert (report.stored, report.moved) == (5, 5)
    assert box.left() == [] and len(box.done()) == 5


# --------------------------------------------------------------------------- pure parts

def test_delivered_skips_unsolicited_fetch_lines_and_short_bodies() -> None:
    response = {
        1: {b"BODY[]": b"abc", b"RFC822.SIZE": 3, b"SEQ": 1},
        2: {b"FLAGS": (b"\\Seen",), b"SEQ": 2},  # an unsolicited flag change, no body
        3: {b"BODY[]": b"ab", b"RFC822.SIZE": 10},  # cut short
        9: {b"BODY[]": b"not asked for"},
    }
    assert delivered(response, [1, 2, 3, 4]) == {1: b"abc", 2: None, 3: None, 4: None}


def test_frontier_stops_before_a_message_left_behind() -> None:
    state = _Folder("acct", 7, frontier=10)
    _advance(state, [11, 12, 13], [11, 12, 13])
    assert state.frontier == 13 and not state.held
    _advance(state, [14, 15, 16], [14, 16])
    assert state.frontier == 14 and state.held
    _advance(state, [17], [17])
    assert state.frontier == 14


def test_report_line_and_status() -> None:
    report = PollReport(new=3, stored=2, duplicates=1)
    assert report.line() == "polled 3 new messages: 2 stored, 1 duplicates, 0 errors"
    assert report.ok and report.changed
    assert not PollReport(undelivered=1).ok


# --------------------------------------------------------------------------- parsing ahead

def test_a_long_backlog_is_parsed_by_workers_and_stored_in_uid_order(mailbox: Mailbox,
                                                                     make_email) -> None:
    """PARALLEL_MIN mails or more: workers parse while the poller stores, in order,
    and what is stored is what parsing in this process gives."""
    n = PARALLEL_MIN + 5
    mailbox.seed(mails(make_email, n, tag="p"))
    settings = mailbox.with_imap(batch_size=16)
    engine = open_database(settings)
    report = poll_once(engine, settings)
    assert (report.new, report.stored, report.moved, report.errors) == (n, n, n, 0)
    assert [uid for uid, _ in stored(engine)] == list(range(1, n + 1))
    assert mailbox.left() == [] and len(mailbox.done()) == n
    assert mark_of(engine, mailbox).last_uid == n
    parse = ParseSettings(auth=settings.auth, policy=settings.policy)
    with Session(engine) as s:
        for row in s.scalars(select(Message).order_by(Message.id)):
            here = parse_message(row.raw, row.source, parse)
            assert (row.kind, row.decision) == (here.kind, here.decision)
            assert [sig.name for sig in row.signatories] == [x.name for x in here.signatories]


def test_a_stop_while_workers_parse_ahead_keeps_the_rest_for_later(mailbox: Mailbox,
                                                                   make_email) -> None:
    n = PARALLEL_MIN + 5
    mailbox.seed(mails(make_email, n, tag="s"))
    settings = mailbox.with_imap(batch_size=16)
    engine = open_database(settings)
    stop = threading.Event()

    @contextmanager
    def stop_after_20(_total: int) -> Iterator[object]:
        done = [0]

        def advance(step: int) -> None:
            done[0] += step
            if done[0] == 20:
                stop.set()

        yield advance

    first = poll_once(engine, settings, stop=stop, progress=stop_after_20)
    assert first.stopped and first.stored == 20
    assert mark_of(engine, mailbox).last_uid == 20
    assert len(mailbox.left()) == n - 20
    second = poll_once(engine, settings)
    assert (second.stored, second.duplicates) == (n - 20, 0)
    assert len({sha for _, sha in stored(engine)}) == n
    assert mailbox.left() == [] and mark_of(engine, mailbox).last_uid == n


@contextmanager
def message_commits(engine) -> Iterator[list[int]]:
    """The number of messages each commit made durable, for commits that stored any:
    every statement SQLite runs is traced (the poll writes through DBAPI cursors)."""
    from sqlalchemy import event

    groups: list[int] = []
    pending = [0]

    def trace(statement: str) -> None:
        words = statement.lstrip().upper()
        if words.startswith("INSERT INTO MESSAGE "):
            pending[0] += 1
        elif words.startswith(("COMMIT", "ROLLBACK")) and "TO" not in words.split()[:2]:
            if words.startswith("COMMIT") and pending[0]:
                groups.append(pending[0])
            pending[0] = 0

    def on_connect(dbapi_conn, _record) -> None:
        dbapi_conn.set_trace_callback(trace)

    engine.dispose()  # new connections, traced
    event.listen(engine, "connect", on_connect)
    try:
        yield groups
    finally:
        event.remove(engine, "connect", on_connect)
        engine.dispose()


def test_a_batch_is_stored_in_one_transaction(mailbox: Mailbox, make_email) -> None:
    mailbox.seed(mails(make_email, 11))
    settings = mailbox.with_imap(batch_size=4)
    engine = open_database(settings)
    with message_commits(engine) as groups:
        report = poll_once(engine, settings)
    assert report.stored == 11
    assert groups == [4, 4, 3]


def test_no_transaction_holds_the_write_lock_longer_than_the_bound(
        mailbox: Mailbox, make_email, monkeypatch) -> None:
    monkeypatch.setattr("petition.intake.poll.GROUP_COMMIT_S", 0.0)
    mailbox.seed(mails(make_email, 5))
    settings = mailbox.with_imap(batch_size=4)
    engine = open_database(settings)
    with message_commits(engine) as groups:
        poll_once(engine, settings)
    assert groups == [1] * 5


def test_a_database_failure_mid_batch_keeps_the_uncommitted_mail_for_later(
        mailbox: Mailbox, make_email, monkeypatch) -> None:
    """Batch 1 is committed and moved; in batch 2 the mail before the failure is rolled
    back with it: both stay in the folder, and the next poll stores them once."""
    from sqlalchemy.exc import OperationalError

    import petition.intake.poll as poll

    seeded = mails(make_email, 9)
    mailbox.seed(seeded)
    settings = mailbox.with_imap(batch_size=4)
    engine = open_database(settings)
    real, calls = poll.process, {"n": 0}

    def failing(conn, raw, *args):
        calls["n"] += 1
        if calls["n"] == 6:
            raise OperationalError("INSERT", {}, Exception("disk I/O error"))
        return real(conn, raw, *args)

    monkeypatch.setattr(poll, "process", failing)
    first = poll_once(engine, settings)
    assert first.failure is not None and "database error while storing UID 6" in first.failure
    assert "disk I/O error" in first.failure
    assert (first.stored, first.moved) == (4, 4)
    assert [uid for uid, _ in stored(engine)] == [1, 2, 3, 4]
    assert len(mailbox.left()) == 5
    assert mark_of(engine, mailbox).last_uid == 4
    monkeypatch.setattr(poll, "process", real)
    second = poll_once(engine, settings)
    assert second.ok and (second.stored, second.duplicates) == (5, 0)
    assert len({sha for _, sha in stored(engine)}) == 9
