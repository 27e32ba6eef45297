"""Deck projects for the content-editing commands' tests: copies of the example, edited by text.

Edits are plain text replacements that must match exactly once, so a test breaks loudly when
the example content changes under it instead of silently testing nothing.
"""
from __future__ import annotations

import difflib
import hashlib
import re
import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from deckgen.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "content"
#: A build's clock for tests that compare bytes: 2027-01-01, so a build's bytes are the same every run.
EXAMPLE_EPOCH = {"SOURCE_DATE_EPOCH": "1798761600"}


def copy_example(tmp_path: Path, name: str = "deck") -> Path:
    """A project folder holding a copy of the example content."""
    root = tmp_path / name
    shutil.copytree(EXAMPLE, root / "content")
    return root


def replace(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in a text file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"expected '{old}' once in {path}, found {text.count(old)}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def tree_hash(root: Path) -> str:
    """One digest of every file name and byte under ``root``: equal means nothing changed."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(path.relative_to(root).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run(*args: str) -> Result:
    """``deckgen ARGS`` with no terminal on stdin."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def unified(before: str, after: str) -> list[str]:
    """The changed lines of a diff, without headers or context: ['-old', '+new', ...]."""
    return [line.rstrip("\n") for line in difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def checks_clean(root: Path) -> None:
    """``deckgen check`` has no errors on ``root``."""
    result = run("check", str(root))
    assert result.exit_code == 0, result.output


Q1_CURRENTS = ["80", "33", "90", "300", "5", "37", "70", "2", "40", "20000"]


def fill_currents(root: Path, quarter: str = "2027-Q1", values: list[str] = Q1_CURRENTS) -> None:
    """Give every numeric key result a `current` right below its `target`."""
    path = root / "content" / "okrs" / f"{quarter}.yaml"
    found = iter(values)
    text = re.sub(r"(\n( +)target: [^\n]*\n)", lambda m: f"{m.group(1)}{m.group(2)}current: {next(found)}\n",
                  path.read_text(encoding="utf-8"))
    assert next(found, None) is None
    path.write_text(text, encoding="utf-8")
