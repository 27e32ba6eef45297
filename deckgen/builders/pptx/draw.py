"""Drawing primitives on one slide: text boxes, filled boxes, lines, elbow connectors.

Blocks draw through a :class:`Canvas` so that every shape gets the same treatment: positions on
the point grid, no shadows, no leftover autofit, text written through :mod:`.text`.
"""
from __future__ import annotations

import copy
import functools
from dataclasses import dataclass
from typing import Optional, Sequence

from lxml import etree
from pptx.enum.shapes import MSO_CONNECTOR
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.shapes.autoshape import Shape
from pptx.shapes.base import BaseShape
from pptx.shapes.connector import Connector
from pptx.shapes.shapetree import SlideShapes
from pptx.util import Pt

from . import text
from .design import Box, Design, Palette, colour_ref, prepared_fill
from .prepared import add_shape, blank_connector, blank_shape, blank_textbox, stamp


@dataclass(frozen=True)
class BoxLook:
    """How a box with text is painted: its fill (None: none), its outline (None: none), dashed
    or solid, with square or rounded corners."""

    fill: Optional[str]
    line: Optional[str] = None
    rounded: bool = False
    dashed: bool = False


@dataclass
class Canvas:
    """A slide's shape tree and the design to draw with."""

    shapes: SlideShapes
    design: Design

    def textbox(self, box: Box, items: Sequence[text.Item], size: float, *,
                name: str = "Text", family: Optional[str] = None, color: Optional[str] = None,
                align: str = "left", anchor: str = "top", bold: bool = False) -> Shape:
        shape = add_shape(self.shapes, _prepared_textbox(anchor), *box.emu())
        name_shape(shape, name)
        text.write(shape.text_frame, items, self.design, size, family=family,
                   color=color or self.design.palette.text, align=align, bold=bold)
        return shape

    def rect(self, box: Box, *, fill: Optional[str], line: Optional[str] = None,
             rounded: bool = False, name: str = "Box", dashed: bool = False,
             line_width: float = 1.0, decorative: bool = True, anchor: Optional[str] = None) -> Shape:
        """A filled box; without text of its own it is decoration (a card's ground, a stripe),
        and marked so for screen readers. ``anchor`` prepares its text frame (see
        :func:`.text.prepare`) for text anchored there."""
        palette = self.design.palette
        styled = _styled_box("roundRect" if rounded else "rect", _ref(fill, palette), _ref(line, palette),
                             line_width, dashed, decorative, anchor)
        shape = add_shape(self.shapes, styled, *box.emu())
        name_shape(shape, name)
        if rounded:
            _round_corners(shape, min(0.12, 6 / max(min(box.w, box.h), 1)))
        return shape

    def boxed_text(self, box: Box, items: Sequence[text.Item], size: float, look: BoxLook, *,
                   name: str = "Box", color: Optional[str] = None, align: str = "left",
                   anchor: str = "top", left_pad: float = 0.0) -> Shape:
        """A filled shape whose own text frame holds ``items``: one shape to move and edit.
        ``left_pad`` widens the left inset (room for a picture laid over the shape)."""
        shape = self.rect(box, fill=look.fill, line=look.line, rounded=look.rounded, name=name,
                          dashed=look.dashed, decorative=False, anchor=anchor)
        if left_pad:
            shape.text_frame.margin_left = Pt(text.INSETS.left + left_pad)
        text.write(shape.text_frame, items, self.design, size, color=color or self.design.palette.text,
                   align=align)
        return shape

    def line(self, x1: float, y1: float, x2: float, y2: float, color: str, *,
             width: float = 1.25, dashed: bool = False, name: str = "Line") -> Connector:
        conn = self.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Pt(x1), Pt(y1), Pt(x2), Pt(y2))
        conn.name = name
        _outline(conn._element, _ref(color, self.design.palette), width, dashed)
        unstyle(conn)
        mark_decorative(conn)
        return conn

    def connect(self, start: Shape, start_site: int, end: Shape, end_site: int, color: str, *,
                width: float = 1.25, name: str = "Connector", elbow: bool = True) -> Connector:
        """A connector glued to two shapes (sites: 0 top, 1 left, 2 bottom, 3 right), so that
        PowerPoint re-routes it when either shape is moved: an elbow, or a straight line."""
        kind = MSO_CONNECTOR.ELBOW if elbow else MSO_CONNECTOR.STRAIGHT
        conn = Connector(stamp(self.shapes, blank_connector(MSO_CONNECTOR.to_xml(kind))), self.shapes)
        _glue(conn, start, start_site, end, end_site)
        name_shape(conn, name)
        _outline(conn._element, _ref(color, self.design.palette), width, False)
        mark_decorative(conn)
        if elbow and start_site in (0, 2) and end_site in (0, 2):
            _vertical_elbow(conn)
        return conn


