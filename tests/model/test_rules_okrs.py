"""OKR rules: the quarter in the file, objective ids, the two kinds of key result, sizes and misses."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.checking import at, diagnostics, lines_with, only

Q1 = "okrs/2027-Q1.yaml"
Q4 = "okrs/2026-Q4.yaml"
MILESTONE = "        commitment: committed\n        done: false\n        confidence: 0.9"
WIN_RATE = "        baseline: 34\n        target: 39\n"


def test_the_quarter_must_match_the_file_name(example_project: Path, edit) -> None:
    edit(Q4, "quarter: 2026-Q4", "quarter: 2026-Q3")
    only(example_project, f"{at(example_project, Q4, 'quarter: 2026-Q3', '2026')}: error: quarter '2026-Q3' "
                          "does not match the file name 2026-Q4.yaml: write quarter: 2026-Q4, or rename the file")


def test_objective_ids_are_unique_in_a_quarter(example_project: Path, edit) -> None:
    edit(Q1, "id: copilot-ga", "id: enterprise-pitch-live")
    first, second = lines_with(example_project, Q1, "id: enterprise-pitch-live")
    only(example_project, f"content/{Q1}:{second}:9: error: objective id 'enterprise-pitch-live' is used "
                          f"twice in the quarter (first on line {first}): give each objective its own id")


def test_the_same_objective_id_in_two_quarters_is_fine(example_project: Path, edit) -> None:
    edit(Q4, "id: copilot-beta", "id: copilot-ga")
    assert diagnostics(example_project) == []


def test_the_format_s_own_example_message(example_project: Path, edit) -> None:
    edit(Q1, WIN_RATE, "        baseline: 30\n        target: 30\n")
    only(example_project, f"{at(example_project, Q1, 'target: 30', '30')}: error: key result 'Win rate "
                          "against Stratapoint' has target 30 equal to baseline 30: set the value it should reach")


def test_equal_decimals_show_as_written(example_project: Path, edit) -> None:
    edit(Q1, WIN_RATE, "        baseline: 34.5\n        target: 34.50\n")
    only(example_project, f"{at(example_project, Q1, 'target: 34.50', '34')}: error: key result 'Win rate "
                          "against Stratapoint' has target 34.5 equal to baseline 34.5: set the value it should reach")


def test_a_key_result_of_neither_kind(example_project: Path, edit) -> None:
    edit(Q1, MILESTONE, "        commitment: committed\n        confidence: 0.9")
    title = "Messaging house signed off by CMO and Head of Sales"
    only(example_project, f"{at(example_project, Q1, '- title: ' + title, 'title')}: error: key result "
                          f"'{title}' needs either baseline and target (numeric) or done (milestone)")


def test_a_key_result_of_both_kinds(example_project: Path, edit) -> None:
    edit(Q1, WIN_RATE, WIN_RATE + "        done: true\n")
    only(example_project, f"{at(example_project, Q1, 'done: true', 'true')}: error: key result 'Win rate "
                          "against Stratapoint' has both baseline and target (numeric) and done (milestone): "
                          "keep one kind")


@pytest.mark.parametrize("kept, missing", [("baseline", "target"), ("target", "baseline")])
def test_half_a_numeric_pair(example_project: Path, edit, kept: str, missing: str) -> None:
    edit(Q1, WIN_RATE, f"        {kept}: 36\n")
    only(example_project, f"{at(example_project, Q1, f'{kept}: 36', '36')}: error: key result 'Win rate "
                          f"against Stratapoint' has a {kept} but no {missing}: a numeric key result "
                          "needs both")


def test_half_a_numeric_pair_with_done_is_both_kinds(example_project: Path, edit) -> None:
    edit(Q1, WIN_RATE, "        baseline: 34\n        done: true\n")
    only(example_project, f"{at(example_project, Q1, 'done: true', 'true')}: error: key result 'Win rate "
                          "against Stratapoint' has both baseline (numeric) and done (milestone): keep one kind")


@pytest.mark.parametrize("key, value", [("current", "3"), ("unit", "launches"), ("direction", "up")])
def test_numeric_keys_on_a_milestone(example_project: Path, edit, key: str, value: str) -> None:
    edit(Q1, MILESTONE, MILESTONE + f"\n        {key}: {value}")
    only(example_project, f"{at(example_project, Q1, f'{key}: {value}', key)}: error: key result 'Messaging "
                          f"house signed off by CMO and Head of Sales' is a milestone (done): '{key}' applies "
                          "only to a numeric key result (baseline and target)")


def test_a_hand_set_score_on_a_milestone_is_fine(example_project: Path, edit) -> None:
    edit(Q1, MILESTONE, MILESTONE + "\n        score: 0.5")
    assert diagnostics(example_project) == []


@pytest.mark.parametrize("direction, baseline, target, side", [
    ("up", 4, 2, "below"), ("down", 34, 39, "above")])
def test_a_direction_that_contradicts_baseline_and_target(example_project: Path, edit, direction: str,
                                                          baseline: int, target: int, side: str) -> None:
    edit(Q1, WIN_RATE, f"        baseline: {baseline}\n        target: {target}\n        direction: "
                       f"{direction}\n")
    edit(Q1, "        direction: down\n        confidence: 0.6", "        confidence: 0.6")
    only(example_project, f"{at(example_project, Q1, f'direction: {direction}', direction)}: error: key result "
                          f"'Win rate against Stratapoint' has direction '{direction}', but its target "
                          f"{target} is {side} its baseline {baseline}: write direction: "
                          f"{'down' if direction == 'up' else 'up'}, or leave it out")


def test_a_direction_that_agrees_is_fine(example_project: Path, edit) -> None:
    edit(Q1, WIN_RATE, WIN_RATE + "        direction: up\n")
    assert diagnostics(example_project) == []


def _key_result(n: int) -> str:
    return f"      - title: Extra key result {n}\n        done: false\n"


def test_more_than_five_key_results_is_a_warning(example_project: Path, edit) -> None:
    copilot = "        unit: briefings\n        confidence: 0.8\n"
    edit(Q1, copilot, copilot + _key_result(1) + _key_result(2))
    only(example_project, f"{at(example_project, Q1, 'title: Extra key result 2', 'title')}: warning: "
                          "objective 'copilot-ga' has 6 key results; keep it to five or fewer")


def test_five_key_results_are_fine(example_project: Path, edit) -> None:
    copilot = "        unit: briefings\n        confidence: 0.8\n"
    edit(Q1, copilot, copilot + _key_result(1))
    assert diagnostics(example_project) == []


def _objective(n: int) -> str:
    return (f"  - id: extra-{n}\n    title: Extra objective {n}\n    rock: copilot-launch\n"
            f"    key_results:\n{_key_result(n)}")


def test_more_than_five_objectives_is_a_warning(example_project: Path, edit) -> None:
    path = example_project / "content" / Q1
    path.write_text(path.read_text() + _objective(1) + _objective(2))
    only(example_project, f"{at(example_project, Q1, '- id: extra-2', 'id')}: warning: 6 objectives in "
                          "2027-Q1; keep it to five or fewer")


NOTE = ("        note: Legal review of AI data terms held back 4 references; cleared in December, carried "
        "into Q1.\n")


def test_a_miss_without_a_note_in_a_closed_quarter_is_a_warning(example_project: Path, edit) -> None:
    edit(Q4, NOTE, "")
    title = "Beta customers signed up as references"
    only(example_project, f"{at(example_project, Q4, '- title: ' + title, 'title')}: warning: committed key "
                          f"result '{title}' of objective 'copilot-beta' scored 0.6 in the closed quarter "
                          "2026-Q4: add a note saying why it was missed")


def test_a_milestone_not_done_is_a_miss(example_project: Path, edit) -> None:
    edit(Q4, "        commitment: committed\n        done: true\n      - title: Enterprise case studies",
         "        commitment: committed\n        done: false\n      - title: Enterprise case studies")
    title = "Messaging house reviewed with Sales and Product"
    only(example_project, f"{at(example_project, Q4, '- title: ' + title, 'title')}: warning: committed key "
                          f"result '{title}' of objective 'enterprise-foundation' scored 0.0 in the closed "
                          "quarter 2026-Q4: add a note saying why it was missed")


@pytest.mark.parametrize("state", ["active", "planned"])
def test_a_miss_is_only_a_miss_once_the_quarter_is_closed(example_project: Path, edit, state: str) -> None:
    edit(Q4, NOTE, "")
    edit(Q4, "state: closed", f"state: {state}")
    assert diagnostics(example_project) == []


def test_an_aspirational_key_result_below_one_is_no_miss(example_project: Path, edit) -> None:
    edit(Q4, NOTE, "")
    edit(Q4, "        commitment: committed\n        baseline: 0\n        target: 10",
         "        baseline: 0\n        target: 10")
    assert diagnostics(example_project) == []


def test_older_and_later_quarter_files_are_allowed(example_project: Path) -> None:
    okrs = example_project / "content" / "okrs"
    for quarter in ("2025-Q2", "2027-Q3"):
        text = (okrs / "2026-Q4.yaml").read_text().replace("quarter: 2026-Q4", f"quarter: {quarter}")
        (okrs / f"{quarter}.yaml").write_text(text)
    assert diagnostics(example_project) == []


def test_okr_rules_are_reported_when_another_file_is_broken(example_project: Path, edit) -> None:
    edit("company.yaml", "priorities:", "priorites:")
    edit(Q1, WIN_RATE, "        baseline: 30\n        target: 30\n")
    lines = diagnostics(example_project)
    assert f"{at(example_project, Q1, 'target: 30', '30')}: error: key result 'Win rate against Stratapoint' " \
           "has target 30 equal to baseline 30: set the value it should reach" in lines
    assert lines[0].startswith("content/company.yaml:")
