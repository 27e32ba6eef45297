"""Reading a project's files: every way a file can be unreadable is one clear error, never a traceback."""
from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.load.files import MAX_TEXT_BYTES
from tests.support.checking import at, diagnostics, only

DECK = "content/deck.yaml"


def _write(root: Path, file: str, data: bytes) -> None:
    (root / "content" / file).write_bytes(data)


def test_the_example_reads_cleanly(example_project: Path) -> None:
    assert diagnostics(example_project) == []


@pytest.mark.parametrize("file", ["deck.yaml", "charter.md", "okrs/2027-Q1.yaml", "slides/launch-calendar.md"])
def test_a_byte_order_mark_is_accepted(example_project: Path, file: str) -> None:
    path = example_project / "content" / file
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert diagnostics(example_project) == []


def test_windows_line_ends_are_accepted_and_lines_still_count(example_project: Path, edit) -> None:
    edit("deck.yaml", "year: 2027", "year: soon")
    path = example_project / DECK
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    only(example_project, "content/deck.yaml:9:7: error: year: expected a whole number, got 'soon'")


def test_a_file_that_is_not_utf8_names_the_byte_and_its_place(example_project: Path) -> None:
    path = example_project / DECK
    path.write_bytes(path.read_bytes().replace(b"Product Marketing", b"Produ\xe9t Marketing"))
    only(example_project, "content/deck.yaml:5:12: error: file is not UTF-8 (byte 0xe9); save it as UTF-8")


def test_a_nul_character_is_an_error(example_project: Path) -> None:
    _write(example_project, "asks.md", b"- one\n- two\x00\n")
    only(example_project, "content/asks.md:2: error: file holds a NUL character; is it a binary file?")


def test_a_tab_in_yaml(example_project: Path, edit) -> None:
    edit("deck.yaml", "leader:\n  name", "leader:\n\tname")
    only(example_project, "content/deck.yaml:16:1: error: a tab character; YAML allows only "
                          "spaces here: replace it with spaces, or quote the text")


def test_a_tab_in_front_matter_counts_lines_from_the_file_top(example_project: Path, edit) -> None:
    edit("charter.md", "owns:\n  - Positioning", "owns:\n\t- Positioning")
    only(example_project, f"{at(example_project, 'charter.md', '- Positioning', chr(9))}: error: a tab character; "
                          "YAML allows only spaces here: replace it with spaces, or quote the text")


def test_tabs_in_markdown_bodies_are_fine(example_project: Path, edit) -> None:
    edit("charter.md", "## How we work\n", "## How we work\n\n\tan indented code block\n")
    assert diagnostics(example_project) == []


def test_unclosed_front_matter(example_project: Path, edit) -> None:
    edit("wins.md", "period: 2026-Q4\n---\n", "period: 2026-Q4\n")
    only(example_project, "content/wins.md:1:1: error: front matter opened here is never closed: add a line "
                          "'---' after it")


def test_a_syntax_error_in_front_matter(example_project: Path, edit) -> None:
    edit("charter.md", "valid_through: 2027-12", "valid_through: [2027-12")
    only(example_project, f"{at(example_project, 'charter.md', 'valid_through', '[')}: error: the '[' opened here "
                          "is not closed: close it with ']' after its last item (and put an item holding a comma, "
                          "colon or bracket in quotes)")


def test_a_yaml_syntax_error(example_project: Path, edit) -> None:
    edit("team.yaml", "one_off_budget: [10, 15]", "one_off_budget: [10, 15")
    only(example_project, f"{at(example_project, 'team.yaml', 'one_off_budget: [10, 15', '[')}: error: the '[' "
                          "opened here is not closed: close it with ']' after its last item (and put an item "
                          "holding a comma, colon or bracket in quotes)")


@pytest.mark.parametrize("data", [b"", b"\n\n", b"# only a comment\n\n# another\n", b"\xef\xbb\xbf"])
def test_an_empty_yaml_file(example_project: Path, data: bytes) -> None:
    _write(example_project, "company.yaml", data)
    only(example_project, "content/company.yaml:1:1: error: file is empty")


def test_an_empty_okr_file(example_project: Path) -> None:
    _write(example_project, "okrs/2026-Q4.yaml", b"")
    only(example_project, "content/okrs/2026-Q4.yaml:1:1: error: file is empty")


def test_a_yaml_file_that_is_not_a_mapping(example_project: Path) -> None:
    _write(example_project, "intake.yaml", b"- a\n- b\n")
    only(example_project, "content/intake.yaml:1:1: error: file: expected a mapping of keys to values")


def test_a_file_that_is_a_folder(example_project: Path) -> None:
    (example_project / DECK).unlink()
    (example_project / DECK).mkdir()
    only(example_project, "content/deck.yaml: error: expected a file, found a folder")


def test_an_okr_file_that_is_a_folder(example_project: Path) -> None:
    (example_project / "content/okrs/2026-Q4.yaml").unlink()
    (example_project / "content/okrs/2026-Q4.yaml").mkdir()
    only(example_project, "content/okrs/2026-Q4.yaml: error: expected a file, found a folder")


