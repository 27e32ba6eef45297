"""Quarters and months: fiscal arithmetic kept in one place."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

QUARTER_PATTERN = r"^\d{4}-Q[1-4]$"
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


@dataclass(frozen=True, order=True)
class Quarter:
    """A fiscal quarter such as 2027-Q1; fiscal year YYYY begins in month ``fiscal_year_start`` of YYYY."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        if not re.match(QUARTER_PATTERN, text):
            raise ValueError(f"expected a quarter like 2027-Q1, got '{text}'")
        return cls(int(text[:4]), int(text[-1]))

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    def shift(self, quarters: int) -> "Quarter":
        index = self.year * 4 + (self.number - 1) + quarters
        return Quarter(index // 4, index % 4 + 1)

    def previous(self) -> "Quarter":
        return self.shift(-1)

    def next(self) -> "Quarter":
        return self.shift(1)

    def first_month(self, fiscal_year_start: int = 1) -> tuple[int, int]:
        """The calendar (year, month) the quarter starts in."""
        index = self.year * 12 + (fiscal_year_start - 1) + (self.number - 1) * 3
        return index // 12, index % 12 + 1

    def start(self, fiscal_year_start: int = 1) -> date:
        year, month = self.first_month(fiscal_year_start)
        return date(year, month, 1)

    def end(self, fiscal_year_start: int = 1) -> date:
        """The last day of the quarter."""
        nxt = self.next().start(fiscal_year_start)
        return date.fromordinal(nxt.toordinal() - 1)

    def label(self, fiscal_year_start: int = 1) -> str:
        """'2027-Q1 (Jan–Mar 2027)': what the quarter means on the calendar."""
        first = self.start(fiscal_year_start)
        last = self.end(fiscal_year_start)
        span = f"{first:%b}–{last:%b %Y}" if first.year == last.year else f"{first:%b %Y}–{last:%b %Y}"
        return f"{self} ({span})"


def quarter_of(day: date, fiscal_year_start: int = 1) -> Quarter:
    """The fiscal quarter a calendar day falls in."""
    months = day.year * 12 + day.month - 1 - (fiscal_year_start - 1)
    return Quarter(months // 12, (months % 12) // 3 + 1)


def month_end(text: str) -> date:
    """The last day of a month written YYYY-MM."""
    year, month = int(text[:4]), int(text[5:7])
    following = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)
