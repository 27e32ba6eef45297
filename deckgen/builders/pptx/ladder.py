"""The laddering map: company priorities (left), big rocks (right), a connector per link.

Both columns keep their priority order. A priority that no big rock supports is drawn as a gap:
dashed outline and a "no big rock" label in the connector lane. Too many rocks for one slide
continue on the next with the priorities repeated (or, if even those do not fit, only the ones
the slide's rocks support); gaps are judged on all links, not a slide's share of them.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from typing import Iterator

from pptx.shapes.autoshape import Shape

from deckgen.plan import slides as plan

from . import text
from .design import TYPE, Box, Design, Scale, on
from .draw import BoxLook, Canvas
from .flow import Block, Room, Split, measured

SCALE = Scale(16, 11)
LANE = 0.22       # share of the width between the columns, for connectors
ITEM_GAP = 6.0
CAPTIONS = ("Company priorities", "Big rocks")
GAP_LABEL = "Gap: no big rock"


@dataclass
class LadderBlock(Block):
    ladder: plan.Ladder
    design: Design
    gaps: frozenset[str] = field(default_factory=frozenset)
    flexible: bool = True
    breakable: bool = False

    def _column_w(self, width: float) -> float:
        return width * (1 - LANE) / 2

    def _items(self, item: plan.LadderItem, muted: bool = True) -> list[text.Item]:
        found = [text.plain(item.title, "line", bold=True)]
        if item.detail:
            found.append(text.plain(item.detail, "line", color="muted" if muted else None))
        return found

    def _item_h(self, item: plan.LadderItem, width: float, t: float) -> float:
        size = SCALE.at(t)  # levels that round to one size share the height
        return measured(item, ("ladder", width, size), lambda: text.height(
            self._items(item), self.design.fonts.body_measure, size, self._column_w(width)))

    def _caption_h(self, width: float) -> float:
        return _caption_height(self.design.fonts.body_measure, self._column_w(width))

    def _column_h(self, items: list[plan.LadderItem], width: float, t: float) -> float:
        return sum(self._item_h(i, width, t) for i in items) + ITEM_GAP * max(len(items) - 1, 0)

    def _priorities_h(self, width: float, t: float) -> float:
        """The column of every priority, worked out once per geometry: splitting asks at
        each count of rocks whether they all fit."""
        return measured(self.ladder, ("priorities", width, SCALE.at(t)),
                        lambda: self._column_h(self.ladder.priorities, width, t))

    def height(self, width: float, t: float) -> float:
        return self._caption_h(width) + max(self._priorities_h(width, t),
                                            self._column_h(self.ladder.rocks, width, t))

    def split(self, room: Room) -> Split:
        """As many rocks as fit with their priorities (:meth:`_part`); the rest go on."""
        width, t = room.width, room.t
        if self.height(width, t) <= room.height:
            return self, None
        rocks = self.ladder.rocks
        heights = [self._item_h(r, width, t) for r in rocks]
        # The most rocks whose part fits, at least one. A part never shrinks as it takes another
        # rock (its rocks' column and its priorities only grow), so counting up, the first count
        # too many ends the search: a slide's worth of tries, not one for every rock left.
        count = 1
        while count < len(rocks) and self._part_height(rocks[:count + 1], heights[:count + 1],
                                                       room) <= room.height:
            count += 1
        head = self._part(rocks[:count], room)
        if head.height(width, t) > room.height and not room.force:
            return None, self
        rest = self._part(rocks[count:], room) if count < len(rocks) else None
        return head, rest

    def _part(self, rocks: list[plan.LadderItem], room: Room) -> "LadderBlock":
        """The ladder for some rocks: all priorities if they fit, else the ones linked."""
        priorities, links = self._for(rocks, room)
        return LadderBlock(replace(self.ladder, priorities=priorities, rocks=rocks, links=links),
                           self.design, self.gaps)

    def _part_height(self, rocks: list[plan.LadderItem], heights: list[float], room: Room) -> float:
        """The height of ``_part(rocks)`` from its rocks' ``heights``, added up as
        :meth:`height` adds them, without making the part: splitting tries a count of rocks at a time."""
        priorities, _ = self._for(rocks, room)
        column = sum(heights) + ITEM_GAP * max(len(rocks) - 1, 0)
        shown = (self._priorities_h(room.width, room.t) if priorities is self.ladder.priorities
                 else self._column_h(priorities, room.width, room.t))
        return self._caption_h(room.width) + max(shown, column)

    def _for(self, rocks: list[plan.LadderItem],
             room: Room) -> tuple[list[plan.LadderItem], list[tuple[str, str]]]:
        """The priorities shown beside ``rocks`` (all if they fit, else the ones linked) and
        the rocks' links."""
        keys = {r.key for r in rocks}
        links = [(r, p) for r, p in self.ladder.links if r in keys]
        priorities = self.ladder.priorities
        if self._caption_h(room.width) + self._priorities_h(room.width, room.t) > room.height:
            linked = {p for _, p in links}
            priorities = [p for p in priorities if p.key in linked]
        return priorities, links

    # Drawing ---------------------------------------------------------------------------------
    def draw(self, canvas: Canvas, box: Box, t: float) -> None:
        palette, size = canvas.design.palette, SCALE.at(t)
        col_w = self._column_w(box.w)
        caption_h = self._caption_h(box.w)
        left = Box(box.x, box.y, col_w, box.h)
        right = Box(box.right - col_w, box.y, col_w, box.h)
        for column, label in zip((left, right), CAPTIONS, strict=True):
            canvas.textbox(Box(column.x, column.y, col_w, caption_h), [text.plain(label.upper(), bold=True)],
                           TYPE["caption"].max, name="Ladder caption", color=palette.muted)

        def area(col: Box) -> Box:
            return Box(col.x, col.y + caption_h, col.w, col.h - caption_h)

        shapes: dict[tuple[str, str], Shape] = {}
        for item, at in self._place(self.ladder.priorities, area(left), box.w, t):
            gap = item.key in self.gaps
            shapes[("p", item.key)] = canvas.boxed_text(
                at, self._items(item), size,
                BoxLook(palette.primary_tint if not gap else palette.paper, palette.accent if gap else None,
                        rounded=True, dashed=gap),
                name=f"Priority: {text.clean(item.title)}"[:200], anchor="middle")
            if gap:
                lane = Box(at.right + 4, at.y, box.w * LANE - 8, at.h)
                canvas.textbox(lane, [text.plain(GAP_LABEL, bold=True)], TYPE["caption"].floor,
                               name="Gap", color=palette.accent_text, anchor="middle")
        for item, at in self._place(self.ladder.rocks, area(right), box.w, t):
            shapes[("r", item.key)] = canvas.boxed_text(
                at, self._items(item, muted=False), size, BoxLook(palette.primary, rounded=True),
                name=f"Big rock: {text.clean(item.title)}"[:200], color=on(palette.primary),
                anchor="middle")
        self._connect(canvas, shapes)

    def _place(self, items: list[plan.LadderItem], area: Box, width: float,
               t: float) -> Iterator[tuple[plan.LadderItem, Box]]:
        """Items down a column, spread evenly over the area (never more than 0.4 in apart)."""
        heights = [self._item_h(i, width, t) for i in items]
        spare = max(area.h - sum(heights), 0.0)
        gap = min(spare / max(len(items) - 1, 1), 28.8) if len(items) > 1 else 0.0
        y = area.y
        for item, h in zip(items, heights, strict=True):
            yield item, Box(area.x, y, area.w, h)
            y += h + max(gap, ITEM_GAP)

    def _connect(self, canvas: Canvas, shapes: dict[tuple[str, str], Shape]) -> None:
        """A straight connector per link, glued to both boxes: readable where links fan out,
        and drawn the same by every application (elbows would share one vertical run)."""
        for rock, priority in self.ladder.links:
            start, end = shapes.get(("p", priority)), shapes.get(("r", rock))
            if start is not None and end is not None:
                canvas.connect(start, 3, end, 1, canvas.design.palette.accent, width=1.5,
                               name="Supports", elbow=False)


def ladder_block(element: plan.Ladder, design: Design) -> Block:
    supported = {p for _, p in element.links}
    gaps = frozenset(p.key for p in element.priorities if p.key not in supported)
    return LadderBlock(element, design, gaps)


@functools.lru_cache(maxsize=64)
def _caption_height(family: str, width: float) -> float:
    """A column caption's height (both captions are one line of the same size), by font and
    column width: every height asked of a ladder adds it."""
    return text.height([text.plain(CAPTIONS[0])], family, TYPE["caption"].max, width)
