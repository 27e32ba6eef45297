"""YAML to plain data with positions: text stays text, and every way YAML goes wrong is one clear error."""
from __future__ import annotations

import warnings

import pytest

from deckgen.diagnostics import Reporter
from deckgen.load.yaml_source import MAX_DEPTH, parse_yaml


def _parse(text: str, offset: int = 0):
    reporter = Reporter()
    source = parse_yaml(text, "content/x.yaml", reporter, line_offset=offset)
    return source, [str(d) for d in reporter.sorted()]


def test_every_scalar_is_the_text_written_except_null() -> None:
    source, problems = _parse("a: no\nb: 0755\nc: 1:30\nd: 2027-01-05\ne: 1e3\nf: ~\ng:\nh: 'null'\ni: !!int 5\n")
    assert problems == []
    assert source.data == {"a": "no", "b": "0755", "c": "1:30", "d": "2027-01-05", "e": "1e3", "f": None,
                           "g": None, "h": "null", "i": "5"}


def test_positions_of_values_and_keys() -> None:
    source, _ = _parse("top:\n  - name: x\n    role: y\n", offset=1)
    assert str(source.position(("top", 0, "role"))) == "content/x.yaml:4:11"
    assert str(source.key_position(("top", 0, "role"))) == "content/x.yaml:4:5"
    assert str(source.position(("top", 0, "missing"))) == "content/x.yaml:3:5"


def test_a_duplicate_key_names_both_lines_and_keeps_the_first() -> None:
    source, problems = _parse("a: 1\nb: 2\na: 3\n")
    assert problems == ["content/x.yaml:3:1: error: duplicate key 'a' (first defined on line 1)"]
    assert source.data == {"a": "1", "b": "2"}


def test_every_duplicate_key_of_a_file_is_reported() -> None:
    _, problems = _parse("a: 1\na: 2\nm:\n  k: 1\n  k: 2\n")
    assert problems == ["content/x.yaml:2:1: error: duplicate key 'a' (first defined on line 1)",
                        "content/x.yaml:5:3: error: duplicate key 'k' (first defined on line 4)"]


@pytest.mark.parametrize("text, expected", [
    ("a:\n\tb: 1\n", "content/x.yaml:2:1: error: a tab character; YAML allows only spaces "
                     "here: replace it with spaces, or quote the text"),
    ("a: x\ty\n", "content/x.yaml:1:5: error: a tab character; YAML allows only spaces "
                  "here: replace it with spaces, or quote the text"),
    ("a: [1, 2\nb: 3\n", "content/x.yaml:1:4: error: the '[' opened here is not closed: close it with ']' after "
                         "its last item (and put an item holding a comma, colon or bracket in quotes)"),
    ("a: b: c\n", "content/x.yaml:1:4: error: the text after 'a:' holds ': ', which YAML reads as a new key: put "
                  "the text in quotes: a: \"b: c\""),
    ("a: 'x\n", "content/x.yaml:1:4: error: the ' opened here is never closed: add the closing ' at the end of "
                "the text"),
    ("a: 1\n---\nb: 2\n", "content/x.yaml:2:1: error: a second YAML document starts here; a "
                          "content file holds one ('---' ends front matter in Markdown, and is not needed in a "
                          "YAML file)"),
    ("a: *x\n", "content/x.yaml:1:4: error: text cannot start with '*' in YAML: put it in quotes: a: \"*x\""),
    ("a: 1\nb: x\x01y\n", "content/x.yaml:2:5: error: character U+0001 is not allowed in YAML; remove it"),
    ("a: 1\n? [k]\n: v\n", "content/x.yaml:2:3: error: a mapping key must be a plain value, not a list or "
                           "mapping"),
])
def test_syntax_errors_are_located_and_explained(text: str, expected: str) -> None:
    source, problems = _parse(text)
    assert source is None
    assert problems == [expected]


def test_front_matter_lines_are_shifted_to_the_file() -> None:
    _, problems = _parse("a: [1\nb: 2\n", offset=1)
    assert problems == ["content/x.yaml:2:4: error: the '[' opened here is not closed: close it with ']' after "
                        "its last item (and put an item holding a comma, colon or bracket in quotes)"]


def test_an_alias_bomb_is_stopped() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for name, previous in zip("bcdefg", "abcdef", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    _, problems = _parse("\n".join(lines) + "\n")
    assert len(problems) == 1
    assert problems[0].endswith("error: document has more than 100000 values (an alias bomb?)")
    assert problems[0].startswith("content/x.yaml:")


@pytest.mark.parametrize("text, where", [("a: &r [*r]\n", "1:4"), ("a: &r\n  - x: *r\n", "1:4")])
def test_a_recursive_alias_is_an_error(text: str, where: str) -> None:
    _, problems = _parse(text)
    assert problems == [f"content/x.yaml:{where}: error: the value anchored here as '&r' contains the alias "
                        "'*r' to itself, so it never ends"]


def test_a_reused_anchor_is_valid_yaml_and_warns_nothing() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        source, problems = _parse("a: &x 1\nb: &x 2\nc: *x\n")
    assert problems == [] and source.data == {"a": "1", "b": "2", "c": "2"}


@pytest.mark.parametrize("depth", [MAX_DEPTH + 5, 600], ids=["over-the-limit", "past-python-recursion"])
def test_deep_nesting_is_an_error_not_a_crash(depth: int) -> None:
    _, problems = _parse("[" * depth + "]" * depth)
    assert len(problems) == 1 and f"nested deeper than {MAX_DEPTH} levels" in problems[0]
