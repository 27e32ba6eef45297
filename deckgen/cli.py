"""The command line. Thin: it parses options and calls a function in ``deckgen.commands``.

Commands are imported inside each verb so that ``deckgen --help`` stays instant.
"""
from __future__ import annotations

import gc
import sys
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator, Optional

import click

from .builders import DEFAULT_FORMATS, FORMATS
from .errors import DeckgenError


@contextmanager
def _importing() -> Iterator[None]:
    """Import a command's modules with the garbage collector paused, then freeze what they made.

    Importing the pipeline makes only long-lived objects (modules, classes, validators, tables),
    yet allocates enough to set off some 140 collections, a full one among them, each scanning
    what is already there: about 0.06 s of CPU of a build's start-up, 0.02 s of a check's. The
    freeze matters as much as the pause: left young, those objects would all be scanned by the
    first collection the command's work sets off; frozen, no collection scans them again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


#: The collector's first threshold while a build runs (Python's default: 700).
BUILD_THRESHOLD = 10_000


@contextmanager
def _building() -> Iterator[None]:
    """Run a build with young objects collected a fourteenth as often, then as before.

    Nearly everything a build makes (the project, the plan, the deck's XML) lives until its end,
    so each collection scans survivors only to keep them. At the default threshold the 10x
    project sets off some 180 collections, a dozen of them of the middle generation and a full
    one: about 0.04 s of CPU; at this one a dozen young ones, 0.015 s. Garbage in cycles waits
    for 10,000 allocations instead of 700, which holds no more than a few megabytes.
    """
    threshold = gc.get_threshold()
    gc.set_threshold(BUILD_THRESHOLD, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


PROJECT = click.argument("project", type=click.Path(file_okay=False, path_type=Path), default=".")


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from .resources import installed_version

        click.echo(f"deckgen {installed_version()}")
        ctx.exit()


class DeckgenGroup(click.Group):
    """The one place deckgen's errors meet the user: any :class:`~deckgen.errors.DeckgenError` a
    command raises is printed as it says (content errors: their diagnostics and a summary; any
    other: one "Error: ..." line) and ends the command with its exit code (1)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DeckgenError as error:
            for line in error.lines():
                click.echo(line, err=True)
            sys.exit(error.exit_code)


@click.group(cls=DeckgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
              help="Show the version and exit.")
def main() -> None:
    """deckgen: a PMM team's content in, an editable pitch deck and a one-pager out."""


@main.command()
@PROJECT
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(project: Path, strict: bool) -> None:
    """Check the content of PROJECT (default: this folder) and list every problem."""
    with _importing():
        from .commands.check import run_check

    lines, code = run_check(project, strict)
    for line in lines:
        click.echo(line)
    sys.exit(code)


@main.command()
@PROJECT
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write to (default: PROJECT/output).")
@click.option("--format", "formats", multiple=True,
              type=click.Choice([*FORMATS, "all"]),
              help=f"What to build; repeat for several (default: {' and '.join(DEFAULT_FORMATS)}; "
                   "all builds every one): " + "; ".join(f"{name}: {fmt.makes}" for name, fmt in FORMATS.items()))
@click.option("--force", is_flag=True, help="Overwrite files edited by hand or open in PowerPoint.")
def build(project: Path, output: Path | None, formats: tuple[str, ...], force: bool) -> None:
    """Build the deck and the one-pager of PROJECT (default: this folder).

    \b
    Exit codes:
      0  everything was written where asked
      1  content errors, or the build could not finish
      2  wrong command-line options
      3  a file was edited by hand or is open (e.g. in PowerPoint), so it was
         left alone and the new one written beside it; --force overwrites it
    """
    with _importing():
        from .commands.build import EXIT_NOT_OVERWRITTEN, run_build

    with _building():
        built = run_build(project, output, formats, force, lambda line: click.echo(line, err=True))
    _echo(built.lines)
    if built.kept:
        sys.exit(EXIT_NOT_OVERWRITTEN)


@main.command()
@PROJECT
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to serve on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to serve on; the default is reachable from this computer only.")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the browser.")
def serve(project: Path, port: int, host: str, open_browser: bool) -> None:
    """Preview PROJECT (default: this folder) live: every slide and the one-pager, rebuilt on
    every save, with the problems check finds."""
    with _importing():
        from .commands.serve import run_serve

    run_serve(project, host, port, open_browser, click.echo)


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
def init(folder: Path) -> None:
    """Create a deck project in FOLDER (new or empty), copied from the example."""
    with _importing():
        from .commands.init import run_init

    for line in run_init(folder):
        click.echo(line)


def _echo(lines: list[str]) -> None:
    for line in lines:
        click.echo(line)


