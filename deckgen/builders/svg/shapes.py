"""A shape tree (a slide's, a layout's, a master's) as scene items, back to front.

Positions are the shapes' own (``a:xfrm``, or the placeholder's inherited one), mapped through
any groups they are in; fills, outlines and pictures are read from the XML the pptx builder
wrote, so nothing is positioned twice.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

from lxml import etree

from .colors import EMU_PER_PT, fill_of, qn, stroke_of, style_colors
from .geometry import custom_paths
from .scene import Ellipse, Image, Path, Polyline, Rect, Stroke, sides
from .style import Context, first, inherited, level_styles, placeholder
from .text import Frame, draw_text

_R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_TABLE = "http://schemas.openxmlformats.org/drawingml/2006/table"
_CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_DEFAULT_INSETS = (91440, 45720, 91440, 45720)


@dataclass(frozen=True)
class Place:
    """Maps a group's child coordinates (EMU) onto the slide (points)."""

    ox: float = 0.0
    oy: float = 0.0
    sx: float = 1.0 / EMU_PER_PT
    sy: float = 1.0 / EMU_PER_PT

    def box(self, x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
        return self.ox + x * self.sx, self.oy + y * self.sy, w * self.sx, h * self.sy

    def point(self, x: float, y: float) -> tuple[float, float]:
        return self.ox + x * self.sx, self.oy + y * self.sy


def draw_tree(ctx: Context, tree: etree._Element, owner: str, place: Place = Place()) -> None:
    """Every shape of ``tree`` in order; a layout's or master's placeholders are prompts for
    slides, not drawings, and are skipped as PowerPoint does."""
    for shape in tree:
        tag = etree.QName(shape).localname
        if owner != "slide" and placeholder(shape) is not None:
            continue
        if tag == "sp":
            _shape(ctx, shape, owner, place)
        elif tag == "pic":
            _picture(ctx, shape, owner, place)
        elif tag == "cxnSp":
            _connector(ctx, shape, place)
        elif tag == "graphicFrame":
            _graphic_frame(ctx, shape, place)
        elif tag == "grpSp":
            _group(ctx, shape, owner, place)
        elif tag == "AlternateContent":
            ctx.scene.gaps.add("embedded content (SmartArt, equations, media) is not shown")


def _xfrm(ctx: Context, shape: etree._Element, owner: str) -> Optional[etree._Element]:
    own = shape.find(f"{qn('p:spPr')}/{qn('a:xfrm')}")
    if own is None:
        own = shape.find(qn("p:xfrm"))  # a graphic frame's
    if own is not None:
        return own
    return first(inherited(ctx, shape, owner), "p:spPr/a:xfrm")


def _box(xfrm: Optional[etree._Element], place: Place) -> Optional[tuple[float, float, float, float]]:
    if xfrm is None:
        return None
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    if off is None or ext is None:
        return None
    return place.box(int(off.get("x", "0")), int(off.get("y", "0")),
                     int(ext.get("cx", "0")), int(ext.get("cy", "0")))


def _shape(ctx: Context, shape: etree._Element, owner: str, place: Place) -> None:
    xfrm = _xfrm(ctx, shape, owner)
    box = _box(xfrm, place)
    if box is None:
        return
    if xfrm is not None and int(xfrm.get("rot", "0")) % 21600000:
        ctx.scene.gaps.add("rotated shapes are drawn upright")
    sp_pr = shape.find(qn("p:spPr"))
    style_fill, style_line = style_colors(shape, ctx.palette)
    fill = fill_of(sp_pr, ctx.palette, ctx.scene, style_fill)
    stroke = stroke_of(sp_pr, ctx.palette, style_line)
    geometry = _geometry(ctx, sp_pr)
    x, y, w, h = box
    if fill is not None or stroke is not None:
        figures = custom_paths(sp_pr.find(qn("a:custGeom")), box) if geometry == "custom" else None
        if figures:
            ctx.scene.items.append(Path(tuple(figures), fill, stroke))
        elif geometry == "ellipse":
            ctx.scene.items.append(Ellipse(x, y, w, h, fill, stroke))
        elif geometry == "line":
            ctx.scene.items.append(Polyline(((x, y), (x + w, y + h)), stroke or _hairline(fill)))
        else:
            radius = _radius(sp_pr, w, h) if geometry == "roundRect" else 0.0
            ctx.scene.items.append(Rect(x, y, w, h, fill, stroke, radius))
    body = shape.find(qn("p:txBody"))
    if body is not None:
        parents = inherited(ctx, shape, owner)
        text_box = _text_rect(geometry, box, _radius(sp_pr, w, h) if geometry == "roundRect" else 0.0)
        draw_text(ctx, body, _frame(shape, parents, text_box), lambda lvl: level_styles(ctx, shape, parents, lvl))


def _text_rect(geometry: str, box: tuple[float, float, float, float],
               radius: float) -> tuple[float, float, float, float]:
    """Where a shape's text goes: its preset's text rectangle (a rounded rectangle's keeps
    clear of the corners, an ellipse's is the square inside it)."""
    x, y, w, h = box
    inset_x = inset_y = 0.0
    if geometry == "roundRect":
        inset_x = inset_y = radius * 0.29289
    elif geometry == "ellipse":
        inset_x, inset_y = w * 0.14645, h * 0.14645
    return x + inset_x, y + inset_y, w - 2 * inset_x, h - 2 * inset_y


def _hairline(color: Optional[str]) -> Stroke:
    return Stroke(color or "000000", 0.75)


def _geometry(ctx: Context, sp_pr: Optional[etree._Element]) -> str:
    preset = sp_pr.find(qn("a:prstGeom")) if sp_pr is not None else None
    if preset is None:
        custom = sp_pr.find(qn("a:custGeom")) if sp_pr is not None else None
        if custom is None:
            return "rect"
        if custom_paths(custom, (0.0, 0.0, 1.0, 1.0)) is None:
            ctx.scene.gaps.add("free-form shapes drawn from formulas are shown as their bounding boxes")
            return "rect"
        return "custom"
    name = preset.get("prst", "rect")
    if name not in ("rect", "roundRect", "ellipse", "line", "straightConnector1"):
        ctx.scene.gaps.add(f"'{name}' shapes are drawn as rectangles")
        return "rect"
    return "line" if name == "straightConnector1" else name


def _radius(sp_pr: etree._Element, w: float, h: float) -> float:
    guide = sp_pr.find(f"{qn('a:prstGeom')}/{qn('a:avLst')}/{qn('a:gd')}")
    adj = 16667
    if guide is not None and guide.get("fmla", "").startswith("val "):
        adj = int(guide.get("fmla")[4:])
    return min(w, h) * adj / 100000


def _frame(shape: etree._Element, parents: list[etree._Element], box: tuple[float, float, float, float]) -> Frame:
    bodies = [s.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}") for s in (shape, *parents)]
    bodies = [b for b in bodies if b is not None]
    insets = sides(int(_first_attr(bodies, name, str(d))) / EMU_PER_PT
                   for name, d in zip(("lIns", "tIns", "rIns", "bIns"), _DEFAULT_INSETS, strict=True))
    anchor = _first_attr(bodies, "anchor", "t")
    wrap = _first_attr(bodies, "wrap", "square") != "none"
    return Frame(*box, insets=insets, anchor=anchor, wrap=wrap)


def _first_attr(elements: list[etree._Element], name: str, default: str) -> str:
    return next((e.get(name) for e in elements if e.get(name) is not None), default)


def _picture(ctx: Context, shape: etree._Element, owner: str, place: Place) -> None:
    box = _box(_xfrm(ctx, shape, owner), place)
    blip = shape.find(f"{qn('p:blipFill')}/{qn('a:blip')}")
    if box is None or blip is None or blip.get(_R_EMBED) is None:
        return
    try:
        part = ctx.part.related_part(blip.get(_R_EMBED))
    except KeyError:
        return
    src = shape.find(f"{qn('p:blipFill')}/{qn('a:srcRect')}")
    crop = sides(int(src.get(k, "0")) / 100000 for k in "ltrb") if src is not None else (0.0, 0.0, 0.0, 0.0)
    geometry = shape.find(f"{qn('p:spPr')}/{qn('a:prstGeom')}")
    rounded = geometry is not None and geometry.get("prst") == "ellipse"
    ctx.scene.items.append(Image(*box, part.content_type, part.blob, crop, rounded))


def _connector(ctx: Context, shape: etree._Element, place: Place) -> None:
    xfrm = shape.find(f"{qn('p:spPr')}/{qn('a:xfrm')}")
    stroke = stroke_of(shape.find(qn("p:spPr")), ctx.palette, style_colors(shape, ctx.palette)[1])
    if xfrm is None or stroke is None:
        return
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    x, y, w, h = (int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))
    preset = shape.find(f"{qn('p:spPr')}/{qn('a:prstGeom')}")
    kind = preset.get("prst", "line") if preset is not None else "line"
    points = [(0.0, 0.0), (w / 2, 0.0), (w / 2, float(h)), (float(w), float(h))] \
        if kind.startswith("bentConnector") else [(0.0, 0.0), (float(w), float(h))]
    flip_h, flip_v = xfrm.get("flipH") == "1", xfrm.get("flipV") == "1"
    angle = math.radians(int(xfrm.get("rot", "0")) / 60000)
    cx, cy = w / 2, h / 2
    mapped = []
    for px, py in points:
        dx, dy = (w - px if flip_h else px) - cx, (h - py if flip_v else py) - cy
        rx = dx * math.cos(angle) - dy * math.sin(angle)
        ry = dx * math.sin(angle) + dy * math.cos(angle)
        mapped.append(place.point(x + cx + rx, y + cy + ry))
    ctx.scene.items.append(Polyline(tuple(mapped), stroke))


