"""A short cold start: a command imports only what it needs, so ``deckgen --help`` answers at once
and ``check`` never pays for the deck builder (python-pptx, Jinja, Markdown); and what it imports
is frozen out of the garbage collector's way rather than scanned again and again."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
#: Run a command in a fresh interpreter and print the top-level packages it imported, and how many
#: objects it froze out of the garbage collector's way.
PROBE = """import gc, json, sys
from deckgen.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print(json.dumps({"modules": sorted({name.split('.')[0] for name in sys.modules}),
                  "frozen": gc.get_freeze_count()}))
"""
HEAVY = {"pptx", "jinja2", "markdown", "pydantic", "ruamel", "PIL", "lxml", "nh3"}


def probe(*args: str) -> dict[str, Any]:
    """What ``deckgen ARGS`` run in a fresh interpreter imported and froze."""
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                          cwd=REPO, check=True, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def imported(*args: str) -> set[str]:
    return set(probe(*args)["modules"])


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["check", "--help"]])
def test_help_imports_nothing_heavy(args: list[str]) -> None:
    assert imported(*args) & HEAVY == set()


def test_check_does_not_import_the_deck_builder(example_project: Path) -> None:
    found = imported("check", str(example_project))
    assert "pydantic" in found  # the check did run
    assert found & {"pptx", "jinja2", "markdown"} == set()


def test_check_freezes_what_it_imports(example_project: Path) -> None:
    """The pipeline's modules and classes (some 50,000 objects) are imported with the collector
    paused and then frozen: scanned, they cost a fifth of a check's CPU."""
    assert probe("check", str(example_project))["frozen"] > 20_000
