"""What every layout can use: the project and small views of it, shared by the deck and the page.

The views only select, group and label what the model holds; every number (a score, a share, a
total) comes from the model, so the deck's slides, its titles and the page quote the same figures.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional

from ..model.content import Alignment, BigRock, Objective, OkrFile, Person, Priority
from ..model.intake import IntakeSummary, summarize_intake
from ..model.project import ONE_OFFS, Markdown, Project
from ..model.scoring import ON_TRACK, Status
from ..model.slide_names import in_deck
from .formatting import count, long_date, score
from .markdown import to_elements
from .slides import Text, Theme

if TYPE_CHECKING:
    from ..model.changes import Changes

SEPARATOR = " · "


@dataclass(frozen=True)
class RockGroup:
    """A big rock with the objectives of one quarter that ladder up to it, in file order."""

    rock: BigRock
    objectives: list[Objective]


@dataclass(frozen=True)
class OpenAlignment:
    """A stakeholder who has not (yet) aligned on a big rock."""

    rock: BigRock
    alignment: Alignment


def template_context(project: Project) -> dict[str, Any]:
    """The variables and helpers every layout (slide or page) is rendered with."""
    deck = project.deck
    fiscal = deck.fiscal_year_start
    intake = summarize_intake(project.intake, [r.id for r in project.rocks]) if project.intake else None
    return {
        "project": project, "deck": deck, "theme": theme(project),
        "leader": project.person(deck.leader.name),
        "quarter": project.quarter, "quarter_label": project.quarter.label(fiscal),
        "previous_quarter": project.quarter.previous(),
        "previous_label": project.quarter.previous().label(fiscal),
        "okrs": project.okrs, "previous_okrs": project.previous_okrs,
        "edition": project.edition_date, "footer": footer(project),
        "gaps": unsupported_priorities(project), "open_alignments": open_alignments(project),
        "shares": project.allocation_shares(), "one_offs": ONE_OFFS, "intake": intake,
        "on_track": ON_TRACK, "on_track_label": Status.ON_TRACK.label,
        "by_rock": lambda okrs: objectives_by_rock(project, okrs),
        "count_status": count_status, "results_point": results_point, "photo": lambda person: photo(project, person),
        "plain": plain, "rock_title": lambda rock_id: rock_title(project, rock_id),
        # quarter behind → ahead, only when the deck shows the "changes" slide (so the page does too)
        "changes": _changes(project) if in_deck(project, "changes") else None,
    }


def _changes(project: Project) -> Optional[Changes]:
    """Quarter behind → ahead; what compares them is imported only for a deck that shows them."""
    from ..model.changes import quarter_changes

    return quarter_changes(project)


def theme(project: Project) -> Theme:
    """deck.yaml's theme with its defaults filled in: headings use the body font unless told."""
    given = project.deck.theme
    return Theme(given.primary, given.accent, given.font, given.heading_font or given.font)


def footer(project: Project) -> str:
    """The footer line: confidentiality · team · edition date (the builder adds the slide number)."""
    deck = project.deck
    parts = [deck.confidentiality, deck.team, long_date(project.edition_date)]
    return SEPARATOR.join(part for part in parts if part)


def objectives_by_rock(project: Project, okrs: OkrFile) -> list[RockGroup]:
    """The quarter's objectives grouped under their big rocks, rocks in priority order."""
    groups = [RockGroup(rock, [o for o in okrs.objectives if o.rock == rock.id]) for rock in project.rocks]
    return [group for group in groups if group.objectives]


def count_status(okrs: OkrFile, items: list[Any], status: str) -> int:
    """How many of ``items`` (objectives or key results of ``okrs``) have ``status``."""
    return sum(1 for item in items if okrs.status(item) == Status(status))


def results_point(okrs: OkrFile) -> str:
    """What a quarter's results come to, in one line that never hides a miss: '2026-Q4 closed at
    0.8: all three objectives on track; one committed key result missed'. The results slide's
    title (or, under a hand-set `headline`, its subtitle) and the page's results say it alike."""
    objectives = okrs.objectives
    total, ahead = len(objectives), count_status(okrs, objectives, "on-track")
    off = count_status(okrs, objectives, "off-track")
    missed = count_status(okrs, [kr for o in objectives for kr in o.key_results], "missed")
    if ahead == total:
        which = "the one objective" if total == 1 else "both objectives" if total == 2 else \
            f"all {count(total, 'objective')}"
    else:
        which = "no objective" if ahead == 0 else f"{count(ahead)} of {count(total, 'objective')}"
    point = f"{okrs.quarter} {'closed' if okrs.closed else 'stands'} at {score(okrs.progress)}: {which} on track"
    if off:
        point += f", {'all ' if off == total > 1 else ''}{count(off)} off track"
    if missed:
        point += f"; {count(missed, 'committed key result')} missed"
    return point


def unsupported_priorities(project: Project) -> list[Priority]:
    """Company priorities that no big rock supports: gaps the ladder shows."""
    return [p for p in project.company.priorities if not project.rocks_supporting(p.id)]


def open_alignments(project: Project) -> list[OpenAlignment]:
    return [OpenAlignment(rock, a) for rock in project.rocks for a in rock.alignment if a.status != "aligned"]


def rock_title(project: Project, rock_id: str) -> str:
    rock = project.rock(rock_id)
    return rock.title if rock else rock_id


def photo(project: Project, person: Person) -> Optional[bytes]:
    """The bytes of a person's photo (named relative to team.yaml), when there is one."""
    source = project.sources.get("team.yaml")
    if not person.photo or source is None:
        return None
    return project.asset(source.path, person.photo)


def plain(body: Markdown) -> str:
    """A Markdown body as plain lines, for speaker notes (which carry no formatting)."""
    lines = [p.text for e in to_elements(body, lambda ref: None) if isinstance(e, Text) for p in e.paragraphs]
    return "\n".join(line for line in lines if line.strip())


__all__ = ["IntakeSummary", "OpenAlignment", "RockGroup", "template_context"]
