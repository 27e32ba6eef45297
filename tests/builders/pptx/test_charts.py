"""Charts: axis maxima, number formats, status in labels, finite data; and what a built chart
shows (its rows, its labels, room for its title)."""
from __future__ import annotations

import math
from dataclasses import replace

import pytest

from deckgen.builders.pptx.charts import TITLE, _format, categories, finite, nice
from deckgen.builders.pptx.deck import build_pptx
from deckgen.plan.slides import Chart, Series, Slide
from pptx.oxml.ns import qn
from pptx.util import Emu
from tests.support import deckplans
from tests.support.decks import CREATED, notes, open_deck, slide_texts
from tests.support.large_project import large_project
from tests.support.plans import planned


@pytest.mark.parametrize(("value", "expected"), [(0.9, 1.0), (36.8, 40.0), (101, 120.0), (7, 8.0), (1.0, 1.0)])
def test_axis_maxima_are_round_numbers(value: float, expected: float) -> None:
    assert nice(value) == pytest.approx(expected)


@pytest.mark.parametrize(("fmt", "value", "shown"), [
    ('0"%"', 15, "15%"), ("0.0", 0.7, "0.7"), ("0%", 0.25, "25%"), ("0", 1234, "1,234"), ('"$"0', 5, "$5"),
])
def test_the_reference_label_reads_like_the_data_labels(fmt: str, value: float, shown: str) -> None:
    assert _format(value, fmt) == shown


def test_a_points_status_goes_with_its_label() -> None:
    chart = Chart("bar", "Scores", ["Ship it", "Grow", "Keep"], [Series("Score", [0.8, 0.5, 0.2],
                                                                        ["on-track", "at-risk", None])])
    assert categories(chart) == ["● Ship it", "▲ Grow", "Keep"]


def test_chart_data_is_always_finite() -> None:
    assert [finite(v) for v in (1.5, math.nan, math.inf, -math.inf)] == [1.5, 0.0, 0.0, 0.0]


def test_a_chart_without_data_is_said_in_words_and_odd_data_still_opens() -> None:
    from tests.support import deckplans
    from tests.support.decks import build, open_deck, slide_texts
    from deckgen.plan.slides import Slide
    empty = Chart("bar", "Intake", [], [])
    ragged = Chart("column", "Ragged", ["a", "b", "c"], [Series("s", [1.0, -2.0, math.nan, 4.0])])
    plan = deckplans.deck(Slide("intake", "Charts", [empty, ragged], notes="n"))
    slide = open_deck(build(plan)).slides[1]
    assert "Intake: no data" in slide_texts(slide)
    [chart] = [s.chart for s in slide.shapes if s.has_chart]
    assert list(chart.plots[0].series[0].values) == [1.0, -2.0, 0.0]
    assert chart.value_axis.minimum_scale < -2.0


def test_the_intake_chart_leaves_out_rocks_no_request_fed_and_says_which(tmp_path) -> None:  # type: ignore[no-untyped-def]
    project, plan = planned(large_project(tmp_path / "large"))
    intake = replace(plan, slides=[s for s in plan.slides if s.kind == "intake"])  # not the 33 other slides of its deck
    [(slide, chart)] = [(slide, shape.chart) for slide in open_deck(build_pptx(intake, CREATED)).slides
                        for shape in slide.shapes if shape.name == "Chart: Share of requests and of hours"]
    fed = [r.title for r in project.rocks[:4]]
    assert list(chart.plots[0].categories) == [*fed, "One-offs", "Declined"]
    rows = zip(*(s.values for s in chart.plots[0].series), strict=True)
    assert all(any(row) for row in rows)
    assert any("No request fed eight big rocks, named in the notes." in t for t in slide_texts(slide))
    assert "No request fed: " + "; ".join(r.title for r in project.rocks[4:]) + "." in notes(slide)


def built_chart(chart: Chart):  # type: ignore[no-untyped-def]
    """The slide and the chart shape python-pptx reads back from a one-chart deck."""
    slide = open_deck(build_pptx(deckplans.deck(Slide("intake", "A chart", [chart], notes="n")), CREATED)).slides[1]
    [frame] = [s for s in slide.shapes if s.has_chart]
    return slide, frame


def plot_top(frame) -> float:  # type: ignore[no-untyped-def]
    """Where the plot area starts, in points below the chart's top."""
    y = frame.chart._chartSpace.chart.plotArea.find(qn("c:layout")).find(qn("c:manualLayout")).find(qn("c:y"))
    return float(y.get("val")) * Emu(frame.height).pt


TWO_SERIES = Chart("bar", "Share of requests and of hours", ["Narrative", "Launch", "One-offs"],
                   [Series("Requests", [24.0, 18.0, 12.0]), Series("Hours", [32.0, 27.0, 12.0])], number_format='0"%"')
TITLE_BOTTOM = 7 + 1.2 * TITLE  # where both renderers end the chart title's line, below the chart's top


def test_several_bar_series_are_named_on_their_first_bars_not_in_a_legend() -> None:
    _, frame = built_chart(TWO_SERIES)
    assert not frame.chart.has_legend
    for series in frame.chart.plots[0].series:
        labels = series._element.find(qn("c:dLbls"))
        assert labels.find(qn("c:showVal")).get("val") == "1"  # every bar keeps its value
        [first] = labels.findall(qn("c:dLbl"))
        assert first.find(qn("c:idx")).get("val") == "0"
        assert first.find(qn("c:showSerName")).get("val") == "1" and first.find(qn("c:separator")).text == " "


@pytest.mark.parametrize("kind", ["bar", "column", "doughnut"])
def test_the_chart_title_has_room_above_the_plot(kind: str) -> None:
    _, frame = built_chart(deckplans.chart_slide(kind, reference=False).elements[0])
    assert plot_top(frame) >= TITLE_BOTTOM + 8


def test_a_reference_label_sits_between_the_title_and_the_plot() -> None:
    slide, frame = built_chart(deckplans.chart_slide("bar").elements[0])
    [label] = [s for s in slide.shapes if s.name == "Reference"]
    above = Emu(label.top - frame.top).pt
    assert above >= TITLE_BOTTOM + 2 and above + Emu(label.height).pt <= plot_top(frame)
