"""A set of file writes, copies and moves that happen together or not at all, even across a crash.

Everything new is staged first (copies beside their targets, named ``*.deckgen-new``); nothing
the user sees changes until the commit renames each staged copy into place. A journal (see
``journal.py``) is written and fsynced before anything is staged, so that however the process
stops, ``kill -9`` and power loss included, the next deckgen run finishes or undoes the commit
and says so. While committing, SIGINT, SIGTERM and SIGHUP wait until it is done. A failure the
process sees (a full disk, an I/O error, a read-only folder) is undone at once and reported as
one :class:`WriteError` naming the file the user knows, never a temporary one.

The caller holds the project lock (``deckgen.lock``), so no other deckgen interleaves. In
dry-run mode nothing is staged: the transaction only describes itself, with a unified diff of
each file it would write.
"""
from __future__ import annotations

import contextlib
import difflib
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from ..diagnostics import relative
from ..errors import DeckgenError
from ..lock import deferred_signals, held_by
from .journal import BACKUP, COMMITTING, JOURNAL, STAGED, Journal, Unit, fsync_dir, remove, \
    write_durably


class WriteError(DeckgenError):
    """Writing failed; ``path`` is the file or folder the user knows, as shown, ``reason`` why.

    ``undone``: everything was put back as it was; otherwise the next deckgen run will.
    """

    def __init__(self, path: str, reason: str, undone: bool = True) -> None:
        self.path, self.reason, self.undone = path, reason, undone
        super().__init__(f"cannot write {path}: {reason}")


@dataclass(frozen=True)
class Step:
    """One change: ``write`` a file, ``copy`` a folder, or ``move`` a file or folder."""

    kind: str
    target: Path
    source: Optional[Path] = None
    data: Optional[bytes] = None


