"""Laddering: company priorities ← big rocks ← OKR objectives."""
from __future__ import annotations

from datetime import timedelta

from ..project import Project
from ...suggest import did_you_mean
from .base import Report, duplicates, needs

MAX_ROCKS = 4
STALE_AFTER = timedelta(days=90)


@needs("company.yaml", about="priority ids are unique")
def unique_priorities(project: Project, report: Report) -> None:
    ids = [p.id for p in project.company.priorities]
    for index, first in duplicates(ids).items():
        line = report.at("company.yaml", ("priorities", first, "id")).line
        report.error("company.yaml", ("priorities", index, "id"),
                     f"priority id '{ids[index]}' is used twice (first on line {line}): give each "
                     f"priority its own id")


@needs("big-rocks.yaml", about="big rock ids are unique")
def unique_rocks(project: Project, report: Report) -> None:
    ids = [r.id for r in project.rocks]
    for index, first in duplicates(ids).items():
        line = report.at("big-rocks.yaml", ("big_rocks", first, "id")).line
        report.error("big-rocks.yaml", ("big_rocks", index, "id"),
                     f"big rock id '{ids[index]}' is used twice (first on line {line}): give each "
                     f"big rock its own id")


@needs("company.yaml", "big-rocks.yaml", about="big rocks support company priorities")
def rocks_support_known_priorities(project: Project, report: Report) -> None:
    known = [p.id for p in project.company.priorities]
    for r_index, rock in enumerate(project.rocks):
        for s_index, priority_id in enumerate(rock.supports):
            if report.unknown("company.yaml", priority_id, known):
                report.error("big-rocks.yaml", ("big_rocks", r_index, "supports", s_index),
                             f"big rock '{rock.id}' supports '{priority_id}', which is not a company "
                             f"priority{_hint(priority_id, known)}")


@needs("big-rocks.yaml", about="the number of big rocks")
def rock_count(project: Project, report: Report) -> None:
    if len(project.rocks) > MAX_ROCKS:
        report.warning("big-rocks.yaml", ("big_rocks", MAX_ROCKS),
                       f"{len(project.rocks)} big rocks; a team carries three or four: merge or "
                       f"drop some")
    if not project.rocks and project.complete("big-rocks.yaml"):
        report.warning("big-rocks.yaml", ("big_rocks",), "no big rocks: the deck has nothing to ladder")


@needs("company.yaml", "big-rocks.yaml", about="every priority is supported")
def priorities_supported(project: Project, report: Report) -> None:
    if not project.complete("big-rocks.yaml"):
        return  # a big rock left out for its errors may be the one that supports it
    for index, priority in enumerate(project.company.priorities):
        if not project.rocks_supporting(priority.id):
            report.warning("company.yaml", ("priorities", index, "id"),
                           f"company priority '{priority.id}' is supported by no big rock: add it to "
                           f"the supports of the big rocks that serve it")


@needs("big-rocks.yaml", "deck.yaml", about="alignments are recent")
def alignment_current(project: Project, report: Report) -> None:
    edition = project.edition_date
    for r_index, rock in enumerate(project.rocks):
        for a_index, alignment in enumerate(rock.alignment):
            loc = ("big_rocks", r_index, "alignment", a_index)
            if alignment.status != "aligned":
                stands = "has concerns" if alignment.status == "concerns" else "has not agreed yet (pending)"
                report.warning("big-rocks.yaml", loc + ("status",),
                               f"big rock '{rock.id}': {alignment.stakeholder} {stands}: settle it before the "
                               f"review, or say why in a note")
            if alignment.on and edition - alignment.on > STALE_AFTER:
                days = (edition - alignment.on).days
                report.warning("big-rocks.yaml", loc + ("on",),
                               f"big rock '{rock.id}': alignment with {alignment.stakeholder} is {days} "
                               f"days old (over 90 days before the edition date {edition}): check it again "
                               f"and update its date")


@needs("big-rocks.yaml", "okrs", about="objectives name big rocks")
def objectives_ladder_to_rocks(project: Project, report: Report) -> None:
    known = [r.id for r in project.rocks]
    for name, okrs in project.quarters.items():
        for index, objective in enumerate(okrs.objectives):
            if report.unknown("big-rocks.yaml", objective.rock, known):
                report.error(f"okrs/{name}", ("objectives", index, "rock"),
                             f"objective '{objective.id}' names rock '{objective.rock}', which is not a "
                             f"big rock{_hint(objective.rock, known)}")


def _hint(word: str, known: list[str]) -> str:
    """Did you mean the closest id, or else the ids there are."""
    return did_you_mean(word, known) or f" (known: {', '.join(dict.fromkeys(known)) or 'none'})"


RULES = [unique_priorities, unique_rocks, rocks_support_known_priorities, rock_count,
         priorities_supported, alignment_current, objectives_ladder_to_rocks]
