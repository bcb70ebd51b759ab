"""Worker processes that parse mail, for the poller's backlog and `petition parse`.

Parsing is pure (bytes in, Record out), so it can run in forked processes that
inherit the parent's loaded tables and compiled scanners. Workers ignore SIGINT and
SIGTERM (the parent decides when to stop) and exit at once when the parent dies,
even by SIGKILL, so no orphan outlives a killed run.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor

MIN_BACKLOG = 64   # fewer mails than this: forking costs more than it saves
MAX_WORKERS = 8
PARENT_CHECK_S = 0.1


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def default_workers() -> int:
    """One worker per usable CPU, at most MAX_WORKERS."""
    return max(1, min(usable_cpus(), MAX_WORKERS))


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of forked workers (the platform's default start method where there is no
    fork) that stop with their parent; ``close_pool`` ends it."""
    context = multiprocessing.get_context("fork" if can_fork() else None)
    gc.collect()
    gc.freeze()  # the parent's objects (tables, scanners) stay shared, out of the workers' GC
    return ProcessPoolExecutor(workers, mp_context=context,
                               initializer=_worker_start, initargs=(os.getpid(),))


def close_pool(pool: ProcessPoolExecutor, cancel: bool = False) -> None:
    """Shut the pool down and give the parent's objects back to its GC."""
    try:
        pool.shutdown(wait=True, cancel_futures=cancel)
    finally:
        gc.unfreeze()


def _worker_start(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(1)
