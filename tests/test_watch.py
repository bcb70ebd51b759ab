"""`petition poll --watch`: IDLE delivers within seconds, survives restarts, stops cleanly."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from petition.intake.poll import open_database
from petition.intake.watch import Timing, watch

if TYPE_CHECKING:
    from dovecot import Mailbox

pytest_plugins = ["dovecot"]
pytestmark = pytest.mark.imap

FAST = Timing(renew=30.0, check=0.5, first_backoff=0.2, max_backoff=1.0)


def count(engine) -> int:
    with Session(engine) as s:
        from petition.storage.models import Message

        return s.scalar(select(func.count()).select_from(Message)) or 0


def wait_until(predicate, timeout: float) -> float:
    """Seconds it took for PREDICATE to hold; fails after TIMEOUT."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"not within {timeout} s")


class Watcher:
    def __init__(self, box: Mailbox, timing: Timing = FAST) -> None:
        self.engine = open_database(box.settings)
        self.stop = threading.Event()
        self.status: int | None = None
        self.thread = threading.Thread(
            target=self._run, args=(box, timing), daemon=True)

    def _run(self, box: Mailbox, timing: Timing) -> None:
        self.status = watch(self.engine, box.settings, self.stop, timing)

    def __enter__(self) -> Watcher:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(10)
        assert not self.thread.is_alive(), "the watch did not stop"


def test_new_mail_is_stored_within_5_seconds_of_its_append(mailbox: Mailbox,
                                                           make_email) -> None:
    mailbox.seed([make_email("Je signe. Anne Exemple, maire de Sète")])
    with Watcher(mailbox) as w:
        wait_until(lambda: count(w.engine) == 1, 10)
        time.sleep(0.5)  # the watch is in IDLE now
        for n in (2, 3):
            mailbox.seed([make_email(f"Je signe. Personne {n}, maire de Sète")])
            took = wait_until(lambda n=n: count(w.engine) == n, 5)
            assert took < 5
    assert w.status == 0
    assert mailbox.left() == [] and len(mailbox.done()) == 3


def test_watch_reconnects_after_a_server_restart_without_spinning(mailbox: Mailbox,
                                                                  make_email) -> None:
    with Watcher(mailbox) as w:
        time.sleep(1.0)
        mailbox.server.stop()
        try:
            cpu = time.process_time()
            time.sleep(2.0)  # the server is down: the watch backs off, it does not spin
            assert time.process_time() - cpu < 1.0
        finally:
            mailbox.server.start()
        mailbox.seed([make_email("Je signe. Luc Exemple, maire de Agde")])
        wait_until(lambda: count(w.engine) == 1, 10)
    assert w.status == 0


def test_watch_notices_a_dead_connection_during_idle(mailbox: Mailbox, make_email) -> None:
    with Watcher(mailbox) as w:
        time.sleep(1.0)
        mailbox.server.kick()  # BYE while in IDLE
        time.sleep(0.5)
        mailbox.seed([make_email("Je signe. Eva Exemple, maire de Gignac")])
        wait_until(lambda: count(w.engine) == 1, 10)


def test_wrong_password_stops_the_watch_with_status_1(dovecot_factory,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    _server, mailbox = dovecot_factory()  # a failed login slows the next ones down
    settings = mailbox.with_imap(password="wrong")
    engine = open_database(settings)
    assert watch(engine, settings, threading.Event(), FAST) == 1
    assert "refused the login" in capsys.readouterr().err


WATCH = ("import sys; from petition.settings import load_settings; "
         "from petition.intake.poll import poll_command; "
         "sys.exit(poll_command(load_settings(sys.argv[1], dotenv_path=None), "
         "watch=True, verbose=False))")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_stops_the_watch_cleanly(mailbox: Mailbox, make_email, tmp_path: Path,
                                        sig: signal.Signals) -> None:
    from test_poll_crash import write_config

    mailbox.seed([make_email("Je signe. Jean Exemple, maire de Lodève")])
    config = write_config(mailbox, tmp_path)
    env = {"PATH": "/usr/bin:/bin", "PETITION_IMAP_PASSWORD": mailbox.settings.imap.password}
    proc = subprocess.Popen([sys.executable, "-c", WATCH, str(config)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    engine = open_database(mailbox.settings)
    try:
        wait_until(lambda: count(engine) == 1, 15)
        time.sleep(0.5)
        proc.send_signal(sig)
        _out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert mailbox.left() == []
