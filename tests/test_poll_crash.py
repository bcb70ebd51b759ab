"""Crash safety: whatever kills the poll, the next one neither loses nor doubles a mail.

The poll runs in a child process and is SIGKILLed at a chosen point by the test
hook `petition.intake.imap.crash_point` (env PETITION_TEST_CRASH_AT="NAME:N");
server restarts and dropped connections are caused from the progress callback,
after the Nth message, in this process.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from petition.intake.imap import CRASH_ENV, account_of
from petition.intake.poll import open_database, poll_once
from petition.storage.checkpoints import read_checkpoint
from petition.storage.models import Message

if TYPE_CHECKING:
    from dovecot import Mailbox

pytest_plugins = ["dovecot"]
pytestmark = pytest.mark.imap

N = 10
POLL = ("import sys; from petition.settings import load_settings; "
        "from petition.intake.poll import poll_command; "
        "sys.exit(poll_command(load_settings(sys.argv[1], dotenv_path=None), "
        "watch=False, verbose=False))")
# The same, with worker processes parsing ahead even for these few mails.
POLL_AHEAD = "import petition.intake.pipeline as p; p.PARALLEL_MIN = 1; " + POLL


def write_config(box: Mailbox, tmp_path: Path, batch_size: int = 4) -> Path:
    imap = box.settings.imap
    path = tmp_path / "config.toml"
    path.write_text(
        f'[database]\nurl = "{box.settings.database.url}"\n'
        f'[imap]\nhost = "{imap.host}"\nport = {imap.port}\nuser = "{imap.user}"\n'
        f'tls = "none"\nfolder = "{imap.folder}"\nprocessed_folder = "{imap.processed_folder}"\n'
        f"timeout = 10\nbatch_size = {batch_size}\n", encoding="utf-8")
    return path


def run_poll(config: Path, password: str, crash_at: str | None = None,
             ahead: bool = False) -> subprocess.CompletedProcess[str]:
    """Run a poll in a child process. Its output is read to the end, so this also
    waits for any parse worker still holding the pipes: one outliving a killed
    poll would make it time out."""
    env = {"PATH": "/usr/bin:/bin", "PETITION_IMAP_PASSWORD": password}
    if crash_at:
        env[CRASH_ENV] = crash_at
    return subprocess.run([sys.executable, "-c", POLL_AHEAD if ahead else POLL, str(config)],
                          env=env, capture_output=True, text=True, timeout=60)


def assert_each_mail_once(box: Mailbox, seeded: list[bytes]) -> None:
    engine = open_database(box.settings)
    with Session(engine) as s:
        raws = s.scalars(select(Message.raw)).all()
        assert s.scalar(select(func.count(func.distinct(Message.sha256)))) == len(seeded)
        mark = read_checkpoint(s, account_of(box.settings.imap), box.folder)
    assert sorted(r.replace(b"\r\n", b"\n") for r in raws) == \
        sorted(m.replace(b"\r\n", b"\n") for m in seeded)
    assert box.left() == []
    assert {b.replace(b"\r\n", b"\n") for b in box.server.bodies(box.processed)} == \
        {m.replace(b"\r\n", b"\n") for m in seeded}
    assert mark is not None and mark.last_uid == len(seeded)
    engine.dispose()


def assert_clean(done: subprocess.CompletedProcess[str]) -> None:
    """The poll after a crash worked: the only complaints allowed are about parsing
    (a message stored in error is stored; that is the parser's business)."""
    complaints = [line for line in done.stderr.splitlines() if line.startswith("petition:")]
    assert all("stored as message" in line for line in complaints), done.stderr
    assert "Traceback" not in done.stderr
    assert done.returncode == (1 if complaints else 0)


def seeded_box(box: Mailbox, make_email) -> list[bytes]:
    messages = [make_email(f"Je signe.\n\nPaul Exemple {i}\nadjoint au maire de Mèze")
                for i in range(N)]
    box.seed(messages)
    return messages


@pytest.mark.parametrize("ahead", [False, True], ids=["one-process", "parse-workers"])
@pytest.mark.parametrize("point", ["before-commit:1", "before-commit:2", "after-commit:1",
                                   "after-commit:2", "after-move:1", "after-move:2"])
def test_sigkill_at_any_point_then_poll_again(mailbox: Mailbox, make_email, tmp_path: Path,
                                              point: str, ahead: bool) -> None:
    seeded = seeded_box(mailbox, make_email)
    config = write_config(mailbox, tmp_path)
    crashed = run_poll(config, mailbox.settings.imap.password or "", crash_at=point,
                       ahead=ahead)
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr
    again = run_poll(config, mailbox.settings.imap.password or "", ahead=ahead)
    assert_clean(again)
    assert_each_mail_once(mailbox, seeded)


def test_sigkill_between_copy_and_expunge(make_email, tmp_path: Path, dovecot_factory) -> None:
    _server, box = dovecot_factory("imap_capability = IMAP4rev1 IDLE UIDPLUS LITERAL+ MULTIAPPEND")
    seeded = seeded_box(box, make_email)
    config = write_config(box, tmp_path)
    crashed = run_poll(config, box.settings.imap.password or "", crash_at="during-move:2")
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr
    again = run_poll(config, box.settings.imap.password or "")
    assert_clean(again)
    # The copied batch may sit twice in the processed folder; never twice in the database.
    assert_each_mail_once(box, seeded)


@contextmanager
def after_messages(n: int, action) -> Iterator[object]:
    @contextmanager
    def progress(_total: int) -> Iterator[object]:
        count = 0

        def advance(step: int) -> None:
            nonlocal count
            count += step
            if count == n:
                action()

        yield advance

    yield progress


@pytest.mark.parametrize("how", ["restart", "kick"])
def test_server_restart_or_dropped_connection_mid_poll(mailbox: Mailbox, make_email,
                                                       how: str) -> None:
    seeded = seeded_box(mailbox, make_email)
    settings = mailbox.with_imap(batch_size=4)
    engine = open_database(settings)
    action = mailbox.server.restart if how == "restart" else mailbox.server.kick
    with after_messages(2, action) as progress:
        first = poll_once(engine, settings, progress=progress)
    assert first.failure is not None and "connection" in first.failure
    assert first.stored < N
    second = poll_once(engine, settings)
    assert second.ok, second.failure
    assert first.stored + second.stored == N
    assert_each_mail_once(mailbox, seeded)
