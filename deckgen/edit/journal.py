"""The journal that lets any interrupted transaction be finished or undone by the next run.

A transaction (see ``transaction.py``) is a list of *units*, each a rename of a staged or
existing ``source`` onto a ``target`` that is free at that moment; a unit that replaces a file
first renames the old one to ``backup``. Before staging anything, the whole plan is written to
``.deckgen-journal.json`` in the transaction's folder and fsynced, so that whatever stops the
process (``kill -9``, power loss, a full disk) the next deckgen run knows what was going on:

- ``staging``: nothing the user sees has changed yet; the staged copies and the folders made
  for them are removed (rolled back).
- ``committing``: every staged copy is complete and on disk; the units not yet applied are
  applied (completed), then the backups are removed.
- ``rolling back``: a failure was being undone; the units applied are undone, then as staging.

The state is the file's first line, rewritten in place (no new disk block, so a full disk
cannot stop it). Units are applied in order and each source is consumed by its own unit only
(``transaction.py`` checks this), so the units applied are exactly those up to the last one
whose source is gone: that is all recovery needs to find out.

A journal is read as untrusted (a project may come from anyone): every path in it must stay
inside its folder, a staged source must carry the staging suffix and a backup the backup one,
or recovery refuses to touch anything.
"""
from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Optional

from ..errors import DeckgenError
from ..lock import LOCK_NAME, ProjectBusy, deferred_signals, project_lock

JOURNAL = ".deckgen-journal.json"
STAGED = ".deckgen-new"
BACKUP = ".deckgen-old"
STAGING, COMMITTING, ROLLING_BACK = "staging", "committing", "rolling back"
_STATE_WIDTH = 16
_MAX_JOURNAL = 1 << 20


class JournalError(DeckgenError):
    """A journal deckgen cannot act on, or a recovery that failed; str() says what to do."""


@dataclass(frozen=True)
class Unit:
    """One rename of the commit: ``source`` onto ``target`` (after ``target`` -> ``backup``).

    ``staged``: ``source`` is deckgen's own staged copy, removed when the transaction is rolled
    back; otherwise it is the user's file or folder being moved, and is never removed.
    """

    source: Path
    target: Path
    backup: Optional[Path] = None
    staged: bool = True


