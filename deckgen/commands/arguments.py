"""Optional positional arguments that come before PROJECT: told apart by their form.

``deckgen okr close [QUARTER] [PROJECT]`` and ``deckgen diff [FROM] [TO] [PROJECT]`` take up to
three optional words. A word shaped like a quarter (``2027-Q1``), an archived edition
(``archive/2026``) or the word ``current`` is an endpoint; anything else is the project folder,
which comes last. A project folder that looks like a quarter is written ``./2027-Q1``.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Optional

import click

from ..model.quarters import QUARTER_PATTERN

QUARTER = re.compile(QUARTER_PATTERN)
EDITION = re.compile(r"^archive/\d{4}/?$")
CURRENT = "current"


def is_endpoint(word: str) -> bool:
    return bool(QUARTER.match(word) or EDITION.match(word) or word == CURRENT)


def split_words(words: tuple[str, ...], most: int,
                accepts: Callable[[str], bool] = is_endpoint) -> tuple[list[str], Path]:
    """The leading endpoint words (at most ``most``) and the project folder (default '.')."""
    leading = list(words)
    project = Path(".")
    if leading and not accepts(leading[-1]):
        project = Path(leading.pop())
    bad = [w for w in leading if not accepts(w)]
    if bad:
        raise click.UsageError(f"'{bad[0]}' is neither a quarter like 2027-Q1 nor an edition like "
                               "archive/2026; a project folder comes last")
    if len(leading) > most:
        raise click.UsageError(f"expected at most {most} of quarters or editions before the project, "
                               f"got {len(leading)}")
    return leading, project


def quarter_and_project(words: tuple[str, ...]) -> tuple[Optional[str], Path]:
    """For ``[QUARTER] [PROJECT]``."""
    leading, project = split_words(words, 1, lambda w: bool(QUARTER.match(w)))
    return (leading[0] if leading else None), project