def _glue(conn: Connector, start: Shape, start_site: int, end: Shape, end_site: int) -> None:
    """Glue a new connector's begin to ``start`` and its end to ``end`` at their sites, as
    python-pptx's ``begin_connect`` and ``end_connect`` do it: the connection ids, and the frame
    its four point setters leave (:func:`_moved`), written once instead of looked up in turn."""
    c_nv_cxn_sp_pr = conn._element[0][1]  # p:nvCxnSpPr/p:cNvCxnSpPr, empty in a new connector
    for tag, shape, site in ((_ST_CXN, start, start_site), (_END_CXN, end, end_site)):
        etree.SubElement(c_nv_cxn_sp_pr, tag, id=shape._element[0][0].get("id"), idx=str(site))
    pos, size, flip, flips = [0, 0], [0, 0], [False, False], []
    for point, begin in ((_site(start, start_site), True), (_site(end, end_site), False)):
        for axis, value in enumerate(point):
            pos[axis], size[axis], flipped = _moved(pos[axis], size[axis], flip[axis], int(value), begin)
            if flipped and not flip[axis]:  # python-pptx writes flipH="1" (flipV) after the rest
                flips.append(_FLIPS[axis])
            elif flip[axis] and not flipped:  # or drops it
                flips.remove(_FLIPS[axis])
            flip[axis] = flipped
    xfrm = conn._element[1][0]  # p:spPr/a:xfrm
    for name in flips:
        xfrm.set(name, "1")
    off, ext = xfrm
    off.set("x", str(pos[0]))
    off.set("y", str(pos[1]))
    ext.set("cx", str(size[0]))
    ext.set("cy", str(size[1]))


_ST_CXN, _END_CXN, _FLIPS = qn("a:stCxn"), qn("a:endCxn"), ("flipH", "flipV")


def _site(shape: Shape, site: int) -> tuple[float, float]:
    """Where on ``shape`` a connector glued to ``site`` ends, as python-pptx's connector puts it."""
    x, y, cx, cy = shape.left, shape.top, shape.width, shape.height
    return {0: (int(x + cx / 2), y), 1: (x, int(y + cy / 2)), 2: (int(x + cx / 2), y + cy),
            3: (x + cx, int(y + cy / 2))}[site]


def _moved(pos: int, size: int, flip: bool, new: int, begin: bool) -> tuple[int, int, bool]:
    """A connector's position, size and flip along one axis once its begin (or end) point is
    moved to ``new``: python-pptx's ``Connector.begin_x``/``end_x`` setter (and the y ones)."""
    if flip == begin:  # the point moved is the far one, at pos + size
        old = pos + size
        d = abs(new - old)
        if new >= old:
            return pos, size + d, flip
        if d <= size:
            return pos, size - d, flip
        return new, d - size, not flip
    d = abs(new - pos)
    if new <= pos:
        return new, size + d, flip
    if d <= size:
        return new, size - d, flip
    return pos + size, d - size, not flip


def unstyle(shape: Shape | Connector) -> None:
    """Drop the theme style reference python-pptx gives new shapes: its effect reference is a
    drop shadow, which LibreOffice draws even under an empty effect list. Fill and line are
    set explicitly, so nothing else depends on it."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


#: PowerPoint's "Mark as decorative" (Office 2019+): screen readers skip the shape, and the
#: Accessibility Checker asks no alternative text of it.
_DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def first_in_reading_order(shape: Shape) -> None:
    """Make ``shape`` the first of its slide's shapes, which is the order screen readers (and
    PowerPoint's Accessibility Checker) read them in: the title comes first."""
    element = shape._element
    tree = element.getparent()
    tree.remove(element)
    tree.insert(2, element)  # after the tree's nvGrpSpPr and grpSpPr


def name_shape(shape: BaseShape, name: str) -> None:
    """``shape.name = name``, written into its ``p:cNvPr`` at once (python-pptx finds it by XPath)."""
    shape._element[0][0].set("name", name)


def mark_decorative(shape: BaseShape) -> None:
    """Mark ``shape`` decorative: purely visual, nothing for a screen reader to say."""
    _mark_decorative(shape._element)


def _mark_decorative(shape: etree._Element) -> None:
    c_nv_pr = shape[0][0]  # its p:cNvPr, in the non-visual properties that come first
    ext_lst = c_nv_pr.find(qn("a:extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(c_nv_pr, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"), uri=_DECORATIVE_EXT)
    etree.SubElement(ext, f"{{{_ADEC}}}decorative", nsmap={"adec": _ADEC}, val="1")


def _round_corners(shape: Shape, ratio: float) -> None:
    """A new rounded rectangle's corner radius (a fraction of its shorter side), written as
    python-pptx's ``shape.adjustments[0] = ratio`` writes it: the one guide of ``roundRect``."""
    av_lst = shape._element[1].find(_AV_LST)  # p:spPr/a:prstGeom/a:avLst, empty in a new shape
    etree.SubElement(av_lst, _GD, name="adj", fmla=f"val {int(ratio * 100000.0)}")


_AV_LST, _GD = f"{qn('a:prstGeom')}/{qn('a:avLst')}", qn("a:gd")


