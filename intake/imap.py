"""The IMAP side of polling: connect, look for new UIDs, fetch, move away.

Every failure the server, the network or the configuration can cause becomes an
`ImapError` with one line saying what failed and what to check. Nothing here
touches the database.

    connect(imap)                       logged-in IMAPClient (IMAPS, STARTTLS or plain)
    folder_state(client, folder)        (UIDVALIDITY, UIDNEXT) by STATUS: one round trip
    select(client, folder)              (UIDVALIDITY, UIDNEXT) of the selected folder
    new_uids(client, last_uid)          UIDs above LAST_UID, sorted (UID n:* filtered)
    fetch(client, uids)                 {uid: bytes | None}: None = not delivered whole
    move_away(client, uids, target)     MOVE, or COPY + \\Deleted + UID EXPUNGE
"""

from __future__ import annotations

import imaplib
import logging
import os
import signal
import socket
import ssl
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from petition.intake.errors import one_line
from petition.settings import ImapSettings

log = logging.getLogger(__name__)

BODY = b"BODY[]"
SIZE = b"RFC822.SIZE"
FETCH_ITEMS = ["BODY.PEEK[]", "RFC822.SIZE"]


class ImapError(Exception):
    """An IMAP failure said in one line: what failed, and what to check."""


class ConnectionLost(ImapError):
    """The connection broke during the session (server restart, BYE, network)."""


def account_of(imap: ImapSettings) -> str:
    """The checkpoint key of an account: user@host:port."""
    return f"{imap.user}@{imap.host}:{imap.port}"


def where(imap: ImapSettings) -> str:
    return f"{imap.host}:{imap.port}"


# --------------------------------------------------------------------------- connect

def tls_context(imap: ImapSettings) -> ssl.SSLContext:
    try:
        return ssl.create_default_context(cafile=imap.ca_file or None)
    except (OSError, ssl.SSLError) as exc:
        raise ImapError(f"cannot read the CA file {imap.ca_file!r} ({one_line(exc)}); "
                        "check [imap] ca_file") from exc


def connect(imap: ImapSettings) -> IMAPClient:
    """A logged-in client; ImapError with the reason and what to check otherwise."""
    context = tls_context(imap) if imap.tls != "none" else None
    with translated(imap, "connect to"):
        client = IMAPClient(imap.host, port=imap.port, ssl=imap.tls == "ssl",
                            ssl_context=context, timeout=imap.timeout)
    try:
        with translated(imap, "log in to"):
            if imap.tls == "starttls":
                client.starttls(context)
            client.login(imap.user, imap.password or "")
    except ImapError:
        close(client)
        raise
    log.info("logged in to %s as %s", where(imap), imap.user)
    return client


def close(client: IMAPClient) -> None:
    """Log out, or just drop the socket when the connection is already gone."""
    try:
        client.logout()
    except Exception:  # the connection may be dead; nothing to save
        try:
            client.shutdown()
        except Exception:
            log.debug("socket already closed")


@contextmanager
def session(imap: ImapSettings) -> Iterator[IMAPClient]:
    client = connect(imap)
    try:
        yield client
    finally:
        close(client)


@contextmanager
def translated(imap: ImapSettings, doing: str) -> Iterator[None]:
    """Turn socket, TLS and IMAP exceptions into a one-line ImapError."""
    try:
        yield
    except ImapError:
        raise
    except Exception as exc:
        error = explain(exc, imap, doing)
        if error is None:
            raise
        raise error from exc


def explain(exc: BaseException, imap: ImapSettings, doing: str) -> ImapError | None:
    """The one-line ImapError for EXC, or None when it is not an IMAP/network error."""
    at, why = where(imap), one_line(exc) or type(exc).__name__
    if isinstance(exc, socket.gaierror):
        return ImapError(f"cannot find the IMAP server {imap.host!r} ({why}); check [imap] host")
    if isinstance(exc, ConnectionRefusedError):
        return ImapError(f"{at} refused the connection; check [imap] host and port "
                         "and that the server is running")
    if isinstance(exc, ssl.SSLCertVerificationError):
        return ImapError(f"the certificate of {at} is not trusted ({exc.verify_message or why}); "
                         "check [imap] host (the name in the certificate) and ca_file")
    if isinstance(exc, ssl.SSLError):
        return ImapError(f"TLS with {at} failed ({why}); check [imap] tls "
                         "(ssl, starttls or none) against the port")
    if isinstance(exc, LoginError):
        return ImapError(f"{at} refused the login of {imap.user!r} ({why}); "
                         "check [imap] user and PETITION_IMAP_PASSWORD")
    if isinstance(exc, TimeoutError | socket.timeout):
        return ConnectionLost(f"{at} did not answer within {imap.timeout:g} s while trying to "
                              f"{doing} it; check the network and [imap] timeout")
    if isinstance(exc, imaplib.IMAP4.abort | ConnectionError | EOFError):
        return ConnectionLost(f"the connection to {at} was lost ({why}); "
                              "the next poll resumes where this one stopped")
    if isinstance(exc, OSError):
        return ConnectionLost(f"cannot {doing} {at} ({why}); check the network and [imap] host")
    if isinstance(exc, IMAPClientError | imaplib.IMAP4.error):
        return ImapError(f"{at} answered an error while trying to {doing} it ({why})")
    return None


