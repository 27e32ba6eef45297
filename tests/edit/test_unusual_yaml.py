"""Edit commands on unusual but valid YAML keep every byte they do not change.

Each property draws a variant of an example file (line breaks CR, LF or CRLF per line, trailing
white space and tabs, comments in many scripts at the ends of lines and between them, anchors
and an alias), applies the command's edit, and checks that every line the edit does not touch
is byte-identical, that the data changed exactly as the command means, and that no anchor is
expanded and no comment lost or repeated.
"""
from __future__ import annotations

import difflib
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from deckgen.commands import year
from deckgen.edit.yaml_edit import YamlFile, insert_after, set_value, split_lines
from deckgen.load.yaml_source import tolerating_tabs
from tests.support.faults import record
from tests.support.projects import EXAMPLE, copy_example, run

AREA = "edit commands on unusual YAML"
BREAKS = ["\n", "\r\n", "\r"]
TRAILING = ["", " ", "   ", "\t", " \t "]
COMMENTS = ["# 目标与说明", "# هدف الربع", "# цель квартала", "# 🎯 the goal", "# ゴール  ", "# נקודה", "# x"]
SIMPLE = re.compile(r"^( *)(- )?[A-Za-z_]+: [^\"'#|>\[{&*!\s][^#]*$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


@st.composite
def variants(draw: st.DrawFn, text: str) -> str:
    """``text`` with its lines' breaks, ends and comments varied, still meaning the same data."""
    lines = text.split("\n")[:-1]
    mixed = draw(st.booleans())
    one = draw(st.sampled_from(BREAKS))
    out = []
    anchors = 0
    for index, original in enumerate(lines):
        line = original
        following = lines[index + 1] if index + 1 < len(lines) else ""
        ends_value = SIMPLE.match(line) and (not following.strip() or _indent(following) <= _indent(line)
                                             or following.lstrip().startswith(("- ", "#")))
        if ends_value and draw(st.integers(0, 5)) == 0:
            anchors += 1
            key, value = line.split(": ", 1)
            line = f"{key}: &a{anchors} {value}"
        if ends_value and draw(st.integers(0, 3)) == 0:
            line += " " * draw(st.integers(1, 3)) + draw(st.sampled_from(COMMENTS))
        if line.strip() or draw(st.booleans()):
            line += draw(st.sampled_from(TRAILING))
        if draw(st.integers(0, 6)) == 0:
            out.append(" " * _indent(following or line) + draw(st.sampled_from(COMMENTS)))
        out.append(line)
    return "".join(line + (draw(st.sampled_from(BREAKS)) if mixed else one) for line in out)


def _data(text: str) -> Any:
    return tolerating_tabs(text, YAML(typ="safe", pure=True).load)[1]


def _comments(text: str) -> Counter[str]:
    """The comment lines (but a commented-out entry) and the drawn comments anywhere, counted."""
    found = Counter(line.strip() for line, _ in split_lines(text)
                    if line.lstrip().startswith("#") and not line.lstrip().startswith("# date:"))
    return found + Counter({comment: text.count(comment) for comment in COMMENTS if comment != "# x"})


def _untouched_lines_kept(before: str, after: str, edited: re.Pattern[str]) -> list[str]:
    """Problems: a line not matching ``edited`` that changed, was lost or moved."""
    old, new = split_lines(before), split_lines(after)
    problems = []
    matcher = difflib.SequenceMatcher(None, [t for t, _ in old], [t for t, _ in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            problems += [f"line {i + 1} break {old[i][1]!r} -> {new[j][1]!r}"
                         for i, j in zip(range(i1, i2), range(j1, j2), strict=True) if old[i][1] != new[j][1] and new[j][1]
                         and not (j and not new[j][0] and new[j - 1][1] == new[j][1] == "\r")]  # see _joined
            continue
        problems += [f"line {i + 1} {old[i][0]!r} changed" for i in range(i1, i2)
                     if not edited.match(old[i][0]) and not _introduces(old, i, edited)]
        problems += [f"new line {new[j][0]!r}" for j in range(j1, j2) if not edited.match(new[j][0])]
    return problems


def _introduces(lines: list[tuple[str, str]], index: int, edited: re.Pattern[str]) -> bool:
    """A comment line right above an entry the edit removes goes with it."""
    if not lines[index][0].lstrip().startswith("#"):
        return False
    following = next((text for text, _ in lines[index + 1:] if not text.lstrip().startswith("#")), "")
    return bool(edited.match(following)) and not following.lstrip().startswith(("status", "- status"))


def _check(name: str, before: str, after: str, edited: str, expect: Callable[[Any], Any]) -> None:
    problems = _untouched_lines_kept(before, after, re.compile(edited))
    problems += [] if _data(after) == expect(_data(before)) else ["the data is not what the edit means"]
    anchors = (Counter(re.findall(r"&a\d+", before)), Counter(re.findall(r"&a\d+", after)))
    problems += [] if anchors[1] <= anchors[0] and "*a" not in after.replace("*a", "", before.count("*a")) \
        else ["an anchor was repeated or an alias expanded"]
    added = _comments(after) - _comments(before)
    problems += [f"comments repeated {dict(added)}"] if added else []
    record(AREA, name, not problems)
    assert not problems, (problems, "".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True))))


