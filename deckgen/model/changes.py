"""What changed between two quarters or two editions, for the stakeholder review.

Computed once here so that ``deckgen diff``, the "What changed" slide and the one-pager section
say the same thing. A side of the comparison is a ``Snapshot``: a quarter has only its OKRs; an
edition (the current content, or one archived under ``archive/YEAR``) also has its big rocks and
its people, and brings the OKRs of its quarter ahead.

Objectives match by id; key results match by title within their objective (ignoring case and
spacing); big rocks by id; a stakeholder's alignment by stakeholder within its big rock (ignoring
case); people by name. The words of a change (how its values read) are the plan's
(``plan.formatting.change``), so that the terminal and the deck print figures alike.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from .content import BigRock, CharterFront, KeyResult, Objective, OkrFile, Person
from .project import Project

ADDED, DROPPED, CHANGED, RERANKED = "added", "dropped", "changed", "re-ranked"
JOINED, LEFT = "joined", "left"


@dataclass(frozen=True)
class Snapshot:
    """One side of a comparison; ``rocks`` and ``people`` are None for a bare quarter."""

    label: str
    okrs: Optional[OkrFile]
    rocks: Optional[list[BigRock]] = None
    people: Optional[list[Person]] = None
    charter: Optional[CharterFront] = None

    @classmethod
    def of_quarter(cls, project: Project, quarter: str) -> "Snapshot":
        return cls(quarter, project.quarters.get(quarter))

    @classmethod
    def of_edition(cls, project: Project, label: str) -> "Snapshot":
        """A whole edition: its big rocks (with their alignments), people, charter, and the OKRs
        of its quarter ahead."""
        return cls(label, project.quarters.get(project.deck.quarter), list(project.rocks),
                   list(project.team.people), project.charter.front)


@dataclass(frozen=True)
class FieldChange:
    """One field that moved: the target from 36 to 39 (``unit`` %, when both sides share it)."""

    field: str
    old: Any
    new: Any
    unit: Optional[str] = None


@dataclass(frozen=True)
class RockChange:
    kind: str  # added | dropped | re-ranked | changed
    id: str
    title: str
    old_rank: Optional[int] = None  # 1-based
    new_rank: Optional[int] = None
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class KeyResultChange:
    kind: str  # added | dropped | changed
    objective: str  # the objective id
    title: str
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class ObjectiveChange:
    """An objective added, dropped or changed; a changed one lists its key results' changes."""

    kind: str  # added | dropped | changed
    id: str
    title: str
    rock: str
    fields: tuple[FieldChange, ...] = ()
    key_results: tuple[KeyResultChange, ...] = ()


@dataclass(frozen=True)
class AlignmentChange:
    """A stakeholder's alignment on a big rock added, dropped, or changed (status, date, note)."""

    kind: str  # added | dropped | changed
    rock: str  # the big rock id
    stakeholder: str
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class PersonChange:
    kind: str  # joined | left | changed
    name: str
    role: str
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class Changes:
    """Everything that changed from ``before`` to ``after``, grouped as the review reads it.

    ``rocks``, ``alignments``, ``people`` and ``charter`` are None when one side is a bare quarter
    (nothing to compare).
    """

    before: str
    after: str
    objectives: list[ObjectiveChange] = field(default_factory=list)
    rocks: Optional[list[RockChange]] = None
    people: Optional[list[PersonChange]] = None
    alignments: Optional[list[AlignmentChange]] = None
    charter: Optional[tuple[FieldChange, ...]] = None

    @property
    def empty(self) -> bool:
        return not (self.objectives or self.rocks or self.people or self.alignments or self.charter)

    @property
    def key_results(self) -> list[KeyResultChange]:
        """Key results added, dropped or changed under objectives present on both sides."""
        return [kr for objective in self.objectives for kr in objective.key_results]


def changes_between(before: Snapshot, after: Snapshot) -> Changes:
    """Compare two snapshots; sides without rocks or people leave those groups out (None)."""
    both = before.rocks is not None and after.rocks is not None
    people = before.people is not None and after.people is not None
    return Changes(
        before.label, after.label,
        objectives=_objectives(before.okrs, after.okrs),
        rocks=_rocks(before.rocks or [], after.rocks or []) if both else None,
        people=_people(before.people or [], after.people or []) if people else None,
        alignments=_alignments(before.rocks or [], after.rocks or []) if both else None,
        charter=_charter(before.charter, after.charter)
        if before.charter is not None and after.charter is not None else None,
    )


def quarter_changes(project: Project) -> Optional[Changes]:
    """The quarter behind → the quarter ahead, as the deck and the one-pager show it.

    None when the quarter behind has no file (a first quarter): there is nothing to compare.
    """
    behind = str(project.quarter.previous())
    if behind not in project.quarters:
        return None
    return changes_between(Snapshot.of_quarter(project, behind),
                           Snapshot.of_quarter(project, project.deck.quarter))