# --------------------------------------------------------------------------- folders

def folder_state(client: IMAPClient, imap: ImapSettings, folder: str) -> tuple[int, int]:
    """(UIDVALIDITY, UIDNEXT) of FOLDER without selecting it."""
    with translated(imap, "read the folder state from"):
        try:
            status = client.folder_status(folder, [b"UIDVALIDITY", b"UIDNEXT"])
        except IMAPClientError as exc:
            raise missing_folder(imap, folder, exc) from exc
    return int(status[b"UIDVALIDITY"]), int(status[b"UIDNEXT"])


def select(client: IMAPClient, imap: ImapSettings, folder: str) -> tuple[int, int]:
    """Select FOLDER read-write; (UIDVALIDITY, UIDNEXT)."""
    with translated(imap, "select the folder on"):
        try:
            info = client.select_folder(folder)
        except IMAPClientError as exc:
            raise missing_folder(imap, folder, exc) from exc
    return int(info[b"UIDVALIDITY"]), int(info.get(b"UIDNEXT", 0))


def missing_folder(imap: ImapSettings, folder: str, exc: Exception) -> ImapError:
    return ImapError(f"cannot open the folder {folder!r} on {where(imap)} ({one_line(exc)}); "
                     "check [imap] folder")


def ensure_folder(client: IMAPClient, imap: ImapSettings, folder: str) -> None:
    with translated(imap, "create the processed folder on"):
        if not client.folder_exists(folder):
            log.info("creating the folder %r", folder)
            try:
                client.create_folder(folder)
            except IMAPClientError as exc:
                if not client.folder_exists(folder):  # another poller may have made it
                    raise ImapError(f"cannot create the folder {folder!r} on {where(imap)} "
                                    f"({one_line(exc)}); check [imap] processed_folder") from exc


# --------------------------------------------------------------------------- messages

def new_uids(client: IMAPClient, imap: ImapSettings, last_uid: int) -> list[int]:
    """UIDs above LAST_UID in the selected folder, sorted.

    `UID n:*` also returns the newest message when it is older than n, so the
    answer is filtered.
    """
    with translated(imap, "search the folder on"):
        found = client.search(["UID", f"{last_uid + 1}:*"])
    return sorted(uid for uid in found if uid > last_uid)


def fetch(client: IMAPClient, imap: ImapSettings,
          uids: Sequence[int]) -> dict[int, bytes | None]:
    """The bytes of UIDS (BODY.PEEK[]: nothing is marked read), None when incomplete."""
    with translated(imap, "fetch messages from"):
        response = client.fetch(list(uids), FETCH_ITEMS)
    return delivered(response, uids)


def delivered(response: Mapping[int, Mapping[bytes, Any]],
              uids: Sequence[int]) -> dict[int, bytes | None]:
    """Keep what was asked for from a FETCH answer.

    Unsolicited FETCH lines (another client changing flags) lack BODY[] or name
    other messages; a body shorter than the size the server announced was not
    delivered whole. Both give None for that UID.
    """
    out: dict[int, bytes | None] = {}
    for uid in uids:
        item = response.get(uid, {})
        body = item.get(BODY)
        size = item.get(SIZE)
        if not isinstance(body, bytes):
            out[uid] = None
        elif isinstance(size, int) and len(body) < size:
            log.warning("UID %s: %d of %d bytes delivered", uid, len(body), size)
            out[uid] = None
        else:
            out[uid] = body
    return out


def move_away(client: IMAPClient, imap: ImapSettings, uids: Sequence[int], target: str) -> None:
    """Move UIDS from the selected folder to TARGET.

    MOVE when the server has it (atomic). Otherwise COPY, flag \\Deleted, and
    expunge only those UIDs (UID EXPUNGE; a plain EXPUNGE would also remove
    messages someone else flagged). A crash between COPY and EXPUNGE leaves a
    copy in both folders: the next poll sees the message again and the
    database's dedup keeps it once.
    """
    if not uids:
        return
    with translated(imap, "move messages on"):
        if client.has_capability("MOVE"):
            client.move(list(uids), target)
            return
        client.copy(list(uids), target)
        crash_point("during-move")
        client.add_flags(list(uids), [b"\\Deleted"], silent=True)
        if client.has_capability("UIDPLUS"):
            client.uid_expunge(list(uids))
        else:
            client.expunge()


# --------------------------------------------------------------------------- test hook

CRASH_ENV = "PETITION_TEST_CRASH_AT"
_reached: dict[str, int] = {}


def crash_point(name: str) -> None:
    """Test hook: SIGKILL this process the Nth time NAME is reached.

    Does nothing unless the environment has PETITION_TEST_CRASH_AT="NAME:N" (only
    the crash tests set it, in a child process). Names: before-commit (a
    message processed, its transaction not committed), after-commit (committed,
    not moved), during-move (COPY done, EXPUNGE not), after-move (moved, the
    checkpoint not advanced).
    """
    wanted = os.environ.get(CRASH_ENV)
    if not wanted or not wanted.startswith(name + ":"):
        return
    _reached[name] = _reached.get(name, 0) + 1
    if _reached[name] == int(wanted.rsplit(":", 1)[1]):
        os.kill(os.getpid(), signal.SIGKILL)
