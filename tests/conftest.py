"""Shared pytest setup: make the repository root importable.

With the root on ``sys.path``, tests import ``deckgen`` from the working tree without an
editable install or ``PYTHONPATH``, and the shared helpers as ``tests.support``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


import pytest  # noqa: E402  (after the sys.path set-up above)
from typing import Callable  # noqa: E402

from tests.support.projects import EXAMPLE_EPOCH, copy_example, replace  # noqa: E402


@pytest.fixture
def example_project(tmp_path: Path) -> Path:
    """A project folder ``tmp_path/"proj"`` holding a copy of the example content; its path."""
    return copy_example(tmp_path, "proj")


@pytest.fixture
def edit(example_project: Path) -> Callable[[str, str, str], Path]:
    """``edit("okrs/2027-Q1.yaml", old, new)``: replace the one occurrence of ``old`` in that file of
    ``example_project``'s content. Fails when ``old`` is absent or repeated, so no test passes on
    content it never changed. Returns the file's path."""

    def apply(file: str, old: str, new: str) -> Path:
        path = example_project / "content" / file
        replace(path, old, new)
        return path

    return apply


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project after one ``deckgen build`` (deck, page and manifest in its
    ``output/``), shared by every test that only reads what was built: a build is the costliest
    step of most tests, and the example's never changes within a run."""
    from click.testing import CliRunner

    from deckgen.cli import main

    root = copy_example(tmp_path_factory.mktemp("example-build"))
    result = CliRunner().invoke(main, ["build", str(root)], env=EXAMPLE_EPOCH, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture(scope="session", autouse=True)
def user_cache(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The session's own ``XDG_CACHE_HOME``: builds keep compiled templates there, not in the
    user's cache folder, which every run's temporary projects would otherwise fill."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield


@pytest.fixture(scope="session")
def render_deck(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """``render_deck(pptx_bytes) -> Rendered`` (PDF path, page count, overflowing words): each
    distinct deck is rendered with LibreOffice once per session. Skips without LibreOffice."""
    from tests.support.decks import Renderer, can_render

    if not can_render():
        pytest.skip("LibreOffice (soffice) or poppler (pdftotext) is not installed")
    return Renderer(tmp_path_factory.mktemp("rendered-decks"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Sort tests into tiers without marking each file by hand: a test that renders with
    LibreOffice or Chromium (it uses ``render_deck`` or skips when one "is not installed") is
    ``render``; a hypothesis property test is ``slow``. ``-m "not render and not slow"`` is the
    contributors' fast loop; CI runs every tier."""
    for item in items:
        if _renders(item):
            item.add_marker(pytest.mark.render)
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.slow)


def _renders(item: pytest.Item) -> bool:
    """Whether ``item`` needs LibreOffice or Chromium: the render fixture, or a skip for a
    missing program."""
    if "render_deck" in getattr(item, "fixturenames", ()):
        return True
    return any("not installed" in str(mark.kwargs.get("reason", ""))
               for mark in item.iter_markers("skipif"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):  # type: ignore[no-untyped-def]
    """In CI a test skipped for a missing program fails instead: CI installs them all, so a skip
    there means the rendering checks silently stopped running."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("CI") and "not installed" in str(report.longrepr):
        report.outcome = "failed"
