"""Diagnostics print as one sortable line each, with the path as the user sees it."""
from __future__ import annotations

from pathlib import Path

from deckgen.diagnostics import Diagnostic, Level, Position, Reporter, relative
from tests.support.checking import diagnostics


def test_a_diagnostic_is_one_line_whatever_it_quotes() -> None:
    diagnostic = Diagnostic(Level.ERROR, "unknown key 'a\nb\t\x01\u2028'", Position("content/x.yaml", 3, 1))
    assert str(diagnostic) == "content/x.yaml:3:1: error: unknown key 'a\\nb\\t\\x01\\u2028'"


def test_a_key_holding_a_line_break_is_reported_on_one_line(example_project: Path) -> None:
    path = example_project / "content" / "deck.yaml"
    path.write_text(path.read_text() + '"con\\nfidential": yes\n')
    found = diagnostics(example_project)
    assert len(found) == 1 and found[0].startswith("content/deck.yaml:")
    assert "unknown key 'con\\nfidential'" in found[0]


def test_positions_print_as_far_as_they_are_known() -> None:
    assert [str(Position("a")), str(Position("a", 2)), str(Position("a", 2, 5))] == ["a", "a:2", "a:2:5"]


def test_sorted_by_file_line_column_errors_first_and_duplicates_kept_once() -> None:
    reporter = Reporter()
    reporter.warning("w", Position("b", 1, 1))
    reporter.error("e2", Position("a", 10, 1))
    reporter.warning("w1", Position("a", 2, 3))
    reporter.error("e1", Position("a", 2, 3))
    reporter.error("e1", Position("a", 2, 3))
    assert [str(d) for d in reporter.sorted()] == ["a:2:3: error: e1", "a:2:3: warning: w1", "a:10:1: error: e2",
                                                   "b:1:1: warning: w"]
    assert reporter.summary() == "2 errors, 2 warnings"
    assert Reporter().summary() == "no problems found"


def test_a_symlinked_file_is_named_by_its_link(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "deck.yaml").write_text("x")
    (tmp_path / "proj" / "content").mkdir(parents=True)
    link = tmp_path / "proj" / "content" / "deck.yaml"
    link.symlink_to(tmp_path / "elsewhere" / "deck.yaml")
    assert relative(link, tmp_path / "proj") == "content/deck.yaml"
