"""Sizes and values no deck can use are reported by `check`, at their place, so that a `check` that
passes means a `build` that passes; and the small things a campaign found (part 7 of issue 11)."""
from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.commands.common import check_project
from deckgen.load.limits import MAX_MARKDOWN_WORDS, MAX_TABLE_COLUMNS, MAX_VALUE_CHARS
from deckgen.plan.markdown import to_elements
from deckgen.plan.slides import Picture
from tests.support.checking import at, diagnostics, only

TITLE = "    title: Put the enterprise pitch in every first call"


@pytest.mark.parametrize("value, message", [
    ("x" * 100_000, f"this text is 100,000 characters long; a deck shows at most {MAX_VALUE_CHARS:,} in one value"),
    ('"' + "line\\n" * 30 + '"', "this text has 31 lines; a deck shows at most 20 in one value"),
    ("Put" + "\u0301" * 900, "900 combining marks on one character; text can be laid out with at most 30"),
    ("Put " + "x" * 400, "a word of 400 characters ('xxxxxxxxxxxxxxxxxxxx…'); a line can only break between words, "
                         "so a word has at most 120"),
    # just past each cap, where a value is barely longer than the cap itself
    ("P" + "\u0301" * 31, "31 combining marks on one character; text can be laid out with at most 30"),
    ("x" * 121, "a word of 121 characters ('xxxxxxxxxxxxxxxxxxxx…'); a line can only break between words, "
                "so a word has at most 120"),
])
def test_a_value_no_slide_can_lay_out_is_an_error(example_project: Path, edit, value: str, message: str) -> None:
    edit("okrs/2027-Q1.yaml", TITLE, f"    title: {value}")
    place = at(example_project, "okrs/2027-Q1.yaml", f"    title: {value[:12]}", value[:12])
    assert diagnostics(example_project) == [f"{place}: error: {message}"]


def test_combining_marks_as_real_scripts_use_them_are_fine(example_project: Path, edit) -> None:
    edit("okrs/2027-Q1.yaml", TITLE, "    title: Tiếng Việt, हिन्दी, ཀྲྀ, a\u0301\u0302\u0303\u0304")
    assert diagnostics(example_project) == []


def test_a_markdown_file_too_long_for_a_deck(example_project: Path) -> None:
    asks = example_project / "content" / "asks.md"
    asks.write_text(asks.read_text(encoding="utf-8") + "\n- " + "word " * MAX_MARKDOWN_WORDS + "\n", encoding="utf-8")
    found = diagnostics(example_project)
    assert len(found) == 1 and found[0].startswith("content/asks.md:")
    assert f"words long; a deck shows at most {MAX_MARKDOWN_WORDS:,} words from one file" in found[0]


def test_a_table_too_wide_for_a_slide(example_project: Path, edit) -> None:
    columns = MAX_TABLE_COLUMNS + 1
    edit("slides/launch-calendar.md", "|---|---|---|---|", "|---" * columns + "|")
    place = at(example_project, "slides/launch-calendar.md", "|---|---|")
    assert diagnostics(example_project) == [f"{place[:place.rindex(':')]}: error: a table of {columns} columns; "
                                            f"a slide shows at most {MAX_TABLE_COLUMNS}"]


def test_lists_nested_too_deep(example_project: Path) -> None:
    wins = example_project / "content" / "wins.md"
    wins.write_text(wins.read_text(encoding="utf-8") + "".join("    " * n + "- level\n" for n in range(10)),
                    encoding="utf-8")
    assert "lists or quotes nested 9 levels deep; a slide shows at most 8" in "\n".join(diagnostics(example_project))


@pytest.mark.parametrize("value", ["1e308", "-1e308", "1e13"])
def test_a_number_too_big_to_show(example_project: Path, edit, value: str) -> None:
    edit("okrs/2027-Q1.yaml", "        target: 80\n", f"        target: {value}\n")
    place = at(example_project, "okrs/2027-Q1.yaml", f"target: {value}", value)
    found = diagnostics(example_project)
    assert len(found) == 1 and found[0].startswith(f"{place}: error: ")
    assert found[0].endswith("target: expected a number between -1,000,000,000,000 and 1,000,000,000,000; a deck "
                             "shows no bigger figure")


