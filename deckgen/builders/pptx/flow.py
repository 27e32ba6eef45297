"""Flowing a slide's elements into its body area, and onto "(cont.)" slides when they overflow.

Every plan element becomes a :class:`Block` that can say how tall it is at a fitting level
(``t`` = 1 at the type scale's preferred sizes, 0 at its floors), split itself to fit a height
at a level, and draw itself into a box. The body is a :class:`Stack` of blocks; :func:`paginate`
finds how many slides the body needs at the floor, then the largest level that needs no more,
and sets all those slides at one level: text shrinks together, never below the floor, and a
slide and its continuations share one type size.

Flexible blocks (charts, pictures, org charts, the ladder) report a minimum height and share
whatever height the text leaves them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Optional, Protocol

from .design import GAP, LEVELS, Box
from .draw import Canvas
from .text import CONT


#: Heights measured in this build, by the identity of the plan object and the geometry asked.
_MEASURED: dict[tuple[object, ...], tuple[object, float]] = {}


def measured(obj: object, key: tuple[object, ...], measure: Callable[[], float]) -> float:
    """``measure()`` of ``obj`` (a card, a table row, a paragraph) at ``key`` (its width, size,
    level...), worked out once per build. Pagination asks for the same part's height at every
    level it tries and again on every slide it fills; once measured, each ask is a look-up, so
    the work grows with the content, not with the tries. Keyed by identity (plan objects are
    mutable, so not hashable), the object kept with its height so that its id is not reused."""
    k = (id(obj), *key)
    hit = _MEASURED.get(k)
    if hit is None or hit[0] is not obj:
        hit = _MEASURED[k] = (obj, measure())
    return hit[1]


def forget_measured() -> None:
    """Drop this build's heights (and the plan objects they keep alive)."""
    _MEASURED.clear()


def added_up(heights: Iterable[float], extra: float, limit: float) -> float:
    """``heights`` added up in order, plus ``extra`` (the gaps between them, a table's header),
    until the total passes ``limit``: how tall a run of parts is when it fits, and some height
    past ``limit`` when it does not (see :meth:`Block.height_up_to`). One sum in one order, so
    a block's unbounded height (``limit`` infinite) is the same number to the last bit."""
    total = 0.0
    for height in heights:
        total += height
        if total + extra > limit:
            break
    return total + extra


def continued(label: str) -> str:
    """``label`` marked as continued, once: a part continued again keeps a single "(cont.)"."""
    return label if label.endswith(CONT) else label + CONT


@dataclass(frozen=True)
class Room:
    """Where a block is asked to fit: the ``width`` it is set in, the ``height`` left on the
    slide, the fitting level ``t`` (1 at the type scale's preferred sizes, 0 at its floors), and
    ``force``: the block opens an empty slide, so it must put something there (a head that is
    never None) or paging would never move on."""

    width: float
    height: float
    t: float = 0.0
    force: bool = False

    def less(self, *heights: float) -> "Room":
        """This room with ``heights`` used up (taken off one after the other)."""
        left = self.height
        for used in heights:
            left -= used
        return replace(self, height=left)

    def narrowed(self, width: float) -> "Room":
        """This room for a part ``width`` wide (a column)."""
        return replace(self, width=width)


#: (the part that fits, the rest); either may be None.
Split = tuple[Optional["Block"], Optional["Block"]]


