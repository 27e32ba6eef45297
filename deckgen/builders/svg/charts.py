"""A native chart drawn from its own XML: the bars (or doughnut slices) of its cached data in
their colours, inside the plot area the pptx builder fixed (``c:manualLayout``), with the
title, category names and value labels.

PowerPoint and LibreOffice each lay a chart's labels out their own way, so this is close, not
exact: the bars' lengths and order are right, the labels' fine positions may differ.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from lxml import etree

from ..pptx.charts import _format
from .metrics import width
from .colors import color_of, qn
from .scene import Polyline, Rect, Stroke, Text, Wedge
from .style import Context
from .text import Style, wrap_plain

LABEL = 12.0
#: x, y, width, height, in points
Rectangle = tuple[float, float, float, float]


@dataclass(frozen=True)
class _Bar:
    """Where one bar is drawn: from ``lo`` to ``hi`` points along the value axis, ``thick``
    points wide from ``across`` across it."""
    lo: float
    hi: float
    across: float
    thick: float


def draw_chart(ctx: Context, space: etree._Element, box: tuple[float, float, float, float]) -> None:
    chart = space.find(qn("c:chart"))
    plot = chart.find(qn("c:plotArea")) if chart is not None else None
    if plot is None:
        return
    x, y, w, h = box
    family = ctx.family(_first_typeface(space))
    title = "".join(t.text or "" for t in chart.iter(qn("a:t")) if _in_title(t))
    if title:
        size = 14.0
        ctx.scene.items.append(Text(x + (w - width(title, family, size, True)) / 2,
                                    y + 7 + size, title, family, size, _title_color(chart, ctx), True))
    inner = _inner(plot, box)
    bars, doughnut = plot.find(qn("c:barChart")), plot.find(qn("c:doughnutChart"))
    if bars is not None:
        _bars(ctx, plot, bars, inner, x, family)
    elif doughnut is not None:
        _doughnut(ctx, doughnut, inner, family)
    else:
        ctx.scene.gaps.add("only bar, column and doughnut charts are drawn")
        ctx.scene.items.append(Rect(*inner, fill=None, stroke=Stroke("A0A0A0", 0.75)))


def _in_title(node: etree._Element) -> bool:
    return any(etree.QName(a).localname == "title" for a in node.iterancestors())


def _first_typeface(space: etree._Element) -> Optional[str]:
    latin = space.find(f".//{qn('a:latin')}")
    return latin.get("typeface") if latin is not None else None


def _title_color(chart: etree._Element, ctx: Context) -> str:
    fill = chart.find(f"{qn('c:title')}//{qn('a:solidFill')}")
    return color_of(fill, ctx.palette) or "000000"


def _inner(plot: etree._Element, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x, y, w, h = box
    manual = plot.find(f"{qn('c:layout')}/{qn('c:manualLayout')}")
    if manual is None:
        return x + 0.1 * w, y + 0.15 * h, 0.8 * w, 0.75 * h
    share = {k: float(manual.find(qn(f"c:{k}")).get("val")) for k in "xywh"
             if manual.find(qn(f"c:{k}")) is not None}
    return (x + share.get("x", 0.1) * w, y + share.get("y", 0.1) * h,
            share.get("w", 0.8) * w, share.get("h", 0.8) * h)


def _series(ctx: Context, node: etree._Element) -> tuple[list[str], list[float], list[Optional[str]], str]:
    """A series' categories, values, colour per point, and name."""
    cats = [v.text or "" for v in node.iterfind(f"{qn('c:cat')}//{qn('c:pt')}/{qn('c:v')}")]
    values = [float(v.text or 0) for v in node.iterfind(f"{qn('c:val')}//{qn('c:pt')}/{qn('c:v')}")]
    own = color_of(node.find(f"{qn('c:spPr')}/{qn('a:solidFill')}"), ctx.palette)
    colors: list[Optional[str]] = [own] * len(values)
    for point in node.iterfind(qn("c:dPt")):
        idx = int(point.find(qn("c:idx")).get("val"))
        if idx < len(colors):
            colors[idx] = color_of(point.find(f"{qn('c:spPr')}/{qn('a:solidFill')}"), ctx.palette) or own
    name = node.findtext(f"{qn('c:tx')}//{qn('c:v')}") or ""
    return cats, values, colors, name


def _names_first_point(series: etree._Element) -> bool:
    """Whether the series' first label says its name ("Requests 24%")."""
    label = series.find(f"{qn('c:dLbls')}/{qn('c:dLbl')}")
    shown = label.find(qn("c:showSerName")) if label is not None else None
    return shown is not None and shown.get("val") == "1"


def _number_format(node: etree._Element) -> str:
    fmt = node.find(f".//{qn('c:dLbls')}/{qn('c:numFmt')}")
    return fmt.get("formatCode", "General") if fmt is not None else "General"


