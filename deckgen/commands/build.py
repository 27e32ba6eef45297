"""`deckgen build`: check the project, build every asked-for file in memory, then write them.

Nothing is written until everything is built, so a failure (bad content, a broken layout, a
missing program for the PDFs) leaves the output folder as it was. The files and their manifest
are then written as one transaction (a build killed while writing is finished or undone by the
next run), and never over a file that is open in PowerPoint or was edited by hand since
deckgen wrote it: that one is written beside it, e.g. ``deck (deckgen 2).pptx``, unless
``--force``. The whole run holds the project lock, so an edit or another build waits.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, time, timezone
from pathlib import Path
from typing import Callable, Mapping, Optional, Sequence

from ..builders import DEFAULT_FORMATS, FORMATS, BuildRun, Outputs
from ..builders.output import write_outputs
from ..builders.pptx.outputs import measured_fonts
from ..diagnostics import ContentError
from ..edit.journal import JournalError, recover
from ..edit.transaction import WriteError
from ..errors import DeckgenError
from ..lock import locked
from ..model.project import Project
from ..plan.environment import make_environment
from ..resources import builtin_templates
from .common import require_project, source_date_epoch

OUTPUT = "output"
Progress = Callable[[str], None]


#: The exit code of a build that wrote a file beside one it must not overwrite (edited by hand, or
#: open in PowerPoint): the build is done, but not where asked, and a script can tell.
EXIT_NOT_OVERWRITTEN = 3


class BuildError(DeckgenError):
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
    run = BuildRun(project, make_environment(root, builtin_templates()), created)
    built: Outputs = []
    for name in formats_for(formats):
        progress(f"Building {name}")
        built += _build(name, run)
        if name == "pptx":
            for note in measured_fonts(project):
                progress(note)
    folder = output if output is not None else root / OUTPUT
    try:
        for line in recover(folder) if folder.is_dir() else []:
            progress(line)
        lines, kept = write_outputs(folder, built, force)
        return Built(lines, kept)
    except JournalError as error:
        raise BuildError(str(error)) from error
    except WriteError as error:
        then = ("the files of the last build are as they were" if error.undone
                else "deckgen finishes writing them on its next run")
        raise BuildError(f"cannot write {folder / error.path}: {error.reason}; {then}") from error
    except OSError as error:  # the output folder itself cannot be made
        raise BuildError(f"cannot write {error.filename or folder}: {error.strerror or error}") from error


def build_time(project: Project, environ: Mapping[str, str] = os.environ) -> datetime:
    """The files' timestamp: ``SOURCE_DATE_EPOCH`` when set, else the edition date at midnight
    UTC, so that building the same content twice gives the same bytes."""
    fixed = source_date_epoch(environ)
    return fixed or datetime.combine(project.edition_date, time(0), tzinfo=timezone.utc)


def _build(name: str, run: BuildRun) -> Outputs:
    """One format's files; the errors a user can act on become ContentError or BuildError."""
    from ..builders.pdf import ConversionFailed, ProgramMissing
    from ..load.template_package import TemplateError

    try:
        return run.outputs(name)
    except TemplateError as exc:
        from .template import template_error_diagnostics

        raise ContentError(template_error_diagnostics(run.project, exc)) from exc
    except (ProgramMissing, ConversionFailed) as exc:
        raise BuildError(f"cannot make the {name} files: {exc}") from exc
