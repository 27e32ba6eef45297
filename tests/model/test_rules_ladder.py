"""Laddering rules: company priorities ← big rocks ← objectives, and where stakeholders stand."""
from __future__ import annotations

from pathlib import Path

from tests.support.checking import at, diagnostics, lines_with, only

ROCKS = "big-rocks.yaml"


def test_a_priority_id_used_twice(example_project: Path, edit) -> None:
    edit("company.yaml", "owner: Chief Financial Officer",
         "owner: Chief Financial Officer\n  - id: net-retention\n    title: Keep customers")
    first, second = lines_with(example_project, "company.yaml", "- id: net-retention")
    only(example_project, f"content/company.yaml:{second}:9: error: priority id 'net-retention' is used twice "
                          f"(first on line {first}): give each priority its own id")


def test_a_big_rock_id_used_twice(example_project: Path) -> None:
    path = example_project / "content" / ROCKS
    path.write_text(path.read_text() + "\n  - id: copilot-launch\n    title: Again\n    supports: [ai-platform]\n")
    first, second = lines_with(example_project, ROCKS, "- id: copilot-launch")
    assert diagnostics(example_project) == [
        f"content/{ROCKS}:{second}:5: warning: 5 big rocks; a team carries three or four: merge or drop some",
        f"content/{ROCKS}:{second}:9: error: big rock id 'copilot-launch' is used twice (first on line {first}): give "
        "each big rock its own id"]


def test_a_big_rock_supports_an_unknown_priority(example_project: Path, edit) -> None:
    edit(ROCKS, "supports: [ai-platform, net-retention]", "supports: [ai-platfrom, net-retention]")
    assert diagnostics(example_project) == [
        f"{at(example_project, ROCKS, 'supports: [ai-platfrom', 'ai-platfrom')}: error: big rock 'copilot-launch' "
        "supports 'ai-platfrom', which is not a company priority (did you mean 'ai-platform'?)",
        f"{at(example_project, 'company.yaml', '- id: ai-platform', 'ai-platform')}: warning: company priority "
        "'ai-platform' is supported by no big rock: add it to the supports of the big rocks that serve it"]


def test_an_unknown_priority_with_nothing_close_lists_the_priorities(example_project: Path, edit) -> None:
    edit(ROCKS, "supports: [ai-platform, net-retention]", "supports: [ai-platform, world-peace, net-retention]")
    only(example_project, f"{at(example_project, ROCKS, 'world-peace', 'world-peace')}: error: big rock "
                          "'copilot-launch' supports 'world-peace', which is not a company priority (known: "
                          "enterprise-growth, ai-platform, net-retention, efficient-growth)")


def test_a_big_rock_supports_at_least_one_priority(example_project: Path, edit) -> None:
    edit(ROCKS, "supports: [ai-platform, net-retention]", "supports: []")
    only(example_project, f"{at(example_project, ROCKS, 'supports: []', '[')}: error: big rock 'copilot-launch', "
                          "supports: needs at least one entry: add one")


def test_more_than_four_big_rocks_is_a_warning(example_project: Path) -> None:
    path = example_project / "content" / ROCKS
    path.write_text(path.read_text() + "\n  - id: fifth-rock\n    title: A fifth rock\n"
                                       "    supports: [ai-platform]\n")
    only(example_project, f"{at(example_project, ROCKS, '- id: fifth-rock', 'id')}: warning: 5 big rocks; a "
                          "team carries three or four: merge or drop some")


def test_a_priority_no_rock_supports_is_a_warning(example_project: Path, edit) -> None:
    edit("company.yaml", "owner: Chief Financial Officer",
         "owner: Chief Financial Officer\n  - id: brand\n    title: Build the brand")
    only(example_project, f"{at(example_project, 'company.yaml', '- id: brand', 'brand')}: warning: company "
                          "priority 'brand' is supported by no big rock: add it to the supports of the big rocks "
                          "that serve it")


def test_an_alignment_not_aligned_is_a_warning(example_project: Path, edit) -> None:
    edit(ROCKS, "        status: aligned\n        on: 2026-12-17", "        status: concerns\n        on: 2026-12-17")
    only(example_project, f"{at(example_project, ROCKS, 'status: concerns', 'concerns')}: warning: big rock "
                          "'expansion-plays': Head of Sales has concerns: settle it before the review, or say why "
                          "in a note")


def test_a_pending_alignment_is_a_warning(example_project: Path, edit) -> None:
    edit(ROCKS, "        status: aligned\n        on: 2026-12-17", "        status: pending\n        on: 2026-12-17")
    only(example_project, f"{at(example_project, ROCKS, 'status: pending', 'pending', exact=True)}: warning: big rock "
                          "'expansion-plays': Head of Sales has not agreed yet (pending): settle it before the "
                          "review, or say why in a note")


def test_an_alignment_over_90_days_old_is_a_warning(example_project: Path, edit) -> None:
    edit(ROCKS, "on: 2026-12-17", "on: 2026-10-06")
    only(example_project, f"{at(example_project, ROCKS, 'on: 2026-10-06', '2026')}: warning: big rock "
                          "'expansion-plays': alignment with Head of Sales is 91 days old (over 90 days before "
                          "the edition date 2027-01-05): check it again and update its date")


def test_an_alignment_90_days_old_is_current(example_project: Path, edit) -> None:
    edit(ROCKS, "on: 2026-12-17", "on: 2026-10-07")
    assert diagnostics(example_project) == []


def test_an_objective_names_an_unknown_rock(example_project: Path, edit) -> None:
    edit("okrs/2027-Q1.yaml", "    rock: copilot-launch", "    rock: copilot")
    only(example_project, f"{at(example_project, 'okrs/2027-Q1.yaml', 'rock: copilot', 'copilot', exact=True)}: "
                          "error: objective 'copilot-ga' names rock 'copilot', which is not a big rock (did you "
                          "mean 'copilot-launch'?)")
