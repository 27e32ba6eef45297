"""The deck's design system as data: boxes on a grid, a type scale, a palette, status styles.

Everything the builder draws takes its sizes and colours from here, so the look of the deck is
changed in one table, not in the drawing code. Lengths are in points (1/72 in) until a shape is
written; :meth:`Box.emu` converts.
"""
from __future__ import annotations

import copy
import functools
import math
from dataclasses import dataclass
from typing import Optional

from lxml import etree
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Length, Pt

from ...model import contrast
from ...model.contrast import readable
from ...plan.palette import Palette as PlanPalette
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

    def emu(self) -> tuple[Length, Length, Length, Length]:
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
def pptx_colour(colour: str) -> str:
    """A '#RRGGBB' colour in the deck's form, 'RRGGBB' (as DrawingML writes it)."""
    return colour.lstrip("#").upper()


def _deck_form(colour: Optional[str]) -> Optional[str]:
    return pptx_colour(colour) if colour is not None else None


def mix(color: str, other: str, amount: float) -> str:
    """``color`` moved ``amount`` (0..1) of the way towards ``other``, in the deck's form."""
    return pptx_colour(contrast.mix(color, other, amount))


@functools.lru_cache(maxsize=256)
def on(color: str) -> str:
    """Text colour that reads on a ``color`` fill (the one rule, :func:`contrast.text_on`); worked
    out once per colour (every header cell of every table asks)."""
    return pptx_colour(contrast.text_on(color))


@dataclass(frozen=True)
class Palette:
    """The plan's palette for one background (:class:`deckgen.plan.palette.Palette`) in the
    deck's colour form. ``primary`` for structure (titles, headers, boxes), ``accent`` for
    emphasis (rules, links, highlighted figures); ``paper`` under cards and cells; the rest are
    neutral. ``slots`` names the theme slot holding a colour, for writing theme references."""

    primary: str
    accent: str
    text: str
    muted: str
    line: str
    surface: str
    paper: str
    primary_tint: str
    accent_text: str
    heading: str
    background: str
    slots: dict[str, str]
    #: the plan's colours for text written into the template's title and body placeholders where
    #: the template's own do not read; None keeps the template's
    title_ink: Optional[str] = None
    body_ink: Optional[str] = None
    moved_title_ink: Optional[str] = None

    @classmethod
    def of(cls, planned: PlanPalette) -> "Palette":
        return cls(primary=pptx_colour(planned.primary), accent=pptx_colour(planned.accent),
                   text=pptx_colour(planned.text), muted=pptx_colour(planned.muted),
                   line=pptx_colour(planned.border), surface=pptx_colour(planned.surface),
                   paper=pptx_colour(planned.paper), primary_tint=pptx_colour(planned.primary_tint),
                   accent_text=pptx_colour(planned.accent_text), heading=pptx_colour(planned.heading),
                   background=pptx_colour(planned.background),
                   slots={pptx_colour(c): slot for c, slot in planned.slots.items()},
                   title_ink=_deck_form(planned.title_ink), body_ink=_deck_form(planned.body_ink),
                   moved_title_ink=_deck_form(planned.moved_title_ink))

    def role(self, name: Optional[str]) -> Optional[str]:
        """A run's colour role ('accent', 'muted', 'primary') as a hex colour (asked of every run
        and paragraph written: no mapping is built for it)."""
        if name == "accent":
            return self.accent_text
        if name == "muted":
            return self.muted
        return self.heading if name == "primary" else None


def colour_xml(parent: etree._Element, colour: str, palette: Palette) -> etree._Element:
    """Append ``colour`` to ``parent`` (an ``a:solidFill``, ``a:buClr``…) as a reference to the
    theme slot that holds it on this slide (``<a:schemeClr val="tx1"/>``), so that the deck
    follows a later change of theme, else as the colour itself (``<a:srgbClr>``)."""
    tag, value = colour_ref(colour, palette)
    return etree.SubElement(parent, tag, val=value)


def solid_fill(colour: str, palette: Palette) -> etree._Element:
    """A new ``a:solidFill`` of ``colour`` (written as :func:`colour_xml` writes it), copied from
    one made once per colour: a copy costs no Python object per element."""
    return copy.deepcopy(prepared_fill(colour_ref(colour, palette)))


@functools.lru_cache(maxsize=256)
def prepared_fill(colour: tuple[str, str]) -> etree._Element:
    """The ``a:solidFill`` of ``colour`` (a tag and value, see :func:`colour_ref`) that
    :func:`solid_fill` copies: never changed, only copied."""
    fill = OxmlElement("a:solidFill")
    etree.SubElement(fill, colour[0], val=colour[1])
    return fill


def colour_ref(colour: str, palette: Palette) -> tuple[str, str]:
    """The tag and value :func:`colour_xml` writes for ``colour``: a theme slot's
    ``a:schemeClr`` or the colour's ``a:srgbClr``."""
    colour = pptx_colour(colour)
    slot = palette.slots.get(colour)
    return (_SCHEME_CLR, slot) if slot is not None else (_SRGB_CLR, colour)


_SCHEME_CLR, _SRGB_CLR = qn("a:schemeClr"), qn("a:srgbClr")


@dataclass(frozen=True)
class Fonts:
    """Font families as written into the deck. Text is measured by these same names:
    :mod:`.fonts` finds the file that stands in for each (the font, a metric-compatible clone,
    or what renders it here, with a margin)."""

    body: str
    heading: str

    @property
    def body_measure(self) -> str:
        return self.body

    @property
    def heading_measure(self) -> str:
        return self.heading

    def stand_ins(self) -> list[str]:
        """One line per font measured with another: which font measured it (said once per build)."""
        lines = []
        for family in dict.fromkeys((self.heading, self.body)):
            other = fonts.stand_in(family)
            if other is not None:
                clone = fonts.margin(family) == 1.0
                how = "its metric-compatible clone" if clone else (
                    f"the font that renders it here, widths +{round((fonts.STAND_IN_MARGIN - 1) * 100)}%")
                lines.append(f"font '{family}' is not installed: measured with {other} ({how})")
        return lines


@dataclass(frozen=True)
class Design:
    """Everything a block needs to draw: colours and fonts (slide geometry lives in the grid)."""

    palette: Palette
    fonts: Fonts
