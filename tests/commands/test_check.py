"""`deckgen check`: the example is clean, every problem is listed sorted with a summary, exit codes
mean what they say, and no content, however broken, ends in a traceback."""
from __future__ import annotations

import re
import shutil
from functools import lru_cache
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from deckgen.cli import main
from deckgen.commands.check import run_check
from deckgen.diagnostics import Reporter
from deckgen.load.yaml_source import parse_yaml
from tests.support.checking import at, lines_with
from tests.support.projects import EXAMPLE

LINE = re.compile(r"^content/[^:]+(:\d+(:\d+)?)?: (error|warning|note): \S.*$")
SUMMARY = re.compile(r"^(no problems found|\d+ errors?, \d+ warnings?)$")
YAML_FILES = ["deck.yaml", "company.yaml", "big-rocks.yaml", "team.yaml", "okrs/2027-Q1.yaml",
              "okrs/2026-Q4.yaml", "intake.yaml"]
MARKDOWN_FILES = ["charter.md", "strategy.md", "wins.md", "asks.md", "slides/launch-calendar.md"]


def _check(*args: str):
    return CliRunner().invoke(main, ["check", *args])


def test_the_example_checks_clean(example_project: Path) -> None:
    result = _check(str(example_project))
    assert (result.exit_code, result.output) == (0, "no problems found\n")


def test_the_example_checks_clean_in_strict_mode(example_project: Path) -> None:
    result = _check(str(example_project), "--strict")
    assert (result.exit_code, result.output) == (0, "no problems found\n")


def test_the_project_defaults_to_the_current_folder(example_project: Path, monkeypatch) -> None:
    monkeypatch.chdir(example_project)
    assert _check().output == "no problems found\n"


def test_warnings_pass_unless_strict(example_project: Path, edit) -> None:
    edit("charter.md", "valid_through: 2027-12", "valid_through: 2026-06")
    warning = (f"{at(example_project, 'charter.md', 'valid_through', '2026')}: warning: the charter was valid "
               "through 2026-06, before the edition date 2027-01-05: review it and set a new valid_through\n"
               "0 errors, 1 warning\n")
    relaxed, strict = _check(str(example_project)), _check(str(example_project), "--strict")
    assert (relaxed.exit_code, relaxed.output) == (0, warning)
    assert (strict.exit_code, strict.output) == (1, warning)


def test_errors_fail(example_project: Path, edit) -> None:
    edit("deck.yaml", "year: 2027", "year: next")
    result = _check(str(example_project))
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "1 error, 0 warnings"


@pytest.mark.parametrize("args", [["--bogus"], ["a", "b"]])
def test_a_usage_error_exits_2(example_project: Path, args: list[str]) -> None:
    assert _check(*args).exit_code == 2


def test_a_project_path_that_is_a_file_is_a_usage_error(example_project: Path) -> None:
    result = _check(str(example_project / "content" / "deck.yaml"))
    assert result.exit_code == 2
    assert "is a file" in result.output


def test_a_folder_without_content_is_an_error_not_a_crash(tmp_path: Path) -> None:
    result = _check(str(tmp_path))
    assert result.exit_code == 1
    assert result.output == (f"{tmp_path}: error: no 'content/' folder here, so this is not a deck project: run "
                             "deckgen in a project's folder, or create one with 'deckgen init FOLDER'\n"
                             "1 error, 0 warnings\n")


def test_check_run_inside_content_from_the_shell(example_project: Path, monkeypatch) -> None:
    monkeypatch.chdir(example_project / "content")
    result = _check()
    assert (result.exit_code, result.output) == (
        1, f".: error: this is the 'content/' folder of a project: run deckgen from the folder above, "
           f"{example_project.resolve()}\n1 error, 0 warnings\n")


def test_output_is_sorted_by_file_then_line_with_a_summary(example_project: Path, edit) -> None:
    edit("team.yaml", "      expansion-plays: 30", "      expansion-plays: 20")        # warning, team.yaml
    edit("okrs/2027-Q1.yaml", "        target: 39", "        target: 34.0")           # error, late line
    edit("okrs/2027-Q1.yaml", "    rock: copilot-launch", "    rock: copilot")        # error, earlier line
    edit("big-rocks.yaml", "owner: Samuel Osei", "owner: Sam")                        # error, big-rocks
    edit("charter.md", "valid_through: 2027-12", "valid_through: 2026-06")            # warning, charter
    allocation = lines_with(example_project, "team.yaml", "expansion-plays: 20")[0] - 3  # its first key
    lines = _check(str(example_project)).output.splitlines()
    assert [line.split(": ")[0] for line in lines[:-1]] == [
        at(example_project, "big-rocks.yaml", "owner: Sam", "Sam"),
        at(example_project, "charter.md", "valid_through", "2026"),
        at(example_project, "okrs/2027-Q1.yaml", "rock: copilot", "copilot", exact=True),
        at(example_project, "okrs/2027-Q1.yaml", "target: 34.0", "34"),
        f"content/team.yaml:{allocation}:7",
    ]
    assert lines[-1] == "3 errors, 2 warnings"