def _bars(ctx: Context, plot: etree._Element, bars: etree._Element, inner: Rectangle, chart_x: float,
          family: str) -> None:
    horizontal = bars.find(qn("c:barDir")).get("val") == "bar"
    stacked = bars.find(qn("c:grouping")).get("val") in ("stacked", "percentStacked")
    nodes = list(bars.iterfind(qn("c:ser")))
    series = [_series(ctx, s) for s in nodes]
    if not series:
        return
    named = [_names_first_point(node) for node in nodes]
    fmt = _number_format(bars)
    scaling = plot.find(f"{qn('c:valAx')}/{qn('c:scaling')}")
    fixed_top, fixed_bottom = _axis_bound(scaling, "c:max"), _axis_bound(scaling, "c:min")
    top = fixed_top if fixed_top is not None else max(max(s[1] or [1.0]) for s in series)
    bottom = fixed_bottom if fixed_bottom is not None else 0.0
    cat_scaling = plot.find(f"{qn('c:catAx')}/{qn('c:scaling')}/{qn('c:orientation')}")
    reverse = cat_scaling is not None and cat_scaling.get("val") == "maxMin"
    cats = series[0][0]
    x, y, w, h = inner
    length = w if horizontal else h
    band = (h if horizontal else w) / max(len(cats), 1)
    gap = int(bars.find(qn("c:gapWidth")).get("val", "150")) / 100 if bars.find(qn("c:gapWidth")) is not None else 1.5
    slots = 1 if stacked else len(series)
    thick = band / (slots + gap)
    for i, cat in enumerate(cats):
        # A bar chart's first category is at the bottom, a column chart's at the left; the
        # axis' maxMin orientation turns that round.
        slot = i if reverse == horizontal else len(cats) - 1 - i
        start = (y if horizontal else x) + slot * band + gap * thick / 2
        if horizontal:
            _label(ctx, cat, family, x - chart_x - 10, chart_x + 2, start + slots * thick / 2, horizontal)
        else:
            _label(ctx, cat, family, band - 4, start + slots * thick / 2 - (band - 4) / 2, y + h + 4, horizontal)
        base = 0.0
        for n, (_, values, colors, _name) in enumerate(series):
            value = values[i] if i < len(values) else 0.0
            lo = (base - bottom) / (top - bottom) * length if top > bottom else 0.0
            hi = (base + value - bottom) / (top - bottom) * length if top > bottom else 0.0
            across = start + (0 if stacked else n) * thick
            color = colors[i] if i < len(colors) and colors[i] else "4472C4"
            if horizontal:
                ctx.scene.items.append(Rect(x + lo, across, max(hi - lo, 0.0), thick, color))
            else:
                ctx.scene.items.append(Rect(across, y + h - hi, thick, max(hi - lo, 0.0), color))
            shown = _format(value, fmt) if fmt != "General" else f"{value:g}"
            if i == 0 and named[n]:
                shown = f"{series[n][3]} {shown}"
            _value_label(ctx, shown, family, (horizontal, stacked), inner, _Bar(lo, hi, across, thick))
            base = base + value if stacked else 0.0
    axis = ((x, y), (x, y + h)) if horizontal else ((x, y + h), (x + w, y + h))
    ctx.scene.items.append(Polyline(axis, Stroke("BFBFBF", 0.75)))


def _label(ctx: Context, text: str, family: str, room: float, left: float, y: float, beside: bool) -> None:
    """A category name wrapped to ``room`` points: beside a bar, right-aligned and centred on
    ``y``; under a column, centred and starting at ``y``."""
    lines = wrap_plain(text, Style(family, LABEL, False, False, False, "404040"), max(room, LABEL))
    top = y - len(lines) * LABEL * 1.2 / 2 if beside else y
    for n, line in enumerate(lines):
        used = width(line, family, LABEL)
        x = left + room - used if beside else left + (room - used) / 2
        ctx.scene.items.append(Text(x, top + (n + 0.8) * LABEL * 1.2, line, family, LABEL, "404040"))


def _axis_bound(scaling: Optional[etree._Element], tag: str) -> Optional[float]:
    """The value axis' fixed end (``c:max`` or ``c:min``); None where the data decides it."""
    bound = scaling.find(qn(tag)) if scaling is not None else None
    return float(bound.get("val")) if bound is not None else None


def _value_label(ctx: Context, shown: str, family: str, kind: tuple[bool, bool],
                 inner: Rectangle, bar: _Bar) -> None:
    """``shown`` by ``bar``: inside a stacked bar, past the end of a clustered one.
    ``kind`` is (horizontal, stacked); ``inner`` the plot area."""
    horizontal, stacked = kind
    x, y, _, h = inner
    used = width(shown, family, LABEL)
    color = "FFFFFF" if stacked else "404040"
    if horizontal:
        left = x + (bar.lo + bar.hi - used) / 2 if stacked else x + bar.hi + 4
        at = (left, bar.across + bar.thick / 2 + LABEL * 0.35)
    else:
        at = (bar.across + (bar.thick - used) / 2, y + h - bar.hi - 4)
    ctx.scene.items.append(Text(*at, shown, family, LABEL, color))


def _doughnut(ctx: Context, doughnut: etree._Element, inner: Rectangle, family: str) -> None:
    series = doughnut.find(qn("c:ser"))
    if series is None:
        return
    cats, values, colors, _ = _series(ctx, series)
    x, y, w, h = inner
    outer = min(w, h) / 2
    hole = doughnut.find(qn("c:holeSize"))
    share = int(hole.get("val", "50")) / 100 if hole is not None else 0.5
    cx, cy = x + w / 2, y + h / 2
    total = sum(v for v in values if v > 0) or 1.0
    angle = 0.0
    for i, value in enumerate(values):
        sweep = max(value, 0.0) / total * 360
        ctx.scene.items.append(Wedge(cx, cy, outer, outer * share, angle, angle + sweep,
                                     colors[i] or "4472C4", Stroke("FFFFFF", 1.0)))
        angle += sweep
    legend_x = x + w + 12
    for i, cat in enumerate(cats):
        top = y + i * (LABEL * 1.6)
        ctx.scene.items.append(Rect(legend_x, top + 2, 8, 8, colors[i] or "4472C4"))
        ctx.scene.items.append(Text(legend_x + 12, top + LABEL * 0.85, cat, family, LABEL, "404040"))
