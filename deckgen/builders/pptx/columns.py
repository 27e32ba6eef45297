"""Columns: side-by-side stacks of blocks under optional headings, split at one height.

The ``<columns>`` element's block. Each column is a :class:`~.flow.Stack`; splitting splits every
column where the slide ends, so a continued column lines up with its place on the slide before.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Optional

from . import text
from .design import GAP, GUTTER, TYPE, Box, Design, Scale
from .draw import Canvas
from .flow import Block, Room, Split, Stack, continued


@dataclass
class Heading(Block):
    """A column's heading: a short bold line in the primary colour over a thin rule."""

    label: str
    design: Design
    flexible: bool = False
    breakable: bool = False
    scale: Scale = TYPE["body"]

    def _items(self) -> list[text.Item]:
        return [text.plain(self.label, bold=True)]

    def height(self, width: float, t: float) -> float:
        family = self.design.fonts.heading_measure
        return text.height(self._items(), family, self.scale.at(t), width, bold=True) + 4

    def draw(self, canvas: Canvas, box: Box, t: float) -> None:
        palette = canvas.design.palette
        canvas.textbox(Box(box.x, box.y, box.w, box.h - 4), self._items(), self.scale.at(t),
                       name="Column heading", color=palette.heading, bold=True,
                       family=canvas.design.fonts.heading, anchor="bottom")
        canvas.line(box.x, box.bottom - 1, box.right, box.bottom - 1, palette.line, width=1.0)


@dataclass
class ColumnsBlock(Block):
    """Side-by-side stacks under optional headings, widths by weight. Splitting splits every
    column at the same height; a continued column repeats its heading with "(cont.)", and a
    column that has ended stays as an empty slot so that positions line up."""

    stacks: list[Stack]
    headings: list[Optional[Heading]]
    weights: list[float]
    flexible: bool = field(init=False)
    breakable: bool = False

    def __post_init__(self) -> None:
        self.flexible = any(s.flexible for s in self.stacks)

    def _widths(self, width: float) -> list[float]:
        return [b.w for b in Box(0, 0, width, 0).columns(self.weights, GUTTER)]

    def _head(self, heading: Optional[Heading], width: float, t: float) -> float:
        return heading.height(width, t) + GAP / 2 if heading else 0.0

    def height(self, width: float, t: float) -> float:
        return max((self._head(h, w, t) + s.height(w, t)
                    for s, h, w in zip(self.stacks, self.headings, self._widths(width), strict=True)),
                   default=0.0)

    def height_up_to(self, width: float, t: float, limit: float) -> float:
        """The tallest column, each added up only until it passes ``limit`` (a long table in
        a column is asked on every slide it fills)."""
        return max((self._head(h, w, t) + s.height_up_to(w, t, limit)
                    for s, h, w in zip(self.stacks, self.headings, self._widths(width), strict=True)),
                   default=0.0)

    def split(self, room: Room) -> Split:
        """Every column split at the slide's foot (see :meth:`_split_column`); side by side
        unless a column that goes on would cut a block that must stay whole
        (:meth:`_cuts_unbreakable`), then one column at a time (:meth:`_unstack`)."""
        if self.height_up_to(room.width, room.t, room.height) <= room.height:
            return self, None
        parts = [self._split_column(stack, heading, room.narrowed(w))
                 for stack, heading, w in zip(self.stacks, self.headings, self._widths(room.width), strict=True)]
        if not any(part.head.blocks for part in parts):
            return None, self
        if self._cuts_unbreakable([part.tail for part in parts]):
            return self._unstack(room)
        return self._shown(parts), self._going_on(parts)

    def _shown(self, parts: list["_ColumnSplit"]) -> "ColumnsBlock":
        """The columns' parts on this slide; a column with nothing here shows no heading."""
        headings = [h if part.head.blocks else None for h, part in zip(self.headings, parts, strict=True)]
        return ColumnsBlock([part.head for part in parts], headings, self.weights)

    def _going_on(self, parts: list["_ColumnSplit"]) -> Optional["ColumnsBlock"]:
        """The columns' rests, under their continued headings; None when every column ended."""
        if not any(part.tail.blocks for part in parts):
            return None
        return ColumnsBlock([part.tail for part in parts], [part.heading for part in parts], self.weights)

    def _split_column(self, stack: Stack, heading: Optional[Heading], room: Room) -> "_ColumnSplit":
        """One column split below its heading; an ended column is an empty stack, so that the
        columns after it keep their places."""
        head, tail = stack.split(room.less(self._head(heading, room.width, room.t)))
        return _ColumnSplit(_as_stack(head), _as_stack(tail), _tail_heading(heading, head, tail))

    def _cuts_unbreakable(self, tails: list[Stack]) -> bool:
        """Whether a column that goes on to the next slide holds a block that is never cut
        beside others (a chart, an org chart): side by side, it would be cut in pieces."""
        return len(self.stacks) > 1 and any(
            tail.blocks and not all(b.breakable for b in stack.blocks)
            for stack, tail in zip(self.stacks, tails, strict=True))

    def _unstack(self, room: Room) -> Split:
        """Give the first column the slide's whole width, and the others the next slides:
        a chart or an org chart that will not fit its column is not cut in pieces while it
        would fit the slide."""
        first = ColumnsBlock(self.stacks[:1], self.headings[:1], [1.0])
        others = ColumnsBlock(self.stacks[1:], self.headings[1:], self.weights[1:])
        head, tail = first.split(room)
        return head, (Stack([tail, others]) if tail is not None else others)

    def draw(self, canvas: Canvas, box: Box, t: float) -> None:
        columns = box.columns(self.weights, GUTTER)
        for stack, heading, col in zip(self.stacks, self.headings, columns, strict=True):
            body = col
            if heading is not None:
                top, body = col.take_top(heading.height(col.w, t), GAP / 2)
                heading.draw(canvas, top, t)
            stack.draw(canvas, body, t)


@dataclass(frozen=True)
class _ColumnSplit:
    """A column's share of a split: the part on this slide, the rest (each possibly empty),
    and the heading the rest goes on under."""

    head: Stack
    tail: Stack
    heading: Optional[Heading]


def _as_stack(part: Optional[Block]) -> Stack:
    """A column's part as a stack; an empty one for None."""
    return part if isinstance(part, Stack) else Stack([])


def _tail_heading(heading: Optional[Heading], head: Optional[Block], tail: Optional[Block]) -> Optional[Heading]:
    """The heading over a column's rest: none when the column has ended, "(cont.)" when part of
    the column shows on this slide, else the heading itself (nothing of it was shown yet)."""
    if heading is None or tail is None:
        return None
    return replace(heading, label=continued(heading.label)) if head is not None else heading
