"""The Jinja environment's cache of compiled templates: used when it can be, never in the way."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from jinja2 import Environment

from deckgen.cache import folder
from deckgen.plan.environment import bytecode_cache, make_environment
from deckgen.resources import builtin_templates


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh ``XDG_CACHE_HOME`` for the test; the folder deckgen's compiled templates go in."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "deckgen" / "jinja"


def environment(root: Path) -> Environment:
    return make_environment(root, builtin_templates())


def user_layout(root: Path, text: str) -> None:
    path = root / "templates" / "page" / "note.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_cache_folder_follows_xdg_and_ignores_a_relative_one() -> None:
    assert folder("jinja", {"XDG_CACHE_HOME": "/var/cache/me"}) == Path("/var/cache/me/deckgen/jinja")
    assert folder("jinja", {"XDG_CACHE_HOME": "relative"}) == Path.home() / ".cache" / "deckgen" / "jinja"
    assert folder("jinja", {}) == Path.home() / ".cache" / "deckgen" / "jinja"


def test_a_second_run_reads_the_compiled_layout_instead_of_compiling_it(
        tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    environment(tmp_path).get_template("slides/okrs.xml")
    assert list(cache.glob("*/*"))
    second = environment(tmp_path)
    monkeypatch.setattr(second, "compile", lambda *args, **kwargs: pytest.fail("compiled again"))
    assert second.get_template("slides/okrs.xml").filename.endswith("okrs.xml")


def test_an_edited_layout_is_compiled_again(tmp_path: Path, cache: Path) -> None:
    user_layout(tmp_path, "first {{ 1 }}")
    assert environment(tmp_path).get_template("page/note.html").render() == "first 1"
    user_layout(tmp_path, "second {{ 2 }}")
    assert environment(tmp_path).get_template("page/note.html").render() == "second 2"


def test_other_filters_compile_into_another_folder(tmp_path: Path, cache: Path) -> None:
    env = environment(tmp_path)
    other = environment(tmp_path)
    other.filters["shout"] = str.upper
    assert bytecode_cache(env).kind != bytecode_cache(other).kind  # type: ignore[union-attr]


def test_without_a_usable_cache_folder_layouts_still_render(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    user_layout(tmp_path, "{{ 3 }}")
    (tmp_path / "not-a-folder").write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "not-a-folder"))
    env = environment(tmp_path)
    assert env.bytecode_cache is None
    assert env.get_template("page/note.html").render() == "3"


def test_a_cache_folder_removed_meanwhile_is_no_error(tmp_path: Path, cache: Path) -> None:
    user_layout(tmp_path, "{{ 4 }}")
    env = environment(tmp_path)
    shutil.rmtree(cache)
    assert env.get_template("page/note.html").render() == "4"