class Block(Protocol):
    """What a laid-out element can do. Block kinds subclass this to take its defaults: a block
    that is never cut keeps the whole-or-nothing :meth:`split`, and one that has no lead-ins
    keeps :meth:`orphans`.

    ``flexible``: takes spare height (charts, pictures, org charts, the ladder report the least
    they can live with). ``breakable``: may be split at the foot of a slide that has other
    content (text, tables); other blocks move whole to the next slide when they do not fit, and
    are split only on a slide of their own."""

    flexible: bool
    breakable: bool

    def height(self, width: float, t: float) -> float:
        """Height needed at level ``t`` (for a flexible block: the least it can live with)."""
        ...

    def height_up_to(self, width: float, t: float, limit: float) -> float:
        """:meth:`height` when it is at most ``limit``; past it, any height past ``limit`` and
        not past :meth:`height`. That is all paging needs to know of a block that does not
        fit, and a long block (a table) need not add up every row it holds on each slide it
        fills. By default, the height."""
        return self.height(width, t)

    def draw(self, canvas: Canvas, box: Box, t: float) -> None:
        """Draw into ``box`` at level ``t``."""
        ...

    def split(self, room: Room) -> Split:
        """(the part that fits ``room``, the rest). By default the block goes whole: here when
        it fits or the slide is empty, else on the next slide."""
        if room.force or self.height(room.width, room.t) <= room.height:
            return self, None
        return None, self

    def orphans(self) -> Split:
        """(this block without the lead-ins it ends with, those lead-ins): headings must not
        end a slide but move on with what follows them. By default there are none."""
        return self, None

    def leads_in(self) -> bool:
        """Whether this block only leads in to what follows it (a subtitle, a text of nothing
        but headings): it would move to the next slide with it."""
        return self.orphans()[0] is None


@dataclass
class Stack(Block):
    """Blocks one above the other, ``GAP`` apart."""

    blocks: list[Block]
    flexible: bool = field(init=False)
    breakable: bool = True

    def __post_init__(self) -> None:
        self.flexible = any(b.flexible for b in self.blocks)

    @classmethod
    def of(cls, blocks: list[Block]) -> Optional["Stack"]:
        """A stack of ``blocks``, None when there are none (a split's empty side)."""
        return cls(blocks) if blocks else None

    def height(self, width: float, t: float) -> float:
        """The unbounded :meth:`height_up_to`: one sum, added up in one order, so the two agree
        to the last bit (``sum`` of floats rounds otherwise from Python 3.12)."""
        return self.height_up_to(width, t, math.inf)

    def height_up_to(self, width: float, t: float, limit: float) -> float:
        """The blocks added up as :meth:`height` adds them, until they pass ``limit``."""
        if not self.blocks:
            return 0.0
        return added_up((b.height_up_to(width, t, limit) for b in self.blocks), GAP * (len(self.blocks) - 1), limit)

    def split(self, room: Room) -> Split:
        """Blocks while they fit; then the first that does not is split or moved on (see
        :meth:`_split_at`), and headings left at the foot go with it (:func:`_carry_lead_ins`)."""
        count, used, need = self._fitting(room)
        if count == len(self.blocks):
            return self, None
        head, tail = self._split_at(count, room, used, need)
        done = self.blocks[:count] + _some(head)
        rest = _some(tail) + self.blocks[count + 1:]
        if head is None:
            done, rest = _carry_lead_ins(done, rest)
        return Stack.of(done), Stack.of(rest)

    def fits(self, room: Room) -> bool:
        """Whether every block fits ``room`` whole, one under the other (as :meth:`split` adds
        them up)."""
        return self._fitting(room)[0] == len(self.blocks)

    def _fitting(self, room: Room) -> tuple[int, float, float]:
        """How many blocks fit whole from the top, the height they use, and the height the
        first that does not fit needs."""
        used = 0.0
        for i, block in enumerate(self.blocks):
            gap = GAP if i else 0.0
            need = block.height_up_to(room.width, room.t, room.height)  # exact when it may fit
            if used + gap + need > room.height:
                return i, used, need
            used += gap + need
        return len(self.blocks), used, 0.0

    def _split_at(self, i: int, room: Room, used: float, need: float) -> Split:
        """Block ``i`` (which does not fit below the ``used`` height) split into what is left,
        or moved whole to the next slide. On an empty slide where only lead-ins (a subtitle,
        headings) precede it, it is split there: they would move with it and leave a slide with
        nothing on it behind."""
        block, gap = self.blocks[i], GAP if i else 0.0
        alone = room.force and all(b.leads_in() for b in self.blocks[:i])
        if i and not block.breakable and not alone and not (room.force and need > room.height):
            return None, block  # a whole slide (``room`` when forced) would hold it
        return block.split(replace(room.less(used, gap), force=alone))

    def draw(self, canvas: Canvas, box: Box, t: float) -> None:
        """Each block at its height, the spare height shared by the flexible ones."""
        heights = [b.height(box.w, t) for b in self.blocks]
        spare = box.h - sum(heights) - GAP * max(len(heights) - 1, 0)
        flexible = [i for i, b in enumerate(self.blocks) if b.flexible]
        for i in flexible:
            heights[i] += max(spare, 0.0) / len(flexible)
        y = box.y
        for block, h in zip(self.blocks, heights, strict=True):
            drawn = min(h, max(box.bottom - y, 0.0))  # a forced page never draws past its box
            block.draw(canvas, Box(box.x, y, box.w, drawn), t)
            y += drawn + GAP


