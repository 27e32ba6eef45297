"""OKRs as terminal lines: scores to one decimal, status label and symbol, confidence.

Colour (click.style) is a help, never the only signal: every status also prints its symbol and
label, so the report reads the same when piped or with NO_COLOR. Scores come from the model's
scoring; nothing is computed here.
"""
from __future__ import annotations

from dataclasses import dataclass

import click

from ..diagnostics import Position
from ..model import Project, Quarter, Status
from ..model.content import KeyResult, Objective, OkrFile
from ..model.scoring import score_text, status_of
from ..plan.formatting import fraction, progress, target, with_unit
from .editing import at

COLOURS = {Status.ON_TRACK: "green", Status.AT_RISK: "yellow", Status.OFF_TRACK: "red",
           Status.MISSED: "red"}
LOW_CONFIDENCE = 0.5
PLANNED = click.style(f"○ {'–':<3} {'Planned':<18}", dim=True)


@dataclass(frozen=True)
class Attention:
    """Something the lead should look at before presenting, and where it is."""

    position: Position
    message: str

    def __str__(self) -> str:
        return f"{self.position}: {self.message}"


def mark(status: Status, score: float) -> str:
    """'● 0.8 On track' in the status colour; the label padded so columns line up."""
    text = f"{status.symbol} {score_text(score)} {status.label:<18}"
    return click.style(text, fg=COLOURS[status], bold=status is Status.MISSED)


def quarter_heading(title: str, okrs: OkrFile, project: Project) -> str:
    label = Quarter.parse(okrs.quarter).label(project.deck.fiscal_year_start)
    head = click.style(f"{title}: {label}", bold=True) + f" · {okrs.state}"
    if okrs.state == "planned":
        return head
    return f"{head} · {mark(status_of(okrs.progress), okrs.progress).rstrip()}"


def quarter_lines(okrs: OkrFile) -> list[str]:
    """Each objective with its key results indented below it."""
    lines = []
    for objective in okrs.objectives:
        lines.append("  " + _objective_line(objective, okrs))
        lines += ["      " + _key_result_line(kr, okrs) for kr in objective.key_results]
    return lines


def _objective_line(objective: Objective, okrs: OkrFile) -> str:
    head = PLANNED if okrs.state == "planned" else mark(okrs.status(objective), objective.progress)
    owner = f" · {objective.owner}" if objective.owner else ""
    return f"{head} {click.style(objective.title, bold=True)}  [{objective.id}{owner}]"


def _key_result_line(kr: KeyResult, okrs: OkrFile) -> str:
    head = PLANNED if okrs.state == "planned" and kr.current is None and kr.score is None \
        else mark(okrs.status(kr), kr.progress)
    details = [progress_text(kr, okrs.state != "planned")]
    if kr.commitment == "committed":
        details.append("committed")
    if kr.confidence is not None:
        details.append(f"confidence {fraction(kr.confidence)}")
    if kr.owner:
        details.append(kr.owner)
    return f"{head} {kr.title}: {' · '.join(details)}"


def progress_text(kr: KeyResult, expect_current: bool = True) -> str:
    """'20% → 80%, now 45%', 'done', '31% → 36%, no current yet', plus a hand-set score: the
    figures as the deck writes them (one formatter)."""
    if kr.is_milestone:
        text = progress(kr).lower()  # the deck's words, in a sentence
    else:
        text = target(kr)
        if kr.current is not None:
            text += f", now {with_unit(kr.current, kr.unit)}"
        elif expect_current:
            text += ", no current yet"
    if kr.score is not None:
        text += f" (score {score_text(kr.score)} set by hand)"
    return text


# What needs attention ---------------------------------------------------------------------------
def attention(project: Project, okrs: OkrFile) -> list[Attention]:
    """No `current` in an active or closed quarter, low confidence, committed results at risk."""
    found = []
    file = f"okrs/{okrs.quarter}"
    for o_index, objective in enumerate(okrs.objectives):
        for k_index, kr in enumerate(objective.key_results):
            where = at(project, file, ("objectives", o_index, "key_results", k_index))
            found += [Attention(where, text) for text in _concerns(kr, okrs)]
    return found


def _concerns(kr: KeyResult, okrs: OkrFile) -> list[str]:
    concerns = []
    name = f"'{kr.title}'"
    if okrs.state != "planned" and not kr.is_milestone and kr.current is None and kr.score is None:
        concerns.append(f"{name} has no `current` yet")
    if not okrs.closed and kr.confidence is not None and kr.confidence < LOW_CONFIDENCE:
        concerns.append(f"{name}: low confidence ({fraction(kr.confidence)})")
    status = okrs.status(kr)
    if kr.commitment == "committed" and okrs.state != "planned" and status is not Status.ON_TRACK:
        if status is Status.MISSED:
            why = "" if kr.note else "; say why in a `note`"
            concerns.append(f"committed {name} missed (score {score_text(kr.progress)}){why}")
        elif kr.progress < 1.0:
            concerns.append(f"committed {name} is {status.label.lower()} (score {score_text(kr.progress)})")
    return concerns
