"""Schema errors: text stays text, every mistake is named where it is, and all of them are reported."""
from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.commands.common import check_project
from tests.support.checking import at, diagnostics, only

YAML_11_TRAPS = ["no", "on", "NO", "yes", "off", "Y", "1:30", "1e3", "0755", "0x1F", "2027-01-05", ".inf",
                 "12:30:00", "true", "007", "+1", "~x"]


@pytest.mark.parametrize("text", YAML_11_TRAPS)
def test_text_stays_text(example_project: Path, edit, text: str) -> None:
    edit("deck.yaml", "team: Product Marketing", f"team: {text}")
    edit("deck.yaml", "audience: [CMO, Head of Sales, Head of Product]", f"audience: [CMO, {text}]")
    edit("team.yaml", "cadence: Monthly", f"cadence: {text}")
    edit("okrs/2027-Q1.yaml", "- title: Win rate against Stratapoint", f"- title: {text}")
    edit("charter.md", "  - Analyst relations", f"  - {text}")
    checked = check_project(example_project)
    assert checked.project is not None, [str(d) for d in checked.reporter.diagnostics]
    project = checked.project
    assert project.deck.team == text
    assert project.deck.audience == ["CMO", text]
    assert project.team.stakeholders[-1].cadence == text
    assert project.okrs.objectives[2].key_results[0].title == text
    assert project.charter.front.owns[-1] == text


def test_quoted_text_keeps_its_characters(example_project: Path, edit) -> None:
    edit("deck.yaml", "team: Product Marketing", "team: '  Product: Marketing # 1  '")
    checked = check_project(example_project)
    assert checked.project and checked.project.deck.team == "  Product: Marketing # 1  "


def test_numbers_may_be_written_as_percentages_and_read_as_numbers(example_project: Path, edit) -> None:
    edit("team.yaml", "      expansion-plays: 30", "      expansion-plays: '30%'")
    edit("okrs/2027-Q1.yaml", "        baseline: 34\n", "        baseline: 3.4e1\n")
    checked = check_project(example_project)
    assert checked.project is not None
    assert checked.project.team.people[1].allocation["expansion-plays"] == 30.0
    assert checked.project.okrs.objectives[2].key_results[0].baseline == 34.0


def test_an_unknown_key_suggests_the_closest(example_project: Path, edit) -> None:
    edit("okrs/2027-Q1.yaml", "        target: 39", "        targt: 39")
    only(example_project, f"{at(example_project, 'okrs/2027-Q1.yaml', 'targt: 39', 'targt')}: error: unknown "
                          "key 'targt' (did you mean 'target'?)")


def test_an_unknown_key_with_nothing_close_lists_the_keys(example_project: Path, edit) -> None:
    edit("deck.yaml", "company: Northwind Analytics", "company: Northwind Analytics\nmotto: Go")
    only(example_project, f"{at(example_project, 'deck.yaml', 'motto: Go', 'motto')}: error: unknown key "
                          "'motto'; known keys: team, company, year, quarter, leader, audience, date, "
                          "confidentiality, fiscal_year_start, theme, template, layouts, slides, titles")


def test_a_missing_key_is_named_at_its_mapping(example_project: Path, edit) -> None:
    edit("big-rocks.yaml", "    title: Launch Copilot as the category's AI analyst\n", "")
    only(example_project, f"{at(example_project, 'big-rocks.yaml', 'id: copilot-launch', 'id')}: error: "
                          "missing required key 'title' in big_rocks[1]")


@pytest.mark.parametrize("value", ["1234", "0", "20261214", "2026-12-14T10:00:00", "2026-1-4", "2026-02-30",
                                   "14/12/2026"])
def test_dates_are_iso_and_nothing_else(example_project: Path, edit, value: str) -> None:
    edit("charter.md", "on: 2026-12-14", f"on: {value}")
    only(example_project, f"{at(example_project, 'charter.md', 'on: ' + value, value)}: error: approved[0].on: "
                          f"expected a date like 2027-01-05, got '{value}'")


