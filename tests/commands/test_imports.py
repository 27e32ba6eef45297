"""A short cold start: a command imports only what it needs, so ``deckgen --help`` answers at once
and ``check`` never pays for the deck builder (python-pptx, Jinja, Markdown)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
#: Run a command in a fresh interpreter and print the top-level packages it imported.
PROBE = """import json, sys
from deckgen.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))
"""
HEAVY = {"pptx", "jinja2", "markdown", "pydantic", "ruamel", "PIL", "lxml", "nh3"}


def imported(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                          cwd=REPO, check=True, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["check", "--help"]])
def test_help_imports_nothing_heavy(args: list[str]) -> None:
    assert imported(*args) & HEAVY == set()


def test_check_does_not_import_the_deck_builder(example_project: Path) -> None:
    found = imported("check", str(example_project))
    assert "pydantic" in found  # the check did run
    assert found & {"pptx", "jinja2", "markdown"} == set()