@pytest.mark.parametrize("year", ["9999", "1066"])
def test_a_year_no_plan_is_about(example_project: Path, edit, year: str) -> None:
    edit("intake.yaml", "date: 2026-10-02", f"date: {year}-10-02")
    place = at(example_project, "intake.yaml", f"date: {year}-10-02", year)
    assert any(line.startswith(f"{place}: error: ") and line.endswith(f"date: expected a year from 1900 to 2999, "
                                                                     f"got {int(year)}")
               for line in diagnostics(example_project))


def test_a_quarter_in_year_9999(example_project: Path, edit) -> None:
    edit("okrs/2027-Q1.yaml", "quarter: 2027-Q1", "quarter: 9999-Q1")
    assert "quarter: expected a year from 1900 to 2999, got 9999" in "\n".join(diagnostics(example_project))


# Part 7 ------------------------------------------------------------------------------------------
def test_a_team_name_too_long_for_a_file_name_is_reported_by_check(example_project: Path, edit) -> None:
    edit("deck.yaml", "team: Product Marketing", "team: " + "Product Marketing " * 17)
    place = at(example_project, "deck.yaml", "team: Product", "Product")
    only(example_project, f"{place}: error: team: the name is 305 characters long and names the deck's file; "
                          "a file name takes at most 100 of them: shorten it")


def test_a_title_of_spaces_is_reported_in_the_content_not_in_deckgen_s_layouts(example_project: Path, edit) -> None:
    edit("slides/launch-calendar.md", "title: Four launches in the first half of 2027", 'title: "   "')
    place = at(example_project, "slides/launch-calendar.md", 'title: "   "', '"')
    only(example_project, f"{place}: error: title: expected text, got only spaces")


def test_a_template_that_is_not_a_zip_fails_check_with_one_error(example_project: Path, edit) -> None:
    (example_project / "content" / "brand").mkdir()
    (example_project / "content" / "brand" / "deck.pptx").write_text("not a zip", encoding="utf-8")
    edit("deck.yaml", "# template: brand/northwind-2027.potx", "template: brand/deck.pptx")
    found = diagnostics(example_project)
    assert len(found) == 1 and "not a PowerPoint file" in found[0] and found[0].startswith("content/deck.yaml:")


REFERENCE = ("![Positioning map: Northwind against Stratapoint and Glasshouse on governance and ease of use]"
             "(images/positioning-map.png)")


def test_a_reference_style_picture_works(example_project: Path, edit) -> None:
    edit("strategy.md", REFERENCE, "![The map][map]\n\n[map]: images/positioning-map.png \"our map\"")
    checked = check_project(example_project)
    assert [str(d) for d in checked.reporter.diagnostics] == []
    project = checked.project
    section = next(s for s in project.strategy.sections if "[map]:" in s.body.text)
    pictures = [e for e in to_elements(section.body, lambda ref: project.asset(section.body.path, ref))
                if isinstance(e, Picture)]
    assert [p.data for p in pictures] == [(example_project / "content/images/positioning-map.png").read_bytes()]


def test_a_reference_style_picture_without_its_definition_warns(example_project: Path, edit) -> None:
    edit("wins.md", "- **First analyst briefing", "- ![The map][nowhere] **First analyst briefing")
    place = at(example_project, "wins.md", "![The map][nowhere]")
    only(example_project, f"{place[:place.rindex(':')]}: warning: picture '![The map][nowhere]' names a reference not defined in this "
                          "part, so it would not show: add its '[label]: path' line next to it, or write "
                          "![text](path)")


def test_a_link_by_reference_is_not_taken_for_a_picture(example_project: Path, edit) -> None:
    edit("wins.md", "- **First analyst briefing", "- [report][r] **First analyst briefing")
    wins = example_project / "content" / "wins.md"
    wins.write_text(wins.read_text(encoding="utf-8") + "\n  [r]: https://example.com/report\n", encoding="utf-8")
    assert diagnostics(example_project) == []
