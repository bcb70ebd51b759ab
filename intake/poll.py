"""Poll the IMAP folder: every new mail stored exactly once, then moved away.

The order that makes a crash at any point harmless:

    1. each message is stored (raw bytes first) in a transaction that the next
       messages of its batch share, committed at the latest GROUP_COMMIT_S after
       it began and at the end of the batch;
    2. after the commit, the batch's messages are moved to the processed folder;
    3. only then does the checkpoint (UIDVALIDITY, last UID) advance.

Killed before a commit, the messages since the last one are rolled back and still
in the folder. Killed after 1, the next poll fetches them again and the dedup
(Message-ID, sha256) finds it stored; killed after 2, the message is no longer
in the folder. A message the server does not deliver whole is not stored, stays
in the folder, holds the checkpoint below it, and is reported on every poll.

A long backlog (PARALLEL_MIN mails or more) is parsed ahead by worker processes
while this process stores: parsing is pure, so the order above is unchanged.
The next batch is fetched (BODY.PEEK[]) before the current one is stored, so
the workers never wait for the network.

    poll_folder(engine, settings, client, ...)  the work above on a logged-in client
    poll_once(engine, settings, ...)           connect, poll_folder, record the run
    poll_command / run_command                 the bodies of `petition poll` / `petition run`
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from imapclient import IMAPClient
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from petition.intake import imap as server
from petition.intake.errors import one_line
from petition.intake.imap import ImapError, crash_point
from petition.intake.pipeline import Outcome, ParseAhead, parse_ahead, process
from petition.intake.record import Record
from petition.intake.sources import ImapRaw
from petition.settings import ConfigError, ImapSettings, Settings, require_imap
from petition.storage import checkpoints
from petition.storage.checkpoints import Mark
from petition.storage.db import (
    SchemaError,
    ensure_schema,
    make_engine,
    session_factory,
    writer,
)

log = logging.getLogger(__name__)

PROGRESS_MIN = 100  # a backlog at least this long gets a progress bar on a terminal
GROUP_COMMIT_S = 0.5  # longest a transaction holds the write lock while storing a batch
Advance = Callable[[int], None]
ProgressFactory = Callable[[int], Any]  # total -> context manager yielding Advance


@dataclass
class PollReport:
    """What one poll did. `failure` is the one-line reason it stopped early."""

    new: int = 0
    stored: int = 0
    duplicates: int = 0
    errors: int = 0
    undelivered: int = 0
    moved: int = 0
    resync: bool = False
    stopped: bool = False
    failure: str | None = None
    error_lines: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """The poll itself worked (messages the parser rejected are stored, not lost)."""
        return self.failure is None and self.undelivered == 0

    @property
    def changed(self) -> bool:
        return self.stored > 0 or self.errors > 0

    def counts(self) -> dict[str, Any]:
        return {"new": self.new, "stored": self.stored, "duplicates": self.duplicates,
                "errors": self.errors, "undelivered": self.undelivered, "moved": self.moved,
                "resync": self.resync, "stopped": self.stopped}

    def line(self) -> str:
        return (f"polled {self.new} new messages: {self.stored} stored, "
                f"{self.duplicates} duplicates, {self.errors} errors"
                + (f", {self.undelivered} left on the server" if self.undelivered else ""))


# --------------------------------------------------------------------------- the poll

@dataclass
class _Folder:
    """The state of one pass over the folder."""

    account: str
    uidvalidity: int
    frontier: int  # every UID up to here is stored and moved
    held: bool = False  # a UID was left behind or not reached: the frontier stays


def poll_folder(engine: Engine, settings: Settings, client: IMAPClient, *,
                stop: threading.Event | None = None, use_status: bool = True,
                progress: ProgressFactory | None = None,
                report: PollReport | None = None) -> PollReport:
    """Store the folder's new messages, move them away, advance the checkpoint.

    A folder with nothing new costs one STATUS (use_status=False, as before an
    IDLE, always selects); otherwise SELECT + UID SEARCH. Raises ImapError
    (the messages done so far stay done, and counted in REPORT when given).
    """
    imap, report = settings.imap, report if report is not None else PollReport()
    stop = stop or threading.Event()
    sessions, store = session_factory(engine, write=True), writer(engine)
    account = server.account_of(imap)
    with sessions() as session:
        mark = checkpoints.read_checkpoint(session, account, imap.folder)
    if use_status and mark is not None and _nothing_new(client, imap, mark):
        return report
    uidvalidity, uidnext = server.select(client, imap, imap.folder)
    last = mark.last_uid if mark is not None else 0
    if mark is not None and mark.uidvalidity != uidvalidity:
        log.warning("UIDVALIDITY of %r changed from %s to %s: reading the whole folder again "
                    "(messages already stored are recognised)", imap.folder, mark.uidvalidity,
                    uidvalidity)
        report.resync, last = True, 0
    uids = server.new_uids(client, imap, last)
    report.new = len(uids)
    state = _Folder(account, uidvalidity, last)
    target = imap.processed_folder if imap.processed_folder not in ("", imap.folder) else None
    if target and uids:
        server.ensure_folder(client, imap, target)
    batches = [uids[i:i + imap.batch_size] for i in range(0, len(uids), imap.batch_size)]
    # A resync reads mostly mail already stored, which the dedup skips unparsed:
    # workers would parse it all for nothing.
    backlog = 0 if report.resync else len(uids)
    with (progress or no_progress)(len(uids)) as advance, \
            parse_ahead(settings, backlog) as ahead:
        fetched: _Fetched | None = None
        for index, batch in enumerate(batches):
            if stop.is_set():
                report.stopped = True
                break
            fetched = fetched or _fetch(client, settings, batch, state, ahead)
            upcoming, failed = _read_ahead(client, settings, batches[index + 1:], state, ahead)
            _batch(sessions, settings, client, fetched, target, state, report, stop, advance,
                   store)
            if failed is not None:
                raise failed
            fetched = upcoming
    if not (report.stopped or state.held) and uidnext > state.frontier + 1:
        state.frontier = max(state.frontier, uidnext - 1)  # UIDs of mail gone by other hands
    _save(sessions, imap, state, mark)
    return report


def _nothing_new(client: IMAPClient, imap: ImapSettings, mark: Mark) -> bool:
    uidvalidity, uidnext = server.folder_state(client, imap, imap.folder)
    return uidvalidity == mark.uidvalidity and uidnext - 1 <= mark.last_uid


@dataclass
class _Fetched:
    """One batch as fetched: the bytes by UID (None: not delivered whole) and, when
    worker processes parse ahead, the pending parse of each."""

    uids: Sequence[int]
    raws: dict[int, ImapRaw | None]
    parsed: dict[int, Future[Record] | None]


def _fetch(client: IMAPClient, settings: Settings, batch: Sequence[int], state: _Folder,
           ahead: ParseAhead | None) -> _Fetched:
    imap = settings.imap
    bodies = server.fetch(client, imap, batch)
    for uid in [u for u, data in bodies.items() if data is None]:
        bodies.update(server.fetch(client, imap, [uid]))  # once more, alone
    raws = {uid: None if data is None else ImapRaw(state.account, imap.folder,
                                                   state.uidvalidity, uid, data)
            for uid, data in bodies.items()}
    parsed = {uid: None if raw is None or ahead is None else ahead.submit(raw.data, raw.source)
              for uid, raw in raws.items()}
    return _Fetched(batch, raws, parsed)


def _read_ahead(client: IMAPClient, settings: Settings, rest: Sequence[Sequence[int]],
                state: _Folder, ahead: ParseAhead | None
                ) -> tuple[_Fetched | None, ImapError | None]:
    """With workers parsing, fetch the next batch before storing this one, so the
    workers never wait. A failure is given back, to raise once this batch is stored."""
    if ahead is None or not rest:
        return None, None
    try:
        return _fetch(client, settings, rest[0], state, ahead), None
    except ImapError as exc:
        return None, exc


def _batch(sessions: sessionmaker[Session], settings: Settings, client: IMAPClient,
           fetched: _Fetched, target: str | None, state: _Folder, report: PollReport,
           stop: threading.Event, advance: Advance, store: Engine) -> None:
    imap = settings.imap
    group = _Group(store, report)
    try:
        for uid in fetched.uids:
            if stop.is_set():
                report.stopped = True
                break
            raw = fetched.raws[uid]
            if raw is None:
                _left_behind(uid, imap, report)
            else:
                group.store(raw, settings, ParseAhead.result(fetched.parsed[uid]))
            advance(1)
        group.commit()
    finally:
        group.close()
        done = group.committed
        if done and target:
            server.move_away(client, imap, done, target)
            report.moved += len(done)
        crash_point("after-move")
        _advance(state, fetched.uids, done)
        _save(sessions, imap, state, None)


class _Group:
    """A batch's mails stored in as few transactions as it takes: a commit is most of
    what storing a small mail costs, so mails share one, but none holds the write
    lock (BEGIN IMMEDIATE) longer than GROUP_COMMIT_S. A mail is done, counted and
    movable once its transaction has committed; a failure rolls back the mails since
    the last commit, which stay in the folder for the next poll."""

    def __init__(self, store: Engine, report: PollReport) -> None:
        self.engine, self.report = store, report
        self.conn: Connection | None = None
        self.began = 0.0
        self.pending: list[tuple[ImapRaw, Outcome]] = []
        self.committed: list[int] = []

    def store(self, raw: ImapRaw, settings: Settings, record: Record | None) -> None:
        """Store one message (RECORD: already parsed by a worker, else parsed here)."""
        try:
            if self.conn is None:
                self.conn = self.engine.connect()
                self.conn.begin()
                self.began = time.monotonic()
            self.pending.append((raw, process(self.conn, raw, settings, record)))
        except SQLAlchemyError as exc:
            raise _database_failure(exc, raw.uid) from exc
        if time.monotonic() - self.began >= GROUP_COMMIT_S:
            self.commit()

    def commit(self) -> None:
        if self.conn is None:
            return
        crash_point("before-commit")
        try:
            self.conn.commit()
        except SQLAlchemyError as exc:
            raise _database_failure(exc, self.pending[0][0].uid) from exc
        finally:
            self.close()
        crash_point("after-commit")
        for raw, outcome in self.pending:
            self.committed.append(raw.uid)
            _count(self.report, raw, outcome)
        self.pending = []

    def close(self) -> None:
        """End the transaction: what was not committed is rolled back."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _database_failure(exc: SQLAlchemyError, uid: int) -> PollFailure:
    reason = one_line(str(getattr(exc, "orig", None) or exc).splitlines()[0])
    return PollFailure(f"database error while storing UID {uid}: {reason}; "
                       "check [database] url, the disk and the file's permissions")


