"""Fault injection for the crash-safety suite: run a deckgen command in a forked child and stop it
at its k-th write step, by SIGKILL, a signal, or an injected OSError.

A *write step* is any call that changes the disk: ``os.replace``, ``os.rename``, ``os.mkdir``,
``os.unlink``, ``os.rmdir``, ``os.write``, ``os.pwrite``, ``os.ftruncate``, ``os.fsync``, and
``open``/``os.open`` for writing. Counting them with the fault off gives the number of places a
run can be stopped; the suite stops it at each. A fork keeps the child cheap (deckgen is already
imported) while the kill is real: the child's process dies with no chance to clean up.
"""
from __future__ import annotations

import builtins
import contextlib
import errno
import io
import os
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Optional, Sequence

from deckgen.cli import main

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
ALWAYS = ("replace", "rename", "mkdir", "unlink", "rmdir", "write", "pwrite", "ftruncate", "fsync")

HOUSEKEEPING = (".deckgen-new", ".deckgen-old", ".deckgen-journal.json", ".deckgen.lock", ".tmp")


@dataclass(frozen=True)
class Fault:
    """What happens at write step ``at`` (1-based): ``kill`` (SIGKILL), ``signal`` (that number,
    delivered and then the run goes on), or ``error`` (OSError with that errno)."""

    at: int
    kill: bool = False
    signal: int = 0
    error: int = 0


@dataclass(frozen=True)
class Outcome:
    steps: int  # write steps the child reached (all of them when it ran to the end)
    killed_by: int  # the signal that ended it, 0 when it exited
    code: int  # its exit code when it exited
    output: str  # its stdout and stderr


def run_child(args: Sequence[str], fault: Optional[Fault] = None) -> Outcome:
    """Run ``deckgen ARGS`` in a forked child with ``fault``; wait for it."""
    with tempfile.TemporaryDirectory() as scratch:
        log, count = Path(scratch) / "output", Path(scratch) / "count"
        pid = os.fork()
        if pid == 0:  # the child: never returns
            _child(list(args), fault, log, count)
        _, status = os.waitpid(pid, 0)
        steps = int(count.read_text()) if count.exists() else (fault.at if fault else 0)
        output = log.read_text(errors="replace") if log.exists() else ""
    if os.WIFSIGNALED(status):
        return Outcome(steps, os.WTERMSIG(status), -1, output)
    return Outcome(steps, 0, os.WEXITSTATUS(status), output)


def _child(args: list[str], fault: Optional[Fault], log: Path, count: Path) -> None:
    code = 70
    try:
        fd = os.open(log, os.O_WRONLY | os.O_CREAT, 0o600)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        sys.stdout = sys.stderr = os.fdopen(fd, "w", buffering=1)  # not pytest's capture
        with instrumented(lambda step, op: _act(fault, step)) as steps:
            try:
                main.main(args, prog_name="deckgen", standalone_mode=True)
                code = 0
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
        count.write_text(str(steps[0]))
    except BaseException:  # a traceback is a finding: print it to the captured output
        import traceback

        traceback.print_exc()
        code = 71
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _act(fault: Optional[Fault], step: int) -> None:
    if fault is None or step != fault.at:
        return
    if fault.kill:
        os.kill(os.getpid(), signal.SIGKILL)
    if fault.signal:
        os.kill(os.getpid(), fault.signal)
    if fault.error:
        raise OSError(fault.error, os.strerror(fault.error))


@contextlib.contextmanager
def instrumented(before: Callable[[int, str], None]) -> Iterator[list[int]]:
    """Call ``before(step, operation)`` ahead of every write step, in this process; yields the
    step counter (a one-item list). Steps taken inside ``before`` are not counted."""
    steps = [0]
    busy = [False]
    saved: dict[str, Any] = {name: getattr(os, name) for name in (*ALWAYS, "open")}
    saved_open = builtins.open

    def step(op: str) -> None:
        if busy[0]:
            return
        steps[0] += 1
        busy[0] = True
        try:
            before(steps[0], op)
        finally:
            busy[0] = False

    def counting(name: str) -> Callable[..., Any]:
        original = saved[name]

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if name != "write" or args[0] > 2:  # writes to stdout and stderr are not the disk's
                step(name)
            return original(*args, **kwargs)

        return wrapper

    def os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & _WRITE_FLAGS:
            step("open")
        return saved["open"](path, flags, *args, **kwargs)

    def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(c in mode for c in "wax+") and not isinstance(file, int):
            step("open")
        return saved_open(file, mode, *args, **kwargs)

    for name in ALWAYS:
        setattr(os, name, counting(name))
    os.open = os_open  # type: ignore[assignment]
    builtins.open = io.open = open_  # type: ignore[assignment]  # pathlib opens through io.open
    try:
        yield steps
    finally:
        for name, original in saved.items():
            setattr(os, name, original)
        builtins.open = io.open = saved_open


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (links as their target text), by relative path; folders end '/'."""
    found: dict[str, bytes] = {}
    for folder, dirs, names in os.walk(root):
        base = Path(folder)
        for name in dirs:
            if not os.listdir(base / name):
                found[(base / name).relative_to(root).as_posix() + "/"] = b""
        for name in names:
            path = base / name
            found[path.relative_to(root).as_posix()] = (
                os.readlink(path).encode() if path.is_symlink() else path.read_bytes())
    return found


def litter(root: Path) -> list[str]:
    """deckgen's own temporary files left under ``root``."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                  if p.name.endswith(HOUSEKEEPING) or ".deckgen-journal" in p.name)


ERRORS = {"EIO": errno.EIO, "ENOSPC": errno.ENOSPC, "EROFS": errno.EROFS, "EACCES": errno.EACCES}


def failing_at(step: int, code: int) -> Callable[[int, str], None]:
    """A ``before`` for :func:`instrumented` that fails write step ``step`` with errno ``code``."""
    def inject(at: int, op: str) -> None:
        if at == step:
            raise OSError(code, os.strerror(code))

    return inject


def recording(ops: list[str]) -> Callable[[int, str], None]:
    """A ``before`` for :func:`instrumented` that lists each write step's operation in ``ops``."""
    return lambda _step, op: ops.append(op)


def record(area: str, case: str, held: bool) -> None:
    """Log one tried case for the campaign's table when ``DECKGEN_FAULT_REPORT`` names a file."""
    report = os.environ.get("DECKGEN_FAULT_REPORT")
    if report:
        with builtins.open(report, "a", encoding="utf-8") as stream:
            stream.write(f"{area}\t{case}\t{'held' if held else 'failed'}\n")


@contextlib.contextmanager
def lock_held_elsewhere(root: Path, command: str, seconds: float = 2.0) -> Iterator[int]:
    """A forked child holds ``root``'s project lock for ``command`` for ``seconds``; yields its pid
    once it holds it, and waits for it at the end."""
    from deckgen.lock import project_lock

    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        with project_lock(root, command):
            os.write(ready_w, b"x")
            time.sleep(seconds)
        os._exit(0)
    os.read(ready_r, 1)
    try:
        yield pid
    finally:
        os.waitpid(pid, 0)
