"""Many files through ``parse_message``, in input order, over the usable CPUs.

`petition parse` is handed hundreds of files at a time (the scorer passes 500). The
parent loads the data tables and compiles the scanners (``warm_up``), then forks
workers that inherit that warm state and parse the files in chunks; lines come back
in input order. A worker that dies (killed, out of memory) loses nothing: the parent
parses the files not yet returned itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from itertools import repeat
from pathlib import Path

from petition.intake import workers as pool
from petition.intake.parse import ParseSettings, parse_message, warm_up
from petition.intake.record import Record, error_record

log = logging.getLogger(__name__)

Line = tuple[str, bool]  # (formatted record, whether it is an error)
Format = Callable[[Record], str]


def workers_for(count: int, jobs: int | None, min_files: int = pool.MIN_BACKLOG) -> int:
    """How many processes parse ``count`` files: ``jobs``, or the usable CPUs when None;
    one when there are too few files or when this platform cannot fork (workers that
    start afresh would pay the whole start-up cost each)."""
    if count < min_files or not pool.can_fork():
        return 1
    wanted = pool.default_workers() if jobs is None else jobs
    return max(1, min(wanted, count))


def parse_files(paths: Sequence[str], settings: ParseSettings, fmt: Format,
                jobs: int | None = None, min_files: int = pool.MIN_BACKLOG) -> Iterator[Line]:
    """(fmt(record), is_error) for each path, in order; never raises for a bad file."""
    count = workers_for(len(paths), jobs, min_files)
    if count == 1:
        for path in paths:
            yield _line_of(path, settings, fmt)
        return
    warm_up(settings)  # what the workers inherit, built once
    done = 0
    try:
        executor = pool.process_pool(count)
        try:
            chunk = max(1, min(32, len(paths) // (count * 4)))
            lines = executor.map(_work, paths, repeat(settings), repeat(fmt), chunksize=chunk)
            for line in lines:
                yield line
                done += 1
        finally:
            pool.close_pool(executor)
    except BrokenProcessPool:
        log.warning("a parse worker died; parsing the %d remaining files in this process",
                    len(paths) - done)
        for path in paths[done:]:
            yield _line_of(path, settings, fmt)


def _work(path: str, settings: ParseSettings, fmt: Format) -> Line:
    return _line_of(path, settings, fmt)  # looked up at call time


def _line_of(path: str, settings: ParseSettings, fmt: Format) -> Line:
    try:
        record = parse_message(Path(path).read_bytes(), path, settings)
    except OSError as exc:
        record = error_record(path, f"cannot read file: {exc.strerror or exc}")
    return fmt(record), record.kind == "error"