def _count(report: PollReport, raw: ImapRaw, outcome: Outcome) -> None:
    if outcome.status == "duplicate":
        report.duplicates += 1
    elif outcome.status == "stored":
        report.stored += 1
    else:
        report.errors += 1
        report.error_lines.append(f"UID {raw.uid} stored as message #{outcome.message_row_id} "
                                  f"in error: {outcome.reason}; see `petition requeue`")


def _left_behind(uid: int, imap: ImapSettings, report: PollReport) -> None:
    report.undelivered += 1
    report.error_lines.append(
        f"UID {uid} in {imap.folder!r}: the server did not deliver the whole message; "
        "it stays on the server and the next poll tries again")


def _advance(state: _Folder, batch: Sequence[int], done: Sequence[int]) -> None:
    """Move the frontier over the batch's leading UIDs that are done; a UID left
    behind (or not reached) holds it there for the rest of the pass."""
    finished = set(done)
    for uid in batch:
        if state.held or uid not in finished:
            state.held = True
            return
        state.frontier = uid


def _save(sessions: sessionmaker[Session], imap: ImapSettings, state: _Folder,
          previous: Mark | None) -> None:
    mark = Mark(state.uidvalidity, state.frontier)
    if previous == mark:
        return
    with sessions.begin() as session:
        checkpoints.write_checkpoint(session, state.account, imap.folder, mark)