@pytest.mark.parametrize("old, new, line_text, token, message", [
    ("year: 2027", "year: twenty", "year: twenty", "twenty", "year: expected a whole number, got 'twenty'"),
    ("quarter: 2027-Q1", "quarter: 2027-Q5", "quarter: 2027-Q5", "2027",
     "quarter: '2027-Q5' is not in the expected form (a quarter like 2027-Q1)"),
    ('primary: "#1B3A5C"', "primary: #1B3A5C", "primary: #1B3A5C", "primary",
     "theme.primary: expected text, got nothing"),
    ("fiscal_year_start: 1", "fiscal_year_start: 13", "fiscal_year_start: 13", "13",
     "fiscal_year_start: expected less than or equal to 12, got '13'"),
])
def test_wrong_values_in_deck_yaml(example_project: Path, edit, old: str, new: str, line_text: str, token: str,
                                   message: str) -> None:
    edit("deck.yaml", old, new)
    only(example_project, f"{at(example_project, 'deck.yaml', line_text, token)}: error: {message}")


@pytest.mark.parametrize("value, message", [
    (".nan", "expected a number, got '.nan'"), ("1e400", "expected a finite number, got '1e400'"),
    ("lots", "expected a number, got 'lots'")])
def test_numbers_are_finite_numbers(example_project: Path, edit, value: str, message: str) -> None:
    edit("okrs/2027-Q1.yaml", "        target: 39", f"        target: {value}")
    only(example_project, f"{at(example_project, 'okrs/2027-Q1.yaml', 'target: ' + value, value)}: error: "
                          f"objectives[2].key_results[0].target: {message}")


def test_an_empty_mapping_value_points_at_its_key(example_project: Path, edit) -> None:
    edit("deck.yaml", "leader:\n  name: Maya Okafor\n  title: Director, Product Marketing\n", "leader:\n")
    only(example_project, f"{at(example_project, 'deck.yaml', 'leader:', 'leader', exact=True)}: error: leader: "
                          "expected a mapping of keys to values, got nothing")


def test_a_markdown_file_without_front_matter(example_project: Path) -> None:
    (example_project / "content/charter.md").write_text("## Principles\n\n- Few things.\n")
    hint = "(the front matter is missing or empty: put the keys between two '---' lines at the top)"
    assert diagnostics(example_project) == [
        f"content/charter.md:1:1: error: missing required key 'mission' {hint}",
        f"content/charter.md:1:1: error: missing required key 'owns' {hint}"]


def test_all_errors_of_all_files_are_reported(example_project: Path, edit) -> None:
    edit("deck.yaml", "year: 2027", "year: soon")
    edit("deck.yaml", "  font: Calibri", "  fnt: Calibri")
    edit("charter.md", "on: 2026-12-16", "on: yesterday")
    edit("okrs/2026-Q4.yaml", "state: closed", "state: done")
    edit("intake.yaml", "    hours: 14", "    hours: -1")
    assert diagnostics(example_project) == [
        f"{at(example_project, 'charter.md', 'on: yesterday', 'yesterday')}: error: approved[1].on: expected a "
        "date like 2027-01-05, got 'yesterday'",
        f"{at(example_project, 'deck.yaml', 'year: soon', 'soon')}: error: year: expected a whole number, "
        "got 'soon'",
        f"{at(example_project, 'deck.yaml', 'fnt: Calibri', 'fnt')}: error: unknown key 'fnt' (did you mean "
        "'font'?)",
        f"{at(example_project, 'intake.yaml', 'hours: -1', '-1')}: error: requests[0].hours: expected greater "
        "than or equal to 0, got '-1'",
        f"{at(example_project, 'okrs/2026-Q4.yaml', 'state: done', 'done')}: error: state: expected 'planned', "
        "'active' or 'closed', got 'done'",
    ]


