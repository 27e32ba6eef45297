"""The commonest slips of a first draft, each answered in plain words with the fix, built from what was
typed: no parser jargon, no index paths, no message that loops back to the mistake."""
from __future__ import annotations

from pathlib import Path

from deckgen.commands.common import check_project
from tests.support.checking import at, only

Q1 = "okrs/2027-Q1.yaml"
MESSAGING = "key result 'Messaging house signed off by CMO and Head of Sales'"


def test_a_colour_after_a_bare_hash_is_a_comment_and_is_quoted(example_project: Path, edit) -> None:
    edit("deck.yaml", 'primary: "#1B3A5C"', "primary: #4B2E83")
    only(example_project, f"{at(example_project, 'deck.yaml', 'primary: #4B2E83', 'primary')}: error: theme.primary "
                          "is empty, because '#' starts a comment in YAML: put the value in quotes, primary: "
                          "\"#4B2E83\"")


def test_a_colour_without_its_hash_gets_it_back_in_quotes(example_project: Path, edit) -> None:
    """Not 'a colour like #1F4E79', which a user follows into the comment trap above."""
    edit("deck.yaml", 'primary: "#1B3A5C"', "primary: 4B2E83")
    only(example_project, f"{at(example_project, 'deck.yaml', 'primary: 4B2E83', '4B')}: error: theme.primary: a "
                          "colour is '#' and six hex digits, in quotes: primary: \"#4B2E83\"")


def test_a_colon_in_a_title_says_to_quote_the_text(example_project: Path, edit) -> None:
    edit(Q1, "- title: Win rate against Stratapoint", "- title: Win rate: Stratapoint")
    only(example_project, f"{at(example_project, Q1, 'title: Win rate: Stratapoint', 'Win')}: error: the text after "
                          "'title:' holds ': ', which YAML reads as a new key: put the text in quotes: - title: "
                          "\"Win rate: Stratapoint\"")


def test_a_line_indented_one_space_too_many(example_project: Path, edit) -> None:
    edit(Q1, "        baseline: 34\n", "         baseline: 34\n")
    only(example_project, f"{at(example_project, Q1, '         baseline: 34', 'baseline')}: error: check the "
                          "indentation of this line against the one above: it starts in column 10, line "
                          f"{int(at(example_project, Q1, 'baseline: 34').split(':')[1]) - 1} in column 9 (a line set "
                          "deeper than a value continues that value)")


def test_a_list_written_without_brackets_is_shown_with_them(example_project: Path, edit) -> None:
    edit("deck.yaml", "audience: [CMO, Head of Sales, Head of Product]", "audience: CMO, CRO")
    only(example_project, f"{at(example_project, 'deck.yaml', 'audience: CMO, CRO', 'CMO')}: error: audience: "
                          "expected a list: write it in brackets, audience: [CMO, CRO]")


def test_a_confidence_in_percent_is_shown_as_a_fraction(example_project: Path, edit) -> None:
    edit(Q1, "confidence: 0.9", "confidence: 80%")
    only(example_project, f"{at(example_project, Q1, 'confidence: 80%', '80')}: error: {MESSAGING}, confidence: a "
                          "number from 0 to 1 is needed: write 0.8 for 80%")


def test_key_results_are_named_by_title_and_lists_by_entry(example_project: Path, edit) -> None:
    edit(Q1, "confidence: 0.9", "confidence: sure")
    only(example_project, f"{at(example_project, Q1, 'confidence: sure', 'sure')}: error: {MESSAGING}, confidence: "
                          "expected a number, got 'sure'")


def test_a_percentage_without_its_unit_says_to_set_the_unit(example_project: Path, edit) -> None:
    edit(Q1, "        baseline: 120\n", "        baseline: 120%\n")
    only(example_project, f"{at(example_project, Q1, 'baseline: 120%', '120')}: error: key result 'Accounts using "
                          "Copilot weekly', baseline: '120%' is a percentage: write 120 and give the key result "
                          "unit: \"%\"")


def test_values_may_carry_percent_where_the_unit_is_percent(example_project: Path, edit) -> None:
    edit("okrs/2026-Q4.yaml", "        baseline: 31\n        target: 36", "        baseline: 31%\n        target: 36 %")
    checked = check_project(example_project)
    assert [str(d) for d in checked.reporter.diagnostics] == []
    assert checked.project is not None
    result = checked.project.quarters["2026-Q4"].objectives[2].key_results[1]
    assert (result.baseline, result.target, result.unit) == (31.0, 36.0, "%")


def test_an_empty_owner_is_an_error_not_a_blank_cell(example_project: Path, edit) -> None:
    edit(Q1, "    owner: Aiko Tanaka\n    key_results:", "    owner:\n    key_results:")
    only(example_project, f"{at(example_project, Q1, 'owner:', 'owner', exact=True)}: error: objective "
                          "'beat-stratapoint', owner is empty: write a name from team.yaml, or delete the line")


def test_a_misspelt_choice_is_matched(example_project: Path, edit) -> None:
    edit(Q1, "state: planned", "state: plannd")
    only(example_project, f"{at(example_project, Q1, 'state: plannd', 'plannd')}: error: state: expected 'planned', "
                          "'active' or 'closed', got 'plannd' (did you mean 'planned'?)")