class PollFailure(Exception):
    """The poll cannot go on (a database failure); one line."""


# --------------------------------------------------------------------------- one run

def poll_once(engine: Engine, settings: Settings, *, client: IMAPClient | None = None,
              stop: threading.Event | None = None, use_status: bool = True,
              progress: ProgressFactory | None = None) -> PollReport:
    """Connect (unless CLIENT is given), poll, and record the run; never raises ImapError."""
    sessions = session_factory(engine, write=True)
    with sessions.begin() as session:
        run_id = checkpoints.start_run(session)
    started = time.monotonic()
    report = PollReport()
    try:
        if client is None:
            with server.session(settings.imap) as own:
                poll_folder(engine, settings, own, stop=stop, progress=progress,
                            report=report)
        else:
            poll_folder(engine, settings, client, stop=stop, use_status=use_status,
                        progress=progress, report=report)
    except (ImapError, PollFailure) as exc:
        log.info("poll failed", exc_info=exc)
        report.failure = str(exc)
    finally:
        counts = report.counts() | {"seconds": round(time.monotonic() - started, 3)}
        error = report.failure or "\n".join(report.error_lines[:20]) or None
        with sessions.begin() as session:
            checkpoints.finish_run(session, run_id, report.ok, counts, error)
    return report


# --------------------------------------------------------------------------- commands