@pytest.mark.parametrize("file, old, new, token, message", [
    ("okrs/2027-Q1.yaml", "confidence: 0.9", "confidence: 1.5", "1.5",
     "objectives[0].key_results[0].confidence: expected less than or equal to 1, got '1.5'"),
    ("okrs/2026-Q4.yaml", "score: 0.5", "score: -0.1", "-0.1",
     "objectives[2].key_results[2].score: expected greater than or equal to 0, got '-0.1'"),
    ("okrs/2027-Q1.yaml", "commitment: committed\n        done: false\n        confidence: 0.9",
     "commitment: maybe\n        done: false\n        confidence: 0.9", "maybe",
     "objectives[0].key_results[0].commitment: expected 'aspirational' or 'committed', got 'maybe'"),
    ("okrs/2027-Q1.yaml", "state: planned", "state: open", "open",
     "state: expected 'planned', 'active' or 'closed', got 'open'"),
    ("deck.yaml", 'primary: "#1B3A5C"', 'primary: "#1B3A5"', '"',
     "theme.primary: '#1B3A5' is not in the expected form (a colour like #1F4E79)"),
    ("wins.md", "period: 2026-Q4", "period: Q4 2026", "Q4",
     "period: 'Q4 2026' is not in the expected form (a quarter like 2027-Q1)"),
    ("big-rocks.yaml", "        status: aligned\n        on: 2026-12-17", "        status: agreed\n        on: 2026-12-17",
     "agreed", "big_rocks[3].alignment[0].status: expected 'aligned', 'pending' or 'concerns', got 'agreed'"),
    ("team.yaml", "      expansion-plays: 70", "      expansion-plays: 170", "170",
     "people[5].allocation.expansion-plays: expected less than or equal to 100, got '170'"),
    ("company.yaml", "id: ai-platform", "id: AI Platform", "AI",
     "priorities[1].id: 'AI Platform' is not in the expected form (an id: lowercase letters, digits and hyphens)"),
    ("charter.md", "valid_through: 2027-12", "valid_through: 2027-13", "2027",
     "valid_through: '2027-13' is not in the expected form (a month like 2027-01)"),
    ("intake.yaml", "  - date: 2026-10-02", "  - date: 2 Oct 2026", "2 Oct",
     "requests[0].date: expected a date like 2027-01-05, got '2 Oct 2026'"),
    ("deck.yaml", "audience: [CMO, Head of Sales, Head of Product]", "audience: CMO", "CMO",
     "audience: expected a list, got 'CMO'"),
])
def test_each_file_s_types_and_choices(example_project: Path, edit, file: str, old: str, new: str, token: str,
                                       message: str) -> None:
    edit(file, old, new)
    changed = new.split("\n")[0].strip()
    only(example_project, f"{at(example_project, file, changed, token)}: error: {message}")


@pytest.mark.parametrize("file, old, new, anchor, message", [
    ("team.yaml", "  - role: VP Customer Success\n    name", "  - name", "name: Kwame Mensah",
     "missing required key 'role' in stakeholders[3]"),
    ("team.yaml", "    role: Sales Enablement Manager\n", "", "name: Lena Fischer",
     "missing required key 'role' in people[6]"),
    ("intake.yaml", "    ask: Battlecard against Stratapoint's new pricing for Q4 deals\n", "", "date: 2026-10-02",
     "missing required key 'ask' in requests[0]"),
    ("okrs/2027-Q1.yaml", "    rock: copilot-launch\n", "", "id: copilot-ga",
     "missing required key 'rock' in objectives[1]"),
])
def test_required_keys_in_lists(example_project: Path, edit, file: str, old: str, new: str, anchor: str,
                                message: str) -> None:
    edit(file, old, new)
    key = anchor.split(":")[0]
    only(example_project, f"{at(example_project, file, anchor, key)}: error: {message}")


@pytest.mark.parametrize("file, key", [("company.yaml", "priorities"), ("okrs/2027-Q1.yaml", "objectives"),
                                       ("team.yaml", "people")])
def test_lists_that_need_at_least_one_item(example_project: Path, file: str, key: str) -> None:
    path = example_project / "content" / file
    text = path.read_text()
    path.write_text(text[: text.index(f"\n{key}:") + 1] + f"{key}: []\n" + (
        text[text.index("\nstakeholders:"):] if key == "people" else ""))
    only(example_project, f"{at(example_project, file, f'{key}: []', '[')}: error: {key}: needs at least 1 "
                          "item(s)")


def test_a_free_slide_needs_a_title(example_project: Path, edit) -> None:
    edit("slides/launch-calendar.md", "title: Four launches in the first half of 2027\n", "")
    only(example_project, f"{at(example_project, 'slides/launch-calendar.md', 'after: strategy', 'after')}: "
                          "error: missing required key 'title'")
