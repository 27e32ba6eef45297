"""Native, editable charts: the data lives in the chart's embedded workbook ("Edit Data").

One look for every chart: no 3-D, no gridlines, values written on the bars (so the value axis
is hidden). Several clustered series are named directly, on the first category's bars ("Requests
24%"), rather than in a legend whose order PowerPoint and LibreOffice give differently; a legend
only for a doughnut's slices and a stacked bar's series. Colours: the primary for
a single series, the status colour for a point that has a status (with its symbol in the
category label), primary/accent/tints for stacked series.

A ``reference`` (e.g. the one-off budget) is a dashed line across the plot with its label (or
across the one bar it marks, labelled on that bar's row). The
plot area gets a manual inner layout and the value axis a fixed maximum, so the line's position
is known exactly; line, label and chart are grouped so they move together.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import cast

from lxml import etree
from pptx.chart.chart import Chart
from pptx.chart.plot import BarPlot, _BasePlot
from pptx.chart.series import _BaseCategorySeries
from pptx.dml.color import RGBColor
from pptx.dml.fill import FillFormat
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.oxml.ns import qn
from pptx.shapes.graphfrm import GraphicFrame
from pptx.util import Pt

from deckgen.plan import slides as plan

from . import text
from .design import INCH, STATUS, TYPE, Box, Design, Palette, measurable, mix, on, with_status
from .draw import Canvas
from .flow import Block
from .fonts import text_width
from .textblock import TextBlock

KINDS = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "stacked-bar": XL_CHART_TYPE.BAR_STACKED,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
}
LABEL = 12.0   # chart text size, points
TITLE = 14.0
# Above the plot: the title's offset from the chart's top (about 7 pt in both PowerPoint and
# LibreOffice), its line (1.2 x its size) and a clear gap before the first bar.
TITLE_BAND = 7 + 1.2 * TITLE + 10
MIN_HEIGHT = 2.4 * INCH
REFERENCE_W = 1.5 * INCH  # beside a column chart, for the reference's label


@dataclass
class ChartBlock(Block):
    chart: plan.Chart
    design: Design
    flexible: bool = True
    breakable: bool = False

    def height(self, width: float, t: float) -> float:
        return MIN_HEIGHT

    def draw(self, canvas: Canvas, box: Box, t: float) -> None:
        # imported here: it brings the chart workbook's writer (xlsxwriter), which a deck without
        # a chart does not need
        from pptx.chart.data import CategoryChartData

        spec = self.chart
        cats = categories(spec)
        data = CategoryChartData(number_format=spec.number_format)
        data.categories = cats
        for series in spec.series:
            values = [finite(v) for v in series.values][: len(cats)]
            data.add_series(text.clean(series.name) or " ", values + [0.0] * (len(cats) - len(values)))
        # python-pptx annotates add_chart as taking its deprecated ChartData alias and returning
        # the Chart; it takes any category data and returns the graphic frame holding the chart
        frame = cast(GraphicFrame, canvas.shapes.add_chart(KINDS[spec.kind], *box.emu(), data))  # type: ignore[arg-type]
        frame.name = f"Chart: {text.clean(spec.title)}"[:200]
        frame._element.nvGraphicFramePr.cNvPr.set("descr", describe(spec))
        chart = frame.chart
        _style_chart(chart, spec, canvas.design)
        inner = _inner_layout(chart, spec, cats, box, canvas.design)
        if spec.reference is not None:
            _draw_reference(canvas, box, inner, spec, spec.reference, axis_maximum(spec))


#: How many of a chart's largest values its alternative text names.
_NAMED = 3
_KIND_WORDS = {"bar": "Bar chart", "column": "Column chart", "stacked-bar": "Stacked bar chart",
               "doughnut": "Doughnut chart"}


def describe(spec: plan.Chart) -> str:
    """The chart's alternative text: what it is, its title, and its largest values, e.g.
    "Bar chart: Share of the team's time. Largest: Copilot launch 26%, Win rate 24%, …"."""
    cats = categories(spec)
    totals = [(sum(finite(s.values[i]) for s in spec.series if i < len(s.values)), name)
              for i, name in enumerate(cats)]
    ranked = sorted(totals, key=lambda pair: -pair[0])[:_NAMED]
    named = ", ".join(f"{text.clean(name)} {_shown(value, spec.number_format)}" for value, name in ranked)
    title = text.clean(spec.title).strip() or "untitled"
    more = f" ({len(cats)} in all)" if len(cats) > _NAMED else ""
    return f"{_KIND_WORDS.get(spec.kind, 'Chart')}: {title}. Largest{more}: {named}."


def _shown(value: float, number_format: str) -> str:
    """``value`` as the chart's Excel number format shows it: its decimals, a percent sign
    (which scales by 100) and quoted text after it (``0"%"`` writes 30 as "30%")."""
    code, _, literal = number_format.partition('"')
    percent = code.rstrip().endswith("%")
    decimals = code.split(".")[1].count("0") if "." in code else 0
    shown = f"{value * 100 if percent else value:,.{decimals}f}"
    return shown + ("%" if percent else "") + literal.replace('"', "")


def axis_maximum(spec: plan.Chart) -> float:
    """The value axis maximum: the plan's, else the data (stacked: summed) and the reference
    with headroom for the labels, rounded to a readable number."""
    if spec.maximum:
        return spec.maximum
    values = [[finite(v) for v in s.values] for s in spec.series]
    if spec.kind == "stacked-bar":
        top = max((sum(col) for col in zip(*values, strict=True)), default=0.0)
    else:
        top = max((v for vs in values for v in vs), default=0.0)
    if spec.reference:
        top = max(top, spec.reference[1])
    return nice(top * 1.15) if top > 0 else 1.0


def finite(value: float) -> float:
    """Chart data must be finite: NaN and infinities become 0."""
    return float(value) if value is not None and math.isfinite(value) else 0.0


def nice(value: float) -> float:
    """``value`` rounded up to a round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^n)."""
    power: float = 10 ** math.floor(math.log10(value))  # an int for values of 1 and more
    return next(m * power for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * power >= value)


def categories(spec: plan.Chart) -> list[str]:
    """Category labels; a point's status symbol goes with its label (never colour alone)."""
    statuses = spec.series[0].statuses if spec.series else []
    cats = [text.clean(c) or " " for c in spec.categories]
    return [with_status(c, statuses[i] if i < len(statuses) else None) for i, c in enumerate(cats)]


