"""One deckgen at a time per project: the commands that edit or build a project hold its lock.

Two ``year new`` at once would both archive and both rewrite ``deck.yaml``; a build during an
edit could read half of it. So every command that writes (``okr close|new``, ``year new|restore``,
``build``, and the preview's rebuilds) runs inside :func:`project_lock`. The second one waits a
little for the first to finish, then refuses with a message naming the other process.

The lock is ``flock`` on ``.deckgen.lock`` in the project folder. The kernel releases it when
its holder exits in any way, ``kill -9`` and power loss included, so a lock is never stale: a
file left by a killed run is simply locked again by the next one. The holder deletes the file
when it finishes (after checking that the file it locked is still the one at that name, the
usual safe protocol), so a project is left as it was found. A folder deckgen cannot create the
file in (read-only, someone else's, full) is used without a lock: nothing can be edited there
anyway, and a build then only reads it.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import functools
import os
import signal
import stat
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, Optional, TypeVar

from .errors import DeckgenError

LOCK_NAME = ".deckgen.lock"
WAIT = 10.0  # seconds a second command waits for the first before refusing
_POLL = 0.05
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))

Run = TypeVar("Run", bound=Callable[..., Any])

_held: dict[str, tuple[int, str]] = {}  # resolved project folder -> (depth, command)
_guard = threading.Lock()


class ProjectBusy(DeckgenError):
    """Another deckgen holds the project's lock; str() names it and says what to do."""


def held_by(root: Path) -> Optional[str]:
    """The command this process holds ``root``'s lock for, or None."""
    with _guard:
        entry = _held.get(_key(root))
    return entry[1] if entry else None


@contextlib.contextmanager
def project_lock(root: Path, command: str, wait: Optional[float] = None) -> Iterator[None]:
    """Hold the project's lock for ``command`` (re-entrant within a process).

    Waits up to ``wait`` seconds (default :data:`WAIT`) for another deckgen to finish, then
    raises :class:`ProjectBusy`.
    """
    key = _key(root)
    with _guard:
        depth, holder = _held.get(key, (0, command))
        if depth:
            _held[key] = (depth + 1, holder)
    if depth:
        try:
            yield
        finally:
            _release_depth(key)
        return
    fd = _acquire(Path(root) / LOCK_NAME, command, WAIT if wait is None else wait)
    with _guard:
        _held[key] = (1, command)
    try:
        with _stopping_cleanly():
            yield
    finally:
        with deferred_signals():
            _release_depth(key)
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.unlink(Path(root) / LOCK_NAME)
                os.close(fd)


def locked(command: str) -> Callable[[Run], Run]:
    """Decorate a ``run(root, ...)`` function so that it runs holding ``root``'s lock."""

    def wrap(run: Run) -> Run:
        @functools.wraps(run)
        def locked_run(root: Path, *args: Any, **kwargs: Any) -> Any:
            with project_lock(root, command):
                return run(root, *args, **kwargs)

        return locked_run  # type: ignore[return-value]  # wraps() keeps run's signature; mypy cannot see it

    return wrap


def _key(root: Path) -> str:
    return os.path.realpath(root)


def _release_depth(key: str) -> None:
    with _guard:
        depth, holder = _held[key]
        if depth > 1:
            _held[key] = (depth - 1, holder)
        else:
            del _held[key]


def _acquire(path: Path, command: str, wait: float) -> Optional[int]:
    """The locked file's descriptor; None where the folder cannot hold a lock file."""
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise ProjectBusy(f"{path} is a symbolic link, not deckgen's lock file: remove it") from exc
            return None  # read-only, not ours, full, failing: nothing can be written there anyway
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise ProjectBusy(f"{path} is not a regular file, so it cannot be deckgen's lock: remove it")
        if not _wait_for(fd, deadline):
            holder = _holder(fd)
            os.close(fd)
            raise ProjectBusy(f"another deckgen ({holder}) is working on {path.parent}; "
                              "try again when it has finished")
        if _still_named(fd, path):
            _describe(fd, command)
            return fd
        os.close(fd)  # the holder before us removed the file after we opened it: lock the new one


def _wait_for(fd: int, deadline: float) -> bool:
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(_POLL)
        except OSError:  # a file system without locks (ENOLCK): go on as if alone
            return True


def _still_named(fd: int, path: Path) -> bool:
    try:
        named = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (mine.st_dev, mine.st_ino)


def _describe(fd: int, command: str) -> None:
    """Say in the lock file who holds it, so that a waiting command can name it."""
    started = datetime.now(timezone.utc).strftime("%H:%M:%S UTC")
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n{command}\n{started}\n".encode("utf-8"), 0)


def _holder(fd: int) -> str:
    try:
        pid, command, started = os.pread(fd, 512, 0).decode("utf-8", "replace").splitlines()[:3]
    except (OSError, ValueError):
        return "a run that has not said which"
    return f"`deckgen {command}`, process {pid}, since {started}"


@contextlib.contextmanager
def _stopping_cleanly() -> Iterator[None]:
    """Make SIGTERM and SIGHUP end the run as an exception (exit 128 + the signal's number), so
    that the lock is released and its file removed, like Ctrl-C does; where Python's default
    handling is in place only, and in the main thread only."""

    def stop(number: int, frame: object) -> None:
        raise SystemExit(128 + number)

    previous = {}
    try:
        for sig in _SIGNALS:
            if sig != signal.SIGINT and signal.getsignal(sig) == signal.SIG_DFL:
                previous[sig] = signal.signal(sig, stop)
    except ValueError:  # not the main thread
        pass
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def deferred_signals() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP until the block ends, then deliver them.

    Only the main thread may set handlers; elsewhere the block runs as is (and the journal
    still covers it).
    """
    pending: list[int] = []
    try:
        previous = {sig: signal.signal(sig, lambda number, frame: pending.append(number)) for sig in _SIGNALS}
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        for sig in dict.fromkeys(pending):
            signal.raise_signal(sig)
