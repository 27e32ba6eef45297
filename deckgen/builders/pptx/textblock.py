"""The text block: paragraphs of one style in one text box, split between paragraphs or lines.

The simplest block kind, and the one other kinds fall back on (a chart without data, a picture
that cannot be read are said in words), so it sits below every element module.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

from . import text
from .design import TYPE, Box, Design, Scale
from .draw import Canvas
from .flow import Block, Room, Split

#: How each Text style is set: its type-scale entry, colour role and weight.
TEXT_STYLES: dict[str, tuple[str, Optional[str], bool]] = {
    "body": ("body", None, False),
    "lead": ("lead", "primary", False),
    "caption": ("caption", "muted", False),
    "subtitle": ("subtitle", "muted", False),
    "big": ("big", "primary", True),
}


@dataclass
class TextBlock(Block):
    """Paragraphs in one text box; splits between paragraphs, or between lines of one."""

    items: list[text.Item]
    design: Design
    style: str = "body"
    flexible: bool = False
    breakable: bool = True

    @property
    def scale(self) -> Scale:
        return TYPE[TEXT_STYLES[self.style][0]]

    @property
    def bold(self) -> bool:
        return TEXT_STYLES[self.style][2]

    def height(self, width: float, t: float) -> float:
        return self.height_up_to(width, t, math.inf)

    def height_up_to(self, width: float, t: float, limit: float) -> float:
        """The paragraphs added up until they pass ``limit`` (see :func:`.text.height`): a
        long text is asked again on every slide it fills."""
        family = self.design.fonts.body_measure
        return text.height(self.items, family, self.scale.at(t), width, self.bold, limit)

    def split(self, room: Room) -> Split:
        """Between paragraphs, or between the lines of one (see :func:`.text.split`)."""
        family = self.design.fonts.body_measure
        head, tail = text.split(self.items, family, self.scale.at(room.t), room.width, room.height, self.bold)
        if not head and room.force:  # a slide of its own: its headings and first item at least
            cut = next((i for i, item in enumerate(self.items) if item.para.kind != "heading"),
                       len(self.items)) + 1
            head, tail = self.items[:cut], self.items[cut:]
        if not head:
            return None, self
        return (TextBlock(head, self.design, self.style),
                TextBlock(tail, self.design, self.style) if tail else None)

    def orphans(self) -> Split:
        """This block without the headings it ends with, and those headings (which must
        move to the next slide with what follows them). A subtitle is all lead-in."""
        cut = 0 if self.style == "subtitle" else len(self.items)
        while cut and self.items[cut - 1].para.kind == "heading":
            cut -= 1
        if cut == len(self.items):
            return self, None
        keep, move = self.items[:cut], self.items[cut:]
        return (TextBlock(keep, self.design, self.style) if keep else None,
                TextBlock(move, self.design, self.style))

    def draw(self, canvas: Canvas, box: Box, t: float) -> None:
        _, role, bold = TEXT_STYLES[self.style]
        color = canvas.design.palette.role(role)
        canvas.textbox(box, self.items, self.scale.at(t), name=f"Text ({self.style})",
                       color=color, bold=bold)