PROPERTY = settings(max_examples=25, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _project(tmp_path: Path, file: str, text: str) -> Path:
    root = tmp_path / "p"
    if root.exists():
        shutil.rmtree(root)
    root = copy_example(tmp_path, "p")
    (root / "content" / file).write_bytes(text.encode("utf-8"))
    return root


@pytest.mark.slow
@PROPERTY
@given(st.data())
def test_year_new_keeps_untouched_deck_lines(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    text = (EXAMPLE / "deck.yaml").read_text(encoding="utf-8")
    text = text.replace("font: Calibri\n  heading_font: Calibri", "font: &f Calibri\n  heading_font: *f")
    before = data.draw(variants(text))
    root = _project(tmp_path_factory.mktemp("deck"), "deck.yaml", before)
    after = year._new_deck(root, 2028, "2028-Q1")

    def expect(old: dict[str, Any]) -> dict[str, Any]:
        return {**{k: v for k, v in old.items() if k != "date"}, "year": 2028, "quarter": "2028-Q1"}

    _check("year new: deck.yaml", before, after, r"^ *#? ?(year|quarter|date): ", expect)
    date_line = next(t for t, _ in split_lines(before) if t.startswith("date:"))
    assert f"# {date_line}" in after  # the end-of-line comment and trailing space go with it


@pytest.mark.slow
@PROPERTY
@given(st.data())
def test_year_new_keeps_untouched_big_rock_lines(tmp_path_factory: pytest.TempPathFactory,
                                                 data: st.DataObject) -> None:
    before = data.draw(variants((EXAMPLE / "big-rocks.yaml").read_text(encoding="utf-8")))
    root = _project(tmp_path_factory.mktemp("rocks"), "big-rocks.yaml", before)
    after = year._pending_rocks(root)

    def expect(old: dict[str, Any]) -> dict[str, Any]:
        for rock in old["big_rocks"]:
            rock["alignment"] = [{**{k: v for k, v in a.items() if k not in ("on", "note")}, "status": "pending"}
                                 for a in rock.get("alignment") or []]
        return old

    _check("year new: big-rocks.yaml", before, after, r"^ *(- )?(status|on|note): ", expect)


@pytest.mark.slow
@PROPERTY
@given(st.data(), st.booleans())
def test_okr_close_keeps_untouched_lines(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject,
                                         has_state: bool) -> None:
    text = (EXAMPLE / "okrs" / "2027-Q1.yaml").read_text(encoding="utf-8")
    if not has_state:
        text = text.replace("state: planned\n", "")
    before = data.draw(variants(text))
    path = tmp_path_factory.mktemp("okr") / "2027-Q1.yaml"
    path.write_bytes(before.encode("utf-8"))
    document = YamlFile.load(path)
    if has_state:
        set_value(document.data, "state", "closed")
    else:
        insert_after(document.data, "quarter", "state", "closed")
    _check("okr close: okrs/2027-Q1.yaml", before, document.text(), r"^state: ",
           lambda old: {**old, "state": "closed"})


@pytest.mark.parametrize("breaks", ["\r", "\r\n", "mixed"])
def test_line_breaks_of_every_line_are_kept(tmp_path: Path, breaks: str) -> None:
    lines = ["# head", "team: A", "year: 2027", "", "quarter: 2027-Q1  # q", "tail: x"]
    ends = ["\r", "\n", "\r\n", "\r", "\n", "\r\n"] if breaks == "mixed" else [breaks] * len(lines)
    text = "".join(line + end for line, end in zip(lines, ends, strict=True))
    path = tmp_path / "deck.yaml"
    path.write_bytes(text.encode())
    document = YamlFile.load(path)
    set_value(document.data, "year", 2028)
    assert document.text() == text.replace("year: 2027", "year: 2028")


def test_trailing_white_space_and_tabs_are_valid_and_kept(example_project: Path) -> None:
    deck = example_project / "content" / "deck.yaml"
    text = deck.read_text(encoding="utf-8")
    text = text.replace("team: Product Marketing\n", "team: Product Marketing\t\n")
    text = text.replace("year: 2027\n", "year: 2027 \t# the plan year\n")
    text = text.replace("company: Northwind Analytics\n", "company: Northwind Analytics   \n")
    deck.write_bytes(text.encode())
    result = run("check", str(example_project))
    assert result.exit_code == 0, result.output
    assert run("okr", "new", "2027-Q2", str(example_project)).exit_code == 0
    assert deck.read_text(encoding="utf-8") == text.replace("quarter: 2027-Q1\n", "quarter: 2027-Q2\n")


def test_year_new_keeps_the_comment_of_the_date_it_comments_out(example_project: Path) -> None:
    deck = example_project / "content" / "deck.yaml"
    text = deck.read_text(encoding="utf-8").replace("date: 2027-01-05\n", "date: '2027-01-05'   # the kickoff\n")
    deck.write_text(text, encoding="utf-8")
    assert run("year", "new", "2028", str(example_project)).exit_code == 0
    assert "\n# date: '2027-01-05'   # the kickoff\n" in deck.read_text(encoding="utf-8")


def test_an_alias_in_deck_yaml_stays_an_alias(example_project: Path) -> None:
    deck = example_project / "content" / "deck.yaml"
    text = deck.read_text(encoding="utf-8").replace(
        "  font: Calibri\n  heading_font: Calibri\n", "  font: &brand Calibri  # brand font\n  heading_font: *brand\n")
    deck.write_text(text, encoding="utf-8")
    assert run("okr", "new", "2027-Q2", str(example_project)).exit_code == 0
    after = deck.read_text(encoding="utf-8")
    assert after == text.replace("quarter: 2027-Q1\n", "quarter: 2027-Q2\n")
