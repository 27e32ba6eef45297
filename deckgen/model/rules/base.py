"""What rules share: reporting at a path inside a named content file."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...diagnostics import Position, Reporter
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
