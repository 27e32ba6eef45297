"""Bounding a test in time: a hang becomes a failure instead of a stuck test run."""
from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail instead of hanging when the block takes longer than ``seconds`` (a blocked read, an
    endless loop): the alarm interrupts Python code and blocking system calls alike."""
    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"took more than {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
