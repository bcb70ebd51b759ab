"""One `petition run` at a time: an exclusive lock on a file beside the database.

filelock's FileLock is flock(2) on Unix: the kernel drops it when the process
dies, even by SIGKILL, so a crashed run never leaves a stale lock behind (a
pid file would). The lock file itself is left in place; it holds nothing.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy.engine import make_url

from petition.settings import Settings


class LockBusy(Exception):
    """Another run holds the lock."""


def lock_path(settings: Settings) -> Path:
    """DATABASE.lock beside an SQLite file; a per-URL file in the temp folder otherwise."""
    url = make_url(settings.database.url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(f"{url.database}.lock").resolve()
    name = "".join(c if c.isalnum() else "_" for c in url.render_as_string(hide_password=True))
    return Path(tempfile.gettempdir()) / f"petition-{name[:80]}.lock"


@contextmanager
def run_lock(path: Path) -> Iterator[None]:
    """Hold the lock on PATH, or raise LockBusy at once when another process has it."""
    lock = FileLock(str(path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise LockBusy(str(path)) from None
    try:
        yield
    finally:
        lock.release()
