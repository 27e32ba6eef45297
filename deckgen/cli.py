"""The command line. Thin: it parses options and calls a function in ``deckgen.commands``.

Commands are imported inside each verb so that ``deckgen --help`` stays instant.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .diagnostics import ContentError

PROJECT = click.argument("project", type=click.Path(file_okay=False, path_type=Path), default=".")


def _fail_on_content(error: ContentError) -> None:
    for diagnostic in error.reporter.sorted():
        click.echo(str(diagnostic), err=True)
    click.echo(error.reporter.summary(), err=True)
    sys.exit(1)


class DeckgenGroup(click.Group):
    """Turns content errors raised by any command into diagnostics and exit code 1."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except ContentError as error:
            _fail_on_content(error)


@click.group(cls=DeckgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="deckgen")
def main() -> None:
    """deckgen: a PMM team's content in, an editable pitch deck and a one-pager out."""


@main.command()
@PROJECT
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(project: Path, strict: bool) -> None:
    """Check the content of PROJECT (default: this folder) and list every problem."""
    from .commands.check import run_check

    lines, code = run_check(project, strict)
    for line in lines:
        click.echo(line)
    sys.exit(code)


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
def init(folder: Path) -> None:
    """Create a deck project in FOLDER (new or empty), copied from the example."""
    from .commands.init import InitError, run_init

    try:
        lines = run_init(folder)
    except InitError as error:
        raise click.ClickException(str(error)) from error
    for line in lines:
        click.echo(line)
