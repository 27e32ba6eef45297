"""People: unique names, who reports to whom, every "person" field, and where the team's time goes."""
from __future__ import annotations

from typing import Any, Iterator, Optional

from ..content import TeamFile
from ..project import ONE_OFFS, Project
from ..validate import ANY_NAME
from ...suggest import did_you_mean
from .base import FileReport, Report, needs, number, repeats, unknown
from .okrs import located

Loc = tuple[Any, ...]

TEAM = "team.yaml"
WHOLE = 100.0


def unique_names(team: TeamFile, report: FileReport) -> None:
    for here, name, first in repeats(report, [p.name for p in team.people], "people", "name"):
        report.error(here, f"person '{name}' is listed twice ({first}); names must be unique")


def reports_to_known(team: TeamFile, report: FileReport) -> None:
    names = [p.name for p in team.people]
    for index, person in enumerate(team.people):
        if person.reports_to is not None and unknown(person.reports_to, names, report.left_out):
            report.error(("people", index, "reports_to"),
                         _not_a_person(f"{person.name} reports to", person.reports_to, names))


def no_reporting_cycles(team: TeamFile, report: FileReport) -> None:
    """Each cycle once, at the `reports_to` of its first person in file order."""
    people = team.people
    manager = {p.name: p.reports_to for p in reversed(people)}
    order = {p.name: i for i, p in reversed(list(enumerate(people)))}
    seen: set[str] = set()
    for person in people:
        cycle = _cycle(person.name, manager)
        if cycle is None or cycle[0] in seen:
            continue
        seen.update(cycle)
        ranks = [order[name] for name in cycle]
        first = ranks.index(min(ranks))
        cycle = cycle[first:] + cycle[:first]
        path = " → ".join([*cycle, cycle[0]])
        report.error(("people", order[cycle[0]], "reports_to"),
                     f"reports_to goes round in a circle: {path}; the team lead has no "
                     f"reports_to")


def _cycle(start: str, manager: dict[str, Optional[str]]) -> Optional[list[str]]:
    """The cycle that following `reports_to` from ``start`` runs into; None when it reaches the top."""
    path: list[str] = []
    current: Optional[str] = start
    while current is not None and current in manager and current not in path:
        path.append(current)
        current = manager[current]
    if current is None or current not in path:
        return None
    return path[path.index(current):]


@needs("team.yaml", "okrs", about="every owner is a person in team.yaml")
def person_fields(project: Project, report: Report) -> None:
    """Every field the format types "person" names someone in team.yaml."""
    names = [p.name for p in project.team.people]
    names += sorted(project.left_out.get(TEAM, frozenset()) - {ANY_NAME})  # for did-you-mean
    for file, loc, what, name in _person_fields(project):
        if report.unknown("team.yaml", name, names):
            report.error(file, loc, _not_a_person(what, name, names))


def _person_fields(project: Project) -> Iterator[tuple[str, Loc, str, str]]:
    if project.deck:  # each file is read when it could be
        yield "deck.yaml", ("leader", "name"), "the deck's leader is", project.deck.leader.name
    for r_index, rock in enumerate(project.rocks):
        if rock.owner is not None:
            yield ("big-rocks.yaml", ("big_rocks", r_index, "owner"), f"big rock '{rock.id}' is owned by",
                   rock.owner)
    for quarter, okrs in project.quarters.items():
        for o_index, objective in enumerate(okrs.objectives):
            if objective.owner is not None:
                yield (f"okrs/{quarter}", ("objectives", o_index, "owner"),
                       f"objective '{objective.id}' is owned by", objective.owner)
        for loc, _, kr in located(okrs):
            if kr.owner is not None:
                yield f"okrs/{quarter}", loc + ("owner",), f"key result '{kr.title}' is owned by", kr.owner


def _not_a_person(what: str, name: str, names: list[str]) -> str:
    return f"{what} '{name}', who is not a person in team.yaml{did_you_mean(name, names)}"


@needs("team.yaml", "big-rocks.yaml", about="allocation keys name big rocks")
def allocation_keys(project: Project, report: Report) -> None:
    known = [*(r.id for r in project.rocks), ONE_OFFS]
    for index, person in enumerate(project.team.people):
        for key in person.allocation:
            if report.unknown("big-rocks.yaml", key, known):
                report.error(TEAM, ("people", index, "allocation", key),
                             f"allocation key '{key}' is neither a big rock id nor '{ONE_OFFS}'"
                             f"{did_you_mean(key, known)}", key=True)


def allocation_sums(team: TeamFile, report: FileReport) -> None:
    for index, person in enumerate(team.people):
        if not person.allocation:
            continue
        total = round(sum(person.allocation.values()), 6)  # 33.3 + 33.3 + 33.4 is 100
        loc = ("people", index, "allocation")
        if total > WHOLE:
            report.error(loc, f"the allocation of {person.name} adds up to {number(total)}%, more than 100%: "
                              f"lower some shares")
        elif total < WHOLE:
            report.warning(loc, f"the allocation of {person.name} adds up to {number(total)}%, less than "
                                f"100%: where does the rest of their time go?")


@needs("team.yaml", about="the one-off budget")
def one_off_budget(project: Project, report: Report) -> None:
    if project.one_off_position in (None, "within") or not project.complete(TEAM):
        return
    share = project.one_off_share
    low, high = project.team.one_off_budget
    source = project.sources.get(TEAM)
    written = source is not None and ("one_off_budget",) in source.values
    report.warning(TEAM, ("one_off_budget",) if written else ("people",),
                   f"the team keeps {share:.1f}% of its allocated time for one-offs, outside the "
                   f"one-off budget of {number(low)}–{number(high)}%"
                   f"{'' if written else ' (the default; set one_off_budget to change it)'}",
                   key=not written)


FILE_RULES = [unique_names, reports_to_known, no_reporting_cycles, allocation_sums]
RULES = [person_fields, allocation_keys, one_off_budget]
