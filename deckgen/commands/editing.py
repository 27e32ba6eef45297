"""What the commands that change content share: refusing, locating, and applying a transaction.

A refusal is a diagnostic like any content error (``file:line:col: error: ...``, exit 1), so the
user reads every "no" the same way. Changes go through one ``Transaction``: the command prints
what it changed, or with ``--dry-run`` what it would change and the unified diff of each file.
A disk error (full, read-only, failing) is a refusal too, naming the content file, after the
transaction has put everything back.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..diagnostics import ContentError, Position, Reporter, relative
from ..edit.transaction import Transaction, WriteError
from ..model import Project

CONTENT = "content"


def refuse(message: str, position: Position) -> ContentError:
    """A ContentError holding one error; raise it."""
    reporter = Reporter()
    reporter.error(message, position)
    return ContentError(reporter)


def refuse_all(found: list[tuple[str, Position]]) -> ContentError:
    reporter = Reporter()
    for message, position in found:
        reporter.error(message, position)
    return ContentError(reporter)


def at(project: Project, file: str, loc: tuple[Any, ...] = ()) -> Position:
    """Where ``loc`` is in a content file ('deck.yaml', 'okrs/2027-Q1'), as diagnostics show it."""
    source = project.sources.get(file)
    if source is None:
        name = file if "." in file.rsplit("/", 1)[-1] else f"{file}.yaml"
        return Position(f"{CONTENT}/{name}")
    return source.position(loc)


def okr_path(root: Path, quarter: str) -> Path:
    return root / CONTENT / "okrs" / f"{quarter}.yaml"


def path_position(path: Path, root: Path) -> Position:
    """A file or folder named in a refusal (no line: it is the thing itself)."""
    return Position(relative(path, root))


def apply(transaction: Transaction, dry_run: bool) -> list[str]:
    """Commit (or with ``dry_run`` only describe) the transaction; the lines to print."""
    changes = transaction.summary()
    if not changes:
        return ["Nothing to change."]
    if dry_run:
        lines = ["Would change (dry run, nothing written):"]
        lines += [f"  {line}" for line in changes]
        for diff in transaction.diffs():
            lines += ["", diff.rstrip("\n")]
        return lines
    try:
        transaction.commit()
    except WriteError as error:
        then = "nothing was changed" if error.undone else "deckgen finishes or undoes the change on its next run"
        raise refuse(f"cannot write: {error.reason}; {then}", Position(error.path)) from error
    return ["Changed:"] + [f"  {line}" for line in changes]