DRY_RUN = click.option("--dry-run", is_flag=True, help="Show what would change, with diffs; write nothing.")


@main.group()
def okr() -> None:
    """The quarterly OKR update: status, close a quarter, start the next."""


@okr.command("status")
@PROJECT
def okr_status(project: Path) -> None:
    """The quarter ahead and behind: progress, scores, confidence, what needs attention."""
    with _importing():
        from .commands.okr import run_status

    _echo(run_status(project))


@okr.command("close")
@click.argument("words", nargs=-1, metavar="[QUARTER] [PROJECT]")
@DRY_RUN
def okr_close(words: tuple[str, ...], dry_run: bool) -> None:
    """Close QUARTER (default: the quarter behind if open, else the quarter ahead) and score it."""
    with _importing():
        from .commands.arguments import quarter_and_project
        from .commands.okr import run_close

    quarter, project = quarter_and_project(words)
    _echo(run_close(project, quarter, dry_run))


@okr.command("new")
@click.argument("quarter")
@PROJECT
@DRY_RUN
@click.option("--date", "edition", type=click.DateTime(["%Y-%m-%d"]),
              help="Move deck.yaml's edition date to DATE (YYYY-MM-DD); without it the date stays, and is reported.")
@click.option("--skip", is_flag=True, help="Start QUARTER even though it is not the next one.")
def okr_new(quarter: str, project: Path, dry_run: bool, edition: Optional[datetime], skip: bool) -> None:
    """Start QUARTER from the last quarter's unfinished OKRs and make it the quarter ahead."""
    with _importing():
        from .commands.arguments import QUARTER
        from .commands.okr import run_new

    if not QUARTER.match(quarter):
        raise click.BadParameter(f"expected a quarter like 2027-Q2, got '{quarter}'", param_hint="QUARTER")
    _echo(run_new(project, quarter, dry_run, edition.date() if edition else None, skip))


@main.group()
def year() -> None:
    """The yearly refresh: archive the edition and start the next year, or restore one."""


@year.command("new")
@click.argument("new_year", metavar="YEAR", type=click.IntRange(1900, 2999))
@PROJECT
@DRY_RUN
@click.option("--skip", is_flag=True, help="Move to YEAR even though it is not the next year.")
def year_new(new_year: int, project: Path, dry_run: bool, skip: bool) -> None:
    """Archive this edition under archive/<year>/ and move the content to YEAR."""
    with _importing():
        from .commands.year import run_new

    _echo(run_new(project, new_year, dry_run, skip))


@year.command("restore")
@click.argument("old_year", metavar="YEAR", type=click.IntRange(1900, 2999))
@PROJECT
@DRY_RUN
def year_restore(old_year: int, project: Path, dry_run: bool) -> None:
    """Put the archived YEAR edition back; the current one is archived first."""
    with _importing():
        from .commands.year import run_restore

    _echo(run_restore(project, old_year, dry_run))


@main.group()
def template() -> None:
    """Brand templates: see what deckgen makes of one before building with it."""


@template.command("check")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--layout", "layouts", multiple=True, metavar="KIND=NAME",
              help="Try a layouts: entry of deck.yaml, e.g. --layout title='Cover' (repeatable).")
def template_check(file: Path, layouts: tuple[str, ...]) -> None:
    """Read FILE as deckgen will: layouts chosen, placeholders, fonts, what is dropped as unsafe.

    Exits 1 when a deck built on it would break."""
    with _importing():
        from .commands.template import run_template_check

    wanted = dict(item.partition("=")[::2] for item in layouts)
    unknown = sorted(set(wanted) - {"title", "section", "content"})
    if unknown:
        raise click.BadParameter(f"'{unknown[0]}' is not a slide kind: use title, section or content",
                                 param_hint="--layout")
    lines, code = run_template_check(file, wanted)
    for line in lines:
        click.echo(line, err=code != 0)
    sys.exit(code)


@main.command()
@click.argument("words", nargs=-1, metavar="[FROM] [TO] [PROJECT]")
def diff(words: tuple[str, ...]) -> None:
    """What changed between two quarters (2026-Q4) or editions (archive/2026, current)."""
    with _importing():
        from .commands.arguments import split_words
        from .commands.diff import run_diff

    ends, project = split_words(words, 2)
    _echo(run_diff(project, *(ends + [None, None])[:2]))


@main.command()
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path),
              help="Write one NAME.schema.json per content file into this folder.")
def schema(output: Path | None) -> None:
    """Print the JSON Schema of every content file, for editors to check content as you type."""
    with _importing():
        from .commands.schema import run_schema

    for line in run_schema(output):
        click.echo(line)
