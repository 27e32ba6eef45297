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

from tests.support.projects import replace

REPO = Path(__file__).resolve().parents[2]
#: Run a command in a fresh interpreter and print the modules it imported, and how many objects it
#: froze out of the garbage collector's way.
PROBE = """import gc, json, sys
from deckgen.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print(json.dumps({"modules": sorted(sys.modules), "frozen": gc.get_freeze_count()}))
"""
HEAVY = {"pptx", "jinja2", "markdown", "pydantic", "ruamel", "PIL", "lxml", "nh3"}


def probe(*args: str, cache: Path | None = None) -> dict[str, Any]:
    """What ``deckgen ARGS`` run in a fresh interpreter imported and froze (with ``cache`` as its
    XDG_CACHE_HOME, when given)."""
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"} | ({"XDG_CACHE_HOME": str(cache)} if cache else {})
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                          cwd=REPO, check=True, env=env)
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def imported(*args: str) -> set[str]:
    """The top-level packages ``deckgen ARGS`` imported."""
    return {name.split(".")[0] for name in probe(*args)["modules"]}


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


def test_yaml_read_from_the_cache_needs_no_yaml_parser(example_project: Path, tmp_path: Path) -> None:
    """A second check of unchanged files reads every YAML document from the cache folder, so it
    does not import ruamel.yaml at all."""
    first = probe("check", str(example_project), cache=tmp_path / "cache")["modules"]
    again = probe("check", str(example_project), cache=tmp_path / "cache")["modules"]
    assert "ruamel.yaml" in first
    assert "pydantic" in again and "ruamel.yaml" not in again


def test_a_deck_without_a_chart_does_not_import_the_workbook_writer(example_project: Path, tmp_path: Path) -> None:
    """A chart's data travels in an embedded workbook; a deck without a chart never writes one."""
    deck = example_project / "content" / "deck.yaml"
    replace(deck, "# slides:\n#   - title\n", "slides:\n  - title\n  - okrs\n# ")
    found = probe("build", str(example_project), "--format", "pptx", "--output", str(tmp_path / "out"))["modules"]
    assert "pptx" in found and (tmp_path / "out").is_dir()
    assert "xlsxwriter" not in found


def test_markdown_read_from_the_cache_needs_no_markdown_library(example_project: Path, tmp_path: Path) -> None:
    """A second build of unchanged bodies reads their HTML from the cache folder, so it does not
    import Python-Markdown at all."""
    def build() -> list[str]:
        found: list[str] = probe("build", str(example_project), "--format", "pptx", "--output",
                                 str(tmp_path / "out"), "--force", cache=tmp_path / "cache")["modules"]
        return found
    assert "markdown" in build()
    again = build()
    assert "pptx" in again and "markdown" not in again


def test_a_build_collects_young_objects_rarely_then_as_before(example_project: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A build runs with the collector's first threshold raised (its objects live to its end), and
    leaves the threshold as it found it, failing or not (a live preview builds in-process)."""
    import gc

    from deckgen import cli
    from tests.support.projects import run

    seen: list[tuple[int, int, int]] = []
    before = gc.get_threshold()

    def spy(*_: object, **__: object) -> None:
        seen.append(gc.get_threshold())
        raise cli.DeckgenError("stop here")

    monkeypatch.setattr("deckgen.commands.build.run_build", spy)
    assert run("build", str(example_project)).exit_code == 1
    assert seen == [(cli.BUILD_THRESHOLD, *before[1:])]
    assert gc.get_threshold() == before