def _some(block: Optional[Block]) -> list[Block]:
    """``[block]``, or nothing for None."""
    return [block] if block is not None else []


def _carry_lead_ins(done: list[Block], rest: list[Block]) -> tuple[list[Block], list[Block]]:
    """``done`` without the lead-ins it ends with, which go at the head of ``rest``; unless
    they are all the slide holds (a slide is never left empty)."""
    if not done:
        return done, rest
    keep, move = done[-1].orphans()
    if move is None or (keep is None and len(done) == 1):
        return done, rest
    return done[:-1] + _some(keep), [move, *rest]


def paginate(body: Stack, width: float, room: float) -> tuple[list[Stack], float]:
    """The pages ``body`` needs in ``room``, and the one level they are all set at.

    Fewer slides need smaller type, so the level is found by bisection over :data:`LEVELS`:
    the largest at which the body still takes no more slides than at the floor; a body that
    is one page at the floor and fits whole at the top level needs no bisection. Every level
    tried measures the whole body at that level's sizes, so the levels tried (and so the
    measuring) stay a handful, and :func:`_shared_level` mostly looks up heights these tries
    measured already.

    Both shortcuts rest on heights never growing as the level falls (smaller type never
    takes more lines); ``tests/builders/pptx/test_flow.py`` holds every kind of block to it."""
    pages = _pages(body, width, room, 0.0)
    fewest = len(pages)
    if fewest == 1 and body.fits(Room(width, room, LEVELS[0])):  # so it fits at every level
        return [body], _shared_level([body], width, room, 0)
    low, high = 0, len(LEVELS) - 1  # LEVELS[high] is the floor, known to do
    while low < high:
        mid = (low + high) // 2
        tried = _pages(body, width, room, LEVELS[mid], most=fewest)
        if len(tried) <= fewest:
            pages, high = tried, mid
        else:
            low = mid + 1
    return pages, _shared_level(pages, width, room, high)


def _pages(body: Stack, width: float, room: float, t: float, most: float = math.inf) -> list[Stack]:
    """``body`` cut into pages at level ``t``, each split off an empty slide; once there are
    more than ``most`` (a level that takes more slides than the floor is of no use, however
    many more), no more are cut."""
    pages: list[Stack] = []
    rest: Optional[Block] = body
    while rest is not None and len(pages) <= most:
        head, rest = rest.split(Room(width, room, t, force=True))
        pages.append(head if isinstance(head, Stack) else Stack(_some(head)))
    return pages


def _shared_level(pages: list[Stack], width: float, room: float, start: int) -> float:
    """The largest fitting level at which every page fits ``room`` (0 when none does), looked
    for from ``LEVELS[start]`` (the level the pages were cut at): up while every page still
    fits, else down until every page does. A page that fits at a level fits at every level
    below it, so this is the smallest of the pages' own best levels, found without measuring
    each page at every level above its own."""
    def fit(index: int) -> bool:
        return all(page.height(width, LEVELS[index]) <= room for page in pages)

    if fit(start):
        while start > 0 and fit(start - 1):
            start -= 1
        return LEVELS[start]
    return next((LEVELS[i] for i in range(start + 1, len(LEVELS)) if fit(i)), 0.0)
