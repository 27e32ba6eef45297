"""Slides and shapes written from prepared XML, exactly as python-pptx writes them, without its
cost per call.

python-pptx makes each new slide by cloning its layout's placeholders one by one (each clone a
search of the layout and of the slide so far), gives each new shape an id by searching the whole
slide for the highest one in use, and builds a table cell by cell through its schema-ordered
inserts (then adds every row up again each time one row's height is set). A deck of a hundred
slides pays those searches thousands of times. Here python-pptx makes a layout's first slide, and
every later slide on that layout is a copy of it as it was before anything was drawn on it; a
slide's shape ids are counted on from the highest one found once (python-pptx's own "turbo add"
mode); a table is python-pptx's own blank table frame and cell, copied, with its final sizes
written once. The package is the same, byte for byte.
"""
from __future__ import annotations

import copy
import functools
from typing import Optional, Sequence

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.oxml.ns import nsuri, qn
from pptx.oxml.presentation import CT_SlideIdList
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.oxml.shapes.connector import CT_Connector
from pptx.oxml.shapes.graphfrm import CT_GraphicalObjectFrame
from pptx.oxml.simpletypes import ST_Direction
from pptx.oxml.table import CT_TableCell
from pptx.parts.slide import SlidePart
from pptx.presentation import Presentation
from pptx.shapes.autoshape import Shape
from pptx.shapes.base import BaseShape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.shapetree import SlideShapes
from pptx.slide import Slide, SlideLayout
from pptx.util import Emu


class SlideMaker:
    """Adds slides on one layout (make one per layout and presentation)."""

    def __init__(self, layout: SlideLayout) -> None:
        self.layout = layout
        self._blank: Optional[etree._Element] = None  # a new slide's p:sld, placeholders cloned

    def add(self, prs: Presentation) -> Slide:
        """A new slide at the end of ``prs``, with the layout's placeholders, as python-pptx's
        ``prs.slides.add_slide(layout)`` makes it."""
        if self._blank is None:
            slide: Slide = prs.slides.add_slide(self.layout)
            self._blank = copy.deepcopy(slide._element)
        else:
            slide = self._copy(prs, self._blank)
        count_ids(slide)
        return slide

    def _copy(self, prs: Presentation, blank: etree._Element) -> Slide:
        """A slide part holding a copy of ``blank``, named, related and listed as python-pptx's
        ``Slides.add_slide`` does it."""
        presentation = prs.part
        part = SlidePart(presentation._next_slide_partname, CT.PML_SLIDE, presentation.package,
                         copy.deepcopy(blank))
        relate_new(part, self.layout.part, RT.SLIDE_LAYOUT)
        _list_slide(prs.slides._sldIdLst, relate_new(presentation, part, RT.SLIDE))
        made: Slide = part.slide
        return made


def relate_new(part: Part, target: Part, reltype: str) -> str:
    """The rId of a new relationship from ``part`` to ``target`` where one of them was just
    made (none can exist yet): python-pptx's ``relate_to`` without its search of the part's
    relationships for one to reuse, which grows with every slide for the presentation's."""
    rid: str = part.rels._add_relationship(reltype, target)
    return rid


def _list_slide(sld_id_lst: CT_SlideIdList, rid: str) -> None:
    """A ``p:sldId`` for ``rid`` with the id python-pptx's ``add_sldId`` gives it (one above the
    highest in use, at least 256), found by an XPath query compiled once (python-pptx compiles
    its query at every slide)."""
    highest = max([_MIN_SLIDE_ID - 1, *map(int, _SLIDE_IDS(sld_id_lst))])
    if highest < _MAX_SLIDE_ID:
        sld_id_lst._add_sldId(id=highest + 1, rId=rid)
    else:  # ids run out: python-pptx looks for a gap
        sld_id_lst.add_sldId(rid)


_SLIDE_IDS = etree.XPath("./p:sldId/@id", namespaces={"p": nsuri("p")}, smart_strings=False)
_MIN_SLIDE_ID, _MAX_SLIDE_ID = 256, 2147483647  # ECMA-376's bounds, as python-pptx's _next_id has them


