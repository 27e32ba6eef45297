"""The deck's design system as data: boxes on a grid, a type scale, a palette, status styles.

Everything the builder draws takes its sizes and colours from here, so the look of the deck is
changed in one table, not in the drawing code. Lengths are in points (1/72 in) until a shape is
written; :meth:`Box.emu` converts.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Optional

from pptx.util import Pt

from ...model.contrast import readable
from ...plan.status import STATUS_LOOKS
from . import fonts

INCH = 72.0
#: The built-in design's slide: 16:9, 13.333 x 7.5 in.
SLIDE_W, SLIDE_H = 960.0, 540.0
#: The grid: one margin on every side of every slide.
MARGIN = 0.5 * INCH
#: Space between stacked elements, between columns, between cards.
GAP = 0.2 * INCH
GUTTER = 0.3 * INCH


@dataclass(frozen=True)
class Box:
    """A rectangle in points, origin at the slide's top left."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def emu(self) -> tuple[int, int, int, int]:
        """(left, top, width, height) in EMU, as python-pptx's ``add_*`` calls take them."""
        return Pt(self.x), Pt(self.y), Pt(max(self.w, 0.0)), Pt(max(self.h, 0.0))

    def take_top(self, h: float, gap: float = 0.0) -> tuple["Box", "Box"]:
        """The top ``h`` of this box, and what remains below it after ``gap``."""
        top = Box(self.x, self.y, self.w, h)
        rest = Box(self.x, self.y + h + gap, self.w, max(self.h - h - gap, 0.0))
        return top, rest

    def columns(self, weights: list[float], gutter: float = GUTTER) -> list["Box"]:
        """Side-by-side boxes whose widths follow ``weights`` with ``gutter`` between them."""
        total = sum(weights) or 1.0
        usable = self.w - gutter * (len(weights) - 1)
        boxes, x = [], self.x
        for weight in weights:
            w = usable * weight / total
            boxes.append(Box(x, self.y, w, self.h))
            x += w + gutter
        return boxes


@dataclass(frozen=True)
class Scale:
    """One entry of the type scale: the preferred size and the floor it may shrink to."""

    max: float
    floor: float

    def at(self, t: float) -> float:
        """Size at fitting level ``t`` (1 = preferred, 0 = floor), on a half-point grid."""
        return math.floor((self.floor + (self.max - self.floor) * t) * 2) / 2


#: The type scale. Titles 28–32 pt, body 14–18 pt, tables and captions never below 11 pt.
TYPE: dict[str, Scale] = {
    "title": Scale(32, 28),
    "title-slide": Scale(44, 32),
    "subtitle": Scale(20, 14),
    "big": Scale(40, 28),
    "lead": Scale(24, 18),
    "body": Scale(18, 14),
    "caption": Scale(12, 11),
    "table": Scale(14, 11),
    "card-title": Scale(16, 13),
    "card": Scale(13, 11),
    "node": Scale(14, 11),
    "footer": Scale(10, 9),
}
#: A long title may shrink below the scale's floor, never below this (then it wraps to a third line).
TITLE_LAST_RESORT = 18.0
#: Fitting levels tried for a page, from preferred size down to the floor.
LEVELS: tuple[float, ...] = tuple(i / 8 for i in range(8, -1, -1))


@dataclass(frozen=True)
class StatusStyle:
    """How a status shows: a strong colour (chart points, bars), a tint (fills), the colour of
    its words on that tint (the strong colour darkened until small type reads, WCAG 4.5:1),
    a symbol and a label, so that status never relies on colour alone."""

    color: str
    tint: str
    text: str
    symbol: str
    label: str


#: The shared status table (``deckgen.plan.status``) in the deck's colour form, hex without '#'.
STATUS: dict[str, StatusStyle] = {
    name: StatusStyle(look.colour.lstrip("#"), look.deck_tint.lstrip("#"),
                      readable(look.colour, look.deck_tint).lstrip("#"), look.symbol, look.label)
    for name, look in STATUS_LOOKS.items()
}


def with_status(text: str, status: Optional[str]) -> str:
    """``text`` with its status symbol in front, unless the text already carries the symbol
    or the label (the plan may have written either)."""
    style = STATUS.get(status or "")
    if style is None or style.symbol in text or style.label.lower() in text.lower():
        return text
    return f"{style.symbol} {text}" if text else f"{style.symbol} {style.label}"


#: Status symbols the usual deck fonts lack: the renderer draws them from a fallback font, about
#: as wide as a "W" (Carlito's missing-glyph box is half that), so they are measured as one.
_SYMBOL_STAND_IN = str.maketrans({s.symbol: "W" for s in STATUS.values()})


def measurable(text: str) -> str:
    """``text`` as it should be measured: status symbols replaced by a stand-in as wide as
    the fallback glyph will be (same length, so offsets into the text stay valid)."""
    return text.translate(_SYMBOL_STAND_IN)


# Colours --------------------------------------------------------------------------------------
def hex_rgb(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def mix(color: str, other: str, amount: float) -> str:
    """``color`` moved ``amount`` (0..1) of the way towards ``other``."""
    a, b = hex_rgb(color), hex_rgb(other)
    return "".join(f"{round(x + (y - x) * amount):02X}" for x, y in zip(a, b))


def luminance(color: str) -> float:
    """WCAG relative luminance of a hex colour."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in hex_rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def on(color: str) -> str:
    """Text colour that reads on a ``color`` fill: white on dark, near-black on light."""
    return "FFFFFF" if luminance(color) < 0.4 else "1F1F1F"


@dataclass(frozen=True)
class Palette:
    """Colours by role. ``primary`` for structure (titles, headers, boxes), ``accent`` for
    emphasis (rules, links, highlighted figures); the rest are neutral."""

    primary: str
    accent: str
    text: str = "262626"
    muted: str = "5F6368"
    line: str = "C9CDD2"
    surface: str = "F4F6F8"

    @property
    def primary_tint(self) -> str:
        return mix(self.primary, "FFFFFF", 0.88)

    @property
    def accent_text(self) -> str:
        """The accent, darkened when needed so that it reads as text on white."""
        color = self.accent
        while luminance(color) > 0.3:
            color = mix(color, "000000", 0.15)
        return color

    def role(self, name: Optional[str]) -> Optional[str]:
        """A run's colour role ('accent', 'muted', 'primary') as a hex colour."""
        return {"accent": self.accent_text, "muted": self.muted, "primary": self.primary}.get(
            name or "")


@dataclass(frozen=True)
class Fonts:
    """Font families as written into the deck, and the families they are measured with (found
    once per deck: every measurement asks, and finding one takes several font look-ups)."""

    body: str
    heading: str

    @functools.cached_property
    def body_measure(self) -> str:
        return measure_family(self.body)

    @functools.cached_property
    def heading_measure(self) -> str:
        return measure_family(self.heading)


def measure_family(family: str) -> str:
    """The family to measure ``family`` with. A font with neither its own file nor a
    metric-compatible clone here is measured with DejaVu Sans, a wide face and LibreOffice's
    usual substitute, so that an unknown brand font errs on the side of wrapping early."""
    own = fonts.METRIC_ALIASES.get(family.strip().lower(), (family.strip(),))
    located = fonts.font_file(family)
    if located is None:
        return family
    generic = {fonts.font_file(f) for f in fonts.FALLBACK_FAMILIES if f not in own}
    return "DejaVu Sans" if located in generic else family


@dataclass(frozen=True)
class Design:
    """Everything a block needs to draw: colours and fonts (slide geometry lives in the grid)."""

    palette: Palette
    fonts: Fonts