# Big rocks --------------------------------------------------------------------------------------
def _rocks(before: list[BigRock], after: list[BigRock]) -> list[RockChange]:
    old = {r.id: (i + 1, r) for i, r in enumerate(before)}
    new = {r.id: (i + 1, r) for i, r in enumerate(after)}
    found = [RockChange(ADDED, r.id, r.title, new_rank=rank) for r_id, (rank, r) in new.items()
             if r_id not in old]
    found += [RockChange(DROPPED, r.id, r.title, old_rank=rank) for r_id, (rank, r) in old.items()
              if r_id not in new]
    common_old = [r.id for r in before if r.id in new]
    common_new = [r.id for r in after if r.id in old]
    for r_id in common_new:
        (old_rank, was), (new_rank, now) = old[r_id], new[r_id]
        if common_old.index(r_id) != common_new.index(r_id):
            found.append(RockChange(RERANKED, r_id, now.title, old_rank, new_rank))
        fields = _fields(was, now, ("title", "owner", "supports"))
        if fields:
            found.append(RockChange(CHANGED, r_id, now.title, old_rank, new_rank, fields))
    return found


def _alignments(before: list[BigRock], after: list[BigRock]) -> list[AlignmentChange]:
    """Per big rock on both sides, in the new rock order: each stakeholder's status, date and note."""
    old_rocks = {r.id: r for r in before}
    found: list[AlignmentChange] = []
    for rock in after:
        if rock.id not in old_rocks:
            continue
        old = {a.stakeholder.casefold(): a for a in old_rocks[rock.id].alignment}
        new = {a.stakeholder.casefold(): a for a in rock.alignment}
        found += [AlignmentChange(ADDED, rock.id, a.stakeholder) for key, a in new.items() if key not in old]
        found += [AlignmentChange(DROPPED, rock.id, a.stakeholder) for key, a in old.items() if key not in new]
        for key, now in new.items():
            fields = _fields(old[key], now, ("status", "on", "note")) if key in old else ()
            if fields:
                found.append(AlignmentChange(CHANGED, rock.id, now.stakeholder, fields))
    return found


def _charter(before: CharterFront, after: CharterFront) -> tuple[FieldChange, ...]:
    """The charter's front matter that moved; approvals read as 'who (date)'."""
    fields = _fields(before, after, ("mission", "owns", "partners_on", "does_not_own", "valid_through"))
    approvals = [[f"{a.by} ({a.on})" for a in side.approved] for side in (before, after)]
    old, new = approvals
    return fields + ((FieldChange("approved", old, new),) if old != new else ())


# Objectives and key results ---------------------------------------------------------------------
def _objectives(before: Optional[OkrFile], after: Optional[OkrFile]) -> list[ObjectiveChange]:
    old = {o.id: o for o in (before.objectives if before else [])}
    new = {o.id: o for o in (after.objectives if after else [])}
    found = [_objective(ADDED, o) for o_id, o in new.items() if o_id not in old]
    found += [_objective(DROPPED, o) for o_id, o in old.items() if o_id not in new]
    for o_id, now in new.items():
        if o_id in old:
            fields = _fields(old[o_id], now, ("title", "rock", "owner"))
            key_results = tuple(_key_results(old[o_id], now))
            if fields or key_results:
                found.append(_objective(CHANGED, now, fields, key_results))
    return found


def _objective(kind: str, objective: Objective, fields: tuple[FieldChange, ...] = (),
               key_results: tuple[KeyResultChange, ...] = ()) -> ObjectiveChange:
    return ObjectiveChange(kind, objective.id, objective.title, objective.rock, fields, key_results)


def _title_key(title: str) -> str:
    return " ".join(title.lower().split())


def _key_results(before: Objective, after: Objective) -> list[KeyResultChange]:
    old = {_title_key(kr.title): kr for kr in before.key_results}
    new = {_title_key(kr.title): kr for kr in after.key_results}
    found = [KeyResultChange(ADDED, after.id, kr.title) for key, kr in new.items() if key not in old]
    found += [KeyResultChange(DROPPED, after.id, kr.title) for key, kr in old.items() if key not in new]
    for key, now in new.items():
        if key in old:
            fields = _kr_fields(old[key], now)
            if fields:
                found.append(KeyResultChange(CHANGED, after.id, now.title, fields))
    return found


def _kr_fields(was: KeyResult, now: KeyResult) -> tuple[FieldChange, ...]:
    if was.is_milestone != now.is_milestone:
        kinds = ("milestone", "numeric")
        return (FieldChange("kind", kinds[not was.is_milestone], kinds[not now.is_milestone]),)
    unit = now.unit if was.unit == now.unit else None
    moved = tuple(FieldChange(name, getattr(was, name), getattr(now, name), unit)
                  for name in ("baseline", "target") if getattr(was, name) != getattr(now, name))
    return moved + _fields(was, now, ("unit", "owner", "commitment"))


# People -----------------------------------------------------------------------------------------
def _people(before: list[Person], after: list[Person]) -> list[PersonChange]:
    old = {p.name: p for p in before}
    new = {p.name: p for p in after}
    found = [PersonChange(JOINED, p.name, p.role) for name, p in new.items() if name not in old]
    found += [PersonChange(LEFT, p.name, p.role) for name, p in old.items() if name not in new]
    for name, now in new.items():
        if name in old:
            fields = _fields(old[name], now, ("role", "reports_to"))
            if fields:
                found.append(PersonChange(CHANGED, name, now.role, fields))
    return found


# Shared -----------------------------------------------------------------------------------------
def _fields(was: Any, now: Any, names: tuple[str, ...]) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(name, getattr(was, name), getattr(now, name))
                 for name in names if getattr(was, name) != getattr(now, name))

