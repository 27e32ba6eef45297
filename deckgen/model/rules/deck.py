"""deck.yaml and the edition: the quarter ahead's file, the leader, the slide list."""
from __future__ import annotations

from ..project import Project
from .base import Report


def quarter_ahead_exists(project: Project, report: Report) -> None:
    if project.deck.quarter not in project.quarters:
        report.error("deck.yaml", ("quarter",),
                     f"no OKR file for the quarter ahead: create content/okrs/{project.deck.quarter}.yaml")


RULES = [quarter_ahead_exists]
