"""deck.yaml and the edition: the quarter ahead's file, the charter's term, the slide list, free-form
slides, strategy pillars and intake outcomes."""
from __future__ import annotations

from typing import Optional

from .. import slide_names
from ..project import Project
from ..quarters import month_end
from ...suggest import did_you_mean
from .base import Report, first_on, needs

MIN_PILLARS, MAX_PILLARS = 2, 5
INTAKE_OUTCOMES = ("one-off", "declined")


@needs("deck.yaml", "okrs", about="the quarter ahead has an OKR file")
def quarter_ahead_exists(project: Project, report: Report) -> None:
    quarter = project.deck.quarter
    if quarter not in project.quarters and f"okrs/{quarter}" not in project.unread:
        report.error("deck.yaml", ("quarter",),
                     f"no OKR file for the quarter ahead: create content/okrs/{project.deck.quarter}.yaml")


@needs("charter.md", "deck.yaml", about="the charter is current")
def charter_current(project: Project, report: Report) -> None:
    through = project.charter.front.valid_through
    if through and month_end(through) < project.edition_date:
        report.warning("charter.md", ("valid_through",),
                       f"the charter was valid through {through}, before the edition date "
                       f"{project.edition_date}: review it and set a new valid_through")


@needs("deck.yaml", "okrs", "slides", about="the slide list")
def slide_list(project: Project, report: Report) -> None:
    """Every name in `slides` is a known slide, named once, whose content is there."""
    known = slide_names.known_names(project)
    first_index: dict[str, int] = {}
    for index, name in enumerate(project.deck.slides or []):
        if name in first_index:
            before, here = (report.at("deck.yaml", ("slides", i)) for i in (first_index[name], index))
            report.error("deck.yaml", ("slides", index),
                         f"slide '{name}' is listed twice ({first_on(before, here)}): remove one")
            continue
        first_index[name] = index
        problem = _slide_problem(project, name, known)
        if problem:
            report.error("deck.yaml", ("slides", index), problem)


def _slide_problem(project: Project, name: str, known: list[str]) -> Optional[str]:
    if name not in known and not slide_names.is_free(name):
        return f"unknown slide '{name}'" + (did_you_mean(name, known) or f"; slide names: {', '.join(known)}")
    why = slide_names.absence(project, name)
    if why is None:
        return None
    hint = did_you_mean(name, known) if slide_names.is_free(name) else ""
    return f"slide '{name}' is listed in slides, but {why}{hint}"


@needs("slides", about="free-form slides follow known slides")
def free_slides_follow_slides(project: Project, report: Report) -> None:
    """A free-form slide's `after` names a slide, not itself, and `after` chains do not loop."""
    known = slide_names.known_names(project)
    after = {slide_names.free_name(s.name): s.after for s in project.free_slides}
    for slide in project.free_slides:
        name = slide_names.free_name(slide.name)
        if slide.after is None:
            continue
        if slide.after == name:
            report.error(name, ("after",), f"after: '{name}' cannot follow itself: name the slide it "
                                           f"comes after")
        elif slide.after not in known:
            report.error(name, ("after",), f"after: unknown slide '{slide.after}'"
                                           f"{did_you_mean(slide.after, known)}")
        elif _loops(name, after):
            report.error(name, ("after",), f"after: '{slide.after}' leads back to '{name}', so "
                                           f"neither slide has a place")


def _loops(start: str, after: dict[str, Optional[str]]) -> bool:
    """Whether following `after` from ``start`` comes back to it."""
    current = after.get(start)
    for _ in range(len(after)):
        if current == start:
            return True
        current = after.get(current) if current is not None else None
    return False


@needs("strategy.md", about="the number of pillars")
def pillar_count(project: Project, report: Report) -> None:
    count = len(project.strategy.pillars)
    if count and project.complete("strategy.md") and not MIN_PILLARS <= count <= MAX_PILLARS:
        report.warning("strategy.md", ("pillars",),
                       f"{count} strategy pillar{'s' * (count != 1)}; a strategy stands on two to five")


@needs("intake.yaml", "big-rocks.yaml", about="intake outcomes")
def intake_outcomes(project: Project, report: Report) -> None:
    if project.intake is None:
        return
    known = [*(r.id for r in project.rocks), *INTAKE_OUTCOMES]
    for index, request in enumerate(project.intake.requests):
        if report.unknown("big-rocks.yaml", request.outcome, known):
            report.error("intake.yaml", ("requests", index, "outcome"),
                         f"outcome '{request.outcome}' is none of a big rock id, 'one-off' or 'declined'"
                         f"{did_you_mean(request.outcome, known)}")


RULES = [quarter_ahead_exists, charter_current, slide_list, free_slides_follow_slides, pillar_count,
         intake_outcomes]
