"""Intake totals and the team's time shares that the deck's titles and charts quote."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from deckgen.commands.common import check_project
from deckgen.model.content import IntakeFile, IntakeRequest
from deckgen.model.intake import summarize_intake


def request(outcome: str, hours: float | None) -> IntakeRequest:
    return IntakeRequest(date=date(2027, 1, 4), ask="Something", outcome=outcome, hours=hours)


def test_totals_per_outcome_in_rock_order_then_one_offs_then_declined() -> None:
    intake = IntakeFile(requests=[request("b", 10), request("declined", 0), request("a", 20),
                                  request("b", None), request("one-off", 10)])
    summary = summarize_intake(intake, ["a", "b", "c"])
    assert [(t.outcome, t.requests, t.hours) for t in summary.totals] == [
        ("a", 1, 20.0), ("b", 2, 10.0), ("c", 0, 0.0), ("one-off", 1, 10.0), ("declined", 1, 0.0)]
    assert (summary.requests, summary.hours) == (5, 40.0)
    assert summary.total("b").request_share == pytest.approx(40.0)
    assert summary.total("a").hour_share == pytest.approx(50.0)
    assert (summary.to_rocks.requests, summary.to_rocks.hours) == (3, 30.0)
    assert summary.to_rocks.request_share == pytest.approx(60.0)
    assert summary.to_rocks.hour_share == pytest.approx(75.0)


def test_no_hours_logged_gives_zero_shares_not_a_division_error() -> None:
    summary = summarize_intake(IntakeFile(requests=[request("a", None)]), ["a"])
    assert summary.total("a").hour_share == 0.0
    assert summary.total("a").request_share == 100.0


def test_example_rock_share_and_budget_position(example_project: Path) -> None:
    project = check_project(example_project).project
    assert project is not None and project.one_off_share is not None
    assert project.rock_share == pytest.approx(100 - project.one_off_share)
    assert project.one_off_share == pytest.approx(100 * 90 / 700)
    assert project.one_off_position == "within"


@pytest.mark.parametrize("budget, position", [("[5, 12]", "above"), ("[13, 20]", "below"),
                                               ("[12.857142857142858, 13]", "within")])
def test_budget_position(example_project: Path, edit, budget: str, position: str) -> None:
    edit("team.yaml", "one_off_budget: [10, 15]", f"one_off_budget: {budget}")
    project = check_project(example_project).project
    assert project is not None and project.one_off_position == position


def test_only_outcomes_with_requests_or_hours_are_charted_and_unfed_rocks_are_named() -> None:
    intake = IntakeFile(requests=[request("a", 5), request("declined", None)])
    summary = summarize_intake(intake, ["a", "b", "c"])
    assert [t.outcome for t in summary.charted] == ["a", "declined"]
    assert summary.unfed_rocks == ["b", "c"]