def test_run_check_returns_lines_and_code(example_project: Path, edit) -> None:
    edit("deck.yaml", "year: 2027", "year: next")
    lines, code = run_check(example_project, strict=False)
    assert code == 1
    assert lines == [f"{at(example_project, 'deck.yaml', 'year: next', 'next')}: error: year: expected a whole "
                     "number, got 'next'",
                     "content/deck.yaml: note: once this file's errors are fixed, deckgen can also check: "
                     "alignments are recent; the quarter ahead has an OKR file; the charter is current; the "
                     "slide list; the primary colour is readable; wins.md's period; intake.yaml's period; "
                     "the edition date; the plan year in free text; slide titles; the deck's file name",
                     "1 error, 0 warnings"]


# Property tests: whatever is in a content file, check ends in diagnostics ------------------------

@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the example for a whole property test; each example restores what it changed."""
    root = tmp_path_factory.mktemp("fuzz") / "proj"
    shutil.copytree(EXAMPLE, root / "content")
    return root


def _check_survives(root: Path, file: str, data: bytes) -> None:
    path = root / "content" / file
    original = path.read_bytes()
    path.write_bytes(data)
    try:
        lines, code = run_check(root, strict=False)
    finally:
        path.write_bytes(original)
    assert SUMMARY.match(lines[-1]), lines[-1]
    assert all(LINE.match(line) for line in lines[:-1]), lines
    assert code == (1 if any(": error: " in line for line in lines[:-1]) else 0)


scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                    st.text(max_size=12), st.sampled_from(["no", "on", "1:30", "0755", "2027-01-05",
                                                           "2027-Q1", "one-offs", "Maya Okafor", "50%"]))
keys = st.one_of(st.text(max_size=10), st.sampled_from(
    ["title", "id", "name", "quarter", "objectives", "key_results", "baseline", "target", "done", "people",
     "allocation", "reports_to", "slides", "requests", "outcome", "big_rocks", "supports", "priorities"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(keys, inner, max_size=4)),
                      max_leaves=12)


def _dump(value: Any) -> str:
    stream = StringIO()
    YAML(typ="safe", pure=True).dump(value, stream)
    return stream.getvalue()


@lru_cache(maxsize=None)
def _example_data(file: str) -> Any:
    """The example file's (front matter) data as the loader reads it; never mutated (see _graft)."""
    text = (EXAMPLE / file).read_text(encoding="utf-8")
    if file.endswith(".md"):
        text = text.split("---\n")[1] if text.startswith("---\n") else ""
    source = parse_yaml(text, file, Reporter())
    assert source is not None
    return source.data


def _graft(data: Any, path: list[int], value: Any) -> Any:
    """``data`` with the subtree that ``path`` picks (by child index at each level) replaced."""
    if not path or not isinstance(data, (dict, list)) or not data:
        return value
    if isinstance(data, list):
        index = path[0] % len(data)
        return [*data[:index], _graft(data[index], path[1:], value), *data[index + 1:]]
    key = list(data)[path[0] % len(data)]
    return {**data, key: _graft(data[key], path[1:], value)}


def _as_file(file: str, text: str, body: str = "\nBody text.\n") -> bytes:
    return (f"---\n{text}---\n{body}" if file.endswith(".md") else text).encode("utf-8")


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])


@FAST
@given(file=st.sampled_from(YAML_FILES + MARKDOWN_FILES), path=st.lists(st.integers(0, 50), max_size=6),
       value=values)
def test_any_value_grafted_into_the_example_ends_in_diagnostics(scratch: Path, file: str, path: list[int],
                                                               value: Any) -> None:
    data = _graft(_example_data(file), path, value)
    _check_survives(scratch, file, _as_file(file, _dump(data)))


@FAST
@given(file=st.sampled_from(YAML_FILES + MARKDOWN_FILES), value=values)
def test_any_yaml_as_a_whole_file_ends_in_diagnostics(scratch: Path, file: str, value: Any) -> None:
    _check_survives(scratch, file, _as_file(file, _dump(value)))


@FAST
@given(file=st.sampled_from(YAML_FILES + MARKDOWN_FILES),
       data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: t.encode("utf-8")),
                      st.text(alphabet="-:[]{}&*!|>'\"#%@` \t\n\r\ufeffab01", max_size=120).map(
                          lambda t: t.encode("utf-8"))))
def test_any_bytes_in_any_content_file_end_in_diagnostics(scratch: Path, file: str, data: bytes) -> None:
    _check_survives(scratch, file, data)


# SOURCE_DATE_EPOCH: one reading, one policy, for every command -------------------------------------
def test_a_source_date_epoch_that_is_not_a_time_is_refused_by_check_and_build(example_project: Path,
                                                                              tmp_path: Path) -> None:
    message = ("Error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 (e.g. 1767225600), "
               "got 'abc': fix it, or unset it to use today\n")
    env = {"SOURCE_DATE_EPOCH": "abc"}
    for args in (["check", str(example_project)], ["build", str(example_project), "-o", str(tmp_path / "out")]):
        result = CliRunner().invoke(main, args, env=env)
        assert (result.exit_code, result.output.splitlines()[-1] + "\n") == (1, message), result.output
    assert not (tmp_path / "out").exists()


def test_source_date_epoch_sets_the_build_date(example_project: Path, edit) -> None:
    from deckgen.commands.common import build_date, source_date_epoch

    assert str(build_date({"SOURCE_DATE_EPOCH": "1800000000"})) == "2027-01-15"
    assert source_date_epoch({"SOURCE_DATE_EPOCH": " "}) is None