class Transaction:
    """Collects changes under ``root``; ``commit()`` applies them atomically.

    ``command`` names the run in the journal (default: the command holding the project lock).
    """

    def __init__(self, root: Path, command: Optional[str] = None) -> None:
        self.root = root
        self.command = command
        self.steps: list[Step] = []
        self.pruned: list[Path] = []

    # Collecting ---------------------------------------------------------------------------------
    def write(self, path: Path, data: Union[str, bytes]) -> None:
        """Create or replace a file with ``data`` (text as UTF-8, line ends untouched); same bytes:
        no step."""
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if path.is_file() and path.read_bytes() == raw:
            return
        self.steps.append(Step("write", path, data=raw))

    def copy(self, source: Path, target: Path) -> None:
        """Copy a folder to a place that must not exist yet."""
        self.steps.append(Step("copy", target, source))

    def move(self, source: Path, target: Path) -> None:
        """Move a file or folder to a place that must not exist yet."""
        self.steps.append(Step("move", target, source))

    def prune(self, folder: Path) -> None:
        """Remove ``folder`` after the commit if that leaves it empty (a move's old home)."""
        self.pruned.append(folder)

    # Describing ---------------------------------------------------------------------------------
    def shown(self, path: Path) -> str:
        return relative(path, self.root)

    def summary(self) -> list[str]:
        """One line per change, for the report every command prints."""
        lines = []
        for step in self.steps:
            if step.kind == "write":
                verb = "updated" if step.target.exists() else "created"
                lines.append(f"{verb} {self.shown(step.target)}")
            else:
                assert step.source is not None
                lines.append(f"{step.kind} {self.shown(step.source)}/ -> {self.shown(step.target)}/"
                             if step.source.is_dir() else
                             f"{step.kind} {self.shown(step.source)} -> {self.shown(step.target)}")
        return lines

    def diffs(self) -> list[str]:
        """The unified diff of each file written, as git shows it."""
        out = []
        for step in self.steps:
            if step.kind != "write":
                continue
            assert step.data is not None
            exists = step.target.exists()
            old = step.target.read_bytes().decode("utf-8") if exists else ""
            name = self.shown(step.target)
            out.append("".join(difflib.unified_diff(
                old.splitlines(True), step.data.decode("utf-8").splitlines(True),
                f"a/{name}" if exists else "/dev/null", f"b/{name}")))
        return out

    # Applying -----------------------------------------------------------------------------------
    def commit(self) -> None:
        """Journal, stage, then rename everything into place; on failure undo and raise WriteError."""
        if not self.steps:
            return
        self._check_targets()
        units = [self._unit(step) for step in self.steps]
        journal = Journal(self.root, self.command or held_by(self.root) or "deckgen", units, self._missing(),
                          self.pruned)
        with deferred_signals():
            try:
                journal.create()
            except OSError as exc:
                with contextlib.suppress(OSError):
                    remove(self.root / (JOURNAL + STAGED))
                raise self._error(exc) from exc
            try:
                self._stage(journal)
                journal.set_state(COMMITTING)
            except BaseException as exc:
                _undo(journal, staged_only=True)
                if isinstance(exc, OSError):
                    raise self._error(exc) from exc
                raise
            try:
                journal.complete()
            except BaseException as exc:
                undone = _undo(journal, staged_only=False)
                if isinstance(exc, OSError):
                    raise self._error(exc, undone) from exc
                raise
            try:
                journal.remove()
            except OSError as exc:  # every change is made; the next run removes the journal
                raise self._error(exc, undone=False) from exc

    def _check_targets(self) -> None:
        """Copies and moves never replace: their target must be free, or freed by an earlier move.
        No step may take what an earlier one put in place (recovery relies on it)."""
        vacated: set[Path] = set()
        placed: set[Path] = set()
        for step in self.steps:
            if step.kind != "write" and step.target.exists() and step.target not in vacated:
                raise FileExistsError(f"{self.shown(step.target)} already exists")
            if step.kind == "move":
                assert step.source is not None
                if step.source in placed:
                    raise ValueError(f"{self.shown(step.source)} is moved after being put in place")
                vacated.add(step.source)
            placed.add(step.target)

    def _unit(self, step: Step) -> Unit:
        if step.kind == "move":
            assert step.source is not None
            return Unit(step.source, step.target, staged=False)
        backup = step.target.with_name(step.target.name + BACKUP)
        exists = step.kind == "write" and os.path.lexists(step.target)
        return Unit(step.target.with_name(step.target.name + STAGED), step.target, backup if exists else None)

    def _missing(self) -> list[Path]:
        """The folders to make for the targets, parents first."""
        made: list[Path] = []
        for step in self.steps:
            missing = []
            folder = step.target.parent
            while not folder.exists() and folder not in made:
                missing.append(folder)
                folder = folder.parent
            made += reversed(missing)
        return made

    def _stage(self, journal: Journal) -> None:
        for folder in journal.made:
            folder.mkdir()
        for step, unit in zip(self.steps, journal.units, strict=True):
            if unit.backup is not None:
                remove(unit.backup)
            if not unit.staged:
                continue
            try:
                _stage_one(step, unit)
            except shutil.Error as exc:  # copytree's list of (source, target, why): say why, not where
                why = str(exc.args[0][0][2])
                found = re.match(r"\[Errno (\d+)\] ([^:]+)", why)
                code, reason = (int(found.group(1)), found.group(2)) if found else (0, why)
                raise OSError(code, reason, str(unit.target)) from exc
            except OSError as exc:
                if exc.filename is None:
                    exc.filename = str(unit.target)
                raise
        for folder in sorted({unit.source.parent for unit in journal.units} | {self.root}):
            fsync_dir(folder)

    def _error(self, exc: BaseException, undone: bool = True) -> WriteError:
        """The error as the user should read it: the file they know, the system's reason."""
        assert isinstance(exc, OSError)
        name = exc.filename if isinstance(exc.filename, (str, os.PathLike)) else None
        path = Path(os.fsdecode(name)) if name is not None else self.root
        for suffix in (STAGED, BACKUP):
            if path.name.endswith(suffix):
                path = path.with_name(path.name[: -len(suffix)])
        if path.name == JOURNAL or path == self.root:  # the journal: name the first file to change
            path = self.steps[0].target
        shown = self.shown(path)
        for step in self.steps:  # a file inside a folder being copied: name the folder
            if step.kind == "copy" and (step.target == path or step.target in path.parents):
                shown = self.shown(step.target) + "/"
        reason = exc.strerror or (str(exc.args[-1]) if exc.args else type(exc).__name__)
        return WriteError(shown, reason, undone)


def _stage_one(step: Step, unit: Unit) -> None:
    remove(unit.source)
    if step.kind == "copy":
        assert step.source is not None
        shutil.copytree(step.source, unit.source, symlinks=True, copy_function=_copy_durably)
        for folder, _, _ in os.walk(unit.source):
            fsync_dir(Path(folder))
    else:
        assert step.data is not None
        write_durably(unit.source, step.data, mode_from=step.target if unit.backup else None)


def _copy_durably(source: str, target: str) -> str:
    shutil.copy2(source, target)
    fd = os.open(target, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    return target


def _undo(journal: Journal, staged_only: bool) -> bool:
    """Undo after a failure; False when that failed too (the journal stays for the next run)."""
    try:
        if staged_only:
            journal.discard()
        else:
            journal.roll_back()
        journal.remove()
        return True
    except OSError:
        return False
