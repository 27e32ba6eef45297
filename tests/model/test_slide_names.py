"""Slide names in one place: the format's list, and which slides have content in a project."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from deckgen.commands.common import check_project
from deckgen.model import slide_names

FORMAT = Path(__file__).resolve().parents[2] / "docs" / "content-format.md"


def _project(root: Path):
    checked = check_project(root)
    assert checked.project is not None, [str(d) for d in checked.reporter.diagnostics]
    return checked.project


def test_the_default_order_is_the_format_s_list() -> None:
    text = FORMAT.read_text(encoding="utf-8")
    sentence = text[text.index("Slide names:"):text.index("for a free-form slide file")]
    assert tuple(re.findall(r"`([a-z-]+)`", sentence)) == slide_names.DEFAULT_ORDER


def test_the_example_has_every_slide(example_project: Path) -> None:
    project = _project(example_project)
    assert slide_names.known_names(project) == [*slide_names.DEFAULT_ORDER, "changes", "slides/launch-calendar"]
    assert all(slide_names.is_present(project, name) for name in slide_names.known_names(project))


@pytest.mark.parametrize("name, remove", [
    ("results", "okrs/2026-Q4.yaml"), ("wins", "wins.md"), ("asks", "asks.md"), ("intake", "intake.yaml"),
    ("slides/launch-calendar", "slides/launch-calendar.md")])
def test_optional_content_removed_makes_its_slide_absent(example_project: Path, name: str, remove: str) -> None:
    (example_project / "content" / remove).unlink()
    project = _project(example_project)
    assert not slide_names.is_present(project, name)
    assert slide_names.absence(project, name)
    assert [n for n in slide_names.known_names(project) if not slide_names.is_present(project, n)] == (
        ["results", "changes"] if name == "results" else [name] if name in slide_names.DEFAULT_ORDER else [])


def test_free_names_and_unknown_names() -> None:
    assert slide_names.free_name("launch-calendar") == "slides/launch-calendar"
    assert slide_names.is_free("slides/x") and not slide_names.is_free("okrs")


def test_an_unknown_built_in_name_is_a_key_error(example_project: Path) -> None:
    with pytest.raises(KeyError):
        slide_names.absence(_project(example_project), "roadmap")


def test_an_on_request_slide_is_in_the_deck_only_when_listed(example_project: Path, edit) -> None:
    assert "changes" not in slide_names.DEFAULT_ORDER
    assert not slide_names.in_deck(_project(example_project), "changes")
    assert slide_names.in_deck(_project(example_project), "okrs")
    edit("deck.yaml", "# slides:\n", "slides: [title, changes]\n")
    project = _project(example_project)
    assert slide_names.in_deck(project, "changes") and not slide_names.in_deck(project, "okrs")