def poll_command(settings: Settings, *, watch: bool, verbose: bool) -> int:
    """`petition poll [--watch] [-v]`: the exit status (0 done, 1 failed, 2 config)."""
    _louder(verbose)
    try:
        require_imap(settings)
        engine = open_database(settings)
    except (ConfigError, PollFailure) as exc:
        return _fail(str(exc), 2 if isinstance(exc, ConfigError) else 1)
    with stop_on_signals() as stop:
        if watch:
            from petition.intake.watch import watch as watch_folder

            return watch_folder(engine, settings, stop)
        report = poll_once(engine, settings, stop=stop, progress=terminal_progress())
    return report_status(report, verbose)


def run_command(settings: Settings, *, verbose: bool) -> int:
    """`petition run`: the cron job. One at a time; poll, then render if anything changed."""
    from petition.intake.lock import LockBusy, lock_path, run_lock

    _louder(verbose)
    try:
        require_imap(settings)
    except ConfigError as exc:
        return _fail(str(exc), 2)
    path = lock_path(settings)
    try:
        with run_lock(path), stop_on_signals() as stop:
            return _run(settings, stop, verbose)
    except LockBusy:
        click.echo(f"petition: another run holds {path}; nothing done", err=True)
        return 0


def _run(settings: Settings, stop: threading.Event, verbose: bool) -> int:
    try:
        engine = open_database(settings)
    except PollFailure as exc:
        return _fail(str(exc), 1)
    report = poll_once(engine, settings, stop=stop, progress=terminal_progress())
    status = report_status(report, verbose)
    output = Path(settings.render.output_dir)
    if report.changed or not (output / "index.html").exists():
        try:
            line = render(engine, output)
        except OSError as exc:
            return _fail(f"cannot write to {output}: {exc.strerror or exc}; check "
                         "[render] output_dir", 1)
        if report.changed or verbose:
            click.echo(line)
    return status


def render(engine: Engine, output: Path) -> str:
    from petition.render import render_site
    from petition.storage.queries import published_signatories

    with Session(engine) as session:
        people = published_signatories(session)
    page = render_site(people, output)
    return (f"rendered {page.total} signatories into {page.output_dir}: "
            f"{len(page.written)} file(s) written")


def report_status(report: PollReport, verbose: bool) -> int:
    """Print the report (stdout only when something came in, or with -v); the status."""
    if report.new or verbose:
        click.echo(report.line())
    for line in report.error_lines:
        click.echo(f"petition: {line}", err=True)
    if report.failure:
        click.echo(f"petition: {report.failure}", err=True)
    return 0 if report.ok and not report.errors else 1


def open_database(settings: Settings) -> Engine:
    """The engine with the schema at head; PollFailure with one line otherwise."""
    try:
        engine = make_engine(settings.database.url)
        ensure_schema(engine)
    except SchemaError as exc:
        raise PollFailure(str(exc)) from exc
    except SQLAlchemyError as exc:
        reason = one_line(str(getattr(exc, "orig", None) or exc).splitlines()[0])
        raise PollFailure(f"database error: {reason}; check [database] url and the file's "
                          "permissions") from exc
    return engine


def _fail(message: str, status: int) -> int:
    click.echo(f"petition: {message}", err=True)
    return status


def _louder(verbose: bool) -> None:
    if verbose:
        root = logging.getLogger()
        if root.level > logging.INFO or root.level == logging.NOTSET:
            root.setLevel(logging.INFO)
        if not root.handlers:
            logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                                format="%(levelname)s %(name)s: %(message)s")


@contextmanager
def stop_on_signals() -> Iterator[threading.Event]:
    """An event set by SIGTERM or SIGINT, so work stops between two messages."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(signum: int, _frame: object) -> None:
        log.warning("%s received: stopping after the current message",
                    signal.Signals(signum).name)
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


# --------------------------------------------------------------------------- progress

@contextmanager
def no_progress(_total: int) -> Iterator[Advance]:
    yield lambda _n: None


def terminal_progress() -> ProgressFactory:
    """A progress bar (count and rate) on stderr when it is a terminal, else nothing."""
    return bar_progress if sys.stderr.isatty() else no_progress


@contextmanager
def bar_progress(total: int) -> Iterator[Advance]:
    if total < PROGRESS_MIN:
        yield lambda _n: None
        return
    started, done = time.monotonic(), [0]

    def rate(_item: object) -> str:
        elapsed = time.monotonic() - started
        return f"{done[0] / elapsed:,.0f} msg/s" if done[0] and elapsed > 0 else ""

    def advance(n: int) -> None:
        done[0] += n
        bar.update(n, current_item=True)

    with click.progressbar(length=total, label="poll", file=sys.stderr, show_pos=True,
                           item_show_func=rate) as bar:
        yield advance
