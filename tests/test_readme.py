"""The README's commands are the ones that work: CI runs exactly its test command, and its fresh-machine
command installs into a virtual environment (a stock Debian or Ubuntu Python refuses `pip install`)."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks() -> list[str]:
    return [block.strip() for block in re.findall(r"```\n(.*?)```", README, re.DOTALL)]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = [line for line in (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines()
          if line.strip() and not line.startswith(("#", "set ", "cd "))]
    test_command = next(block for block in _blocks() if "pytest" in block and "install-test-deps" in block)
    assert ci == [test_command]


def test_the_fresh_machine_commands_use_a_virtual_environment() -> None:
    install = next(block for block in _blocks() if "deckgen build" in block and "install" in block)
    assert install.startswith("python3 -m venv .venv && .venv/bin/pip install ")
    assert not re.search(r"(^|&& )pip install", "\n".join(_blocks()))


def test_every_command_is_listed(monkeypatch) -> None:
    from click.testing import CliRunner

    from deckgen.cli import main

    for group, names in [((), main.commands), *(((name,), cmd.commands) for name, cmd in main.commands.items()
                                                 if hasattr(cmd, "commands"))]:
        for name, command in names.items():
            if hasattr(command, "commands"):
                continue
            assert f"`deckgen {' '.join([*group, name])}" in README, f"deckgen {' '.join([*group, name])}"
    assert CliRunner().invoke(main, ["--version"]).output.startswith("deckgen ")
