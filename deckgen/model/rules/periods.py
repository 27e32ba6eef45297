"""Periods: content that describes a quarter or a year other than the one the deck presents.

A deck rolls forward every quarter (`okr new`) and every year (`year new`); what the tool does not
rewrite (wins, intake, the edition date, free text) goes stale silently unless the check says so.
The deck presents the quarter ahead (`deck.yaml`'s `quarter`) and looks back on the quarter behind;
wins and intake describe the quarter behind.
"""
from __future__ import annotations

import re
from datetime import timedelta
from typing import Iterator, Optional

from ...diagnostics import Position
from ..content import OkrFile
from ..project import Markdown, Project
from .base import FileReport, Report, needs

#: An edition prepared this long before the quarter ahead starts is fine (decks are made ahead).
EARLY = timedelta(days=21)
#: An edition dated this long after the quarter ahead starts is stale (the quarter is half gone).
LATE = timedelta(days=45)
#: Below this share of intake requests from the quarter behind, the intake is mostly older.
MOSTLY = 0.5
QUARTER_NAME = re.compile(r"\b(\d{4})-Q([1-4])\b")
YEAR = r"(?:19|20)\d\d"
#: A year named as the plan's: in a title, or next to a word that makes it the plan year.
PLAN_YEAR = re.compile(rf"\b(?:(?P<a>{YEAR})\s+(?:plan|roadmap|priorities|strategy|goals|okrs|launches|launch "
                       rf"calendar)|(?:plan|roadmap|priorities|strategy|goals)\s+for\s+(?P<b>{YEAR})|"
                       rf"in\s+(?P<c>{YEAR})\s+(?:we|[a-z ]{{0,40}}\bwill\b))", re.IGNORECASE)


def latest_year(text: str) -> Optional[int]:
    """The latest year ``text`` names (1900–2099), if any."""
    return max((int(y) for y in re.findall(rf"\b{YEAR}\b", text)), default=None)


def quarters_named(text: str) -> set[str]:
    """The quarters ``text`` names, as '2027-Q1'."""
    return {f"{y}-Q{q}" for y, q in QUARTER_NAME.findall(text)}


@needs("deck.yaml", "wins.md", about="wins.md's period")
def wins_period(project: Project, report: Report) -> None:
    """wins.md's `period` is the quarter behind (the wins slide names it in its title)."""
    behind = str(project.quarter.previous())
    if project.wins is None or project.wins.period in (None, behind):
        return
    report.warning("wins.md", ("period",),
                   f"wins.md's period is {project.wins.period}, but the quarter behind is {behind}: "
                   f"write the wins of {behind} and set `period: {behind}`")


@needs("deck.yaml", "intake.yaml", about="intake.yaml's period")
def intake_period(project: Project, report: Report) -> None:
    """intake.yaml holds requests from the quarter behind, mostly."""
    if project.intake is None or not project.intake.requests:
        return
    fiscal = project.deck.fiscal_year_start
    behind = project.quarter.previous()
    start, end = behind.start(fiscal), behind.end(fiscal)
    dates = [r.date for r in project.intake.requests]
    inside = sum(1 for day in dates if start <= day <= end)
    older = sum(1 for day in dates if day < start)
    if inside == 0:
        report.warning("intake.yaml", ("requests",), key=True, message=
                       f"intake.yaml holds no request from the quarter behind, {behind} ({start} to {end}); "
                       f"its requests run {min(dates)} to {max(dates)}: log {behind}'s requests")
    elif older > MOSTLY * len(dates):
        report.warning("intake.yaml", ("requests",), key=True, message=
                       f"{older} of {len(dates)} requests in intake.yaml are older than the quarter behind, "
                       f"{behind} (from {start}): keep the intake to {behind}")


@needs("deck.yaml", about="the edition date")
def edition_date(project: Project, report: Report) -> None:
    """The edition `date` falls near the start of the quarter ahead."""
    day = project.deck.date
    if day is None:
        return
    ahead = project.quarter
    start = ahead.start(project.deck.fiscal_year_start)
    if day < start - EARLY:
        report.warning("deck.yaml", ("date",),
                       f"the edition date {day} is {(start - day).days} days before the quarter ahead, "
                       f"{ahead}, starts ({start}): set the date of this edition")
    elif day > start + LATE:
        report.warning("deck.yaml", ("date",),
                       f"the edition date {day} is {(day - start).days} days into the quarter ahead, "
                       f"{ahead} (from {start}): is the deck presenting the right quarter?")


@needs("deck.yaml", "strategy.md", "slides", about="the plan year in free text")
def past_plan_year(project: Project, report: Report) -> None:
    """A free-form slide's title, or strategy text, naming a past year as the plan year."""
    year = project.deck.year
    for slide in project.free_slides:
        named = latest_year(slide.title)
        if named is not None and named < year:
            report.warning(f"slides/{slide.name}", ("title",),
                           f"the slide's title names {named}, but the plan year is {year}: "
                           "update the slide for the new year")
    bodies = [project.strategy.summary, *(s.body for s in project.strategy.sections),
              *(s.body for s in project.free_slides)]
    for body in bodies:
        for line, col, named in _plan_years(body):
            if named < year:
                report.reporter.warning(f"the text names {named} as the plan year, but the deck is for "
                                        f"{year}: update it for the new year", Position(body.path, line, col))
    for section in project.strategy.sections:
        named = latest_year(section.title)
        if named is not None and named < year:
            report.reporter.warning(
                f"the strategy section '{section.title}' names {named}, but the plan year is {year}",
                Position(section.body.path, max(section.body.line - 1, 1)))


def _plan_years(body: Markdown) -> Iterator[tuple[int, int, int]]:
    """(line, column, year) of each year the text names as its plan year."""
    for offset, text in enumerate(body.text.splitlines()):
        for match in PLAN_YEAR.finditer(text):
            group = next(name for name in "abc" if match[name])
            yield body.line + offset, match.start(group) + 1, int(match[group])


def headline_quarter(okrs: OkrFile, report: FileReport) -> None:
    """A `headline` that names another quarter was carried over from it (or copied by hand)."""
    if not okrs.headline:
        return
    other = sorted(quarters_named(okrs.headline) - {okrs.quarter})
    if other:
        report.warning(("headline",), f"the headline names {', '.join(other)}, but this file is "
                                      f"{okrs.quarter}: a headline carried from another quarter is stale")


RULES = [wins_period, intake_period, edition_date, past_plan_year]
FILE_RULES = [headline_quarter]
