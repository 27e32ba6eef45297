"""Diagnostics are values: every stage reports into one Reporter, nothing prints on its own.

Keeping them as data lets `check` sort and count them, lets `--strict` fail on warnings, and
lets the other commands refuse to touch content that has errors.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from .errors import DeckgenError


class Level(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"  # not a problem in itself: says what could not be checked, and why


@dataclass(frozen=True, order=True)
class Position:
    """A place in a source file: 1-based line and column, as editors count them."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        parts = [self.path]
        if self.line:
            parts.append(str(self.line))
            if self.col:
                parts.append(str(self.col))
        return ":".join(parts)


@dataclass(frozen=True)
class Diagnostic:
    level: Level
    message: str
    position: Position

    def sort_key(self) -> tuple[str, float, int, int, str]:
        """By file and place; a note on a whole file (what waits for its errors) after its errors."""
        pos = self.position
        line = math.inf if self.level == Level.NOTE and not pos.line else pos.line
        return (pos.path, line, pos.col, list(Level).index(self.level), self.message)

    def __str__(self) -> str:
        return f"{self.position}: {self.level.value}: {self.message}".translate(_ONE_LINE)


# A diagnostic prints as one line, whatever a quoted key, value or file name holds: control
# characters, line separators and lone surrogates show as escapes (a key written "a\nb" reads 'a\nb').
_ONE_LINE = {code: repr(chr(code))[1:-1] for code in [*range(32), 127, 0x85, 0x2028, 0x2029, *range(0xD800, 0xE000)]}


@dataclass
class Reporter:
    """Collects the diagnostics of one run; duplicates are kept once."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, message: str, position: Position) -> None:
        self._add(Diagnostic(Level.ERROR, message, position))

    def warning(self, message: str, position: Position) -> None:
        self._add(Diagnostic(Level.WARNING, message, position))

    def note(self, message: str, position: Position) -> None:
        self._add(Diagnostic(Level.NOTE, message, position))

    def _add(self, diagnostic: Diagnostic) -> None:
        if diagnostic not in self.diagnostics:
            self.diagnostics.append(diagnostic)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == Level.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == Level.WARNING]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=Diagnostic.sort_key)

    def summary(self) -> str:
        e, w = len(self.errors), len(self.warnings)
        if not e and not w:
            return "no problems found"
        return f"{e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}"


class ContentError(DeckgenError):
    """Raised when a command cannot go on because the content has errors.

    The reporter holds the details; the CLI prints them and exits 1.
    """

    def __init__(self, reporter: Reporter) -> None:
        super().__init__(reporter.summary())
        self.reporter = reporter

    def lines(self) -> list[str]:
        """Every diagnostic, as path:line:col: level: message, then the summary."""
        return [*(str(d) for d in self.reporter.sorted()), self.reporter.summary()]


def relative(path: Path, root: Path) -> str:
    """The path as users see it in messages: relative to the project, with forward slashes.

    A symlinked content file is named by the link the user put in the project, not its target.
    """
    for shown, base in ((Path(os.path.abspath(path)), Path(os.path.abspath(root))),
                        (Path(os.path.realpath(path)), Path(os.path.realpath(root)))):  # loops: no error
        try:
            return shown.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()
