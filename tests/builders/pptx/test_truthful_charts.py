"""Charts and continuation slides that cannot be misread: the one-off budget marks only the
one-offs bar; a continuation says what it adds; the asks close the deck."""
from __future__ import annotations

from pathlib import Path

from tests.support.decks import notes, open_deck, shapes_in
from tests.support.projects import copy_example, run

DECK = "product-marketing-2027-Q1.pptx"


def deck_of(root: Path):  # type: ignore[no-untyped-def]
    result = run("build", str(root), "--format", "pptx")
    assert result.exit_code == 0, result.output
    return open_deck((root / "output" / DECK).read_bytes())


def test_the_one_off_budget_line_marks_only_the_one_offs_bar(tmp_path: Path) -> None:
    deck = deck_of(copy_example(tmp_path))
    [time] = [s for s in deck.slides if s.shapes.title.text.endswith("of our time")]
    shapes = {shape.name: shape for shape in shapes_in(time.shapes)}
    chart, line, label = shapes["Chart: Share of the team's time"], shapes["Reference line"], shapes["Reference"]
    bars = len(chart.chart.plots[0].categories)
    assert line.height < chart.height / bars  # one bar's band, not the whole plot
    assert line.top + line.height > chart.top + chart.height * (bars - 1) / bars  # the last bar: one-offs
    assert label.text_frame.text == "One-off budget: 10–15%"
    assert line.top <= label.top + label.height / 2 <= line.top + line.height  # labelled on that row