def _style_chart(chart: Chart, spec: plan.Chart, design: Design) -> None:
    palette, family = design.palette, design.fonts.body
    chart.font.size, chart.font.name = Pt(LABEL), family
    chart.font.color.rgb = RGBColor.from_string(palette.text)
    chart.has_title = bool(spec.title)
    if spec.title:
        chart.chart_title.text_frame.text = text.clean(spec.title)
        font = chart.chart_title.text_frame.paragraphs[0].runs[0].font
        font.size, font.bold, font.name = Pt(TITLE), True, design.fonts.heading
        font.color.rgb = RGBColor.from_string(palette.heading)
    plot = chart.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format, labels.number_format_is_linked = spec.number_format, False
    labels.show_value = True
    labels.font.size = Pt(LABEL)
    chart.has_legend = has_legend(spec)
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.RIGHT if spec.kind == "doughnut" \
            else XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(LABEL)
    if spec.kind == "doughnut":
        _style_doughnut(plot, spec, palette)
    elif isinstance(plot, BarPlot):  # every other kind is a bar chart
        _style_bars(chart, plot, spec, palette)


def has_legend(spec: plan.Chart) -> bool:
    """A doughnut names its slices, a stacked bar its series, in a legend; others need none."""
    return spec.kind == "doughnut" or (spec.kind == "stacked-bar" and len(spec.series) > 1)


def named_on_bars(spec: plan.Chart) -> bool:
    """Several clustered series: each is named on its first bar instead of in a legend."""
    return spec.kind in ("bar", "column") and len(spec.series) > 1


def _style_bars(chart: Chart, plot: BarPlot, spec: plan.Chart, palette: Palette) -> None:
    stacked = spec.kind == "stacked-bar"
    plot.gap_width = 60
    if stacked:
        plot.overlap = 100
    plot.data_labels.position = XL_LABEL_POSITION.CENTER if stacked else XL_LABEL_POSITION.OUTSIDE_END
    value_axis = chart.value_axis
    lowest = min((finite(v) for se in spec.series for v in se.values), default=0.0)
    value_axis.minimum_scale = -nice(-lowest * 1.15) if lowest < 0 else 0
    value_axis.maximum_scale = axis_maximum(spec)
    value_axis.has_major_gridlines = False
    value_axis.visible = False
    category_axis = chart.category_axis
    category_axis.has_major_gridlines = False
    category_axis.format.line.color.rgb = RGBColor.from_string(palette.line)
    category_axis.tick_labels.font.size = Pt(LABEL)
    if spec.kind != "column":
        category_axis.reverse_order = True  # first category on top, as it reads
    for n, series in enumerate(plot.series):
        color = series_color(n, len(spec.series), palette)
        _solid(series.format.fill, color)
        if stacked:
            series.data_labels.font.color.rgb = RGBColor.from_string(on(color))
        if named_on_bars(spec):
            _name_on_first_bar(series, spec.number_format)
        for i, status in enumerate(spec.series[n].statuses if n < len(spec.series) else []):
            if status in STATUS and i < len(spec.categories):
                _solid(series.points[i].format.fill, STATUS[status].color)


