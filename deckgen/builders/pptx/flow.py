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

from dataclasses import dataclass, field
from typing import Callable, Optional, Protocol

from .design import GAP, LEVELS, Box
from .draw import Canvas
from .text import CONT


#: Heights measured in this build, by the identity of the plan object and the geometry asked.
_MEASURED: dict[tuple, tuple[object, float]] = {}


def measured(obj: object, key: tuple, measure: Callable[[], float]) -> float:
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


def continued(label: str) -> str:
    """``label`` marked as continued, once: a part continued again keeps a single "(cont.)"."""
    return label if label.endswith(CONT) else label + CONT


class Block(Protocol):
    """A laid-out element. ``flexible``: takes spare height. ``breakable``: may be split at
    the foot of a slide that has other content (text, tables); other blocks move whole to the
    next slide when they do not fit, and are split only on a slide of their own."""

    flexible: bool
    breakable: bool

    def height(self, width: float, t: float) -> float:
        """Height needed at level ``t`` (for a flexible block: the least it can live with)."""

    def split(self, width: float, room: float, force: bool,
              t: float = 0.0) -> tuple[Optional["Block"], Optional["Block"]]:
        """(the part that fits ``room`` at level ``t``, the rest). With ``force`` (an empty
        page) the head is never None, so that paging always moves on."""

    def draw(self, canvas: Canvas, box: Box, t: float) -> None:
        """Draw into ``box`` at level ``t``."""


@dataclass
class Stack:
    """Blocks one above the other, ``GAP`` apart."""

    blocks: list[Block]
    flexible: bool = field(init=False)
    breakable: bool = True

    def __post_init__(self) -> None:
        self.flexible = any(b.flexible for b in self.blocks)

    def height(self, width: float, t: float) -> float:
        if not self.blocks:
            return 0.0
        return sum(b.height(width, t) for b in self.blocks) + GAP * (len(self.blocks) - 1)

    def split(self, width: float, room: float, force: bool, t: float = 0.0) -> tuple[Optional[Block], Optional[Block]]:
        """Blocks while they fit; then the first that does not is split, or moved whole to the
        next slide when it is not breakable and a slide of its own would hold it (``room`` is
        a whole slide when ``force`` is set). On a slide where only lead-ins (a subtitle,
        headings) precede it, it is split there instead: they would move with it and leave a
        slide with nothing on it behind."""
        used = 0.0
        for i, block in enumerate(self.blocks):
            gap = GAP if i else 0.0
            need = block.height(width, t)
            if used + gap + need <= room:
                used += gap + need
                continue
            alone = force and all(_leads_in(b) for b in self.blocks[:i])
            if i and not block.breakable and not alone and not (force and need > room):
                head, tail = None, block
            else:
                head, tail = block.split(width, room - used - gap, alone, t)
            done = self.blocks[:i] + ([head] if head is not None else [])
            rest = ([tail] if tail is not None else []) + self.blocks[i + 1:]
            if head is None and done and hasattr(done[-1], "orphans"):
                keep, move = done[-1].orphans()
                if move is not None and (keep is not None or len(done) > 1):
                    done[-1:] = [keep] if keep is not None else []
                    rest.insert(0, move)
            return (Stack(done) if done else None), (Stack(rest) if rest else None)
        return self, None

    def draw(self, canvas: Canvas, box: Box, t: float) -> None:
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


def _leads_in(block: Block) -> bool:
    """Whether ``block`` only leads in to what follows it (it would move to the next slide
    with it): a subtitle, or a text of nothing but headings."""
    orphans = getattr(block, "orphans", None)
    return orphans is not None and orphans()[0] is None


def paginate(body: Stack, width: float, room: float) -> tuple[list[Stack], float]:
    """The pages ``body`` needs in ``room``, and the one level they are all set at.

    Fewer slides need smaller type, so the level is found by bisection over :data:`LEVELS`:
    the largest at which the body still takes no more slides than at the floor."""
    pages = _pages(body, width, room, 0.0)
    fewest = len(pages)
    low, high = 0, len(LEVELS) - 1  # LEVELS[high] is the floor, known to do
    while low < high:
        mid = (low + high) // 2
        tried = _pages(body, width, room, LEVELS[mid])
        if len(tried) <= fewest:
            pages, high = tried, mid
        else:
            low = mid + 1
    return pages, min(best_level(page, width, room) for page in pages)


def _pages(body: Stack, width: float, room: float, t: float) -> list[Stack]:
    pages: list[Stack] = []
    rest: Optional[Block] = body
    while rest is not None:
        head, rest = rest.split(width, room, True, t)
        pages.append(head if isinstance(head, Stack) else Stack([head] if head is not None else []))
    return pages


def best_level(block: Block, width: float, room: float) -> float:
    """The largest fitting level at which ``block`` fits ``room`` (0 when none does)."""
    return next((t for t in LEVELS if block.height(width, t) <= room), 0.0)
