"""What rules share: reporting at a path inside a named content file, or inside the file being checked."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from ...diagnostics import Position, Reporter
from ...load.source import Source
from ..project import Project


@dataclass
class Report:
    """Reports a rule's finding at ``loc`` inside ``file`` ('deck.yaml', 'okrs/2027-Q1', …)."""

    project: Project
    reporter: Reporter

    def at(self, file: str, loc: tuple[Any, ...] = (), key: bool = False) -> Position:
        source = self.project.sources.get(file)
        if source is None:
            return Position(f"content/{file}")
        return source.key_position(loc) if key else source.position(loc)

    def error(self, file: str, loc: tuple[Any, ...], message: str, key: bool = False) -> None:
        self.reporter.error(message, self.at(file, loc, key))

    def warning(self, file: str, loc: tuple[Any, ...], message: str, key: bool = False) -> None:
        self.reporter.warning(message, self.at(file, loc, key))


@dataclass
class FileReport:
    """Reports a single-file rule's findings inside that file, whatever the rest of the project holds."""

    source: Source
    reporter: Reporter

    def at(self, loc: tuple[Any, ...] = (), key: bool = False) -> Position:
        return self.source.key_position(loc) if key else self.source.position(loc)

    def error(self, loc: tuple[Any, ...], message: str, key: bool = False) -> None:
        self.reporter.error(message, self.at(loc, key))

    def warning(self, loc: tuple[Any, ...], message: str, key: bool = False) -> None:
        self.reporter.warning(message, self.at(loc, key))


def first_on(before: Position, now: Position) -> str:
    """Where a repeated value was first written: 'first on line 17', or 'first at column 9' when both
    stand on one line (a flow list)."""
    return f"first at column {before.col}" if before.line == now.line else f"first on line {before.line}"


def duplicates(ids: list[str]) -> dict[int, int]:
    """Index of each repeated id → index of its first occurrence."""
    first: dict[str, int] = {}
    repeated = {}
    for index, value in enumerate(ids):
        if value in first:
            repeated[index] = first[value]
        else:
            first[value] = index
    return repeated


def repeats(report: FileReport, values: list[str], items: str,
            key: str) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    """Each repeat among ``values`` (the ``key`` of each entry of list ``items``): its path, the value,
    and where it was first written, so that every rule of unique values says it the same way."""
    for index, first in duplicates(values).items():
        here = (items, index, key)
        yield here, values[index], first_on(report.at((items, first, key)), report.at(here))


def number(value: float) -> str:
    """A number as users typed it: 30 not 30.0, 0.25 as 0.25."""
    return str(int(value)) if float(value).is_integer() else repr(value)
