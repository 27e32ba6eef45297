"""Did-you-mean: near misses are suggested, far ones are not."""
from __future__ import annotations

import pytest

from deckgen.suggest import closest, did_you_mean, edits, mistyped

PEOPLE = ["Maya Okafor", "Tom Becker", "Lena Fischer"]


@pytest.mark.parametrize("word, expected", [
    ("Mya Okafor", "Maya Okafor"),    # a typo
    ("maya okafor", "Maya Okafor"),   # case
    ("Tom", "Tom Becker"),            # a first name that names one person
    ("Becker", "Tom Becker"),         # a last name
    ("Somebody Else", None),
    ("", None),
])
def test_closest_person(word: str, expected: str | None) -> None:
    assert closest(word, PEOPLE) == expected


def test_a_first_name_shared_by_two_people_suggests_no_one() -> None:
    assert closest("Tom", ["Tom Becker", "Tom Hale"]) is None


def test_did_you_mean_says_nothing_when_nothing_is_close_or_the_word_is_known() -> None:
    assert did_you_mean("targt", ["target", "title"]) == " (did you mean 'target'?)"
    assert did_you_mean("zzz", ["target"]) == ""
    assert did_you_mean("target", ["target"]) == ""


def test_edits_counts_insertions_deletions_and_changes() -> None:
    assert [edits("ask", "asks"), edits("okrs", "okr"), edits("kitten", "sitting"), edits("", "abc")] == [1, 1, 3, 3]


@pytest.mark.parametrize("name, expected", [
    ("intake.yml", "intake.yaml"), ("WINS.MD", "wins.md"), ("ask.md", "asks.md"), ("okr", "okrs"),
    ("charter-2026.md", None), ("strategy-old.md", None), ("notes.md", None)])
def test_mistyped_file_names(name: str, expected: str | None) -> None:
    assert mistyped(name, ["intake.yaml", "wins.md", "asks.md", "okrs", "charter.md", "strategy.md"]) == expected
