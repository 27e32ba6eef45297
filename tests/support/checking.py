"""Running `deckgen check` in tests and pointing at the place a diagnostic should name.

Positions are found in the content as the test left it (the line holding a unique piece of text and
the column of a token on it), so a test asserts the exact file:line:col without copying numbers
that silently go stale when the example content grows.
"""
from __future__ import annotations

from pathlib import Path

from deckgen.commands.check import run_check


def diagnostics(root: Path, strict: bool = False, notes: bool = False) -> list[str]:
    """Every problem `deckgen check` prints for ``root``, without the summary line; with ``notes``,
    also the notes saying which checks across files wait for a file's errors (tests of one
    message leave those out: they are asserted where the waiting is the point)."""
    lines, _ = run_check(root, strict)
    return [line for line in lines[:-1] if notes or ": note: " not in line]


def lines_with(root: Path, file: str, line_text: str, exact: bool = False) -> list[int]:
    """The numbers of the lines of ``content/FILE`` that hold ``line_text`` (or are it, with ``exact``)."""
    lines = (root / "content" / file).read_text(encoding="utf-8").split("\n")
    return [n for n, line in enumerate(lines, 1)
            if (line.strip() == line_text.strip() if exact else line_text in line)]


def at(root: Path, file: str, line_text: str, token: str | None = None, exact: bool = False) -> str:
    """``content/FILE:LINE:COL``: the one line of the file holding ``line_text`` (being it, stripped, with
    ``exact``), and the column where ``token`` (default: ``line_text``) starts on it."""
    lines = (root / "content" / file).read_text(encoding="utf-8").split("\n")
    found = lines_with(root, file, line_text, exact)
    assert len(found) == 1, f"expected one line with {line_text!r} in {file}, found {len(found)}"
    column = lines[found[0] - 1].index(token if token is not None else line_text) + 1
    return f"content/{file}:{found[0]}:{column}"


def only(root: Path, expected: str) -> None:
    """`deckgen check` reports exactly ``expected`` and nothing else."""
    found = diagnostics(root)
    assert found == [expected], "\n".join(["expected:", expected, "found:", *found])
