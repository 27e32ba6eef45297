"""DrawingML colours and fills as plain ``RRGGBB``: scheme colours through the master's colour map
and the theme, and the modifiers templates use (lumMod/lumOff, tint, shade).

A colour the picture cannot show exactly (a gradient, a pattern) is given as its nearest plain
colour and named in the scene's gaps, so the preview page can say so.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Optional

from lxml import etree
from pptx.oxml.ns import qn as _qn

from ...plan.template_colours import modified_colour, scrgb_colour
from .scene import Scene, Stroke

#: python-pptx's ``qn`` ('a:p' → '{…drawingml…}p'), remembered: a slide's drawing asks for the
#: same few dozen tags thousands of times.
qn = functools.lru_cache(maxsize=None)(_qn)
EMU_PER_PT = 12700
#: ``p:clrMap`` when a master has none (PowerPoint's default).
DEFAULT_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
_PRESET = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000",
           "blue": "0000FF", "gray": "808080", "grey": "808080", "yellow": "FFFF00"}
FILLS = tuple(qn(f"a:{t}") for t in ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill"))


@dataclass(frozen=True)
class Palette:
    """The theme's colour scheme (``dk1`` → ``000000``) and the master's map (``tx1`` → ``dk1``)."""

    scheme: dict[str, str]
    mapping: dict[str, str]

    def scheme_color(self, name: str) -> Optional[str]:
        return self.scheme.get(self.mapping.get(name, name))


def read_scheme(theme: etree._Element) -> dict[str, str]:
    """``dk1``, ``accent1``… → ``RRGGBB`` from a theme part."""
    found: dict[str, str] = {}
    scheme = theme.find(f".//{qn('a:clrScheme')}")
    for slot in scheme if scheme is not None else []:
        color = next(iter(slot), None)
        if color is not None:
            value = color.get("lastClr") or color.get("val") or ""
            if len(value) == 6:
                found[etree.QName(slot).localname] = value.upper()
    return found


def color_of(holder: Optional[etree._Element], palette: Palette) -> Optional[str]:
    """The colour inside ``holder`` (e.g. an ``a:solidFill``), modifiers applied."""
    if holder is None:
        return None
    for node in holder:
        base = _base(node, palette)
        if base is not None:
            return modified_colour("#" + base, node)[1:]
    return None


def _base(node: etree._Element, palette: Palette) -> Optional[str]:
    tag = etree.QName(node).localname
    if tag == "srgbClr":
        return (node.get("val") or "000000").upper()
    if tag == "schemeClr":
        return palette.scheme_color(node.get("val", ""))
    if tag == "sysClr":
        return (node.get("lastClr") or "000000").upper()
    if tag == "prstClr":
        return _PRESET.get(node.get("val", ""), "000000")
    if tag == "scrgbClr":
        return scrgb_colour(node)[1:]
    return None


def fill_of(sp_pr: Optional[etree._Element], palette: Palette, scene: Scene,
            style_fill: Optional[str] = None) -> Optional[str]:
    """The plain colour a shape is filled with, None for none (or a picture fill)."""
    node = _first_fill(sp_pr)
    if node is None:
        return style_fill
    tag = etree.QName(node).localname
    if tag == "solidFill":
        return color_of(node, palette)
    if tag == "gradFill":
        scene.gaps.add("gradient fills are shown in their first colour")
        return color_of(node.find(f"{qn('a:gsLst')}/{qn('a:gs')}"), palette)
    if tag == "pattFill":
        scene.gaps.add("pattern fills are shown in their foreground colour")
        return color_of(node.find(qn("a:fgClr")), palette)
    return None


def _first_fill(parent: Optional[etree._Element]) -> Optional[etree._Element]:
    if parent is None:
        return None
    return next((child for child in parent if child.tag in FILLS), None)


def stroke_of(sp_pr: Optional[etree._Element], palette: Palette,
              style_line: Optional[str] = None) -> Optional[Stroke]:
    """A shape's outline (``a:ln``), or the style's line colour when the shape sets none."""
    return line_stroke(sp_pr.find(qn("a:ln")) if sp_pr is not None else None, palette, style_line)


def line_stroke(ln: Optional[etree._Element], palette: Palette,
                style_line: Optional[str] = None) -> Optional[Stroke]:
    """The stroke an ``a:ln`` (or a table cell's ``a:lnL``…) draws; None for none."""
    fill = _first_fill(ln)
    if fill is not None and fill.tag == qn("a:noFill"):
        return None
    color = color_of(fill, palette) if fill is not None else style_line
    if color is None:
        return None
    width = int(ln.get("w", "12700")) / EMU_PER_PT if ln is not None else 0.75
    dash = ln.find(qn("a:prstDash")) if ln is not None else None
    return Stroke(color, width, dash is not None and dash.get("val", "solid") != "solid")


def style_colors(sp: etree._Element, palette: Palette) -> tuple[Optional[str], Optional[str]]:
    """The fill and line colours a shape's ``p:style`` gives (used when its own set none)."""
    style = sp.find(qn("p:style"))
    if style is None:
        return None, None
    fill_ref, line_ref = style.find(qn("a:fillRef")), style.find(qn("a:lnRef"))
    fill = color_of(fill_ref, palette) if fill_ref is not None and fill_ref.get("idx") != "0" else None
    line = color_of(line_ref, palette) if line_ref is not None and line_ref.get("idx") != "0" else None
    return fill, line
