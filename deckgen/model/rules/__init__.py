"""Rules across files: laddering, people, allocations, quarters, slides.

Each rule is a function ``(project, report)`` listed in RULES; to add one, write it in the module
of its topic and list it here.
"""
from __future__ import annotations

from ...diagnostics import Reporter
from ..project import Project
from .base import Report
from . import deck, ladder, theme

RULES = [*ladder.RULES, *deck.RULES, *theme.RULES]


def check(project: Project, reporter: Reporter) -> None:
    report = Report(project, reporter)
    for rule in RULES:
        rule(project, report)
