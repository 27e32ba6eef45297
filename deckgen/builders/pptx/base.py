"""The presentation a deck is built into: the built-in design, or the user's brand template.

The built-in design starts from python-pptx's own template (the Office theme, 4:3) and turns it
into a 16:9 design carrying the deck's theme: colours and fonts written into the theme part (so
PowerPoint's pickers offer them), masters and layouts moved onto the grid, the title slide given
a coloured background. A brand template is used as it is: its slide size, masters, layouts, fonts
and colours (reading it safely and removing its slides is template.py's job). See
docs/pptx-builder.md.
"""
from __future__ import annotations

from typing import Optional

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.autoshape import Shape
from pptx.shapes.base import BaseShape
from pptx.slide import SlideLayout, SlideMaster
from pptx.util import Emu, Pt

from deckgen.plan.slides import Theme

from deckgen.plan.palette import DeckColours, builtin_scheme

from .design import INCH, MARGIN, SLIDE_W, Fonts, Palette, mix, on, pptx_colour
from .draw import mark_decorative, unstyle
from .layout_choice import placeholders

WIDE = (Emu(12192000), Emu(6858000))  # 13.333 x 7.5 in


# Brand templates (read by template.py) ---------------------------------------------------------
def template_fonts(prs: PresentationType, theme: Theme) -> Fonts:
    """The brand template's theme fonts; the deck's theme fills what it leaves out. (Its
    colours are the plan's: :attr:`deckgen.plan.slides.DeckPlan.colours`.)"""
    root = _theme_root(prs.slide_master)
    major, minor = _theme_font(root, "majorFont"), _theme_font(root, "minorFont")
    return Fonts(body=minor or theme.font, heading=major or theme.heading_font)


def layout_palette(colours: DeckColours, layout: SlideLayout, template: bool) -> Palette:
    """The colours of slides on ``layout``: the plan's for a template layout's background;
    in the built-in design, the cover's primary background or white."""
    if template:
        return Palette.of(colours.for_layout(str(layout.part.partname)))
    cover = layout.name == _COVER
    return Palette.of(colours.on(colours.primary) if cover else colours.page)


def _theme_root(master: SlideMaster) -> etree._Element:
    part = master.part.part_related_by(RT.THEME)
    return etree.fromstring(part.blob)


def _theme_font(root: etree._Element, which: str) -> Optional[str]:
    latin = root.find(f".//{qn('a:' + which)}/{qn('a:latin')}")
    face = latin.get("typeface", "").strip() if latin is not None else ""
    return face or None


# The built-in design --------------------------------------------------------------------------
def default_presentation(theme: Theme, colours: DeckColours) -> tuple[PresentationType, Fonts]:
    """python-pptx's template made into the built-in 16:9 design for ``theme``."""
    prs = Presentation()
    scale = WIDE[0] / prs.slide_width
    prs.slide_width, prs.slide_height = WIDE
    palette = Palette.of(colours.page)
    fonts = Fonts(body=theme.font, heading=theme.heading_font)
    master = prs.slide_master
    for tree in [master.shapes._spTree, *(lay.shapes._spTree for lay in prs.slide_layouts)]:
        for xfrm in tree.iter(qn("a:xfrm")):  # explicit positions only; the rest inherit
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            off.set("x", str(round(int(off.get("x")) * scale)))
            ext.set("cx", str(round(int(ext.get("cx")) * scale)))
    _write_theme(master, builtin_scheme(colours.primary, colours.accent), fonts)
    _style_master(master, palette)
    for layout in prs.slide_layouts:
        _style_layout(layout, palette)
    return prs, fonts


def _write_theme(master: SlideMaster, slots: dict[str, str], fonts: Fonts) -> None:
    part = master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    root.set("name", "deckgen")
    scheme = root.find(f".//{qn('a:clrScheme')}")
    for slot, value in slots.items():
        node = scheme.find(qn(f"a:{slot}"))
        node.clear()
        etree.SubElement(node, qn("a:srgbClr")).set("val", pptx_colour(value))
    for which, face in (("majorFont", fonts.heading), ("minorFont", fonts.body)):
        root.find(f".//{qn('a:' + which)}/{qn('a:latin')}").set("typeface", face)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


#: The grid for the built-in master, in inches: title, body, footer and slide number boxes.
_MASTER_BOXES = {
    "title": (MARGIN, 0.35 * INCH, SLIDE_W - 2 * MARGIN, 1.0 * INCH),
    "body": (MARGIN, 1.55 * INCH, SLIDE_W - 2 * MARGIN, 5.15 * INCH),
    "ftr": (MARGIN, 6.95 * INCH, 10.8 * INCH, 0.3 * INCH),
    "sldNum": (SLIDE_W - MARGIN - 1.2 * INCH, 6.95 * INCH, 1.2 * INCH, 0.3 * INCH),
}


def _style_master(master: SlideMaster, palette: Palette) -> None:
    for shape in list(master.placeholders):  # a list: mypy cannot iterate python-pptx's placeholders
        kind = _placeholder_type(shape)
        box = _MASTER_BOXES.get(kind)
        if box is not None:
            shape.left, shape.top, shape.width, shape.height = (Pt(v) for v in box)
        if kind in ("ftr", "sldNum"):
            _level_style(shape._element.txBody, "l" if kind == "ftr" else "r", 1000, palette.muted)
        if kind == "title":
            _anchor(shape, "b")
    title = master._element.find(f"{qn('p:txStyles')}/{qn('p:titleStyle')}/{qn('a:lvl1pPr')}")
    title.set("algn", "l")
    _set_fill(title.find(qn("a:defRPr")), palette.primary, size=3000, bold=True)


def _placeholder_type(shape: BaseShape) -> str:
    """A placeholder's ``type`` as written ('body' when it names none)."""
    ph = shape._element.ph
    return str(ph.get("type", "body")) if ph is not None else "body"


def _anchor(shape: BaseShape, anchor: str) -> None:
    """Anchor the placeholder's text at its top ('t') or bottom ('b')."""
    body = shape._element.txBody
    if body is not None:
        body.bodyPr.set("anchor", anchor)


_COVER = "Title Slide"


def _style_layout(layout: SlideLayout, palette: Palette) -> None:
    """Title slide: a primary background with the title left-aligned over an accent rule.
    Title-only and title-and-content layouts: the accent rule under the title."""
    if layout.name == _COVER:
        _title_slide_layout(layout, palette)
    elif layout.name == "Section Header":
        _section_layout(layout, palette)
    elif layout.name in ("Title Only", "Title and Content"):
        _add_rule(layout, MARGIN, 1.42 * INCH, 0.9 * INCH, palette.accent)


def _title_slide_layout(layout: SlideLayout, palette: Palette) -> None:
    layout.background.fill.solid()
    layout.background.fill.fore_color.rgb = RGBColor.from_string(palette.primary)
    width = SLIDE_W - 2 * 0.9 * INCH
    boxes = {"ctrTitle": (0.9 * INCH, 1.3 * INCH, width, 2.6 * INCH),
             "subTitle": (0.9 * INCH, 4.35 * INCH, width, 2.3 * INCH)}
    text = on(palette.primary)
    for shape in placeholders(layout):
        kind = _placeholder_type(shape)
        if kind in boxes:
            shape.left, shape.top, shape.width, shape.height = (Pt(v) for v in boxes[kind])
            anchor = "b" if kind == "ctrTitle" else "t"
            _anchor(shape, anchor)
            color = text if kind == "ctrTitle" else mix(text, palette.primary, 0.2)
            _level_style(shape._element.txBody, "l", 4400 if kind == "ctrTitle" else 2000, color)
    _add_rule(layout, 0.9 * INCH, 4.1 * INCH, 1.2 * INCH, palette.accent)


def _section_layout(layout: SlideLayout, palette: Palette) -> None:
    """Section header: the title large over an accent rule, the subtitle under it."""
    width = SLIDE_W - 2 * 0.9 * INCH
    boxes = {"title": (0.9 * INCH, 1.9 * INCH, width, 2.0 * INCH),
             "body": (0.9 * INCH, 4.35 * INCH, width, 1.6 * INCH)}
    for shape in placeholders(layout):
        kind = _placeholder_type(shape)
        if kind in boxes:
            shape.left, shape.top, shape.width, shape.height = (Pt(v) for v in boxes[kind])
            _anchor(shape, "b" if kind == "title" else "t")
            color = palette.primary if kind == "title" else palette.muted
            _level_style(shape._element.txBody, "l", 4000 if kind == "title" else 2000, color)
    _add_rule(layout, 0.9 * INCH, 4.1 * INCH, 1.2 * INCH, palette.accent)


def _level_style(tx_body: etree._Element, align: str, size: int, color: str) -> None:
    """Make a placeholder's first list level ``align``-ed, ``size`` (100ths pt), ``color``."""
    lst = tx_body.find(qn("a:lstStyle"))
    if lst is None:
        lst = etree.Element(qn("a:lstStyle"))
        tx_body.insert(1, lst)
    lst.clear()
    level = etree.SubElement(lst, qn("a:lvl1pPr"), marL="0", indent="0", algn=align)
    etree.SubElement(level, qn("a:buNone"))
    _set_fill(etree.SubElement(level, qn("a:defRPr")), color, size=size)


def _set_fill(def_rpr: etree._Element, color: str, size: int, bold: bool = False) -> None:
    def_rpr.set("sz", str(size))
    if bold:
        def_rpr.set("b", "1")
    for old in def_rpr.findall(qn("a:solidFill")):
        def_rpr.remove(old)
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", color)
    def_rpr.insert(0, fill)


def _add_rule(layout: SlideLayout, x: float, y: float, w: float, color: str) -> None:
    """A short accent bar, part of the layout so that it sits behind every slide using it."""
    tree = layout.shapes._spTree
    ids = [int(n) for n in tree.xpath(".//p:cNvPr/@id")]
    sp = CT_Shape.new_autoshape_sp(max(ids, default=1) + 1, "Accent rule", "rect",
                                   Pt(x), Pt(y), Pt(w), Pt(0.06 * INCH))
    tree.append(sp)
    rule = Shape(sp, layout.shapes)
    rule.fill.solid()
    rule.fill.fore_color.rgb = RGBColor.from_string(color)
    rule.line.fill.background()
    unstyle(rule)
    mark_decorative(rule)
