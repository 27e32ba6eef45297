"""What every command does first: finish an interrupted edit, load and model the project, and
decide the edition date."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Mapping, Optional

from ..diagnostics import ContentError, Reporter
from ..edit.journal import recover_in
from ..errors import DeckgenError
from ..load import load_project
from ..model import Project, build_project
from ..model.rules.base import Report
from ..plan.colour_check import check_colours


class SourceDateError(DeckgenError):
    """SOURCE_DATE_EPOCH is set but is not a time; str() says what to write."""


def source_date_epoch(env: Optional[Mapping[str, str]] = None) -> Optional[datetime]:
    """The time SOURCE_DATE_EPOCH fixes (UTC), None when it is unset or empty.

    The one reading of it, for every command: the reproducible-builds convention is a whole
    number of seconds since 1970, and anything else is refused (SourceDateError) rather than
    silently replaced by the current time, which would make "reproducible" builds differ.
    """
    env = os.environ if env is None else env
    raw = env.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        if not raw.isdigit():
            raise ValueError(raw)
        return datetime.fromtimestamp(int(raw), tz=timezone.utc)
    except (ValueError, OverflowError, OSError) as exc:
        raise SourceDateError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 "
                              f"(e.g. 1767225600), got {raw!r}: fix it, or unset it to use today") from exc


def build_date(env: Optional[Mapping[str, str]] = None) -> date:
    """Today, or the day of SOURCE_DATE_EPOCH so that builds are reproducible."""
    fixed = source_date_epoch(env)
    return fixed.date() if fixed else date.today()


@dataclass
class Checked:
    reporter: Reporter
    project: Optional[Project]


def check_project(root: Path, today: Optional[date] = None) -> Checked:
    """Load and model the project, collecting every diagnostic; never raises for bad content."""
    for line in recover_in(root):
        print(line, file=sys.stderr)
    reporter = Reporter()
    raw = load_project(root, reporter)
    project = build_project(raw, reporter, today or build_date())
    if project is not None and (project.template or project.deck.layouts.model_dump(exclude_none=True)):
        from .template import template_diagnostics  # python-pptx only for projects with a template

        template_diagnostics(project, reporter)
    if project is not None and not reporter.errors:
        check_colours(project, Report(project, reporter))
    return Checked(reporter, project if not reporter.errors else None)


def require_project(root: Path, strict: bool = False) -> tuple[Project, Reporter]:
    """A project fit to act on, or ContentError carrying the reasons."""
    checked = check_project(root)
    failing = checked.reporter.errors or (strict and checked.reporter.warnings)
    if checked.project is None or failing:
        raise ContentError(checked.reporter)
    return checked.project, checked.reporter
