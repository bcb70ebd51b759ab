"""`petition run`: the cron job. One at a time, silent when nothing is new, renders on change."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from petition.intake.lock import LockBusy, lock_path, run_lock
from petition.intake.poll import run_command
from petition.settings import RenderSettings, Settings

if TYPE_CHECKING:
    from dovecot import Mailbox

pytest_plugins = ["dovecot"]
pytestmark = pytest.mark.imap


def with_output(settings: Settings, tmp_path: Path) -> Settings:
    return replace(settings, render=RenderSettings(output_dir=str(tmp_path / "public")))


def test_first_run_polls_and_renders_then_a_quiet_run_prints_nothing(
        mailbox: Mailbox, make_email, tmp_path: Path, capsys) -> None:
    settings = with_output(mailbox.settings, tmp_path)
    mailbox.seed([make_email("Je signe.\n\nAnne Exemple\nmaire de Sète",
                             sender="Anne Exemple <maire@ville-sete.fr>")])
    assert run_command(settings, verbose=False) in (0, 1)
    out = capsys.readouterr().out
    assert "polled 1 new messages: 1 stored" in out and "rendered" in out
    assert (tmp_path / "public" / "index.html").is_file()

    assert run_command(settings, verbose=False) == 0
    out, err = capsys.readouterr()
    assert (out, err) == ("", "")  # cron mails whatever is printed

    assert run_command(settings, verbose=True) == 0
    assert "polled 0 new messages" in capsys.readouterr().out


def test_a_second_run_says_so_and_touches_nothing(mailbox: Mailbox, make_email,
                                                 tmp_path: Path, capsys) -> None:
    settings = with_output(mailbox.settings, tmp_path)
    mailbox.seed([make_email("Je signe.")])
    with run_lock(lock_path(settings)):
        assert run_command(settings, verbose=False) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "another run holds" in err and "nothing done" in err
    assert mailbox.left() == [1]
    assert not (tmp_path / "public").exists()
    assert not Path(settings.database.url.removeprefix("sqlite:///")).exists()


def test_the_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    path = tmp_path / "petition.db.lock"
    with run_lock(path), pytest.raises(LockBusy), run_lock(path):
        pass
    with run_lock(path):
        pass


def test_lock_file_sits_beside_the_sqlite_database(settings: Settings) -> None:
    db = settings.database.url.removeprefix("sqlite:///")
    assert lock_path(settings) == Path(db + ".lock").resolve()


PROGRESS = ("import sys; from petition.settings import load_settings; "
            "from petition.intake.poll import poll_command; "
            "sys.exit(poll_command(load_settings(sys.argv[1], dotenv_path=None), "
            "watch=False, verbose=False))")


def poll_with_stderr(config: Path, password: str, tty: bool) -> str:
    env = {"PATH": "/usr/bin:/bin", "PETITION_IMAP_PASSWORD": password, "COLUMNS": "100"}
    if not tty:
        done = subprocess.run([sys.executable, "-c", PROGRESS, str(config)], env=env,
                              capture_output=True, text=True, timeout=120)
        return done.stderr
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-c", PROGRESS, str(config)], env=env,
                            stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_only_on_a_terminal(mailbox: Mailbox, make_email, tmp_path: Path) -> None:
    from test_poll_crash import write_config

    password = mailbox.settings.imap.password or ""
    config = write_config(mailbox, tmp_path, batch_size=50)
    mailbox.seed([make_email(f"Je signe. Personne {i}") for i in range(120)])
    on_tty = poll_with_stderr(config, password, tty=True)
    assert "120/120" in on_tty and "msg/s" in on_tty
    mailbox.seed([make_email(f"Je signe. Autre {i}") for i in range(120)])
    assert "msg/s" not in poll_with_stderr(config, password, tty=False)
