"""Raw data with source positions: what the loader hands to the model.

A Source keeps the parsed tree as plain Python (dict, list, str, None) next to a table from a
path into that tree (``("big_rocks", 0, "supports", 1)``) to the line and column it came from.
pydantic reports errors by exactly such paths, so an error anywhere in the model can be pointed
back at the character the user typed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Position

Loc = tuple[Any, ...]


@dataclass
class Source:
    """One parsed YAML document (a file, or a Markdown file's front matter)."""

    path: str
    data: Any = None
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    #: The text as typed, by line number in the file, so a message can quote a line and build its
    #: corrected form (``primary: "#4B2E83"``).
    lines: dict[int, str] = field(default_factory=dict)

    def line(self, number: int) -> str:
        return self.lines.get(number, "")

    def position(self, loc: Loc = ()) -> Position:
        """Where the value at ``loc`` starts; falls back to the nearest enclosing value."""
        loc = tuple(loc)
        while loc not in self.values and loc:
            loc = loc[:-1]
        line, col = self.values.get(loc, (1, 1))
        return Position(self.path, line, col)

    def key_position(self, loc: Loc) -> Position:
        """Where the key of the mapping entry at ``loc`` stands (for unknown or duplicate keys)."""
        loc = tuple(loc)
        if loc in self.keys:
            line, col = self.keys[loc]
            return Position(self.path, line, col)
        return self.position(loc)


@dataclass
class Document:
    """A Markdown file: its front matter as a Source, and its body with the line it starts on."""

    front: Source
    body: str
    body_line: int
    has_front_matter: bool = False

    @property
    def path(self) -> str:
        return self.front.path
