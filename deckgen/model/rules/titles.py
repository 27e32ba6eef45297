"""deck.yaml's `titles`: the slides they name exist, and no hand-written title names a stale period.

A hand-written title is not recomputed when the quarter or the year moves on; one that names a
quarter the slide no longer presents, or a year before the plan year, would mislead silently.
"""
from __future__ import annotations

from typing import Optional

from .. import slide_names
from ..project import Project
from ...suggest import did_you_mean
from .base import Report, needs
from .periods import latest_year, quarters_named


@needs("deck.yaml", about="slide titles")
def slide_titles(project: Project, report: Report) -> None:
    known = slide_names.titled_names()
    for name, given in project.deck.titles.items():
        if name not in known:
            report.error("deck.yaml", ("titles", name), f"titles: unknown slide '{name}'"
                         + (did_you_mean(name, known) or f"; slide names: {', '.join(known)}"), key=True)
            continue
        for key in ("title", "subtitle"):
            said = getattr(given, key)
            problem = _stale(project, name, said) if said else None
            if problem:
                report.warning("deck.yaml", ("titles", name, key), f"the {key} of slide '{name}' {problem}")


def _stale(project: Project, name: str, said: str) -> Optional[str]:
    """Why ``said`` describes another period than slide ``name`` presents, if it does."""
    ahead = project.quarter
    presents = ahead.previous() if name in slide_names.LOOKING_BACK else ahead
    quarters = sorted(quarters_named(said) - {str(presents)})
    if quarters:
        return f"names {', '.join(quarters)}, but the slide presents {presents}: update it"
    year = latest_year(said)
    if year is not None and year < project.deck.year and name not in slide_names.LOOKING_BACK:
        return f"names {year}, but the plan year is {project.deck.year}: update it"
    return None


RULES = [slide_titles]
