"""`deckgen build`: check the project, build every asked-for file in memory, then write them.

Nothing is written until everything is built, so a failure (bad content, a broken layout, a
missing program for the PDFs) leaves the output folder as it was. Each file is then written
atomically, and never over a file that is open in PowerPoint or was edited by hand since
deckgen wrote it: that one is written beside it, e.g. ``deck (deckgen 2).pptx``, unless
``--force``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, time, timezone
from pathlib import Path
from typing import Callable, Mapping, Optional, Sequence

from ..builders import FORMATS, Outputs, output_builder
from ..builders.pptx.outputs import measured_fonts
from ..builders.output import OverwriteRefused, check_overwrite, write_output
from ..diagnostics import ContentError
from ..lock import locked
from ..model.project import Project
from ..plan.environment import make_environment
from ..resources import builtin_templates
from .common import require_project, source_date_epoch

#: What ``deckgen build`` writes when no ``--format`` is given.
DEFAULT_FORMATS = ("pptx", "html")
OUTPUT = "output"
Progress = Callable[[str], None]


#: The exit code of a build that wrote a file beside one it must not overwrite (edited by hand, or
#: open in PowerPoint): the build is done, but not where asked, and a script can tell.
EXIT_NOT_OVERWRITTEN = 3


class BuildError(Exception):
    """The build cannot finish (not the content's fault); str() says why and what to do."""


@dataclass(frozen=True)
class Built:
    """What a build wrote: a line per file, and the files it left alone (written beside instead)."""

    lines: list[str]
    kept: list[Path]


def formats_for(asked: Sequence[str]) -> list[str]:
    """The formats to build, in registry order: the default ones, every one for 'all'."""
    names = set(asked or DEFAULT_FORMATS)
    return [name for name in FORMATS if "all" in names or name in names]


@locked("build")
def run_build(root: Path, output: Optional[Path], formats: Sequence[str], force: bool,
              progress: Progress, environ: Mapping[str, str] = os.environ) -> Built:
    """Build ``formats`` for the project at ``root`` into ``output`` (default ``root/output``);
    what was written, and where. Raises ContentError or BuildError."""
    progress(f"Checking {root}")
    project, reporter = require_project(root)
    for warning in reporter.sorted():
        progress(str(warning))
    created = build_time(project, environ)
    env = make_environment(root, builtin_templates())
    built: Outputs = []
    for name in formats_for(formats):
        progress(f"Building {name}")
        built += _build(name, project, env, created)
        if name == "pptx":
            for note in measured_fonts(project):
                progress(note)
    folder = output if output is not None else root / OUTPUT
    written = [_write(folder / file_name, data, force) for file_name, data in built]
    return Built([line for line, _ in written], [kept for _, kept in written if kept])


def build_time(project: Project, environ: Mapping[str, str] = os.environ) -> datetime:
    """The files' timestamp: ``SOURCE_DATE_EPOCH`` when set, else the edition date at midnight
    UTC, so that building the same content twice gives the same bytes."""
    fixed = source_date_epoch(environ)
    return fixed or datetime.combine(project.edition_date, time(0), tzinfo=timezone.utc)


def _build(name: str, project: Project, env, created: datetime) -> Outputs:  # noqa: ANN001
    """One format's files; the errors a user can act on become ContentError or BuildError."""
    from ..builders.pdf import ConversionFailed, ProgramMissing
    from ..builders.pptx.template import TemplateError

    try:
        return output_builder(name)(project, env, created)
    except TemplateError as exc:
        from .template import template_error_diagnostics

        raise ContentError(template_error_diagnostics(project, exc)) from exc
    except (ProgramMissing, ConversionFailed) as exc:
        raise BuildError(f"cannot make the {name} files: {exc}") from exc


def _write(target: Path, data: bytes, force: bool) -> tuple[str, Optional[Path]]:
    """Write ``target``, or beside it when it must not be overwritten; say which, and return the
    target when it was left alone."""
    try:
        try:
            write_output(target, data, force=force)
            return f"Wrote {target}", None
        except OverwriteRefused as refused:
            beside = beside_path(target)
            write_output(beside, data)
            return (f"Not overwritten: {refused}. Wrote {beside} instead "
                    f"(use --force to overwrite {target.name})."), target
    except OSError as exc:
        raise BuildError(f"cannot write {exc.filename or target}: {exc.strerror or exc}") from exc


def beside_path(target: Path) -> Path:
    """The first ``<stem> (deckgen N)<suffix>`` beside ``target`` that deckgen may write."""
    n = 2
    while True:
        candidate = target.with_name(f"{target.stem} (deckgen {n}){target.suffix}")
        if check_overwrite(candidate) is None:
            return candidate
        n += 1