def count_ids(slide: Slide) -> None:
    """Give ``slide``'s next shapes the ids python-pptx would, counted on from the highest id in
    use now instead of searched for at every shape. Call it again after removing shapes (the
    highest id may have gone with them).

    This is python-pptx's "turbo add" mode (``shapes.turbo_add_enabled = True``), its highest id
    found by an XPath query compiled once (python-pptx compiles its query at every slide)."""
    shapes = slide.shapes
    highest = max([0, *(int(i) for i in _ALL_IDS(shapes._spTree) if i.isdigit())])
    shapes._cached_max_shape_id = highest  # type: ignore[assignment]  # python-pptx types it None only


_ALL_IDS = etree.XPath("//@id", smart_strings=False)


def place(shape: BaseShape, x: int, y: int, cx: int, cy: int) -> None:
    """Set the position and size (EMU) of a shape, as python-pptx's four setters write them:
    at once when the shape has no ``a:xfrm`` of its own (a new slide's placeholder), where each
    setter would look for its place among the shape properties' children again."""
    sp_pr = shape._element.spPr
    if sp_pr.find(_XFRM) is not None:  # the setters keep what else it holds
        shape.left, shape.top, shape.width, shape.height = Emu(x), Emu(y), Emu(cx), Emu(cy)
        return
    xfrm = sp_pr.makeelement(_XFRM, {})
    etree.SubElement(xfrm, _OFF, x=str(x), y=str(y))
    etree.SubElement(xfrm, _EXT, cx=str(cx), cy=str(cy))
    sp_pr.insert(0, xfrm)  # the first of the shape properties


_XFRM, _OFF, _EXT = qn("a:xfrm"), qn("a:off"), qn("a:ext")


def stamp(shapes: SlideShapes, prepared: etree._Element, ph_basename: Optional[str] = None) -> etree._Element:
    """A copy of the ``prepared`` shape added to ``shapes`` as python-pptx adds a new shape: with
    the next shape id, before the tree's extension list. A placeholder (``ph_basename``, see
    :func:`placeholder_basename`) is named as python-pptx's ``clone_placeholder`` names it."""
    shape = copy.deepcopy(prepared)
    id_ = shapes._next_shape_id
    c_nv_pr = shape[0][0]
    c_nv_pr.set("id", str(id_))
    tree = shapes._spTree
    if ph_basename is not None:
        c_nv_pr.set("name", _unused_name(tree, ph_basename, id_ - 1))
    ext_lst = tree.find(_EXT_LST)
    if ext_lst is None:
        tree.append(shape)
    else:
        ext_lst.addprevious(shape)
    return shape


def add_shape(shapes: SlideShapes, prepared: etree._Element, x: int, y: int, cx: int, cy: int) -> Shape:
    """A copy of the ``prepared`` auto shape or text box (:func:`blank_shape`, :func:`blank_textbox`)
    added to ``shapes`` at (``x``, ``y``), ``cx`` by ``cy`` (EMU), as python-pptx's ``add_shape``
    and ``add_textbox`` add it (they parse its XML anew each time)."""
    element = stamp(shapes, prepared)
    off, ext = element[1][0]  # p:spPr/a:xfrm
    off.set("x", str(x))
    off.set("y", str(y))
    ext.set("cx", str(cx))
    ext.set("cy", str(cy))
    return Shape(element, shapes)


@functools.cache
def blank_shape(prst: str) -> etree._Element:
    """python-pptx's new auto shape of preset geometry ``prst`` ("rect", "roundRect"), without
    its theme style reference (see :func:`.draw.unstyle`)."""
    sp = CT_Shape.new_autoshape_sp(0, "", prst, 0, 0, 0, 0)
    sp.remove(sp.find(qn("p:style")))
    return sp


@functools.cache
def blank_connector(prst: str) -> etree._Element:
    """python-pptx's new connector of preset geometry ``prst`` ("bentConnector3", "line"), at
    (0, 0) and of no size, without its theme style reference."""
    cxn_sp = CT_Connector.new_cxnSp(0, "", prst, 0, 0, 0, 0, False, False)
    cxn_sp.remove(cxn_sp.find(qn("p:style")))
    return cxn_sp