def _name_on_first_bar(series: _BaseCategorySeries, number_format: str) -> None:
    """The first point's label says the series' name before its value: 'Requests 24%'. A series
    with labels of its own no longer inherits the plot's, so they are repeated on it."""
    labels = series.data_labels
    labels.show_value, labels.position, labels.font.size = True, XL_LABEL_POSITION.OUTSIDE_END, Pt(LABEL)
    labels.number_format, labels.number_format_is_linked = number_format, False
    first = series.points[0].data_label
    first.font.size, first.position = Pt(LABEL), XL_LABEL_POSITION.OUTSIDE_END
    element = first._dLbl
    element.find(qn("c:idx")).addnext(etree.Element(qn("c:numFmt"), formatCode=number_format, sourceLinked="0"))
    for tag in ("c:showVal", "c:showSerName"):
        element.find(qn(tag)).set("val", "1")
    etree.SubElement(element, qn("c:separator")).text = " "


def _style_doughnut(plot: _BasePlot, spec: plan.Chart, palette: Palette) -> None:
    plot.vary_by_categories = True
    hole = plot._element.find(qn("c:holeSize"))
    if hole is not None:
        hole.set("val", "55")
    labels = plot.data_labels
    labels.font.color.rgb = RGBColor.from_string("FFFFFF")
    labels.font.bold = True
    series = plot.series[0]
    count = len(spec.categories)
    statuses = spec.series[0].statuses if spec.series else []
    for i in range(count):
        status = statuses[i] if i < len(statuses) else None
        color = STATUS[status].color if status in STATUS else series_color(i, count, palette)
        _solid(series.points[i].format.fill, color)
        series.points[i].format.line.color.rgb = RGBColor.from_string(palette.background)
        label = series.points[i].data_label.font  # white on a dark slice, near-black on a pale one
        label.color.rgb, label.bold = RGBColor.from_string(on(color)), True


def series_color(index: int, count: int, palette: Palette) -> str:
    """Primary first, then the accent, then ever lighter tints of the primary."""
    if index == 0 or count == 1:
        return palette.primary
    if index == 1:
        return palette.accent
    return mix(palette.primary, "FFFFFF", min(0.25 + 0.15 * (index - 2), 0.8))


def _solid(fill: FillFormat, color: str) -> None:
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string(color)


def _inner_layout(chart: Chart, spec: plan.Chart, cats: list[str], box: Box, design: Design) -> Box:
    """Fix the plot area's inner rectangle (fractions of the chart) and return it in points:
    room on the left for bar labels (or below for columns), on top for the title."""
    family = design.fonts.body_measure
    widest = max((text_width(measurable(c), family, LABEL) for c in cats), default=0.0)
    band = (TITLE_BAND if spec.title else 6.0) + (
        LABEL * 2.2 if spec.reference and spec.reference_category is None and spec.kind in ("bar", "stacked-bar")
        else 0.0)
    top = min(band / box.h, 0.4)
    bottom = 0.12 if has_legend(spec) and spec.kind != "doughnut" else 0.04
    if spec.kind == "doughnut":
        x, w = 0.04, 0.6
    elif spec.kind == "column":
        x = 0.04
        w = 0.92 - (min(REFERENCE_W, 0.3 * box.w) / box.w if spec.reference else 0.0)
        bottom = max(bottom, min(0.3, (LABEL * 2.6) / box.h))
    else:
        x = min(0.45, (widest + 14) / box.w)
        w = 0.96 - x - min(0.25, (_value_label_width(spec, family) + 12) / box.w)
    plot_area = chart._chartSpace.chart.plotArea
    layout = plot_area.find(qn("c:layout"))
    if layout is None:
        layout = etree.Element(qn("c:layout"))
        plot_area.insert(0, layout)
    layout.clear()
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    values = {"layoutTarget": "inner", "xMode": "edge", "yMode": "edge",
              "x": x, "y": top, "w": w, "h": 1 - top - bottom}
    for tag, val in values.items():
        etree.SubElement(manual, qn(f"c:{tag}")).set("val", str(round(val, 4)) if isinstance(val, float) else val)
    return Box(box.x + x * box.w, box.y + top * box.h, w * box.w, (1 - top - bottom) * box.h)


