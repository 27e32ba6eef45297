"""`deckgen check`: report everything wrong with a project, like a compiler would."""
from __future__ import annotations

from pathlib import Path

from .common import check_project


def run_check(root: Path, strict: bool) -> tuple[list[str], int]:
    """The lines to print (sorted diagnostics, then a summary) and the exit code."""
    reporter = check_project(root).reporter
    lines = [str(d) for d in reporter.sorted()]
    lines.append(reporter.summary())
    failed = bool(reporter.errors) or (strict and bool(reporter.warnings))
    return lines, 1 if failed else 0