def test_a_50_mb_file_is_refused_without_reading_it(example_project: Path) -> None:
    with (example_project / "content/asks.md").open("r+b") as handle:
        handle.truncate(50 * 1024 * 1024)
    only(example_project, f"content/asks.md: error: file is 50.0 MiB; the limit is "
                          f"{MAX_TEXT_BYTES // 2**20} MiB")


def test_a_required_file_missing(example_project: Path) -> None:
    (example_project / "content/company.yaml").unlink()
    only(example_project, "content/company.yaml: error: required file is missing")


def test_a_broken_symlink(example_project: Path) -> None:
    (example_project / "content/asks.md").unlink()
    (example_project / "content/asks.md").symlink_to(example_project / "nowhere.md")
    only(example_project, "content/asks.md: error: cannot read file: No such file or directory")


def test_an_okr_file_named_otherwise(example_project: Path) -> None:
    (example_project / "content/okrs/q1.yaml").write_text("quarter: 2027-Q1\n")
    only(example_project, "content/okrs/q1.yaml: error: an OKR file is named after its quarter, e.g. "
                          "'okrs/2027-Q1.yaml'")


def test_no_content_folder(tmp_path: Path) -> None:
    only(tmp_path, f"{tmp_path}: error: no 'content/' folder here, so this is not a deck project: run deckgen in a "
                   "project's folder, or create one with 'deckgen init FOLDER'")


def test_run_inside_content_says_to_run_from_the_folder_above(example_project: Path) -> None:
    only(example_project / "content", f"{example_project / 'content'}: error: this is the 'content/' folder of a "
                                      f"project: run deckgen from the folder above, {example_project.resolve()}")


def test_a_folder_that_does_not_exist_says_so(tmp_path: Path) -> None:
    missing = tmp_path / "decks" / "pmm"
    only(missing, f"{missing}: error: folder '{missing}' does not exist: check the path, or create a project "
                  f"there with 'deckgen init {missing}'")


def test_an_alias_bomb_in_a_content_file(example_project: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for name, previous in zip("bcdefg", "abcdef", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    _write(example_project, "intake.yaml", ("\n".join(lines) + "\n").encode())
    found = diagnostics(example_project)
    assert len(found) == 1 and found[0].startswith("content/intake.yaml:")
    assert found[0].endswith("error: document has more than 100000 values (an alias bomb?)")


def test_a_recursive_alias_in_front_matter(example_project: Path, edit) -> None:
    edit("charter.md", "owns:\n", "owns: &own\n  - *own\n")
    line = at(example_project, "charter.md", "owns: &own", "&")
    only(example_project, f"{line}: error: the value anchored here as '&own' contains the alias '*own' to itself, "
                          "so it never ends")


def test_errors_of_unreadable_files_and_of_readable_ones_come_together(example_project: Path, edit) -> None:
    _write(example_project, "wins.md", b"\xff\xfe")
    edit("team.yaml", "one_off_budget: [10, 15]", "one_off_budget: [15, 10]")
    assert diagnostics(example_project) == [
        "content/team.yaml:6:17: error: one_off_budget: the minimum 15 is above the maximum 10",
        "content/wins.md:1:1: error: file is not UTF-8 (byte 0xff); save it as UTF-8"]


@pytest.mark.parametrize("real, slip", [("intake.yaml", "intake.yml"), ("wins.md", "Wins.md"),
                                        ("asks.md", "ask.md"), ("okrs", "okr")])
def test_a_file_named_almost_like_a_content_file_is_a_warning(example_project: Path, real: str,
                                                              slip: str) -> None:
    content = example_project / "content"
    (content / real).rename(content / slip)
    found = diagnostics(example_project)
    assert f"content/{slip}: warning: '{slip}' is not read (did you mean '{real}'?)" in found
    assert len(found) == (2 if real == "okrs" else 1)  # without okrs/ the quarter ahead is missing too


@pytest.mark.parametrize("name", ["notes.txt", "charter-2026.md", "strategy-old.md", "README.md", "team.txt",
                                  "drafts"])
def test_the_user_s_own_files_are_left_alone(example_project: Path, name: str) -> None:
    path = example_project / "content" / name
    path.mkdir() if name == "drafts" else path.write_text("my notes\n")
    assert diagnostics(example_project) == []


@pytest.mark.parametrize("name, warned", [("roadmap.markdown", True), ("roadmap.MD", True),
                                          ("notes.txt", False), ("diagram.png", False)])
def test_a_free_slide_that_is_not_an_md_file(example_project: Path, name: str, warned: bool) -> None:
    (example_project / "content/slides" / name).write_text("---\ntitle: Roadmap\n---\n")
    expected = [f"content/slides/{name}: warning: '{name}' is not read: a free-form slide is a '.md' file"]
    assert diagnostics(example_project) == (expected if warned else [])