def _value_label_width(spec: plan.Chart, family: str) -> float:
    """The widest label beside a bar: the largest value's, or a series' name with its first value."""
    def shown(value: float) -> str:
        return _format(finite(value), spec.number_format)
    labels = [shown(max((finite(v) for se in spec.series for v in se.values), default=0.0))]
    if named_on_bars(spec):
        labels += [f"{text.clean(se.name)} {shown(se.values[0] if se.values else 0.0)}" for se in spec.series]
    return max(text_width(label, family, LABEL) for label in labels)


def _draw_reference(canvas: Canvas, box: Box, inner: Box, spec: plan.Chart, reference: tuple[str, float],
                    top: float) -> None:
    """The ``reference`` as a dashed accent line at its value, labelled (a doughnut: in its hole)."""
    label, value = reference
    palette = canvas.design.palette
    fmt = _format(value, spec.number_format)
    said = text.clean(label)
    caption = [text.plain(said if any(c.isdigit() for c in said) else f"{said}: {fmt}", bold=True)]
    size = TYPE["caption"].max
    family = canvas.design.fonts.body_measure
    label_w = text_width(caption[0].text, family, size, bold=True) / 0.9 + 16
    label_h = text.height(caption, family, size, label_w, bold=True)
    if spec.kind == "doughnut":
        side = min(inner.w, inner.h) * 0.5
        hole = Box(inner.x + (inner.w - side) / 2, inner.y + (inner.h - side) / 2, side, side)
        canvas.textbox(hole, caption, size, name="Reference", color=palette.accent_text,
                       align="center", anchor="middle")
        return
    share = min(max(value / top, 0.0), 1.0)
    if spec.kind == "column":
        y = inner.bottom - share * inner.h
        canvas.line(inner.x, y, inner.right + 4, y, palette.accent, width=1.5, dashed=True, name="Reference line")
        beside = Box(inner.right + 6, 0, box.right - inner.right - 6, 0)
        side_h = text.height(caption, family, size, beside.w, bold=True)
        label_box = Box(beside.x, min(max(y - side_h / 2, box.y), box.bottom - side_h), beside.w, side_h)
        canvas.textbox(label_box, caption, size, name="Reference", color=palette.accent_text)
        return
    x = inner.x + share * inner.w
    if spec.reference_category is not None:  # across its own bar only (first category on top)
        band = inner.h / len(spec.categories)
        top_y = inner.y + band * spec.reference_category
        canvas.line(x, top_y, x, top_y + band, palette.accent, width=1.5, dashed=True, name="Reference line")
        # the label on the bar's row, right of the line and of the bar's own value label
        value = max((finite(se.values[spec.reference_category]) for se in spec.series), default=0.0)
        value_end = inner.x + min(max(value / top, 0.0), 1.0) * inner.w \
            + text_width(_format(value, spec.number_format), family, LABEL)
        label_x = min(max(x, value_end) + 8, box.right - label_w)
        label_box = Box(label_x, top_y + (band - label_h) / 2, label_w, label_h)
        canvas.textbox(label_box, caption, size, name="Reference", color=palette.accent_text)
        return
    canvas.line(x, inner.y - 4, x, inner.bottom, palette.accent, width=1.5, dashed=True, name="Reference line")
    label_x = min(max(x - label_w / 2, box.x), box.right - label_w)
    label_box = Box(label_x, inner.y - label_h - 4, label_w, label_h)
    canvas.textbox(label_box, caption, size, name="Reference", color=palette.accent_text, align="center")


def _format(value: float, number_format: str) -> str:
    """``value`` as the chart's number format shows it (the common formats: 0, 0.0, 0%,
    0"%" and a literal suffix or prefix)."""
    decimals = len(number_format.split(".")[1].split('"', maxsplit=1)[0].rstrip("%")) if "." in number_format else 0
    shown = f"{value * 100 if number_format.endswith('0%') else value:,.{decimals}f}"
    literal = "".join(number_format.split('"')[1::2])
    suffix = "%" if number_format.endswith("%") and not literal else ""
    return f"{shown}{literal}{suffix}" if not number_format.startswith('"') else f"{literal}{shown}"


def chart_block(element: plan.Chart, design: Design) -> Block:
    """A chart; a chart with no data is said in words (an empty chart part would not open)."""
    if not element.categories or not element.series:
        said = f"{element.title}: no data" if element.title else "No data"
        return TextBlock([text.plain(said)], design, "caption")
    return ChartBlock(element, design)
