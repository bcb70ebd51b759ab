"""Errors of the intake edges, as values: a source that cannot be read is reported
and the run goes on with the next one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceError:
    """A path (or mbox entry) that gave no message: PATH and a one-line REASON."""

    source: str
    reason: str

    @property
    def line(self) -> str:
        return f"{self.source}: {self.reason}"

    def __str__(self) -> str:
        return self.line


def one_line(text: object) -> str:
    """TEXT on one line (whitespace runs folded), at most 300 characters."""
    line = " ".join(str(text).split())
    return line if len(line) <= 300 else line[:299] + "…"


def os_reason(exc: OSError) -> str:
    """'permission denied', 'no such file or directory'…: the OS reason, lower-case."""
    reason = exc.strerror or type(exc).__name__
    return one_line(reason[:1].lower() + reason[1:])
