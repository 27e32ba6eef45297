"""A table (``a:tbl``) as cells: each row as tall as its text needs (at least its set height, as
PowerPoint and LibreOffice grow it), cell fills, borders and text as written.

deckgen fills every cell itself and keeps python-pptx's default table style, whose only other
mark is a thin line in the background colour between cells; that line is drawn. Another
style's banding is not, and the scene says so.
"""
from __future__ import annotations

from typing import Optional

from lxml import etree

from .colors import EMU_PER_PT, fill_of, line_stroke, qn
from .scene import Polyline, Rect, Stroke, sides
from .style import Context
from .text import Frame, Levels, draw_text, text_height

#: python-pptx's default ("Medium Style 2 - Accent 1"): a 1 pt line of ``lt1`` between cells.
DEFAULT_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"
_MARGINS = (("marL", 91440), ("marT", 45720), ("marR", 91440), ("marB", 45720))


def draw_table(ctx: Context, tbl: etree._Element, box: tuple[float, float, float, float]) -> None:
    x0, y0, _, _ = box
    widths = [int(c.get("w", "0")) / EMU_PER_PT for c in tbl.findall(f"{qn('a:tblGrid')}/{qn('a:gridCol')}")]
    rows = tbl.findall(qn("a:tr"))
    heights = [_row_height(ctx, tr, widths) for tr in rows]
    style = tbl.findtext(f"{qn('a:tblPr')}/{qn('a:tableStyleId')}") or DEFAULT_STYLE
    if style != DEFAULT_STYLE:
        ctx.scene.gaps.add("table styles other than the default are shown without their banding")
    y = y0
    for r, tr in enumerate(rows):
        x = x0
        for c, tc in enumerate(tr.findall(qn("a:tc"))):
            if c >= len(widths):
                break
            if tc.get("hMerge") != "1" and tc.get("vMerge") != "1":
                span_w = sum(widths[c:c + int(tc.get("gridSpan", "1"))])
                span_h = sum(heights[r:r + int(tc.get("rowSpan", "1"))])
                _cell(ctx, tc, (x, y, span_w, span_h), style == DEFAULT_STYLE)
            x += widths[c]
        y += heights[r]


def _row_height(ctx: Context, tr: etree._Element, widths: list[float]) -> float:
    tallest = int(tr.get("h", "0")) / EMU_PER_PT
    for c, tc in enumerate(tr.findall(qn("a:tc"))):
        body = tc.find(qn("a:txBody"))
        if body is None or c >= len(widths) or int(tc.get("rowSpan", "1")) > 1 or tc.get("hMerge") == "1":
            continue
        frame = _frame(tc, (0.0, 0.0, sum(widths[c:c + int(tc.get("gridSpan", "1"))]), 0.0))
        needed = text_height(ctx, body, frame, _levels(ctx, body))
        tallest = max(tallest, needed + frame.insets[1] + frame.insets[3])
    return tallest


def _frame(tc: etree._Element, box: tuple[float, float, float, float]) -> Frame:
    pr = tc.find(qn("a:tcPr"))
    get = pr.get if pr is not None else (lambda _name, default=None: default)
    insets = sides(int(get(name, str(d))) / EMU_PER_PT for name, d in _MARGINS)
    return Frame(*box, insets=insets, anchor=get("anchor", "t"), font_lines=True)


def _levels(ctx: Context, body: etree._Element) -> Levels:
    def levels(level: int) -> list[etree._Element]:
        tag = qn(f"a:lvl{level + 1}pPr")
        own = body.find(f"{qn('a:lstStyle')}/{tag}")
        default = ctx.default_text.find(tag) if ctx.default_text is not None else None
        return [e for e in (own, default) if e is not None]
    return levels


def _cell(ctx: Context, tc: etree._Element, box: tuple[float, float, float, float], default_style: bool) -> None:
    x, y, w, h = box
    pr = tc.find(qn("a:tcPr"))
    fill = fill_of(pr, ctx.palette, ctx.scene)
    ctx.scene.items.append(Rect(x, y, w, h, fill, None))
    separator = Stroke(ctx.palette.scheme_color("bg1") or "FFFFFF", 1.0) if default_style else None
    edges = {"lnL": ((x, y), (x, y + h)), "lnR": ((x + w, y), (x + w, y + h)),
             "lnT": ((x, y), (x + w, y)), "lnB": ((x, y + h), (x + w, y + h))}
    for tag, points in edges.items():
        line = pr.find(qn(f"a:{tag}")) if pr is not None else None
        stroke = _edge(ctx, line) if line is not None else separator
        if stroke is not None:
            ctx.scene.items.append(Polyline(points, stroke))
    body = tc.find(qn("a:txBody"))
    if body is not None:
        draw_text(ctx, body, _frame(tc, box), _levels(ctx, body))


def _edge(ctx: Context, line: etree._Element) -> Optional[Stroke]:
    """A cell border as set (``a:lnL`` and its kin); one without a colour is not drawn."""
    return line_stroke(line, ctx.palette) if line.find(qn("a:solidFill")) is not None else None
