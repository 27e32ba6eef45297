"""The free area of a layout: where a slide's content may go without covering the template.

A template draws on every slide through its master and layout: logos, artwork, bands, a slide
number of its own. The body is what is left of the space between title and footer once every
such mark is taken out, cutting one side at a time and keeping the larger remainder. Large
shapes are artwork the slides are designed over (the text colours answer for those, see
``plan/template_colours.py``), and placeholders other than the footer line's are prompts, which
slides do not show.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from lxml import etree
from pptx.oxml.ns import qn
from pptx.slide import SlideLayout
from pptx.util import Emu

from .design import GAP, Box
from .layout_choice import placeholders

#: A shape larger than this share of the slide is artwork the slide is designed over (a swoosh,
#: a band, a panel), not a mark to keep off like a logo; text over it is measured for contrast
#: against it instead.
ARTWORK_SHARE = 0.15
#: The body never shrinks below this share of its width or height: a shape that would take more
#: is drawn over rather than leave no room for the content (``check`` says so).
KEEP = 0.6
_FOOTER_TYPES = ("dt", "ftr", "sldNum")


def obstacles(layout: SlideLayout, slide: tuple[float, float]) -> list[Box]:
    """Boxes (points) of the marks the layout and its master draw on every slide (artwork aside),
    and of the layout's date, footer and slide-number placeholders (PowerPoint's "Header and
    Footer" puts them on the slides later)."""
    area = slide[0] * slide[1]
    found = []
    for tree in _drawn_trees(layout):
        for shape in tree.iterchildren():
            box = _shape_box(shape)
            if box is None or _is_placeholder(shape) or box.w * box.h > ARTWORK_SHARE * area:
                continue
            found.append(box)
    for ph in placeholders(layout):
        element = ph._element.ph
        if element is not None and element.get("type") in _FOOTER_TYPES and ph.width:
            found.append(Box(Emu(ph.left).pt, Emu(ph.top).pt, Emu(ph.width).pt, Emu(ph.height).pt))
    return found


def draws_slide_number(layout: SlideLayout) -> bool:
    """Whether the layout or its master shows a slide number on every slide by itself (a text
    box holding a slide-number field, as LibreOffice saves its masters): then deckgen adds none."""
    for tree in _drawn_trees(layout):
        for shape in tree.iterchildren():
            if not _is_placeholder(shape) and shape.xpath(".//a:fld[@type='slidenum']"):
                return True
    return False


def free_body(body: Box, blocking: Iterable[Box]) -> Box:
    """The largest part of ``body`` (a body, title or subtitle box) that the boxes of
    ``blocking`` leave free, smallest overlap first (a logo costs a strip, keeping a gap); a box
    whose cut would leave less than :data:`KEEP` of the body's width or height is not avoided
    (``check`` says so)."""
    least_w, least_h = KEEP * body.w, KEEP * body.h
    for box in sorted(blocking, key=lambda b: _overlap(body, b)):
        if _overlap(body, box) <= 1.0:
            continue
        options = [Box(body.x, body.y, body.w, box.y - GAP - body.y),
                   Box(body.x, box.bottom + GAP, body.w, body.bottom - box.bottom - GAP),
                   Box(body.x, body.y, box.x - GAP - body.x, body.h),
                   Box(box.right + GAP, body.y, body.right - box.right - GAP, body.h)]
        fits = [o for o in options if o.h >= least_h and o.w >= least_w]
        if fits:
            body = max(fits, key=lambda o: o.w * o.h)
    return body


def overlapping(body: Box, blocking: Iterable[Box]) -> list[Box]:
    """The boxes of ``blocking`` that still overlap ``body`` (too big to keep clear of)."""
    return [box for box in blocking if _overlap(body, box) > 1.0]


def _drawn_trees(layout: SlideLayout) -> Iterator[etree._Element]:
    """The shape trees drawn on a slide of ``layout``: the layout's, and the master's unless the
    layout hides it."""
    yield layout.shapes._spTree
    if layout._element.get("showMasterSp", "1") not in ("0", "false"):
        yield layout.slide_master.shapes._spTree


def _shape_box(shape: etree._Element) -> Box | None:
    xfrm = shape.find(f"{qn('p:spPr')}/{qn('a:xfrm')}")
    if xfrm is None:
        xfrm = shape.find(qn("p:xfrm"))  # graphic frames
    if xfrm is None:
        xfrm = shape.find(f"{qn('p:grpSpPr')}/{qn('a:xfrm')}")
    off, ext = (xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))) if xfrm is not None else (None, None)
    if off is None or ext is None:
        return None
    x, y, w, h = (Emu(int(v)).pt for v in (off.get("x"), off.get("y"), ext.get("cx"), ext.get("cy")))
    return Box(x, y, w, h) if w > 0 or h > 0 else None


def _is_placeholder(shape: etree._Element) -> bool:
    return bool(shape.xpath("./*/p:nvPr/p:ph"))


def _overlap(a: Box, b: Box) -> float:
    w = min(a.right, b.right) - max(a.x, b.x)
    h = min(a.bottom, b.bottom) - max(a.y, b.y)
    return w * h if w > 0 and h > 0 else 0.0
