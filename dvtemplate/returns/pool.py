"""The one process pool of dvtemplate: ``batch`` renders with it, ``collect`` and ``comments`` read with it.

- fork where the platform has it (fast start, the parent's imports are reused), spawn elsewhere (Windows);
- each worker ignores Ctrl+C (the parent's to handle) and runs a watchdog thread that ends it as
  soon as its parent is gone, so a command killed even with ``kill -9`` leaves no worker running;
- while the pool runs, SIGTERM unwinds like Ctrl+C; any error, Ctrl+C or SIGTERM terminates the pool;
- work goes in chunks, so the pool's overhead is paid per chunk, not per file; results come back
  as they are done (callers carry indices when order matters);
- with one job, or little work, everything runs in this process (same initializer, same function).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

__all__ = ["run_chunks", "split", "default_jobs", "mp_context", "PARENT_POLL_S", "READ_SERIAL_BELOW"]

PARENT_POLL_S = 0.5
"""How often a worker checks that its parent is still alive."""
READ_SERIAL_BELOW = 48
"""Fewer returned files than this are read in this process: starting a pool would cost more than it saves."""


def default_jobs() -> int:
    """All cores (at least 1)."""
    return max(1, os.cpu_count() or 1)


def mp_context():
    """fork where the platform has it, spawn elsewhere (Windows)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def split(items: list, jobs: int, smallest: int = 4, largest: int = 128) -> list[list]:
    """*items* in chunks: about four per job, each of *smallest* to *largest* items."""
    size = max(smallest, min(largest, len(items) // (max(jobs, 1) * 4) or 1))
    return [items[i : i + size] for i in range(0, len(items), size)]


def run_chunks(
    func: Callable[[Any], Any],
    chunks: Sequence,
    *,
    jobs: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple = (),
) -> Iterator[Any]:
    """``func(chunk)`` for every chunk, in *jobs* processes (in this one when *jobs* < 2), as each is done."""
    if jobs < 2 or len(chunks) < 2:
        if initializer is not None:
            initializer(*initargs)
        for chunk in chunks:
            yield func(chunk)
        return
    pool = mp_context().Pool(jobs, initializer=_start_worker, initargs=(os.getpid(), initializer, initargs))
    try:
        with _terminate_on_sigterm():
            yield from pool.imap_unordered(func, chunks)
        pool.close()
    except BaseException:
        pool.terminate()  # Ctrl+C, SIGTERM, a worker's error, a caller that stops: no worker outlives the run
        raise
    finally:
        pool.join()


# ----------------------------------------------------------------------------- worker side
def _start_worker(parent: int, initializer: Callable[..., None] | None, initargs: tuple) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if initializer is not None:
        initializer(*initargs)


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(PARENT_POLL_S)
        if os.getppid() != parent:  # re-parented: the command died
            os._exit(1)


# ----------------------------------------------------------------------------- parent side
@contextlib.contextmanager
def _terminate_on_sigterm():
    """While the pool runs, SIGTERM unwinds like Ctrl+C (so the workers are stopped); restored after."""
    previous = None
    try:
        previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    except (ValueError, OSError, AttributeError):  # not the main thread, or no SIGTERM on this platform
        previous = None
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _raise_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt
