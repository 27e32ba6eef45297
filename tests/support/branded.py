"""Brand templates derived from python-pptx's default, each with one thing real company
templates do that a builder must respect: dark through the colour map, dark through the master's
background, a logo on the master and on a layout, a slide number drawn by the master itself.

Each returns the bytes of a .pptx with one sample slide (which the deck must not keep).
"""
from __future__ import annotations

import io

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.util import Inches, Pt

NAVY = "1B2A41"
LOGO = "E4572E"  # the logo's colour, so renders can find it by its pixels


def _start(font: str = "Arial") -> PresentationType:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    for which in ("majorFont", "minorFont"):
        root.find(f".//{qn('a:' + which)}/{qn('a:latin')}").set("typeface", font)
    root.find(f".//{qn('a:dk2')}/{qn('a:srgbClr')}").set("val", NAVY)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return prs


def _save(prs: PresentationType) -> bytes:
    sample = prs.slides.add_slide(prs.slide_layouts[0])
    sample.shapes.title.text = "TEMPLATE SAMPLE SLIDE"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def dark_by_colour_map() -> bytes:
    """The colour map swaps light and dark (``bg1="dk1" tx1="lt1"``): the background (a theme
    background fill of ``bg1``) is black and every ``tx1`` text is white."""
    prs = _start()
    clr_map = prs.slide_master._element.find(qn("p:clrMap"))
    clr_map.set("bg1", "dk1")
    clr_map.set("tx1", "lt1")
    clr_map.set("bg2", "dk2")
    clr_map.set("tx2", "lt2")
    return _save(prs)


def dark_by_background(text: str = "FFFFFF") -> bytes:
    """A navy master background with the colour map left as it is; the master's text styles set
    ``text`` (white by default: the template's own choice, which reads)."""
    prs = _start()
    master = prs.slide_master
    master.background.fill.solid()
    master.background.fill.fore_color.rgb = _rgb(NAVY)
    styles = master._element.find(qn("p:txStyles"))
    for style in ("p:titleStyle", "p:bodyStyle", "p:otherStyle"):
        for level in styles.find(qn(style)):
            rpr = level.find(qn("a:defRPr"))
            if rpr is None:
                continue
            for old in rpr.findall(qn("a:solidFill")):
                rpr.remove(old)
            fill = etree.Element(qn("a:solidFill"))
            etree.SubElement(fill, qn("a:srgbClr")).set("val", text)
            rpr.insert(0, fill)
    for layout in prs.slide_layouts:  # layouts' own shades of tx1 (the section's grey) go too
        for fill in layout._element.xpath(".//p:txBody/a:lstStyle//a:defRPr/a:solidFill"):
            fill.getparent().remove(fill)
    return _save(prs)


def with_logos() -> bytes:
    """A logo at the master's top right (every slide) and another at the bottom left of the
    "Title Only" layout, over where a body would go."""
    from tests.support.deckplans import png

    prs = _start()
    logo = png(300, 120, "#" + LOGO)
    _picture(prs.slide_master, logo, Inches(11.2), Inches(0.3), Inches(1.8), Inches(0.72))
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Title Only")
    _picture(layout, logo, Inches(0.4), Inches(6.3), Inches(2.0), Inches(0.8))
    return _save(prs)


def _picture(owner, data: bytes, x: int, y: int, w: int, h: int) -> None:  # type: ignore[no-untyped-def]
    """A picture on a master or layout (python-pptx adds pictures to slides only)."""
    from pptx.oxml.shapes.picture import CT_Picture

    _image, rid = owner.part.get_or_add_image_part(io.BytesIO(data))
    tree = owner.shapes._spTree
    ids = [int(n) for n in tree.xpath(".//p:cNvPr/@id")]
    tree.append(CT_Picture.new_pic(max(ids, default=1) + 1, "Logo", "Company logo", rid, x, y, w, h))


def master_slide_number() -> bytes:
    """As LibreOffice saves its templates: the slide number is a plain text box on the master
    holding a slide-number field, not a slide-number placeholder."""
    prs = _start()
    master = prs.slide_master
    from pptx.oxml.shapes.autoshape import CT_Shape

    tree = master.shapes._spTree
    ids = [int(n) for n in tree.xpath(".//p:cNvPr/@id")]
    box = CT_Shape.new_textbox_sp(max(ids) + 1, "Number", Inches(12.2), Inches(6.9), Inches(0.9), Inches(0.4))
    tree.append(box)
    fld = etree.SubElement(box.find(f"{qn('p:txBody')}/{qn('a:p')}"), qn("a:fld"), id="{0B5DD89A-1E07-4E7D-ABC0-B2B46F7C5141}",
                           type="slidenum")
    etree.SubElement(fld, qn("a:rPr"), lang="en-US", sz=str(int(Pt(14).pt * 100)))
    etree.SubElement(fld, qn("a:t")).text = "<number>"
    for ph in list(master.placeholders):
        if ph.placeholder_format.type is not None and ph.placeholder_format.type.name == "SLIDE_NUMBER":
            ph._element.getparent().remove(ph._element)
    for layout in prs.slide_layouts:
        for ph in list(layout.placeholders):
            if ph.placeholder_format.type.name == "SLIDE_NUMBER":
                ph._element.getparent().remove(ph._element)
    return _save(prs)


def _rgb(value: str):  # type: ignore[no-untyped-def]
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(value)
