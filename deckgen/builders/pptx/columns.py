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
from .flow import Block, Stack, continued


@dataclass
class Heading:
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

    def split(self, width: float, room: float, force: bool, t: float = 0.0) -> tuple[Optional[Block], Optional[Block]]:
        return (self, None) if force or self.height(width, t) <= room else (None, self)

    def draw(self, canvas: Canvas, box: Box, t: float) -> None:
        palette = canvas.design.palette
        canvas.textbox(Box(box.x, box.y, box.w, box.h - 4), self._items(), self.scale.at(t),
                       name="Column heading", color=palette.heading, bold=True,
                       family=canvas.design.fonts.heading, anchor="bottom")
        canvas.line(box.x, box.bottom - 1, box.right, box.bottom - 1, palette.line, width=1.0)


@dataclass
class ColumnsBlock:
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

    def split(self, width: float, room: float, force: bool, t: float = 0.0) -> tuple[Optional[Block], Optional[Block]]:
        if self.height(width, t) <= room:
            return self, None
        heads, tails, tail_headings = [], [], []
        for stack, heading, w in zip(self.stacks, self.headings, self._widths(width), strict=True):
            head, tail = stack.split(w, room - self._head(heading, w, t), force, t)
            heads.append(head if isinstance(head, Stack) else Stack([]))
            tails.append(tail if isinstance(tail, Stack) else Stack([]))
            cont = heading and tail is not None and head is not None
            again = heading and replace(heading, label=continued(heading.label))
            tail_headings.append(again if cont else heading if tail is not None else None)
        if not any(h.blocks for h in heads):
            return None, self
        if len(self.stacks) > 1 and any(tail.blocks and not all(b.breakable for b in stack.blocks)
                                        for stack, tail in zip(self.stacks, tails, strict=True)):
            return self._unstack(width, room, force, t)
        heading_heads = [h if s.blocks else None for h, s in zip(self.headings, heads, strict=True)]
        rest = ColumnsBlock(tails, tail_headings, self.weights) if any(t.blocks for t in tails) else None
        return ColumnsBlock(heads, heading_heads, self.weights), rest

    def _unstack(self, width: float, room: float, force: bool, t: float) -> tuple[Optional[Block], Optional[Block]]:
        """Give the first column the slide's whole width, and the others the next slides:
        a chart or an org chart that will not fit its column is not cut in pieces while it
        would fit the slide."""
        first = ColumnsBlock(self.stacks[:1], self.headings[:1], [1.0])
        others = ColumnsBlock(self.stacks[1:], self.headings[1:], self.weights[1:])
        head, tail = first.split(width, room, force, t)
        return head, (Stack([tail, others]) if tail is not None else others)

    def draw(self, canvas: Canvas, box: Box, t: float) -> None:
        columns = box.columns(self.weights, GUTTER)
        for stack, heading, col in zip(self.stacks, self.headings, columns, strict=True):
            body = col
            if heading is not None:
                top, body = col.take_top(heading.height(col.w, t), GAP / 2)
                heading.draw(canvas, top, t)
            stack.draw(canvas, body, t)
