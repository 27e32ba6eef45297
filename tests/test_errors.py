"""deckgen's errors have one root, and the command line shows each the one way it says."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from click.testing import CliRunner

import deckgen
from deckgen.cli import main
from deckgen.errors import DeckgenError

#: Exceptions that never reach the user as they are: Jinja's sandbox handles its own kinds (the
#: plan turns them into content errors), and the YAML loader's abort stops a walk early.
STAY_INSIDE = {"deckgen.load.yaml_source._Abort", "deckgen.plan.environment.LayoutLimit",
               "deckgen.plan.environment.UnsafeTemplate"}


def _defined_exceptions() -> set[type[BaseException]]:
    found = set()
    for module in pkgutil.walk_packages(deckgen.__path__, "deckgen."):
        if module.name.endswith("__main__"):  # running it runs the command line
            continue
        imported = importlib.import_module(module.name)
        found |= {value for value in vars(imported).values() if inspect.isclass(value)
                  and issubclass(value, BaseException) and value.__module__ == imported.__name__}
    return found


def test_every_error_deckgen_defines_derives_from_the_root() -> None:
    found = _defined_exceptions()
    outside = {f"{error.__module__}.{error.__qualname__}" for error in found if not issubclass(error, DeckgenError)}
    assert outside == STAY_INSIDE
    assert len(found) > 15  # the walk saw the package


def test_an_error_becomes_one_line_and_exit_code_1(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(main, ["schema", "--output", str(blocked / "schemas")])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot write to '{blocked / 'schemas'}': ")
    assert "Traceback" not in result.output and len(result.output.splitlines()) == 1
