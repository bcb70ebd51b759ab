"""`petition status`: last poll, errors, reviews, checkpoint; exit 1 when unhealthy."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from petition.intake.health import problems, status_command
from petition.intake.poll import poll_command
from petition.settings import Settings
from petition.storage.models import Run

if TYPE_CHECKING:
    from dovecot import Mailbox

pytest_plugins = ["dovecot"]

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def run(minutes_ago: float, ok: bool | None, finished: bool = True) -> Run:
    at = NOW - timedelta(minutes=minutes_ago)
    return Run(kind="poll", started_at=at - timedelta(seconds=2),
               finished_at=at if finished else None, ok=ok, error=None if ok else "boom")


def test_no_poll_yet_is_a_problem(settings: Settings, capsys) -> None:
    assert status_command(settings) == 1
    out = capsys.readouterr().out
    assert "last poll             never" in out and "no poll has run yet" in out


def test_problems_by_case() -> None:
    assert problems(None, None, HOUR, NOW) == ["no poll has run yet"]
    fresh = run(5, True)
    assert problems(fresh, fresh, HOUR, NOW) == []
    stale = run(90, True)
    assert problems(stale, stale, HOUR, NOW) == [
        "the last successful poll is older than 1 h 00 min"]
    failed = run(1, False)
    assert problems(failed, fresh, HOUR, NOW) == ["the last poll failed: boom"]
    assert problems(failed, None, HOUR, NOW) == ["the last poll failed: boom",
                                                 "no poll has succeeded yet"]
    running = run(1, None, finished=False)
    assert problems(running, fresh, HOUR, NOW) == []
    killed = run(120, None, finished=False)
    assert "the last poll never finished (killed?)" in problems(killed, fresh, HOUR, NOW)


@pytest.mark.imap
def test_status_after_a_poll_then_after_a_failed_one(mailbox: Mailbox, make_email,
                                                     capsys) -> None:
    mailbox.seed([make_email("Je signe. Marc Exemple, maire de Lunel")])
    poll_command(mailbox.settings, watch=False, verbose=False)
    capsys.readouterr()
    assert status_command(mailbox.settings) == 0
    out = capsys.readouterr().out
    assert ", ok, " in out and "1 new" in out
    assert f"{mailbox.folder!r}: UIDVALIDITY" in out and "last UID 1" in out

    assert status_command(mailbox.settings, as_json=True) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] and data["checkpoints"][0]["last_uid"] == 1
    assert data["last_success"]["stored"] == 1 and data["last_success"]["seconds"] < 5

    broken = mailbox.with_imap(folder="Absent")
    assert poll_command(broken, watch=False, verbose=False) == 1
    capsys.readouterr()
    assert status_command(mailbox.settings) == 1
    assert "the last poll failed: cannot open the folder 'Absent'" in capsys.readouterr().out

    assert status_command(mailbox.settings, max_age=timedelta(0)) == 1
