"""deck.yaml and edition rules: the charter's term, the slide list, free-form slides, pillars, intake."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.checking import at, diagnostics, lines_with, only

SLIDES = "# slides:\n"
CALENDAR = "slides/launch-calendar.md"


def _slides(edit, *names: str) -> None:
    edit("deck.yaml", SLIDES, f"slides: [{', '.join(names)}]\n")


def _slide_at(root: Path, name: str) -> str:
    return at(root, "deck.yaml", "slides: [", name)


def test_a_charter_past_its_term_is_a_warning(example_project: Path, edit) -> None:
    edit("charter.md", "valid_through: 2027-12", "valid_through: 2026-12")
    only(example_project, f"{at(example_project, 'charter.md', 'valid_through: 2026-12', '2026')}: warning: "
                          "the charter was valid through 2026-12, before the edition date 2027-01-05: review "
                          "it and set a new valid_through")


def test_a_charter_valid_through_the_edition_month_is_current(example_project: Path, edit) -> None:
    edit("charter.md", "valid_through: 2027-12", "valid_through: 2027-01")
    edit("deck.yaml", "date: 2027-01-05", "date: 2027-01-31")
    assert diagnostics(example_project) == []


def test_every_slide_named_with_its_content_is_fine(example_project: Path, edit) -> None:
    _slides(edit, "title", "charter", "priorities", "big-rocks", "strategy", "slides/launch-calendar",
            "team", "okrs", "results", "wins", "intake", "asks")
    assert diagnostics(example_project) == []


def test_an_unknown_slide_name_suggests_the_closest(example_project: Path, edit) -> None:
    _slides(edit, "title", "big_rocks")
    only(example_project, f"{_slide_at(example_project, 'big_rocks')}: error: unknown slide 'big_rocks' "
                          "(did you mean 'big-rocks'?)")


def test_an_unknown_slide_name_with_nothing_close_lists_the_names(example_project: Path, edit) -> None:
    _slides(edit, "title", "roadmap")
    only(example_project, f"{_slide_at(example_project, 'roadmap')}: error: unknown slide 'roadmap'; slide "
                          "names: title, charter, priorities, big-rocks, strategy, team, okrs, results, wins, "
                          "intake, asks, changes, slides/launch-calendar")


def test_a_slide_listed_twice_names_both_lines(example_project: Path, edit) -> None:
    edit("deck.yaml", SLIDES, "slides:\n  - title\n  - okrs\n  - title\n")
    one, two = lines_with(example_project, "deck.yaml", "  - title", exact=True)
    only(example_project, f"content/deck.yaml:{two}:5: error: slide 'title' is listed twice "
                          f"(first on line {one}): remove one")


def test_a_slide_listed_twice_on_one_line_names_the_column(example_project: Path, edit) -> None:
    _slides(edit, "okrs", "title", "okrs")
    line = lines_with(example_project, "deck.yaml", "slides: [okrs, title, okrs]")[0]
    only(example_project, f"content/deck.yaml:{line}:23: error: slide 'okrs' is listed twice "
                          "(first at column 10): remove one")


@pytest.mark.parametrize("name, remove, why", [
    ("results", "okrs/2026-Q4.yaml",
     "there is no file for the quarter behind (content/okrs/2026-Q4.yaml)"),
    ("wins", "wins.md", "there is no content/wins.md"),
    ("asks", "asks.md", "there is no content/asks.md"),
    ("intake", "intake.yaml", "there is no content/intake.yaml"),
])
def test_a_named_slide_whose_content_is_absent(example_project: Path, edit, name: str, remove: str,
                                               why: str) -> None:
    (example_project / "content" / remove).unlink()
    _slides(edit, "title", name)
    only(example_project, f"{_slide_at(example_project, name)}: error: slide '{name}' is listed in slides, "
                          f"but {why}")


def test_absent_optional_content_is_left_out_silently_when_not_named(example_project: Path) -> None:
    for name in ("okrs/2026-Q4.yaml", "wins.md", "asks.md", "intake.yaml", CALENDAR):
        (example_project / "content" / name).unlink()
    assert diagnostics(example_project) == []


def test_a_wins_file_without_bullets_has_no_content(example_project: Path, edit) -> None:
    (example_project / "content/wins.md").write_text("---\nperiod: 2026-Q4\n---\n\nNothing to show yet.\n")
    _slides(edit, "title", "wins")
    only(example_project, f"{_slide_at(example_project, 'wins')}: error: slide 'wins' is listed in slides, "
                          "but content/wins.md has no top-level bullets (each bullet is one of the slide's "
                          "items)")


def test_an_intake_without_requests_has_no_content(example_project: Path, edit) -> None:
    (example_project / "content/intake.yaml").write_text("requests: []\n")
    _slides(edit, "title", "intake")
    only(example_project, f"{_slide_at(example_project, 'intake')}: error: slide 'intake' is listed in "
                          "slides, but content/intake.yaml lists no requests")


def test_a_named_free_slide_without_its_file(example_project: Path, edit) -> None:
    _slides(edit, "title", "slides/launch-calender")
    only(example_project, f"{_slide_at(example_project, 'slides/launch-calender')}: error: slide "
                          "'slides/launch-calender' is listed in slides, but there is no "
                          "content/slides/launch-calender.md (did you mean 'slides/launch-calendar'?)")


def test_a_free_slide_after_an_unknown_slide(example_project: Path, edit) -> None:
    edit(CALENDAR, "after: strategy", "after: stratgy")
    only(example_project, f"{at(example_project, CALENDAR, 'after: stratgy', 'stratgy')}: error: after: "
                          "unknown slide 'stratgy' (did you mean 'strategy'?)")


def test_a_free_slide_after_itself(example_project: Path, edit) -> None:
    edit(CALENDAR, "after: strategy", "after: slides/launch-calendar")
    only(example_project, f"{at(example_project, CALENDAR, 'after: slides', 'slides')}: error: after: "
                          "'slides/launch-calendar' cannot follow itself: name the slide it comes after")


def test_free_slides_after_each_other_in_a_loop(example_project: Path, edit) -> None:
    edit(CALENDAR, "after: strategy", "after: slides/roadmap")
    (example_project / "content/slides/roadmap.md").write_text(
        "---\ntitle: Roadmap\nafter: slides/launch-calendar\n---\n\nBody.\n")
    assert diagnostics(example_project) == [
        f"{at(example_project, CALENDAR, 'after: slides', 'slides')}: error: after: 'slides/roadmap' leads back "
        "to 'slides/launch-calendar', so neither slide has a place",
        "content/slides/roadmap.md:3:8: error: after: 'slides/launch-calendar' leads back to 'slides/roadmap', "
        "so neither slide has a place"]


def test_a_free_slide_after_another_free_slide_is_fine(example_project: Path) -> None:
    (example_project / "content/slides/roadmap.md").write_text(
        "---\ntitle: Roadmap\nafter: slides/launch-calendar\n---\n\nBody.\n")
    assert diagnostics(example_project) == []


def test_a_free_slide_after_an_absent_optional_slide_is_fine(example_project: Path, edit) -> None:
    (example_project / "content/wins.md").unlink()
    edit(CALENDAR, "after: strategy", "after: wins")
    assert diagnostics(example_project) == []


@pytest.mark.parametrize("count", [1, 6])
def test_a_strategy_on_too_few_or_too_many_pillars(example_project: Path, count: int) -> None:
    pillars = "".join(f"  - title: Pillar {n}\n" for n in range(count))
    path = example_project / "content/strategy.md"
    body = path.read_text().split("---\n", 2)[2]
    path.write_text(f"---\npillars:\n{pillars}---\n{body}")
    only(example_project, f"content/strategy.md:3:3: warning: {count} strategy pillar{'s' * (count > 1)}; a "
                          "strategy stands on two to five")


def test_a_strategy_without_pillars_is_fine(example_project: Path) -> None:
    path = example_project / "content/strategy.md"
    path.write_text(path.read_text().split("---\n", 2)[2])
    assert diagnostics(example_project) == []


def test_an_intake_outcome_is_a_rock_one_off_or_declined(example_project: Path, edit) -> None:
    edit("intake.yaml", "outcome: one-off\n    hours: 9", "outcome: one-offs\n    hours: 9")
    only(example_project, f"{at(example_project, 'intake.yaml', 'outcome: one-offs', 'one-offs')}: error: "
                          "outcome 'one-offs' is none of a big rock id, 'one-off' or 'declined' "
                          "(did you mean 'one-off'?)")


def test_an_intake_outcome_close_to_a_rock_suggests_it(example_project: Path, edit) -> None:
    edit("intake.yaml", "outcome: competitive-winrate\n    hours: 14", "outcome: competitive\n    hours: 14")
    only(example_project, f"{at(example_project, 'intake.yaml', 'outcome: competitive', 'competitive', exact=True)}: "
                          "error: outcome 'competitive' is none of a big rock id, 'one-off' or 'declined' "
                          "(did you mean 'competitive-winrate'?)")


def test_the_quarter_ahead_must_have_a_file(example_project: Path, edit) -> None:
    edit("deck.yaml", "quarter: 2027-Q1", "quarter: 2027-Q2")
    found = diagnostics(example_project)
    assert [line for line in found if ": error: " in line] == [
        f"{at(example_project, 'deck.yaml', 'quarter: 2027-Q2', '2027')}: error: no OKR file "
        "for the quarter ahead: create content/okrs/2027-Q2.yaml"]
    assert all(": warning: " in line for line in found[1:])  # what still describes 2027-Q1 and before