#: A colour as written (see :func:`.design.colour_ref`), or None for none.
Ref = Optional[tuple[str, str]]


def _ref(color: Optional[str], palette: Palette) -> Ref:
    return colour_ref(color, palette) if color is not None else None


@functools.lru_cache(maxsize=256)
def _styled_box(prst: str, fill: Ref, line: Ref, line_width: float, dashed: bool,
                decorative: bool, anchor: Optional[str]) -> etree._Element:
    """python-pptx's new auto shape of preset geometry ``prst`` with its fill, outline and
    decorative mark written, and its text frame prepared for ``anchor`` (None: left as it is):
    the boxes of a look differ only in place, size, name and corners. Copied, never changed."""
    sp = copy.deepcopy(blank_shape(prst))
    _fill(sp, fill)
    _outline(sp, line, line_width, dashed)
    if decorative:
        _mark_decorative(sp)
    if anchor is not None:
        text.prepare(sp.find(_BODY_PR), anchor)
    return sp


@functools.lru_cache(maxsize=8)
def _prepared_textbox(anchor: str) -> etree._Element:
    """python-pptx's new text box, its text frame prepared for ``anchor``. Copied, never changed."""
    sp = copy.deepcopy(blank_textbox())
    text.prepare(sp.find(_BODY_PR), anchor)
    return sp


def _fill(shape: etree._Element, color: Ref) -> None:
    """The fill of ``shape`` (its XML): ``color``, or none. Written into its ``p:spPr`` directly,
    as python-pptx's ``fill.solid()``/``fill.background()`` would write it (they cost a lookup
    per property)."""
    _set_fill(shape.find(_SP_PR), color, _AFTER_SHAPE_FILL)


def _outline(shape: etree._Element, color: Ref, width: float, dashed: bool) -> None:
    """The line of ``shape`` (its XML): ``color`` at ``width`` points (dashed or not), or none; as
    python-pptx's ``line`` properties write it."""
    sp_pr = shape.find(_SP_PR)
    ln = sp_pr.find(_LN)
    if ln is None:
        ln = text.insert_in_order(sp_pr, OxmlElement("a:ln"), _AFTER_LN)
    _set_fill(ln, color, _AFTER_LINE_FILL)
    if color is None:
        return
    ln.set("w", str(Pt(width)))
    if dashed:
        for old in [child for child in ln if child.tag in _DASHES]:
            ln.remove(old)
        text.insert_in_order(ln, OxmlElement("a:prstDash"), _AFTER_DASH).set("val", "dash")


def _q(*tags: str) -> frozenset[str]:
    return frozenset(qn(tag) for tag in tags)


_LN, _SP_PR, _BODY_PR = qn("a:ln"), qn("p:spPr"), f"{qn('p:txBody')}/{qn('a:bodyPr')}"
_FILLS = _q("a:noFill", "a:solidFill", "a:gradFill", "a:blipFill", "a:pattFill", "a:grpFill")
#: What may follow each element in DrawingML's schema order (python-pptx inserts before the first).
_AFTER_SHAPE_FILL = _q("a:ln", "a:effectLst", "a:effectDag", "a:scene3d", "a:sp3d", "a:extLst")
_AFTER_LN = _q("a:effectLst", "a:effectDag", "a:scene3d", "a:sp3d", "a:extLst")
_AFTER_LINE_FILL = _q("a:prstDash", "a:custDash", "a:round", "a:bevel", "a:miter", "a:headEnd",
                      "a:tailEnd", "a:extLst")
_AFTER_DASH = _q("a:custDash", "a:round", "a:bevel", "a:miter", "a:headEnd", "a:tailEnd", "a:extLst")
_DASHES = _q("a:prstDash", "a:custDash")


def _set_fill(parent: etree._Element, color: Ref, after: frozenset[str]) -> None:
    for old in [child for child in parent if child.tag in _FILLS]:
        parent.remove(old)
    if color is None:
        text.insert_in_order(parent, OxmlElement("a:noFill"), after)
    else:
        text.insert_in_order(parent, copy.deepcopy(prepared_fill(color)), after)


def _vertical_elbow(conn: Connector) -> None:
    """Turn a top/bottom-glued elbow into vertical-horizontal-vertical.

    ``bentConnector3`` runs horizontal-vertical-horizontal within its box; rotating the box a
    quarter turn (and flipping when the end lies right of the start) makes it leave and enter
    vertically, as PowerPoint itself writes such connectors.
    """
    x1, y1, x2, y2 = conn.begin_x, conn.begin_y, conn.end_x, conn.end_y
    if x1 == x2:
        return
    xfrm = conn._element.spPr.find(qn("a:xfrm"))
    cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
    w, h = abs(y2 - y1), abs(x2 - x1)
    xfrm.attrib.clear()
    xfrm.set("rot", "5400000")
    if x2 > x1:
        xfrm.set("flipV", "1")
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    off.set("x", str(round(cx - w / 2)))
    off.set("y", str(round(cy - h / 2)))
    ext.set("cx", str(w))
    ext.set("cy", str(h))
