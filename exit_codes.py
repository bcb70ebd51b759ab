"""The exit-status contract of every `petition` command, in one place.

    0  DONE      everything was processed (duplicates, held and ignored mail included)
    1  FAILED    something failed (a message in error, an unreadable file, a server
                 or database error) but the rest was processed
    2  USAGE     usage or configuration error: nothing was done

click's own usage errors already exit 2; Ctrl-C exits 130.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    DONE = 0
    FAILED = 1
    USAGE = 2
    INTERRUPTED = 130
