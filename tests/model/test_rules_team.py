"""People rules: names, reporting lines, every "person" field, allocations and the one-off budget."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.checking import at, diagnostics, lines_with, only

STAKEHOLDERS = "\nstakeholders:\n"
TOM = "    reports_to: Daniel Reyes\n    focus:\n      - Copilot GA launch"
LENA = "    reports_to: Maya Okafor\n    focus:\n      - Pitch certification"


def test_a_name_used_twice_names_both_lines(example_project: Path, edit) -> None:
    edit("team.yaml", STAKEHOLDERS, "\n  - name: Maya Okafor\n    role: Intern\n" + STAKEHOLDERS)
    first, second = lines_with(example_project, "team.yaml", "- name: Maya Okafor")
    only(example_project, f"content/team.yaml:{second}:11: error: person 'Maya Okafor' is listed twice "
                          f"(first on line {first}); names must be unique")


def test_reports_to_must_be_a_person(example_project: Path, edit) -> None:
    edit("team.yaml", TOM, TOM.replace("Daniel Reyes", "Danial Reyes"))
    only(example_project, f"{at(example_project, 'team.yaml', 'reports_to: Danial Reyes', 'Danial')}: error: "
                          "Tom Becker reports to 'Danial Reyes', who is not a person in team.yaml "
                          "(did you mean 'Daniel Reyes'?)")


def test_a_reporting_cycle_is_named_once_from_its_first_person(example_project: Path, edit) -> None:
    edit("team.yaml", "    role: Director, Product Marketing\n",
         "    role: Director, Product Marketing\n    reports_to: Tom Becker\n")
    only(example_project, f"{at(example_project, 'team.yaml', 'reports_to: Tom Becker', 'Tom')}: error: "
                          "reports_to goes round in a circle: Maya Okafor → Tom Becker → Daniel Reyes → "
                          "Maya Okafor; the team lead has no reports_to")


def test_reporting_to_oneself_is_a_cycle(example_project: Path, edit) -> None:
    edit("team.yaml", LENA, LENA.replace("Maya Okafor", "Lena Fischer"))
    only(example_project, f"{at(example_project, 'team.yaml', 'reports_to: Lena Fischer', 'Lena')}: error: "
                          "reports_to goes round in a circle: Lena Fischer → Lena Fischer; the team lead has no "
                          "reports_to")


def test_two_cycles_are_two_errors_and_a_chain_into_a_cycle_is_not_one(example_project: Path, edit) -> None:
    edit("team.yaml", "    role: Director, Product Marketing\n",
         "    role: Director, Product Marketing\n    reports_to: Daniel Reyes\n")
    edit("team.yaml", LENA, LENA.replace("Maya Okafor", "Lena Fischer"))
    maya = lines_with(example_project, "team.yaml", "reports_to: Daniel Reyes")[0]
    assert diagnostics(example_project) == [
        f"content/team.yaml:{maya}:17: error: reports_to goes round in a circle: "
        "Maya Okafor → Daniel Reyes → Maya Okafor; the team lead has no reports_to",
        f"{at(example_project, 'team.yaml', 'reports_to: Lena Fischer', 'Lena')}: error: reports_to goes "
        "round in a circle: Lena Fischer → Lena Fischer; the team lead has no reports_to"]


@pytest.mark.parametrize("file, old, new, token, message", [
    ("deck.yaml", "  name: Maya Okafor", "  name: Maya", "Maya",
     "the deck's leader is 'Maya', who is not a person in team.yaml (did you mean 'Maya Okafor'?)"),
    ("big-rocks.yaml", "owner: Tom Becker", "owner: Tom Baker", "Tom",
     "big rock 'copilot-launch' is owned by 'Tom Baker', who is not a person in team.yaml "
     "(did you mean 'Tom Becker'?)"),
    ("okrs/2027-Q1.yaml", "    owner: Aiko Tanaka\n    key_results:", "    owner: aiko tanaka\n    key_results:",
     "aiko", "objective 'beat-stratapoint' is owned by 'aiko tanaka', who is not a person in team.yaml "
             "(did you mean 'Aiko Tanaka'?)"),
    ("okrs/2026-Q4.yaml", "owner: Lena Fischer", "owner: Lena", "Lena",
     "key result 'Competitive deal desk live for all regions' is owned by 'Lena', who is not a person in "
     "team.yaml (did you mean 'Lena Fischer'?)"),
    ("okrs/2027-Q1.yaml", "        owner: Daniel Reyes", "        owner: The CFO", "The",
     "key result 'Average Copilot add-on deal size' is owned by 'The CFO', who is not a person in team.yaml"),
])
def test_every_person_field_names_someone_in_the_team(example_project: Path, edit, file: str, old: str,
                                                      new: str, token: str, message: str) -> None:
    edit(file, old, new)
    value = new.strip().split("\n")[0]
    only(example_project, f"{at(example_project, file, value, token)}: error: {message}")


def test_text_fields_that_name_people_are_free_text(example_project: Path, edit) -> None:
    edit("company.yaml", "owner: Chief Revenue Officer", "owner: Somebody Unknown")
    edit("team.yaml", "    name: Rachel Goldberg", "    name: Not A Team Member")
    edit("charter.md", "by: Rachel Goldberg, CMO", "by: Anyone At All")
    assert diagnostics(example_project) == []


def test_an_allocation_key_is_a_big_rock_or_one_offs(example_project: Path, edit) -> None:
    edit("team.yaml", "      expansion-plays: 30", "      expansion-play: 30")
    only(example_project, f"{at(example_project, 'team.yaml', 'expansion-play: 30', 'expansion')}: error: "
                          "allocation key 'expansion-play' is neither a big rock id nor 'one-offs' "
                          "(did you mean 'expansion-plays'?)")


def test_an_allocation_over_100_is_an_error(example_project: Path, edit) -> None:
    edit("team.yaml", "      expansion-plays: 30", "      expansion-plays: 40")
    first_key = lines_with(example_project, "team.yaml", "expansion-plays: 40")[0] - 3
    only(example_project, f"content/team.yaml:{first_key}:7: error: the allocation of Daniel Reyes adds up "
                          "to 110%, more than 100%: lower some shares")


def test_an_allocation_under_100_is_a_warning(example_project: Path, edit) -> None:
    edit("team.yaml", "      expansion-plays: 30", "      expansion-plays: 19.5%")
    first_key = lines_with(example_project, "team.yaml", "expansion-plays: 19.5%")[0] - 3
    only(example_project, f"content/team.yaml:{first_key}:7: warning: the allocation of Daniel Reyes adds "
                          "up to 89.5%, less than 100%: where does the rest of their time go?")


def test_allocations_of_thirds_add_up_to_100(example_project: Path, edit) -> None:
    edit("team.yaml", "      copilot-launch: 75\n      enterprise-narrative: 10\n      one-offs: 15",
         "      copilot-launch: 33.3\n      enterprise-narrative: 33.3\n      one-offs: 33.4")
    assert not any("Tom Becker" in line for line in diagnostics(example_project))


def test_a_person_without_allocation_is_fine(example_project: Path, edit) -> None:
    edit("team.yaml", "    allocation:\n      competitive-winrate: 70\n      enterprise-narrative: 15\n"
                      "      one-offs: 15\n", "")
    assert diagnostics(example_project) == []


def test_a_one_off_share_outside_the_budget_is_a_warning(example_project: Path, edit) -> None:
    edit("team.yaml", "one_off_budget: [10, 15]", "one_off_budget: [20, 25%]")
    only(example_project, f"{at(example_project, 'team.yaml', 'one_off_budget: [20, 25%]', '[')}: warning: "
                          "the team keeps 12.9% of its allocated time for one-offs, outside the one-off "
                          "budget of 20–25%")


def test_the_default_budget_is_checked_and_said_to_be_the_default(example_project: Path, edit) -> None:
    edit("team.yaml", "one_off_budget: [10, 15]\n", "")
    edit("team.yaml", "      expansion-plays: 70\n      copilot-launch: 20\n      one-offs: 10",
         "      expansion-plays: 10\n      copilot-launch: 20\n      one-offs: 70")
    only(example_project, f"{at(example_project, 'team.yaml', 'people:', 'people')}: warning: the team keeps "
                          "21.4% of its allocated time for one-offs, outside the one-off budget of 10–15% "
                          "(the default; set one_off_budget to change it)")


def test_team_rules_are_reported_when_another_file_is_broken(example_project: Path, edit) -> None:
    edit("deck.yaml", "team: Product Marketing", "teem: Product Marketing")
    edit("team.yaml", LENA, LENA.replace("Maya Okafor", "Lena Fischer"))
    assert diagnostics(example_project) == [
        "content/deck.yaml:5:1: error: required key 'team' is missing: add a line 'team: …'",
        "content/deck.yaml:5:1: error: unknown key 'teem' (did you mean 'team'?)",
        f"{at(example_project, 'team.yaml', 'reports_to: Lena Fischer', 'Lena')}: error: reports_to goes "
        "round in a circle: Lena Fischer → Lena Fischer; the team lead has no reports_to"]
