"""Rules across files: laddering, people, allocations, quarters, slides.

Each rule is a function ``(project, report)`` listed in RULES; to add one, write it in the module
of its topic and list it here. A rule that needs only one file is a function ``(file model,
file_report)`` listed in FILE_RULES under its schema: it runs as soon as that file is typed, so its
findings are reported even when another file is broken and the project cannot be built.
"""
from __future__ import annotations

from typing import Any, Callable

from ...diagnostics import Reporter
from ...load.source import Source
from ..content import OkrFile, TeamFile
from ..project import Project
from .base import FileReport, Report
from . import deck, ladder, okrs, team, theme

RULES = [*ladder.RULES, *deck.RULES, *theme.RULES, *team.RULES]
FILE_RULES: dict[type, list[Callable[[Any, FileReport], None]]] = {
    TeamFile: team.FILE_RULES,
    OkrFile: okrs.FILE_RULES,
}


def check(project: Project, reporter: Reporter) -> None:
    report = Report(project, reporter)
    for rule in RULES:
        rule(project, report)


def check_file(model: Any, source: Source, reporter: Reporter) -> None:
    """Run the single-file rules of ``model``'s schema over that file alone."""
    report = FileReport(source, reporter)
    for rule in FILE_RULES.get(type(model), []):
        rule(model, report)