@functools.cache
def blank_textbox() -> etree._Element:
    """python-pptx's new text box."""
    return CT_Shape.new_textbox_sp(0, "", 0, 0, 0, 0)


def placeholder_ph(shape: etree._Element) -> Optional[etree._Element]:
    """The ``p:ph`` of a shape element, None when it is not a placeholder: in the non-visual
    properties, its first child element, where python-pptx's ``ph`` looks (``./*[1]/p:nvPr/p:ph``).
    A template's shape may have no child at all, or a comment first."""
    first = next(shape.iterchildren(etree.Element), None)
    return first.find(_NV_PR_PH) if first is not None else None


def placeholder_basename(shapes: SlideShapes, sp: etree._Element) -> str:
    """What python-pptx names a clone of the placeholder ``sp`` after ("Footer Placeholder")."""
    ph = placeholder_ph(sp)
    if ph is None:
        raise ValueError("shape is not a placeholder")
    basename = shapes.ph_basename(ph.type)
    return f"Vertical {basename}" if ph.orient == ST_Direction.VERT else basename


def _unused_name(tree: etree._Element, basename: str, number: int) -> str:
    """``basename`` and the first number from ``number`` on that no shape on the slide is named
    with yet."""
    names = {c_nv_pr.get("name") for c_nv_pr in tree.getroottree().getroot().iter(_C_NV_PR)}
    while f"{basename} {number}" in names:
        number += 1
    return f"{basename} {number}"


_EXT_LST, _C_NV_PR = qn("p:extLst"), qn("p:cNvPr")
_NV_PR_PH = f"{qn('p:nvPr')}/{qn('p:ph')}"


def add_table(shapes: SlideShapes, x: int, y: int, widths: Sequence[int], heights: Sequence[int], *,
              name: str, first_row: bool) -> tuple[GraphicFrame, list[list[etree._Element]]]:
    """A table at (``x``, ``y``) with columns ``widths`` wide and rows ``heights`` high (EMU), and
    each row's cells (``a:tc``, each with an empty paragraph): what python-pptx's ``add_table``
    makes once its name, size, column widths, row heights and ``first_row`` are set and its row
    banding is turned off."""
    blank_frame, blank_cell = _blank_table()
    frame = copy.deepcopy(blank_frame)
    c_nv_pr, xfrm = frame[0][0], frame[1]
    c_nv_pr.set("id", str(shapes._next_shape_id))
    c_nv_pr.set("name", name)
    xfrm[0].set("x", str(x))
    xfrm[0].set("y", str(y))
    xfrm[1].set("cx", str(sum(widths)))
    xfrm[1].set("cy", str(sum(heights)))
    tbl = frame.find(_TBL)
    if not first_row:
        del tbl[0].attrib["firstRow"]
    grid = tbl[1]
    for width in widths:
        etree.SubElement(grid, _GRID_COL, w=str(width))
    rows = []
    for height in heights:
        tr = etree.SubElement(tbl, _TR, h=str(height))
        for _ in widths:
            tr.append(copy.deepcopy(blank_cell))
        rows.append(list(tr))
    shapes._spTree.insert_element_before(frame, "p:extLst")
    return GraphicFrame(frame, shapes), rows


_TBL = f"{qn('a:graphic')}/{qn('a:graphicData')}/{qn('a:tbl')}"
_GRID_COL, _TR = qn("a:gridCol"), qn("a:tr")


@functools.cache
def _blank_table() -> tuple[etree._Element, etree._Element]:
    """python-pptx's new table frame (table style, first row on, banding off) without rows or
    columns, and its new cell."""
    frame = CT_GraphicalObjectFrame.new_table_graphicFrame(0, "", 1, 1, 0, 0, 1, 1)
    tbl = frame.find(_TBL)
    tbl.remove(tbl.find(_TR))
    grid = tbl[1]
    grid.remove(grid[0])
    del tbl[0].attrib["bandRow"]
    return frame, CT_TableCell.new()
