"""Rules across files: laddering, people, allocations, quarters, slides.

Each rule is a function ``(project, report)`` listed in RULES; to add one, write it in the module
of its topic and list it here. A rule that needs only one file is a function ``(file model,
file_report)`` listed in FILE_RULES under its schema: it runs as soon as that file is typed, so its
findings are reported even when another file is broken and the project cannot be built.

A rule across files names the files it reads with ``@needs``; while one of them cannot be typed at
all, the rule waits, and a note at that file says which checks wait. A file with errors in some of
its parts is still read: what validated of it is checked (``validate.salvage``).
"""
from __future__ import annotations

from typing import Any, Callable, Collection, Sequence

from ...diagnostics import Position, Reporter
from ...load.project import CONTENT
from ...load.source import Source
from ..content import OkrFile, TeamFile
from ..project import Project
from .base import EVERY_FILE, FileReport, Report
from . import deck, files, ladder, okrs, periods, team, theme, titles

SUFFIXES = {"okrs": ".yaml", "slides": ".md"}  # 'okrs/2027-Q1' is content/okrs/2027-Q1.yaml
RULES = [*ladder.RULES, *deck.RULES, *theme.RULES, *team.RULES, *periods.RULES, *titles.RULES, *files.RULES]
FILE_RULES: dict[type, Sequence[Callable[[Any, FileReport], None]]] = {
    TeamFile: team.FILE_RULES,
    OkrFile: okrs.FILE_RULES + periods.FILE_RULES,
}


def check(project: Project, reporter: Reporter, quiet: Collection[str] = ()) -> None:
    """Run every rule whose files could be read; say once per unreadable file which checks wait
    (except for the ``quiet`` ones: a missing file's error says enough)."""
    report = Report(project, reporter)
    waiting: dict[str, list[str]] = {}
    for rule in RULES:
        needed = getattr(rule, "needs", EVERY_FILE)
        waits_on = [file for file in sorted(project.unread) if _reads(needed, file)]
        for file in waits_on:
            waiting.setdefault(file, []).append(getattr(rule, "about", rule.__name__.replace("_", " ")))
        # A quarter or free-form slide file is read alone: the rule still runs on the others.
        if not any(needed is EVERY_FILE or file in needed for file in waits_on):
            rule(project, report)
    for file, checks in waiting.items():
        if file in quiet:
            continue
        source = project.sources.get(file)
        shown = source.path if source else f"{CONTENT}/{file}" + SUFFIXES.get(file.split("/")[0], "")
        reporter.note(f"once this file's errors are fixed, deckgen can also check: {'; '.join(checks)}",
                      Position(shown))


def _reads(needed: frozenset[str], file: str) -> bool:
    """Whether a rule that reads ``needed`` reads ``file`` ('okrs/2027-Q1' is read by 'okrs')."""
    return needed is EVERY_FILE or file in needed or file.split("/", maxsplit=1)[0] in needed


def check_file(model: Any, source: Source, reporter: Reporter, left_out: frozenset[str] = frozenset()) -> None:
    """Run the single-file rules of ``model``'s schema over that file alone (``left_out``: the ids and
    names of its list entries left out for their errors)."""
    report = FileReport(source, reporter, left_out)
    for rule in FILE_RULES.get(type(model), []):
        rule(model, report)
