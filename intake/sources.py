"""Fetch from disk: raw messages from .eml files, Maildir folders and mbox files.

`iter_messages` streams: one message in memory at a time (an mbox is indexed line
by line, then read entry by entry). A path that gives no message becomes a
`SourceError` value, and the iteration goes on with the next path.

    file starting with "From "   an mbox; entries are "PATH#1", "PATH#2"…
    any other file               one message (.eml or not: the parser judges)
    folder with cur/ and new/    a Maildir; new/ then cur/ (tmp/ is still being written)
    any other folder             its files and sub-folders, sorted, hidden ones skipped
"""

from __future__ import annotations

import logging
import mailbox
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from petition.intake.errors import SourceError, one_line, os_reason

log = logging.getLogger(__name__)

MBOX_MAGIC = b"From "
SKIPPED_DIRS = {"__pycache__"}


@dataclass(frozen=True)
class RawMessage:
    """One message read from disk: where it came from and its bytes, untouched."""

    source: str
    data: bytes


@dataclass(frozen=True)
class ImapRaw:
    """One message fetched by IMAP: the folder it is in, its UID and its bytes.

    received_at: the server's INTERNALDATE when known (stored as the message's
    arrival time instead of the time of the fetch).
    """

    account: str
    folder: str
    uidvalidity: int
    uid: int
    data: bytes
    received_at: datetime | None = None

    @property
    def source(self) -> str:
        return f"imap://{self.account}/{self.folder}"


Item = RawMessage | SourceError


def iter_messages(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Item]:
    """Every message under PATHS, in order; unreadable ones as SourceError."""
    for path in paths:
        yield from _from_path(Path(path), set())


def _from_path(path: Path, seen: set[Path]) -> Iterator[Item]:
    try:
        is_dir, is_file = path.is_dir(), path.is_file()
        if not (is_dir or is_file):
            os.stat(path)  # raises the OS's reason when there is one
    except OSError as exc:
        yield SourceError(str(path), os_reason(exc))
        return
    if is_dir:
        yield from _folder(path, seen)
    elif is_file:
        yield from _file(path)
    else:
        yield SourceError(str(path), "not a file or a folder")


def _folder(path: Path, seen: set[Path]) -> Iterator[Item]:
    real = path.resolve()
    if real in seen:
        return
    seen.add(real)
    if (path / "cur").is_dir() and (path / "new").is_dir():
        yield from _maildir(path)
        return
    try:
        entries = sorted(path.iterdir())
    except OSError as exc:
        yield SourceError(str(path), os_reason(exc))
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name in SKIPPED_DIRS:
            continue
        yield from _from_path(entry, seen)


def _maildir(path: Path) -> Iterator[Item]:
    for sub in ("new", "cur"):
        try:
            names = sorted(p for p in (path / sub).iterdir() if not p.name.startswith("."))
        except OSError as exc:
            yield SourceError(str(path / sub), os_reason(exc))
            continue
        for entry in names:
            if entry.is_file():
                yield _read_one(entry)


def _file(path: Path) -> Iterator[Item]:
    try:
        with path.open("rb") as fh:
            head = fh.read(len(MBOX_MAGIC))
    except OSError as exc:
        yield SourceError(str(path), os_reason(exc))
        return
    if head == MBOX_MAGIC:
        yield from _mbox(path)
    else:
        yield _read_one(path)


def _read_one(path: Path) -> Item:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return SourceError(str(path), os_reason(exc))
    if not data.strip():
        return SourceError(str(path), "empty file")
    return RawMessage(str(path), data)


def _mbox(path: Path) -> Iterator[Item]:
    """The entries of an mbox. A file cut short still gives its whole messages
    (the last, cut one is passed on for the parser to judge); a read error ends
    the file with a SourceError naming the entry."""
    box = None
    n = 0
    try:
        box = mailbox.mbox(path, create=False)
        for n, key in enumerate(box.iterkeys(), start=1):
            data = box.get_bytes(key)
            if not data.strip():
                yield SourceError(f"{path}#{n}", "empty mbox entry")
                continue
            yield RawMessage(f"{path}#{n}", data)
    except OSError as exc:
        where = f"{path}#{n + 1}" if n else str(path)
        yield SourceError(where, f"cannot read mbox: {os_reason(exc)}")
    except (mailbox.Error, ValueError, KeyError) as exc:
        yield SourceError(str(path), f"broken mbox: {one_line(exc)}")
    finally:
        if box is not None:
            box.close()
