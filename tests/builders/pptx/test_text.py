"""Measuring and splitting the plan's paragraphs (deckgen.builders.pptx.text)."""
from __future__ import annotations

from deckgen.builders.pptx import text
from deckgen.builders.pptx.design import measurable
from deckgen.plan.slides import Paragraph, Run
from tests.support.deckplans import LOREM, para

FAMILY = "Calibri"


def test_numbered_items_count_per_list_and_level() -> None:
    paras = [para("a", "number"), para("b", "number"), para("b1", "number", level=1),
             para("c", "number"), para("break"), para("again", "number")]
    assert [i.number for i in text.items(paras)] == [1, 2, 1, 3, None, 1]


def test_height_grows_with_text_and_size() -> None:
    short, long = text.items([para("One line")]), text.items([para(LOREM * 3)])
    assert text.height(long, FAMILY, 14, 300) > text.height(short, FAMILY, 14, 300)
    assert text.height(long, FAMILY, 18, 300) > text.height(long, FAMILY, 14, 300)
    assert text.height([], FAMILY, 14, 300) == 0.0


def test_height_up_to_a_limit_stops_past_it_and_is_exact_below_it() -> None:
    items = text.items([para(LOREM, "bullet") for _ in range(6)])
    whole = text.height(items, FAMILY, 14, 300)
    assert text.height(items, FAMILY, 14, 300, limit=whole) == whole
    part = text.height(items, FAMILY, 14, 300, limit=whole / 3)
    assert whole / 3 < part < whole

def test_split_keeps_whole_paragraphs_that_fit_and_cuts_one_between_lines() -> None:
    items = text.items([para("First point", "bullet"), para(LOREM * 4, "bullet"), para("Last", "bullet")])
    room = text.height(items[:1], FAMILY, 14, 300) + 40
    head, tail = text.split(items, FAMILY, 14, 300, room)
    assert head[0] == items[0] and len(head) == 2 and len(tail) == 2
    cut_head, cut_tail = head[1].text, tail[0].text
    assert (cut_head + " " + cut_tail).split() == items[1].text.split()  # nothing lost, nothing doubled
    assert text.height(head, FAMILY, 14, 300) <= room
    assert tail[1] == items[2]


def test_a_cut_keeps_each_runs_formatting() -> None:
    bold = Run("Bold lead-in. " * 6, bold=True)
    plain = Run(LOREM * 2)
    items = text.items([Paragraph((bold, plain))])
    head, tail = text.split(items, FAMILY, 14, 250, text.height(items, FAMILY, 14, 250) / 2)
    assert head and tail
    runs = [*head[0].para.runs, *tail[0].para.runs]
    assert all(r.bold for r in runs if "Bold" in r.text) and not any(r.bold for r in runs if "platform" in r.text)


def test_nothing_fits_in_less_than_a_line() -> None:
    items = text.items([para("Hello")])
    assert text.split(items, FAMILY, 14, 300, 5.0) == ([], items)


def test_a_heading_never_ends_a_slide() -> None:
    items = text.items([para("Intro"), para("Heading", "heading"), para(LOREM * 6)])
    room = text.height(items[:2], FAMILY, 14, 300) + 2
    head, tail = text.split(items, FAMILY, 14, 300, room)
    assert [i.para.kind for i in head] == ["text"]
    assert tail[0].para.kind == "heading"


def test_a_heading_and_only_its_first_item_move_on_together() -> None:
    items = text.items([para("Intro"), para("Where we play", "heading"), para("Primary", "bullet"),
                        para("Secondary", "bullet"), para("Not now", "bullet")])
    room = text.height(items[:3], FAMILY, 14, 300) + 2
    head, tail = text.split(items, FAMILY, 14, 300, room)
    assert [i.text for i in head] == ["Intro"]
    assert [i.text for i in tail] == ["Where we play", "Primary", "Secondary", "Not now"]


def test_a_section_that_goes_on_repeats_its_heading() -> None:
    items = text.items([para("How we win", "heading", bold=True), *(para(f"Point {n}", "bullet") for n in range(9))])
    room = text.height(items[:4], FAMILY, 14, 300) + 2
    head, tail = text.split(items, FAMILY, 14, 300, room)
    assert [i.text for i in head] == ["How we win", "Point 0", "Point 1", "Point 2"]
    assert [i.text for i in tail] == ["How we win (cont.)", *(f"Point {n}" for n in range(3, 9))]
    assert tail[0].para.kind == "heading" and all(r.bold for r in tail[0].para.runs[:1])
    again, rest = text.split(tail, FAMILY, 14, 300, room)
    assert rest[0].text == "How we win (cont.)"  # said once, however often it goes on


def test_the_first_item_under_a_heading_is_not_cut_for_the_foot_of_a_slide() -> None:
    items = text.items([para("Intro"), para("Heading", "heading"), para(LOREM * 6)])
    room = text.height(items[:2], FAMILY, 14, 300) + 40
    head, tail = text.split(items, FAMILY, 14, 300, room)
    assert [i.text for i in head] == ["Intro"] and tail == items[1:]


def test_control_characters_never_reach_the_slide() -> None:
    assert text.clean("a\x00b\x1bc\td\r") == "abc d"


def test_status_symbols_measure_as_wide_as_the_fallback_glyph() -> None:
    assert measurable("● On track ▲ ■ ✕") == "W On track W W W"
