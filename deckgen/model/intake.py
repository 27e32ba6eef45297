"""Where inbound requests went: counts, hours and shares per big rock, one-offs and declined.

Computed here once, so the deck's chart, its title and the page quote the same figures.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional

from .content import IntakeFile
from .quarters import quarter_of

ONE_OFF = "one-off"
DECLINED = "declined"


@dataclass(frozen=True)
class IntakeTotal:
    """One outcome: a big rock id, ``one-off`` or ``declined``. Shares are percent (0–100)."""

    outcome: str
    requests: int
    hours: float
    request_share: float
    hour_share: float


@dataclass(frozen=True)
class IntakeSummary:
    """Every outcome in order (big rocks in priority order, then one-offs, then declined)."""

    totals: list[IntakeTotal]
    requests: int
    hours: float
    first: Optional[date] = None  # the earliest and latest request: the period the intake covers
    last: Optional[date] = None

    def period(self, fiscal_year_start: int = 1) -> str:
        """The quarters the requests came in, as the slide names them: '2026-Q4 (Oct–Dec 2026)',
        or '2026-Q3 to 2026-Q4' when they span several; read from the dates, so it cannot go stale."""
        if self.first is None or self.last is None:
            return ""
        first, last = quarter_of(self.first, fiscal_year_start), quarter_of(self.last, fiscal_year_start)
        return first.label(fiscal_year_start) if first == last else f"{first} to {last}"

    def total(self, outcome: str) -> IntakeTotal:
        return next(t for t in self.totals if t.outcome == outcome)

    @property
    def charted(self) -> list[IntakeTotal]:
        """The outcomes that drew any request or hour: a chart row for each of the others would be
        an empty bar with two '0%' labels."""
        return [t for t in self.totals if t.requests or t.hours]

    @property
    def unfed_rocks(self) -> list[str]:
        """The big rocks (ids) that no request fed, said in words instead of charted."""
        return [t.outcome for t in self.totals if t not in self.charted and t.outcome not in (ONE_OFF, DECLINED)]

    @property
    def to_rocks(self) -> IntakeTotal:
        """The big rocks together: what inbound work fed the plan."""
        rocks = [t for t in self.totals if t.outcome not in (ONE_OFF, DECLINED)]
        count, hours = sum(t.requests for t in rocks), sum(t.hours for t in rocks)
        return IntakeTotal("big-rocks", count, hours, _share(count, self.requests), _share(hours, self.hours))


def summarize_intake(intake: IntakeFile, rock_ids: list[str]) -> IntakeSummary:
    """Totals per outcome; every big rock is listed, even one no request fed (a finding in itself)."""
    outcomes = [*rock_ids, ONE_OFF, DECLINED]
    counts = {key: 0 for key in outcomes}
    hours = {key: 0.0 for key in outcomes}
    for request in intake.requests:
        counts[request.outcome] = counts.get(request.outcome, 0) + 1
        hours[request.outcome] = hours.get(request.outcome, 0.0) + (request.hours or 0.0)
    all_requests, all_hours = sum(counts.values()), sum(hours.values())
    totals = [IntakeTotal(key, counts[key], hours[key], _share(counts[key], all_requests),
                          _share(hours[key], all_hours)) for key in counts]
    days = [request.date for request in intake.requests]
    return IntakeSummary(totals, all_requests, all_hours, min(days, default=None), max(days, default=None))


def _share(part: float, whole: float) -> float:
    return 100 * part / whole if whole else 0.0
