"""What a slide looks like, as a flat list of things to paint, in points from its top left.

The drawing of a slide (:mod:`.slide`) makes a :class:`Scene` once; :mod:`.svg` writes it as SVG
and :mod:`.png` paints it with Pillow, so both pictures show the same positions. Text arrives
already broken into lines and placed (:class:`Text` is one run of one line), so no renderer lays
text out on its own: every line sits where deckgen's measuring put it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional, Union

Point = tuple[float, float]
#: Four values, one per side: left, top, right, bottom.
Sides = tuple[float, float, float, float]


def sides(values: Iterable[float]) -> Sides:
    """``values`` (left, top, right, bottom) as :data:`Sides`; any other number of them is an error."""
    left, top, right, bottom = values
    return left, top, right, bottom


@dataclass(frozen=True)
class Stroke:
    color: str  # RRGGBB
    width: float = 1.0
    dashed: bool = False


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: Optional[str] = None
    stroke: Optional[Stroke] = None
    radius: float = 0.0


@dataclass(frozen=True)
class Ellipse:
    x: float
    y: float
    w: float
    h: float
    fill: Optional[str] = None
    stroke: Optional[Stroke] = None


@dataclass(frozen=True)
class Polyline:
    points: tuple[Point, ...]
    stroke: Stroke


@dataclass(frozen=True)
class Path:
    """A free-form shape: closed or open figures, each a list of points (curves flattened)."""

    figures: tuple[tuple[tuple[Point, ...], bool], ...]  # (points, closed)
    fill: Optional[str] = None
    stroke: Optional[Stroke] = None


@dataclass(frozen=True)
class Wedge:
    """A ring segment (a doughnut's slice): angles in degrees clockwise from 12 o'clock."""

    cx: float
    cy: float
    outer: float
    inner: float
    start: float
    end: float
    fill: str
    stroke: Optional[Stroke] = None


@dataclass(frozen=True)
class Image:
    """A picture shown in ``x, y, w, h``; ``crop`` is the share cut off each side (l, t, r, b)."""

    x: float
    y: float
    w: float
    h: float
    mime: str
    data: bytes
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    oval: bool = False  # cropped to the ellipse in its box (a person's photo)


@dataclass(frozen=True)
class Text:
    """One run of one line: ``x`` where it starts, ``baseline`` its baseline."""

    x: float
    baseline: float
    text: str
    family: str
    size: float
    color: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass(frozen=True)
class Line:
    """Where a line of text sits (for tests and tools): its box and the largest size in it."""

    x: float
    top: float
    w: float
    h: float
    size: float
    text: str


Item = Union[Rect, Ellipse, Polyline, Path, Wedge, Image, Text]


@dataclass
class Scene:
    """One slide: its size, what to paint (back to front), its lines of text and notes."""

    width: float
    height: float
    items: list[Item] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    #: What this picture cannot show of the slide (e.g. "a gradient shown as its first colour").
    gaps: set[str] = field(default_factory=set)
