"""Chart helpers: axis maxima, number formats, status in labels, finite data."""
from __future__ import annotations

import math

import pytest

from deckgen.builders.pptx.charts import _format, categories, finite, nice
from deckgen.builders.pptx.deck import build_pptx
from deckgen.plan.slides import Chart, Series
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
    [(slide, chart)] = [(slide, shape.chart) for slide in open_deck(build_pptx(plan, CREATED)).slides
                        for shape in slide.shapes if shape.name == "Chart: Share of requests and of hours"]
    fed = [r.title for r in project.rocks[:4]]
    assert list(chart.plots[0].categories) == [*fed, "One-offs", "Declined"]
    rows = zip(*(s.values for s in chart.plots[0].series))
    assert all(any(row) for row in rows)
    assert any("No request fed eight big rocks, named in the notes." in t for t in slide_texts(slide))
    assert "No request fed: " + "; ".join(r.title for r in project.rocks[4:]) + "." in notes(slide)
