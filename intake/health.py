"""`petition status`: is the intake healthy? For people and for monitoring.

Shows the last poll and the last successful one (when, how long, what came in),
the messages in error, the signatories waiting for review, and each checkpoint.
Exit status 1 when no poll ever succeeded, when the last poll failed, or when
the last successful one is older than MAX_AGE; 0 otherwise.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import click
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from petition.settings import Settings
from petition.storage import checkpoints
from petition.storage.models import Run, utcnow

DEFAULT_MAX_AGE = timedelta(hours=1)


@dataclass(frozen=True)
class Health:
    last_poll: dict[str, Any] | None
    last_success: dict[str, Any] | None
    messages_in_error: int
    pending_reviews: int
    checkpoints: list[dict[str, Any]]
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "problems": self.problems, "last_poll": self.last_poll,
                "last_success": self.last_success, "messages_in_error": self.messages_in_error,
                "pending_reviews": self.pending_reviews, "checkpoints": self.checkpoints}


def health(engine: Engine, max_age: timedelta = DEFAULT_MAX_AGE,
           now: datetime | None = None) -> Health:
    now = now or utcnow()
    with Session(engine) as session:
        last = checkpoints.last_run(session)
        success = checkpoints.last_run(session, ok=True)
        marks = [{"account": c.account, "folder": c.folder, "uidvalidity": c.uidvalidity,
                  "last_uid": c.last_uid, "updated_at": c.updated_at.isoformat()}
                 for c in checkpoints.all_checkpoints(session)]
        return Health(
            last_poll=_run(last), last_success=_run(success),
            messages_in_error=checkpoints.count_messages_in_error(session),
            pending_reviews=checkpoints.count_pending_reviews(session),
            checkpoints=marks, problems=problems(last, success, max_age, now))


def problems(last: Run | None, success: Run | None, max_age: timedelta,
             now: datetime) -> list[str]:
    """Why the intake is unhealthy, one line each (none: healthy)."""
    found = []
    if last is None:
        return ["no poll has run yet"]
    if last.ok is False:
        found.append(f"the last poll failed: {(last.error or 'no reason').splitlines()[0]}")
    elif last.ok is None and now - last.started_at > max_age:
        found.append("the last poll never finished (killed?)")
    if success is None:
        found.append("no poll has succeeded yet")
    elif now - (success.finished_at or success.started_at) > max_age:
        found.append(f"the last successful poll is older than {_span(max_age)}")
    return found


def _run(run: Run | None) -> dict[str, Any] | None:
    if run is None:
        return None
    counts = run.counts or {}
    return {"started_at": run.started_at.isoformat(),
            "finished_at": run.finished_at.isoformat() if run.finished_at else None,
            "ok": run.ok, "seconds": counts.get("seconds"), "new": counts.get("new"),
            "stored": counts.get("stored"), "error": run.error}


def _span(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def _when(run: dict[str, Any] | None, now: datetime) -> str:
    if run is None:
        return "never"
    at = datetime.fromisoformat(run["finished_at"] or run["started_at"])
    ago = _span(now - at)
    state = {True: "ok", False: "failed", None: "unfinished"}[run["ok"]]
    took = f", {run['seconds']:.1f} s" if run.get("seconds") is not None else ""
    new = f", {run['new']} new" if run.get("new") is not None else ""
    return f"{at:%Y-%m-%d %H:%M:%S} UTC ({ago} ago), {state}{took}{new}"


def status_text(h: Health, now: datetime | None = None) -> str:
    now = now or utcnow()
    lines = [f"last poll             {_when(h.last_poll, now)}",
             f"last successful poll  {_when(h.last_success, now)}",
             f"messages in error     {h.messages_in_error}",
             f"pending reviews       {h.pending_reviews}"]
    lines += [f"checkpoint            {c['account']} {c['folder']!r}: "
              f"UIDVALIDITY {c['uidvalidity']}, last UID {c['last_uid']}"
              for c in h.checkpoints] or ["checkpoint            none"]
    lines += [f"problem               {p}" for p in h.problems]
    return "\n".join(lines)


def status_command(settings: Settings, *, max_age: timedelta = DEFAULT_MAX_AGE,
                   as_json: bool = False) -> int:
    """`petition status [--json]`: print the health; 1 when unhealthy."""
    from petition.intake.poll import PollFailure, open_database

    try:
        engine = open_database(settings)
    except PollFailure as exc:
        click.echo(f"petition: {exc}", err=True)
        return 1
    h = health(engine, max_age)
    if as_json:
        click.echo(json.dumps(h.as_dict(), ensure_ascii=False, sort_keys=True))
    else:
        click.echo(status_text(h))
    return 0 if h.ok else 1
