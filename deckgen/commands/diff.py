"""`deckgen diff [FROM] [TO]`: what changed, in plain text grouped for the stakeholder review.

An endpoint is a quarter of the current content (``2026-Q4``: its OKR file), an archived edition
(``archive/2026``: its big rocks, people and quarter-ahead OKRs) or ``current`` (this edition).
Defaults: the quarter behind → the quarter ahead; with only FROM, TO is the quarter ahead for a
quarter and the current edition for an edition. The comparison itself is ``model.changes``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..model import Project
from ..model.changes import (CHANGED, Changes, FieldChange, KeyResultChange, ObjectiveChange, Snapshot,
                             changes_between)
from ..plan.formatting import change
from .arguments import CURRENT, EDITION
from .common import require_project
from .editing import at, refuse

SIGNS = {"added": "+", "joined": "+", "dropped": "-", "left": "-", "changed": "~", "re-ranked": "↕"}


def run_diff(root: Path, before: Optional[str], after: Optional[str]) -> list[str]:
    project, _ = require_project(root)
    before = before or str(project.quarter.previous())
    if after is None:
        after = CURRENT if EDITION.match(before) else project.deck.quarter
    changes = changes_between(snapshot(root, project, before), snapshot(root, project, after))
    return render(changes)


def snapshot(root: Path, project: Project, endpoint: str) -> Snapshot:
    """The side of the comparison an endpoint names; an archived edition must check clean."""
    if endpoint == CURRENT:
        return Snapshot.of_edition(project, f"current edition ({project.deck.year})")
    if EDITION.match(endpoint):
        folder = root / endpoint.rstrip("/")
        if not (folder / "content").is_dir():
            raise refuse(f"no archived edition '{endpoint}' (expected {endpoint.rstrip('/')}/content/)",
                         at(project, "deck.yaml", ("year",)))
        archived, _ = require_project(folder)
        return Snapshot.of_edition(archived, endpoint.rstrip("/"))
    if endpoint not in project.quarters:
        known = ", ".join(sorted(project.quarters))
        raise refuse(f"no OKR file for {endpoint} (quarters: {known})", at(project, f"okrs/{endpoint}"))
    return Snapshot.of_quarter(project, endpoint)


def render(changes: Changes) -> list[str]:
    """Grouped plain text: big rocks, stakeholder alignment, charter, objectives and key results,
    people; figures as the deck writes them."""
    lines = [f"Changes from {changes.before} to {changes.after}"]
    if changes.empty:
        return lines + ["", "No changes."]
    if changes.rocks:
        lines += ["", "Big rocks:"]
        for rock in changes.rocks:
            ranks = f"#{rock.old_rank} → #{rock.new_rank}" if rock.kind == "re-ranked" else \
                f"#{rock.new_rank or rock.old_rank}"
            detail = _fields(rock.fields) if rock.kind == CHANGED else ranks
            lines.append(f"  {SIGNS[rock.kind]} {rock.kind:<9} {rock.id}: {rock.title} ({detail})")
    if changes.alignments:
        lines += ["", "Stakeholder alignment:"]
        for moved in changes.alignments:
            detail = f" ({_fields(moved.fields)})" if moved.fields else ""
            lines.append(f"  {SIGNS[moved.kind]} {moved.kind:<9} {moved.rock}: {moved.stakeholder}{detail}")
    if changes.charter:
        lines += ["", "Charter:"] + [f"  {SIGNS[CHANGED]} {change(moved)}" for moved in changes.charter]
    if changes.objectives:
        lines += ["", "Objectives and key results:"]
        for objective in changes.objectives:
            lines += _objective(objective)
    if changes.people:
        lines += ["", "People:"]
        for person in changes.people:
            detail = f": {_fields(person.fields)}" if person.kind == CHANGED else ""
            lines.append(f"  {SIGNS[person.kind]} {person.kind:<9} {person.name} ({person.role}){detail}")
    return lines


def _objective(objective: ObjectiveChange) -> list[str]:
    detail = f" ({_fields(objective.fields)})" if objective.fields else f" (rock {objective.rock})" \
        if objective.kind != CHANGED else ""
    lines = [f"  {SIGNS[objective.kind]} {objective.kind:<9} {objective.id}: {objective.title}{detail}"]
    return lines + [_key_result(kr) for kr in objective.key_results]


def _key_result(kr: KeyResultChange) -> str:
    detail = f": {_fields(kr.fields)}" if kr.fields else ""
    return f"      {SIGNS[kr.kind]} {kr.kind:<9} {kr.title}{detail}"


def _fields(fields: tuple[FieldChange, ...]) -> str:
    return "; ".join(change(f) for f in fields)
