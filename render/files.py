"""Writing public files: atomically, and only when their content changed."""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

PUBLIC_MODE = 0o644


def read_if_exists(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write `content` to `path` unless it already holds exactly that; True if written.

    The new content goes to a temporary file in the same folder, flushed to disk, then
    replaces the old file in one step (`os.replace`): a reader sees the old file or the
    new one, never half of one. An unchanged file keeps its mtime.
    """
    if read_if_exists(path) == content:
        log.debug("%s unchanged", path)
        return False
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, PUBLIC_MODE)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    log.info("wrote %s (%d bytes)", path, len(content))
    return True
