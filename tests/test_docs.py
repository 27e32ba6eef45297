"""The documentation names only what exists, so it cannot go stale silently: every file, module
member, ``deckgen`` command and option the Markdown docs show, every Sphinx role in deckgen's
docstrings, and every variable and filter a layout can use (docs/slide-markup.md)."""
from __future__ import annotations

import re

import pytest

from deckgen.plan.formatting import FILTERS
from tests.support.doc_references import ROOT, layout_variables, stale_references, stale_roles

DOCS = sorted([ROOT / "README.md", *ROOT.glob("CONTRIBUTING.md"), *(ROOT / "docs").glob("*.md"),
               ROOT / "benchmarks" / "README.md", ROOT / "tests" / "corpus" / "templates" / "README.md"])
MODULES = sorted((ROOT / "deckgen").rglob("*.py"))


@pytest.mark.parametrize("doc", DOCS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_the_docs_name_only_what_exists(doc) -> None:  # type: ignore[no-untyped-def]
    assert stale_references(doc.read_text(encoding="utf-8")) == []


def test_a_stale_reference_is_reported() -> None:
    doc = """
See `deckgen/model/nowhere.py`, `textfit.wrap`, `package.no_such_function`, `BrandTemplate.no_such`,
`NoSuchClass.name` and `gone.py`.

```
deckgen build --colour red
deckgen publish
deckgen okr new 2027-Q2 --dry-run
```

`deckgen build --format gif`, `deckgen.model.nowhere`, while `deckgen/cli.py`, `package.finalize`,
`deckgen.model.changes`, `deckgen.cache.folder` and `deckgen check --strict` exist.
"""
    assert stale_references(doc) == [
        "deckgen build has no option --colour",
        "no command deckgen publish",
        "no file deckgen/model/nowhere.py",
        "no module textfit",
        "module package has no no_such_function",
        "class BrandTemplate has no no_such",
        "no class NoSuchClass",
        "no file gone.py",
        "deckgen build --format has no choice gif",
        "no module deckgen.model.nowhere",
    ]


@pytest.mark.parametrize("module", MODULES, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_docstrings_name_only_what_exists(module) -> None:  # type: ignore[no-untyped-def]
    assert stale_roles(module.read_text(encoding="utf-8"), module) == []


def test_a_stale_role_is_reported() -> None:
    module = ROOT / "deckgen" / "builders" / "pptx" / "text.py"
    text = module.read_text(encoding="utf-8") + '\n"""See :func:`gone`, :data:`KINDS`, :mod:`.nowhere`, :mod:`.fonts`."""\n'
    assert stale_roles(text, module) == [":func:`gone` names nothing defined there", ":mod:`.nowhere` is no module"]


def test_every_variable_and_filter_a_layout_sees_is_documented() -> None:
    markup = (ROOT / "docs" / "slide-markup.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)", markup))
    assert sorted(layout_variables() - documented) == []
    assert sorted(set(FILTERS) - documented) == []


def test_every_module_of_the_pptx_builder_is_in_its_module_map() -> None:
    builder = (ROOT / "docs" / "pptx-builder.md").read_text(encoding="utf-8")
    modules = sorted(path.name for path in (ROOT / "deckgen" / "builders" / "pptx").glob("*.py"))
    assert [name for name in modules if name != "__init__.py" and f"`{name}`" not in builder] == []