@dataclass
class Journal:
    """The plan of one transaction in ``folder``; ``describe`` is what recovery tells the user."""

    folder: Path
    command: str
    units: list[Unit]
    made: list[Path]  # folders created for the targets, parents first
    pruned: list[Path] = field(default_factory=list)  # folders removed when the commit leaves them empty
    pid: int = 0
    started: str = ""
    state: str = STAGING
    _fd: Optional[int] = None

    @property
    def path(self) -> Path:
        return self.folder / JOURNAL

    # Writing ------------------------------------------------------------------------------------
    def create(self) -> None:
        """Write the journal (state ``staging``) durably; it must not exist yet."""
        self.pid = os.getpid()
        self.started = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
        body = {
            "command": self.command, "pid": self.pid, "started": self.started,
            "made": [self._rel(p) for p in self.made], "pruned": [self._rel(p) for p in self.pruned],
            "units": [{"source": self._rel(u.source), "target": self._rel(u.target),
                       "backup": self._rel(u.backup) if u.backup else None, "staged": u.staged}
                      for u in self.units],
        }
        data = _state_line(STAGING) + json.dumps(body, indent=1).encode("utf-8") + b"\n"
        temp = self.path.with_name(JOURNAL + STAGED)
        remove(temp)
        fd = write_durably(temp, data, keep_open=True)
        try:
            os.replace(temp, self.path)
        except OSError:
            os.close(fd)
            raise
        fsync_dir(self.folder)
        self._fd, self.state = fd, STAGING

    def set_state(self, state: str) -> None:
        """Rewrite the state line in place and wait until it is on disk."""
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC)
        os.pwrite(self._fd, _state_line(state), 0)
        os.fsync(self._fd)
        self.state = state

    def remove(self) -> None:
        """The transaction is over: the journal goes, durably."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        remove(self.path)
        fsync_dir(self.folder)

    def _rel(self, path: Path) -> str:
        return Path(os.path.relpath(path, self.folder)).as_posix()

    # Reading ------------------------------------------------------------------------------------
    @classmethod
    def load(cls, folder: Path) -> Optional["Journal"]:
        """The journal left in ``folder``, or None when it never got written in full."""
        path = folder / JOURNAL
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise JournalError(f"{path} cannot be read ({exc.strerror}): it is not deckgen's journal; "
                               "remove it") from exc
        with os.fdopen(fd, "rb") as stream:
            raw = stream.read(_MAX_JOURNAL + 1)
        try:
            state = raw[:_STATE_WIDTH].decode("ascii").strip()
            body = json.loads(raw[_STATE_WIDTH:].decode("utf-8"))
            units = [Unit(_inside(folder, u["source"]), _inside(folder, u["target"]),
                          _inside(folder, u["backup"]) if u["backup"] is not None else None,
                          bool(u["staged"])) for u in body["units"]]
            made = [_inside(folder, p) for p in body["made"]]
            pruned = [_inside(folder, p) for p in body["pruned"]]
            journal = cls(folder, str(body["command"]), units, made, pruned, int(body["pid"]),
                          str(body["started"]), state)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise JournalError(f"{path} is not a journal deckgen wrote ({exc}); remove it") from exc
        if len(raw) > _MAX_JOURNAL or state not in (STAGING, COMMITTING, ROLLING_BACK) or not all(
                (not u.staged or u.source.name.endswith(STAGED))
                and (u.backup is None or u.backup.name.endswith(BACKUP)) for u in units):
            raise JournalError(f"{path} is not a journal deckgen wrote; remove it")
        return journal

    # Acting -------------------------------------------------------------------------------------
    def applied(self) -> int:
        """How many units were applied: up to the last one whose source is gone."""
        gone = [i for i, unit in enumerate(self.units) if not _exists(unit.source)]
        return gone[-1] + 1 if gone else 0

    def complete(self) -> None:
        """Apply every unit not yet applied (resuming a half-applied one), then drop the backups
        and the folders left empty that were to go."""
        touched = set()
        for unit in self.units[self.applied():]:
            if unit.backup is not None and _exists(unit.target):
                os.rename(unit.target, unit.backup)
            os.rename(unit.source, unit.target)
            touched |= {unit.source.parent, unit.target.parent}
        for folder in sorted(touched):
            fsync_dir(folder)
        for folder in self.pruned:
            try:
                folder.rmdir()
            except OSError as exc:
                if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOENT):
                    raise
        for unit in self.units:
            if unit.backup is not None:
                remove(unit.backup)

    def roll_back(self) -> None:
        """Undo the units applied (and a half-applied one), last first; then discard."""
        self.set_state(ROLLING_BACK)
        count = self.applied()
        pending = self.units[count] if count < len(self.units) else None
        if pending is not None and pending.backup is not None and not _exists(pending.target) \
                and _exists(pending.backup):
            os.rename(pending.backup, pending.target)
        for unit in reversed(self.units[:count]):
            os.rename(unit.target, unit.source)
            if unit.backup is not None and _exists(unit.backup):
                os.rename(unit.backup, unit.target)
        for folder in sorted({p for u in self.units for p in (u.source.parent, u.target.parent)}):
            fsync_dir(folder)
        self.set_state(STAGING)
        self.discard()

    def discard(self) -> None:
        """Remove the staged copies and the folders made for them (state ``staging``)."""
        for unit in self.units:
            if unit.staged:
                remove(unit.source)
            if unit.backup is not None and _exists(unit.target):
                remove(unit.backup)
        for folder in reversed(self.made):
            with contextlib.suppress(OSError):
                folder.rmdir()

    def targets(self) -> str:
        shown = [self._rel(u.target) + ("/" if u.target.is_dir() else "") for u in self.units]
        return ", ".join(shown) or "nothing"


def recover_in(folder: Path, command: str = "check") -> list[str]:
    """:func:`recover` under the project lock, when ``folder`` holds a journal (cheap otherwise).

    With a journal, waits for the lock like any command (its owner may be committing). Without
    one, a lock file is only taken when free, which removes one left by a killed run; a
    command at work is not waited for, since there is nothing to recover.
    """
    journaled = any(os.path.lexists(folder / name) for name in (JOURNAL, JOURNAL + STAGED))
    if not journaled and not os.path.lexists(folder / LOCK_NAME):
        return []
    try:
        with project_lock(folder, command, wait=None if journaled else 0):
            return recover(folder)
    except ProjectBusy:
        if journaled:
            raise
        return []


def recover(folder: Path) -> list[str]:
    """Finish or undo a transaction interrupted in ``folder``; what was done, to tell the user.

    The caller holds the project lock, so a journal found here belongs to a run that is over.
    """
    remove(folder / (JOURNAL + STAGED))
    journal = Journal.load(folder)
    if journal is None:
        return []
    who = f"`deckgen {journal.command}` (process {journal.pid}, {journal.started})"
    try:
        with deferred_signals():
            if journal.state == COMMITTING:
                journal.complete()
                done = f"completed its changes to {journal.targets()}"
            elif journal.state == ROLLING_BACK:
                journal.roll_back()
                done = f"undid its partial changes; {journal.targets()} are as they were before it"
            else:
                journal.discard()
                done = "it had changed nothing yet; removed the copies it had started"
            journal.remove()
    except OSError as exc:
        raise JournalError(f"cannot recover from the interrupted {who} in {folder}: "
                           f"{exc.strerror or exc} ({exc.filename}); fix that and run deckgen again") from exc
    return [f"Recovered from an interrupted {who}: {done}."]


# Durable file operations --------------------------------------------------------------------------
def write_durably(path: Path, data: bytes, mode_from: Optional[Path] = None, keep_open: bool = False) -> int:
    """Create ``path`` (which must not exist) holding ``data``, and wait until it is on disk;
    with ``keep_open``, the open descriptor (read-write) is returned for the caller to close."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        if mode_from is not None:
            with contextlib.suppress(OSError):
                os.fchmod(fd, os.stat(mode_from).st_mode & 0o7777)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        raise
    if not keep_open:
        os.close(fd)
    return fd


def fsync_dir(folder: Path) -> None:
    """Persist the renames in ``folder`` (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def remove(path: Path) -> None:
    """Remove a file, link or folder tree if it is there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif _exists(path):
        path.unlink()


def _exists(path: Path) -> bool:
    return os.path.lexists(path)


def _state_line(state: str) -> bytes:
    return f"{state:<{_STATE_WIDTH - 1}}\n".encode("ascii")


def _inside(folder: Path, name: object) -> Path:
    """``folder / name``, refused unless ``name`` is a plain relative path that stays inside."""
    if not isinstance(name, str) or not name:
        raise ValueError(f"bad path {name!r}")
    parts = PurePosixPath(name).parts
    if PurePosixPath(name).is_absolute() or ".." in parts or "\\" in name:
        raise ValueError(f"path {name!r} leaves the folder")
    path = folder.joinpath(*parts)
    base = os.path.realpath(folder)
    if os.path.commonpath([base, os.path.realpath(path.parent)]) != base:
        raise ValueError(f"path {name!r} leaves the folder through a link")
    return path
