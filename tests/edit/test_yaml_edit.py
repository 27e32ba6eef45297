"""Round-trip editing: unchanged files are byte-identical, edits touch only their lines."""
from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.edit.yaml_edit import (YamlFile, comment_out, delete_key, insert_after, remove_item,
                                    set_value)
from tests.support.projects import EXAMPLE, unified

EXAMPLE_YAML = sorted(EXAMPLE.rglob("*.yaml"))


def _load(tmp_path: Path, text: str, name: str = "f.yaml") -> YamlFile:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return YamlFile.load(path)


@pytest.mark.parametrize("path", EXAMPLE_YAML, ids=lambda p: p.relative_to(EXAMPLE).as_posix())
def test_example_files_round_trip_byte_identical(path: Path) -> None:
    document = YamlFile.load(path)
    assert document.exact
    assert document.text() == path.read_text(encoding="utf-8")
    assert not document.changed


@pytest.mark.parametrize("text", [
    "a:\n    b:\n        - x: 1\n          y: 2\n",          # four spaces, dash indented
    "a:\n  b:\n  - x: 1\n    y: 2\n",                         # dash not indented
    "a:\n  - 'quoted'   # eol comment\n  - \"double\"\n\n# tail\n",
    "a: [1, 2]\n# after a flow list\nb: {c: 1}\n",
])
def test_other_indentation_styles_round_trip(tmp_path: Path, text: str) -> None:
    document = _load(tmp_path, text)
    assert document.text() == text


def test_bom_and_crlf_are_kept(tmp_path: Path) -> None:
    document = _load(tmp_path, "\ufeff# head\r\nquarter: 2027-Q1\r\nstate: planned\r\n")
    set_value(document.data, "state", "closed")
    assert document.text() == "\ufeff# head\r\nquarter: 2027-Q1\r\nstate: closed\r\n"


def test_set_value_keeps_quoting_and_end_of_line_comment(tmp_path: Path) -> None:
    document = _load(tmp_path, 'quarter: "2027-Q1"   # the quarter ahead\nyear: 2027\n')
    set_value(document.data, "quarter", "2027-Q2")
    set_value(document.data, "year", 2028)
    assert document.text() == 'quarter: "2027-Q2"   # the quarter ahead\nyear: 2028\n'


def test_delete_key_keeps_the_comment_block_that_followed_it() -> None:
    document = YamlFile.load(EXAMPLE / "big-rocks.yaml")
    alignment = document.data["big_rocks"][0]["alignment"][2]
    delete_key(alignment, "on")
    assert unified(document.original, document.text()) == ["-        on: 2026-12-11"]
    assert "      # Not everyone agrees yet? Say so, with a note:\n" in document.text()


def test_delete_last_key_keeps_the_blank_line_before_the_next_item(tmp_path: Path) -> None:
    text = "items:\n  - a: 1\n    note: x   # why\n\n  # second\n  - a: 2\n"
    document = _load(tmp_path, text)
    delete_key(document.data["items"][0], "note")
    assert document.text() == "items:\n  - a: 1\n\n  # second\n  - a: 2\n"


def test_remove_item_takes_its_introducing_comment_and_keeps_the_rest(tmp_path: Path) -> None:
    text = ("list:\n  # about the list\n  - a: 1\n  # about two\n  - a: 2\n"
            "  # about three\n  - a: 3\n\nnext: 1\n")
    document = _load(tmp_path, text)
    items = document.data["list"]
    remove_item(items, 1, (document.data, "list"))
    assert document.text() == "list:\n  # about the list\n  - a: 1\n  # about three\n  - a: 3\n\nnext: 1\n"
    remove_item(items, 1, (document.data, "list"))
    assert document.text() == "list:\n  # about the list\n  - a: 1\n\nnext: 1\n"


def test_remove_first_item_moves_the_next_items_comment_up(tmp_path: Path) -> None:
    text = "list:\n  # about the list\n  - a: 1\n  # about two\n  - a: 2\nnext: 1\n"
    document = _load(tmp_path, text)
    remove_item(document.data["list"], 0, (document.data, "list"))
    assert document.text() == "list:\n  # about the list\n  # about two\n  - a: 2\nnext: 1\n"


def test_insert_after_puts_the_key_right_below(tmp_path: Path) -> None:
    text = "# head\nquarter: 2027-Q1   # q\n# the objectives\nobjectives: []\n"
    document = _load(tmp_path, text)
    insert_after(document.data, "quarter", "state", "closed")
    assert document.text() == ("# head\nquarter: 2027-Q1   # q\nstate: closed\n# the objectives\n"
                               "objectives: []\n")


def test_comment_out_keeps_the_comment_above_after_a_flow_list() -> None:
    document = YamlFile.load(EXAMPLE / "deck.yaml")
    comment_out(document.data, "date", document.entry_text(document.data, "date"))
    assert unified(document.original, document.text()) == ["-date: 2027-01-05", "+# date: 2027-01-05"]


def test_formatting_the_dumper_cannot_reproduce_is_kept_outside_the_edit(tmp_path: Path) -> None:
    text = "a:    1\nlist:\n- x\n-   y\nb: 2\n"
    document = _load(tmp_path, text)
    assert not document.exact
    set_value(document.data, "b", 3)
    assert document.text() == "a:    1\nlist:\n- x\n-   y\nb: 3\n"
