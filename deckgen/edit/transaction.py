"""A set of file writes, copies and moves that happen together or not at all.

Everything new is staged first (temp files and folders beside their targets); nothing the user
sees changes until ``commit`` reaches its commit point, where each staged item is renamed into
place. Should a rename fail part-way, the ones already done are renamed back, so an interrupted
command leaves the content as it was. In dry-run mode nothing is staged: the transaction only
describes itself, with a unified diff of each file it would write.
"""
from __future__ import annotations

import difflib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from ..diagnostics import relative

STAGED = ".deckgen-new"
BACKUP = ".deckgen-old"

_rename: Callable[[Path, Path], None] = os.replace  # the commit step; tests make it fail


@dataclass(frozen=True)
class Step:
    """One change: ``write`` a file, ``copy`` a folder, or ``move`` a file or folder."""

    kind: str
    target: Path
    source: Optional[Path] = None
    text: Optional[str] = None


class Transaction:
    """Collects changes under ``root``; ``commit()`` applies them atomically."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.steps: list[Step] = []

    # Collecting ---------------------------------------------------------------------------------
    def write(self, path: Path, text: str) -> None:
        """Create or replace a file with ``text`` (UTF-8, line ends untouched); same text: no step."""
        if path.is_file() and path.read_bytes() == text.encode("utf-8"):
            return
        self.steps.append(Step("write", path, text=text))

    def copy(self, source: Path, target: Path) -> None:
        """Copy a folder to a place that must not exist yet."""
        self.steps.append(Step("copy", target, source))

    def move(self, source: Path, target: Path) -> None:
        """Move a file or folder to a place that must not exist yet."""
        self.steps.append(Step("move", target, source))

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
            assert step.text is not None
            exists = step.target.exists()
            old = step.target.read_bytes().decode("utf-8") if exists else ""
            name = self.shown(step.target)
            out.append("".join(difflib.unified_diff(
                old.splitlines(True), step.text.splitlines(True),
                f"a/{name}" if exists else "/dev/null", f"b/{name}")))
        return out

    # Applying -----------------------------------------------------------------------------------
    def commit(self) -> None:
        """Stage everything, then rename it all into place; on any failure undo and re-raise."""
        self._check_targets()
        made: list[Path] = []
        staged: list[tuple[Step, Path]] = []
        try:
            for step in self.steps:
                staged.append((step, self._stage(step, made)))
        except BaseException:
            _discard([path for _, path in staged], made)
            raise
        self._apply(staged, made)

    def _check_targets(self) -> None:
        """Copies and moves never replace: their target must be free, or freed by an earlier move."""
        vacated: set[Path] = set()
        for step in self.steps:
            if step.kind != "write" and step.target.exists() and step.target not in vacated:
                raise FileExistsError(f"{self.shown(step.target)} already exists")
            if step.kind == "move":
                assert step.source is not None
                vacated.add(step.source)

    def _stage(self, step: Step, made: list[Path]) -> Path:
        _make_parents(step.target.parent, made)
        if step.kind == "move":
            assert step.source is not None
            return step.source
        temp = step.target.with_name(step.target.name + STAGED)
        _remove(temp)
        if step.kind == "copy":
            assert step.source is not None
            shutil.copytree(step.source, temp, symlinks=True)
        else:
            assert step.text is not None
            temp.write_bytes(step.text.encode("utf-8"))
            if step.target.exists():
                shutil.copymode(step.target, temp)
        return temp

    def _apply(self, staged: list[tuple[Step, Path]], made: list[Path]) -> None:
        done: list[tuple[Path, Path]] = []  # (from, to) renames, in order, to undo
        try:
            for step, path in staged:
                if step.kind == "write" and step.target.exists():
                    backup = step.target.with_name(step.target.name + BACKUP)
                    _rename(step.target, backup)
                    done.append((step.target, backup))
                _rename(path, step.target)
                done.append((path, step.target))
        except BaseException:
            for source, target in reversed(done):
                os.replace(target, source)
            _discard([path for step, path in staged if step.kind != "move"], made)
            raise
        for source, target in done:
            if target.name.endswith(BACKUP):
                _remove(target)


def _make_parents(folder: Path, made: list[Path]) -> None:
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
        made.append(path)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _discard(temps: list[Path], made: list[Path]) -> None:
    """Remove what staging left behind: temp files and folders, then folders it created."""
    for path in temps:
        if path.name.endswith(STAGED):
            _remove(path)
    for folder in reversed(made):
        if folder.exists() and not any(folder.iterdir()):
            folder.rmdir()
