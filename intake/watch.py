"""`petition poll --watch`: poll, then wait in IMAP IDLE for the next mail.

    - IDLE is renewed every RENEW seconds (well before the 10 minutes servers and
      imapclient's docs allow), with a poll in between to catch anything missed;
    - `idle_check` is called with a short timeout; when it returns [] much sooner
      than asked, the socket is dead (imapclient then returns [] at once forever):
      that is a lost connection, never a busy loop;
    - a lost connection is retried with exponential backoff (1 s doubling to
      MAX_BACKOFF), reset after a successful login;
    - the stop event (SIGTERM/SIGINT) is looked at between messages and at least
      every CHECK seconds while idle.

A configuration error at the first login (wrong password, unknown host) stops
the watch with status 1; once it has worked, every failure is retried.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import click
from imapclient import IMAPClient
from sqlalchemy import Engine

from petition.intake import imap as server
from petition.intake.imap import ConnectionLost, ImapError
from petition.intake.poll import poll_once, report_status
from petition.settings import ImapSettings, Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Timing:
    renew: float = 300.0  # seconds in one IDLE before DONE + poll + IDLE again
    check: float = 1.0  # seconds per idle_check call
    first_backoff: float = 1.0
    max_backoff: float = 300.0


def watch(engine: Engine, settings: Settings, stop: threading.Event,
          timing: Timing = Timing()) -> int:
    """Poll and IDLE until STOP is set; the exit status."""
    imap, backoff, worked = settings.imap, timing.first_backoff, False
    while not stop.is_set():
        try:
            client = server.connect(imap)
        except ImapError as exc:
            if not worked and not isinstance(exc, ConnectionLost):
                click.echo(f"petition: {exc}", err=True)
                return 1
            log.warning("%s; trying again in %g s", exc, backoff)
            stop.wait(backoff)
            backoff = min(backoff * 2, timing.max_backoff)
            continue
        worked, backoff = True, timing.first_backoff
        try:
            _session(engine, settings, client, stop, timing)
        except ImapError as exc:
            log.warning("%s; reconnecting", exc)
        finally:
            server.close(client)
    log.info("watch stopped")
    return 0


def _session(engine: Engine, settings: Settings, client: IMAPClient, stop: threading.Event,
             timing: Timing) -> None:
    """Poll, IDLE, poll… on one connection, until it breaks or STOP is set."""
    while not stop.is_set():
        report = poll_once(engine, settings, client=client, stop=stop, use_status=False)
        report_status(report, verbose=False)
        if report.failure:
            raise ConnectionLost(report.failure)
        if stop.is_set():
            return
        wait_for_mail(client, settings.imap, stop, timing)


def wait_for_mail(client: IMAPClient, imap: ImapSettings, stop: threading.Event,
                  timing: Timing) -> bool:
    """IDLE on the selected folder until a new message, RENEW seconds, or STOP.

    True when the server announced a message. Raises ConnectionLost when the
    connection is dead.
    """
    with server.translated(imap, "wait for mail on"):
        client.idle()
        try:
            news = _idle_loop(client, stop, timing)
        finally:
            client.idle_done()
    return news


def _idle_loop(client: IMAPClient, stop: threading.Event, timing: Timing) -> bool:
    deadline = time.monotonic() + timing.renew
    while not stop.is_set() and time.monotonic() < deadline:
        asked = min(timing.check, max(deadline - time.monotonic(), 0.01))
        started = time.monotonic()
        responses = client.idle_check(timeout=asked)
        if responses:
            if any(_is_bye(r) for r in responses):
                raise ConnectionLost("the server closed the connection (BYE)")
            if any(_is_new_mail(r) for r in responses):
                return True
        elif time.monotonic() - started < asked / 2:
            raise ConnectionLost("the connection died while waiting for mail")
    return False


def _is_new_mail(response: object) -> bool:
    return isinstance(response, tuple) and len(response) >= 2 and response[1] == b"EXISTS"


def _is_bye(response: object) -> bool:
    return isinstance(response, tuple) and len(response) >= 1 and response[0] == b"BYE"
