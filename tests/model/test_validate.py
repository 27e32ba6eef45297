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
                          "'motto': remove it, or use a known key: team, company, year, quarter, leader, audience, "
                          "date, confidentiality, fiscal_year_start, theme, template, layouts, slides, titles")


def test_a_missing_key_is_named_at_its_mapping(example_project: Path, edit) -> None:
    edit("big-rocks.yaml", "    title: Launch Copilot as the category's AI analyst\n", "")
    only(example_project, f"{at(example_project, 'big-rocks.yaml', 'id: copilot-launch', 'id')}: error: "
                          "big rock 'copilot-launch' has no 'title', which is required: add 'title: …'")


@pytest.mark.parametrize("value", ["1234", "0", "20261214", "2026-12-14T10:00:00", "2026-1-4", "2026-02-30",
                                   "14/12/2026"])
def test_dates_are_iso_and_nothing_else(example_project: Path, edit, value: str) -> None:
    edit("charter.md", "on: 2026-12-14", f"on: {value}")
    only(example_project, f"{at(example_project, 'charter.md', 'on: ' + value, value)}: error: approval 'Rachel "
                          f"Goldberg, CMO', on: expected a date like 2027-01-05, got '{value}'")


@pytest.mark.parametrize("old, new, line_text, token, message", [
    ("year: 2027", "year: twenty", "year: twenty", "twenty", "year: expected a whole number, got 'twenty'"),
    ("quarter: 2027-Q1", "quarter: 2027-Q5", "quarter: 2027-Q5", "2027",
     "quarter: '2027-Q5' is not a quarter: write it like 2027-Q1"),
    ('primary: "#1B3A5C"', "primary: #1B3A5C", "primary: #1B3A5C", "primary",
     "theme.primary is empty, because '#' starts a comment in YAML: put the value in quotes, primary: "
     "\"#1B3A5C\""),
    ("fiscal_year_start: 1", "fiscal_year_start: 13", "fiscal_year_start: 13", "13",
     "fiscal_year_start: expected a number from 1 to 12, got '13'"),
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
                          f"key result 'Win rate against Stratapoint', target: {message}")


def test_an_empty_mapping_value_points_at_its_key(example_project: Path, edit) -> None:
    edit("deck.yaml", "leader:\n  name: Maya Okafor\n  title: Director, Product Marketing\n", "leader:\n")
    only(example_project, f"{at(example_project, 'deck.yaml', 'leader:', 'leader', exact=True)}: error: leader is "
                          "empty: write it")


def test_a_markdown_file_without_front_matter(example_project: Path) -> None:
    (example_project / "content/charter.md").write_text("## Principles\n\n- Few things.\n")
    hint = "(the front matter is missing or empty: put the keys between two '---' lines at the top)"
    assert diagnostics(example_project) == [
        f"content/charter.md:1:1: error: required key 'mission' is missing {hint}",
        f"content/charter.md:1:1: error: required key 'owns' is missing {hint}"]


def test_all_errors_of_all_files_are_reported(example_project: Path, edit) -> None:
    edit("deck.yaml", "year: 2027", "year: soon")
    edit("deck.yaml", "  font: Calibri", "  fnt: Calibri")
    edit("charter.md", "on: 2026-12-16", "on: yesterday")
    edit("okrs/2026-Q4.yaml", "state: closed", "state: done")
    edit("intake.yaml", "    hours: 14", "    hours: -1")
    assert diagnostics(example_project) == [
        f"{at(example_project, 'charter.md', 'on: yesterday', 'yesterday')}: error: approval 'Marcus Hale, Head of "
        "Sales', on: expected a date like 2027-01-05, got 'yesterday'",
        f"{at(example_project, 'deck.yaml', 'year: soon', 'soon')}: error: year: expected a whole number, "
        "got 'soon'",
        f"{at(example_project, 'deck.yaml', 'fnt: Calibri', 'fnt')}: error: unknown key 'fnt' (did you mean "
        "'font'?)",
        f"{at(example_project, 'intake.yaml', 'hours: -1', '-1')}: error: request 'Battlecard against "
        "Stratapoint's new pricing for Q4 deals', hours: expected a number of 0 or more, got '-1'",
        f"{at(example_project, 'okrs/2026-Q4.yaml', 'state: done', 'done')}: error: state: expected 'planned', "
        "'active' or 'closed', got 'done'",
    ]


@pytest.mark.parametrize("file, old, new, token, message", [
    ("okrs/2027-Q1.yaml", "confidence: 0.9", "confidence: 1.5", "1.5",
     "key result 'Messaging house signed off by CMO and Head of Sales', confidence: expected a number from 0 "
     "to 1 (e.g. 0.8 for 80%), got '1.5'"),
    ("okrs/2026-Q4.yaml", "score: 0.5", "score: -0.1", "-0.1",
     "key result 'Competitive deal desk live for all regions', score: expected a number from 0 to 1 (e.g. 0.8 "
     "for 80%), got '-0.1'"),
    ("okrs/2027-Q1.yaml", "commitment: committed\n        done: false\n        confidence: 0.9",
     "commitment: maybe\n        done: false\n        confidence: 0.9", "maybe",
     "key result 'Messaging house signed off by CMO and Head of Sales', commitment: expected 'aspirational' or "
     "'committed', got 'maybe'"),
    ("okrs/2027-Q1.yaml", "state: planned", "state: open", "open",
     "state: expected 'planned', 'active' or 'closed', got 'open'"),
    ("deck.yaml", 'primary: "#1B3A5C"', 'primary: "#1B3A5"', '"',
     "theme.primary: '#1B3A5' is not a colour: write '#' and six hex digits, in quotes, e.g. primary: "
     "\"#1F4E79\""),
    ("wins.md", "period: 2026-Q4", "period: Q4 2026", "Q4",
     "period: 'Q4 2026' is not a quarter: write it like 2026-Q4"),
    ("big-rocks.yaml", "        status: aligned\n        on: 2026-12-17", "        status: agreed\n        on: 2026-12-17",
     "agreed", "big rock 'expansion-plays', alignment 'Head of Sales', status: expected 'aligned', 'pending' or "
     "'concerns', got 'agreed' (did you mean 'aligned'?)"),
    ("team.yaml", "      expansion-plays: 70", "      expansion-plays: 170", "170",
     "person 'Samuel Osei', allocation for 'expansion-plays': expected a number from 0 to 100, got '170'"),
    ("company.yaml", "id: ai-platform", "id: AI Platform", "AI",
     "priority 'Lead the category on AI-assisted analytics', id: 'AI Platform' is not an id: use lowercase "
     "letters, digits and hyphens, e.g. 'ai-platform'"),
    ("charter.md", "valid_through: 2027-12", "valid_through: 2027-13", "2027",
     "valid_through: '2027-13' is not a month: write it like 2027-01 (the year, then the month from 01 to 12)"),
    ("intake.yaml", "  - date: 2026-10-02", "  - date: 2 Oct 2026", "2 Oct",
     "request 'Battlecard against Stratapoint's new pricing for Q4 deals', date: expected a date like "
     "2027-01-05, got '2 Oct 2026'"),
    ("deck.yaml", "audience: [CMO, Head of Sales, Head of Product]", "audience: CMO", "CMO",
     "audience: expected a list: write it in brackets, audience: [CMO]"),
])
def test_each_file_s_types_and_choices(example_project: Path, edit, file: str, old: str, new: str, token: str,
                                       message: str) -> None:
    edit(file, old, new)
    changed = new.split("\n", maxsplit=1)[0].strip()
    only(example_project, f"{at(example_project, file, changed, token)}: error: {message}")


@pytest.mark.parametrize("file, old, new, anchor, message", [
    ("team.yaml", "  - role: VP Customer Success\n    name", "  - name", "name: Kwame Mensah",
     "stakeholder 'Kwame Mensah' has no 'role', which is required: add 'role: …'"),
    ("team.yaml", "    role: Sales Enablement Manager\n", "", "name: Lena Fischer",
     "person 'Lena Fischer' has no 'role', which is required: add 'role: …'"),
    ("intake.yaml", "    ask: Battlecard against Stratapoint's new pricing for Q4 deals\n", "", "date: 2026-10-02",
     "request 1 has no 'ask', which is required: add 'ask: …'"),
    ("okrs/2027-Q1.yaml", "    rock: copilot-launch\n", "", "id: copilot-ga",
     "objective 'copilot-ga' has no 'rock', which is required: add 'rock: …'"),
])
def test_required_keys_in_lists(example_project: Path, edit, file: str, old: str, new: str, anchor: str,
                                message: str) -> None:
    edit(file, old, new)
    key = anchor.split(":", maxsplit=1)[0]
    only(example_project, f"{at(example_project, file, anchor, key)}: error: {message}")


@pytest.mark.parametrize("file, key", [("company.yaml", "priorities"), ("okrs/2027-Q1.yaml", "objectives"),
                                       ("team.yaml", "people")])
def test_lists_that_need_at_least_one_item(example_project: Path, file: str, key: str) -> None:
    path = example_project / "content" / file
    text = path.read_text()
    path.write_text(text[: text.index(f"\n{key}:") + 1] + f"{key}: []\n" + (
        text[text.index("\nstakeholders:"):] if key == "people" else ""))
    only(example_project, f"{at(example_project, file, f'{key}: []', '[')}: error: {key}: needs at least one "
                          "entry: add one")


def test_a_free_slide_needs_a_title(example_project: Path, edit) -> None:
    edit("slides/launch-calendar.md", "title: Four launches in the first half of 2027\n", "")
    only(example_project, f"{at(example_project, 'slides/launch-calendar.md', 'after: strategy', 'after')}: "
                          "error: required key 'title' is missing: add a line 'title: …'")
