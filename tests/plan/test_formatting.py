"""How figures read in the deck and on the page: units, plurals, large numbers, negative signs."""
from __future__ import annotations

from typing import Optional

import pytest

from deckgen.model.content import KeyResult
from deckgen.plan.formatting import number, progress, singular, target, with_unit


def kr(baseline: float, goal: float, unit: Optional[str], current: Optional[float] = None) -> KeyResult:
    return KeyResult(title="A key result", baseline=baseline, target=goal, unit=unit, current=current)


@pytest.mark.parametrize(("baseline", "goal", "unit", "shown"), [
    (32, 40, "%", "32% → 40%"),
    (18000, 24000, "$", "$18,000 → $24,000"),
    (1234567, 2345678, "$", "$1.2M → $2.3M"),
    (90000, 150000, "€", "€90K → €150K"),
    (1200000, 1240000, "$", "$1.2M → $1.24M"),        # one more decimal where one would read the same
    (1000000, 1000001, "$", "$1,000,000 → $1,000,001"),  # and every digit where that is not enough
    (1, 5, "briefings", "1 → 5 briefings"),            # a word unit once, after the target
    (4, 1, "days", "4 → 1 day"),
    (-5, 12.5, "points", "−5 → 12.5 points"),
    (120, 400, None, "120 → 400"),
])
def test_a_baseline_and_its_target_read_at_a_glance(baseline: float, goal: float, unit: Optional[str],
                                                     shown: str) -> None:
    assert target(kr(baseline, goal, unit)) == shown


def test_exact_figures_keep_every_digit_for_the_notes() -> None:
    assert target(kr(1234567, 2345678, "$"), exact=True) == "$1,234,567 → $2,345,678"
    assert with_unit(1234567, "$", exact=True) == "$1,234,567"


@pytest.mark.parametrize(("value", "unit", "shown"), [
    (1, "briefings", "1 briefing"), (1, "opportunities", "1 opportunity"), (1, "launches", "1 launch"),
    (-1, "points", "−1 point"), (1, "case studies", "1 case study"), (1, "MQLs", "1 MQL"),
    (2, "briefings", "2 briefings"), (1.5, "days", "1.5 days"), (1, "NPS", "1 NPS"), (1, "ms", "1 ms"),
    (1, "hours per week", "1 hours per week"), (1, "series", "1 series"), (1, "business", "1 business"),
    (1, "%", "1%"), (12.5, "% of deals", "12.5% of deals"), (-5, "$", "−$5"), (1, "$", "$1"),
    (2500000000, "€", "€2.5B"), (999999, "$", "$1M"), (None, "$", "—"),
])
def test_a_figure_with_its_unit(value: Optional[float], unit: str, shown: str) -> None:
    assert with_unit(value, unit) == shown


def test_a_unit_that_is_no_plain_plural_stays_as_written() -> None:
    assert [singular(u) for u in ("%", "x", "ms", "NPS", "status", "analysis")] == [
        "%", "x", "ms", "NPS", "status", "analysis"]


@pytest.mark.parametrize(("value", "shown"), [
    (1200, "1,200"), (0.25, "0.25"), (-5, "−5"), (-0.001, "0"), (None, "—"), (1234567, "1,234,567")])
def test_numbers_use_a_true_minus_sign_and_no_false_precision(value: Optional[float], shown: str) -> None:
    assert number(value) == shown


def test_progress_reads_like_the_target() -> None:
    assert progress(kr(0, 5, "briefings", current=1)) == "1 briefing"
    assert progress(kr(1234567, 2345678, "$", current=1500000)) == "$1.5M"


@pytest.mark.parametrize("given", [{}, {"baseline": 10}, {"target": 40}])
def test_without_both_ends_a_key_result_is_a_milestone_everywhere(given: dict[str, float]) -> None:
    """One rule (``KeyResult.is_milestone``) for scoring, the deck's progress cell and the commands:
    a key result is numeric only with a baseline and a target."""
    kr = KeyResult(title="Ship the partner portal", done=True, current=25, **given)
    assert kr.is_milestone and kr.progress == 1.0 and progress(kr) == "Done"
    numeric = KeyResult(title="Win rate", baseline=10, target=40, current=25)
    assert not numeric.is_milestone and numeric.progress == 0.5 and progress(numeric) != "Done"
