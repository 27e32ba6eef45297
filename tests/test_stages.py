"""The folders are the pipeline, and no import runs back up a stage: load → model → plan → builders,
each importing only the stages before it and the shared modules every stage may use. CONTRIBUTING.md
states the same table; an import that breaks it fails here, function-level (lazy) imports included."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "deckgen"
#: Modules every stage may import: they import no stage themselves.
SHARED = frozenset({"errors", "diagnostics", "suggest", "cache", "resources", "lock"})
#: What each stage (and the edit package, which the build's writes go through) may import besides SHARED.
MAY_IMPORT = {
    "load": frozenset(),
    "model": frozenset({"load"}),
    "plan": frozenset({"load", "model"}),
    "builders": frozenset({"load", "model", "plan", "edit"}),
    "edit": frozenset({"load"}),
}


def imported(source: str, module: tuple[str, ...]) -> set[str]:
    """The top-level parts of deckgen (``model``, ``cache``…) that ``source``, the text of the module
    ``module`` (``("deckgen", "plan", "page")``), imports anywhere in it."""
    package = module[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level:
            target = [*package[:len(package) - node.level + 1], *(node.module or "").split(".")]
            found.update(_parts(target, [alias.name for alias in node.names]))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "deckgen":
            found.update(_parts(node.module.split("."), [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[1] for alias in node.names
                         if alias.name.startswith("deckgen."))
    return found


def _parts(target: list[str], names: list[str]) -> list[str]:
    """``from deckgen.x import y`` imports ``x``; ``from deckgen import y`` (or ``from .. import y``) imports ``y``."""
    target = [part for part in target if part]
    return [target[1]] if len(target) > 1 else names


def _modules() -> list:  # pytest.param objects
    """Every module of a stage, of edit, and the shared modules, with its path as the test id (commands,
    serve and the CLI sit above the pipeline and may use all of it)."""
    return [pytest.param(path.relative_to(PACKAGE).parts[0], path, id=path.relative_to(PACKAGE).as_posix())
            for path in sorted(PACKAGE.rglob("*.py"))
            if path.relative_to(PACKAGE).parts[0] in MAY_IMPORT or path.stem in SHARED]


@pytest.mark.parametrize(("part", "path"), _modules())
def test_no_import_runs_back_up_a_stage(part: str, path: Path) -> None:
    name = ("deckgen", *path.relative_to(PACKAGE).with_suffix("").parts)
    shared = path.stem in SHARED and len(name) == 2  # a shared module stays below every stage
    allowed = SHARED if shared else SHARED | MAY_IMPORT[part] | {part}
    assert sorted(imported(path.read_text(encoding="utf-8"), name) - allowed) == []


def test_an_import_back_up_is_found() -> None:
    source = "from ..builders.pptx import deck\nfrom . import rules\n\ndef late():\n    from deckgen.plan import page\n"
    assert imported(source, ("deckgen", "model", "project")) == {"builders", "model", "plan"}
    assert imported("from .. import cache\nimport deckgen.lock\n", ("deckgen", "load", "files")) == {"cache", "lock"}
