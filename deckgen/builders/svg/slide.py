"""A python-pptx slide as a :class:`~.scene.Scene`: its background, the master's and the layout's
own shapes (a brand template's logos and bands), then the slide's shapes, back to front.

This reads the slide the pptx builder drew, so the picture cannot disagree with the deck about
where anything is: it is another view of the same shapes.
"""
from __future__ import annotations

import functools
from typing import Any, Optional

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.slide import Slide

from .colors import DEFAULT_MAP, Palette, color_of, fill_of, qn, read_scheme
from .scene import Image, Rect, Scene
from .shapes import draw_tree
from .style import Context

_R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"


def slide_scene(slide: Slide, width: float, height: float) -> Scene:
    """What ``slide`` (of a presentation ``width`` x ``height`` points) shows."""
    layout = slide.slide_layout
    master = layout.slide_master
    palette, fonts = _theme(master.part)
    scene = Scene(width, height)
    ctx = Context(palette, fonts, layout._element, master._element,
                  _default_text(slide.part.package), scene, master.part)
    owners = [("master", master), ("layout", layout), ("slide", slide)]
    _background(ctx, owners, width, height)
    shown = [o for o in owners if _shows_master_shapes(owners, o[0])]
    for owner, part_owner in shown:
        ctx.part = part_owner.part
        tree = part_owner._element.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
        draw_tree(ctx, tree, owner)
    return scene


def _shows_master_shapes(owners: list[tuple[str, Any]], owner: str) -> bool:
    """A layout can hide the master's shapes, a slide the layout's and master's."""
    hides = {name: o._element.get("showMasterSp") == "0" for name, o in owners}
    if owner == "master":
        return not (hides["layout"] or hides["slide"])
    if owner == "layout":
        return not hides["slide"]
    return True


@functools.lru_cache(maxsize=16)
def _theme(master_part: Any) -> tuple[Palette, dict[str, str]]:
    """The master's colours and theme fonts (kept per master part: read once per deck)."""
    theme = etree.fromstring(master_part.part_related_by(RT.THEME).blob)
    clr_map = master_part._element.find(qn("p:clrMap"))
    mapping = dict(clr_map.attrib) if clr_map is not None else dict(DEFAULT_MAP)
    fonts = {}
    for key, which in (("+mj-lt", "majorFont"), ("+mn-lt", "minorFont")):
        latin = theme.find(f".//{qn('a:' + which)}/{qn('a:latin')}")
        fonts[key] = latin.get("typeface") if latin is not None and latin.get("typeface") else "Calibri"
    return Palette(read_scheme(theme), mapping), fonts


def _default_text(package: Any) -> Optional[etree._Element]:
    return package.presentation_part._element.find(qn("p:defaultTextStyle"))


def _background(ctx: Context, owners: list[tuple[str, Any]], width: float, height: float) -> None:
    """The nearest background set (slide, then layout, then master); white if none is."""
    for _, owner in reversed(owners):
        bg = owner._element.find(f"{qn('p:cSld')}/{qn('p:bg')}")
        if bg is None:
            continue
        pr, ref = bg.find(qn("p:bgPr")), bg.find(qn("p:bgRef"))
        if pr is not None:
            blip = pr.find(f"{qn('a:blipFill')}/{qn('a:blip')}")
            if blip is not None and blip.get(_R_EMBED):
                part = owner.part.related_part(blip.get(_R_EMBED))
                ctx.scene.items.append(Image(0, 0, width, height, part.content_type, part.blob))
                return
            color = fill_of(pr, ctx.palette, ctx.scene)
        else:
            color = _reference_fill(ctx, ref)
        ctx.scene.items.append(Rect(0, 0, width, height, color or "FFFFFF"))
        return
    ctx.scene.items.append(Rect(0, 0, width, height, "FFFFFF"))


def _reference_fill(ctx: Context, ref: Optional[etree._Element]) -> Optional[str]:
    """A ``p:bgRef``: the theme's background fill style, in the colour the reference names."""
    if ref is None:
        return None
    if int(ref.get("idx", "0")) > 1001:
        ctx.scene.gaps.add("theme background styles are shown in their base colour")
    return color_of(ref, ctx.palette)
