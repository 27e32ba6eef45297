"""What rules share: reporting at a path inside a named content file, or inside the file being checked."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Collection, Iterator, TypeVar

from ...diagnostics import Position, Reporter
from ...load.source import Source
from ..project import Project
from ..validate import ANY_NAME


R = TypeVar("R", bound=Callable[..., None])
#: The files a rule reads unless it says otherwise with ``@needs``: all of them.
EVERY_FILE: frozenset[str] = frozenset({"*"})


def needs(*files: str, about: str) -> Callable[[R], R]:
    """Marks a rule across files with the files it reads ('okrs': every quarter file, each read
    alone) and what it checks, in words for the note that says it waits for an unreadable file."""
    def mark(rule: R) -> R:
        rule.needs = frozenset(files)  # type: ignore[attr-defined]  # read by check: what the rule waits for
        rule.about = about  # type: ignore[attr-defined]  # read by check's note
        return rule
    return mark


def unknown(name: str, known: Collection[str], left_out: Collection[str]) -> bool:
    """Whether ``name`` names nothing: neither a ``known`` entry nor one left out for its own errors
    (that one is reported already; calling it unknown too would be an echo)."""
    return name not in known and name not in left_out and ANY_NAME not in left_out


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

    def unknown(self, file: str, name: str, known: Collection[str]) -> bool:
        """Whether ``name`` names no entry of ``file`` (see ``unknown``)."""
        return unknown(name, known, self.project.left_out.get(file, ()))


@dataclass
class FileReport:
    """Reports a single-file rule's findings inside that file, whatever the rest of the project holds."""

    source: Source
    reporter: Reporter
    left_out: frozenset[str] = frozenset()

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