def _graphic_frame(ctx: Context, shape: etree._Element, place: Place) -> None:
    from .charts import draw_chart
    from .tables import draw_table

    box = _box(shape.find(qn("p:xfrm")), place)
    data = shape.find(f"{qn('a:graphic')}/{qn('a:graphicData')}")
    if box is None or data is None:
        return
    uri = data.get("uri")
    if uri == _TABLE and data.find(qn("a:tbl")) is not None:
        draw_table(ctx, data.find(qn("a:tbl")), box)
    elif uri == _CHART and data.find(qn("c:chart")) is not None:
        draw_chart(ctx, ctx.part.related_part(data.find(qn("c:chart")).get(_R_ID))._element, box)
    else:
        ctx.scene.gaps.add("embedded objects are shown as empty frames")
        ctx.scene.items.append(Rect(*box, fill=None, stroke=_hairline("A0A0A0")))


def _group(ctx: Context, group: etree._Element, owner: str, place: Place) -> None:
    xfrm = group.find(f"{qn('p:grpSpPr')}/{qn('a:xfrm')}")
    inner = place
    if xfrm is not None:
        off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
        ch_off, ch_ext = xfrm.find(qn("a:chOff")), xfrm.find(qn("a:chExt"))
        if None not in (off, ext, ch_off, ch_ext):
            sx = int(ext.get("cx")) / max(int(ch_ext.get("cx")), 1)
            sy = int(ext.get("cy")) / max(int(ch_ext.get("cy")), 1)
            ox, oy = place.point(int(off.get("x")) - int(ch_off.get("x")) * sx,
                                 int(off.get("y")) - int(ch_off.get("y")) * sy)
            inner = Place(ox, oy, place.sx * sx, place.sy * sy)
    draw_tree(ctx, group, owner, inner)
