"""Nothing overflows: big teams, many rocks, long OKR tables, long and CJK text continue on
"(cont.)" slides, every box stays on its slide, and when rendered no word leaves its box."""
from __future__ import annotations

from pathlib import Path

import pytest
from pptx.util import Emu

from deckgen.builders.pptx.design import MARGIN
from deckgen.plan.slides import DeckPlan
from tests.support import deckplans
from tests.support.decks import build, concatenated, missing_words, open_deck, shapes_in, slide_texts, words
from tests.support.ooxml import validate_pptx, validator_available

CASES = {
    "big team": deckplans.big_team,
    "big team beside a chart": deckplans.team_beside_chart,
    "many rocks": deckplans.many_rocks,
    "long okrs": deckplans.long_okrs,
    "long texts": deckplans.long_texts,
    "a rock too long for its card": lambda: deckplans.deck(deckplans.long_rock_slide()),
    "cjk": deckplans.cjk,
    "two levels of managers": lambda: deckplans.deck(deckplans.two_level_team()),
}
#: Cases whose org chart stays on one slide in compact boxes, the focus left to the notes.
COMPACT = {"two levels of managers"}


@pytest.fixture(scope="module")
def built() -> dict[str, tuple[DeckPlan, bytes]]:
    found = {}
    for name, make in CASES.items():
        plan = make()
        found[name] = (plan, build(plan))
    return found


def titles(data: bytes) -> list[str]:
    return [s.shapes.title.text for s in open_deck(data).slides]


@pytest.mark.parametrize("case", CASES)
def test_nothing_is_lost(built, case: str) -> None:  # type: ignore[no-untyped-def]
    plan, data = built[case]
    missing = missing_words(plan, data)
    if case in COMPACT:
        focus = words([n.detail for n in plan.slides[1].elements[0].nodes])
        missing = missing - focus
    assert missing == {}


@pytest.mark.parametrize("case", CASES)
def test_every_shape_stays_on_its_slide_and_off_the_footer(built, case: str) -> None:  # type: ignore[no-untyped-def]
    deck = open_deck(built[case][1])
    width, height = Emu(deck.slide_width).pt, Emu(deck.slide_height).pt
    for number, slide in enumerate(deck.slides, 1):
        footer_top = min((Emu(s.top).pt for s in slide.placeholders if "Footer" in s.name), default=height)
        for shape in shapes_in(slide.shapes):
            if shape.is_placeholder:
                continue
            left, top = Emu(shape.left).pt, Emu(shape.top).pt
            right, bottom = left + Emu(shape.width).pt, top + Emu(shape.height).pt
            where = f"slide {number}, {shape.name}"
            assert left >= MARGIN - 1 and right <= width - MARGIN + 1, where
            assert top >= 0 and bottom <= footer_top + 0.5, where


def test_a_big_team_continues_and_everyone_is_shown_once(built) -> None:  # type: ignore[no-untyped-def]
    plan, data = built["big team"]
    assert titles(data) == [plan.slides[0].title, "A team of 60", "A team of 60 (cont.)", "A team of 60 (cont. 2)"]
    boxes = [s.text_frame.paragraphs[0].text for slide in open_deck(data).slides
             for s in slide.shapes if s.name.startswith("Person: ")]
    people = [n for n in boxes if not n.endswith("(cont.)")]
    assert sorted(people) == sorted(node.title for node in plan.slides[1].elements[0].nodes)
    assert sum(n.endswith("(cont.)") for n in boxes) == 6  # each manager heads their own team again


def test_twelve_rocks_give_rows_of_four_cards_and_a_continued_ladder(built) -> None:  # type: ignore[no-untyped-def]
    _, data = built["many rocks"]
    deck = open_deck(data)
    cards = [[s for s in slide.shapes if s.name.startswith("Card: ")] for slide in deck.slides]
    card_slides = [c for c in cards if c]
    assert sum(len(c) for c in card_slides) == 12
    for slide_cards in card_slides:
        assert len({c.top for c in slide_cards}) * 4 >= len(slide_cards)  # at most four a row
    assert titles(data)[-2:] == ["Our rocks cover the company priorities", "Our rocks cover the company priorities (cont.)"]
    for slide in list(deck.slides)[-2:]:
        assert "Gap: no big rock" in slide_texts(slide)  # priority 5 is supported by no rock at all


def test_a_long_table_repeats_its_header_and_continues_its_group(built) -> None:  # type: ignore[no-untyped-def]
    plan, data = built["long okrs"]
    deck = open_deck(data)
    tables = [next(s.table for s in slide.shapes if s.has_table) for slide in list(deck.slides)[1:]]
    assert len(tables) > 1
    header = [c.text for c in tables[0].rows[0].cells]
    for table in tables:
        assert [c.text for c in table.rows[0].cells] == header
    for table in tables:  # every slide starts with the rock its rows belong to
        assert table.cell(1, 0).is_merge_origin and table.cell(1, 0).text.startswith("Big rock")
    continued = [t.cell(1, 0).text for t in tables if t.cell(1, 0).text.endswith("(cont.)")]
    assert continued  # a rock split across slides is named again, marked "(cont.)"
    rows = sum(len(t.rows) - 1 for t in tables)
    assert rows == 125 + 25 + len(continued)  # every key result and group row, plus the repeats


def test_a_long_title_shrinks_but_stays_in_its_box(built) -> None:  # type: ignore[no-untyped-def]
    deck = open_deck(built["long texts"][1])
    title = deck.slides[1].shapes.title
    sizes = {r.font.size.pt for p in title.text_frame.paragraphs for r in p.runs}
    assert max(sizes) < 28


@pytest.fixture(scope="module")
def every_case(built) -> bytes:  # type: ignore[no-untyped-def]
    """All the cases in one deck, so that one LibreOffice run renders them all."""
    return build(concatenated(*(p for p, _ in built.values())))


@pytest.mark.skipif(not validator_available(), reason="the OOXML validator is not installed")
def test_the_open_xml_sdk_finds_no_error(every_case: bytes, tmp_path: Path) -> None:
    path = tmp_path / "deck.pptx"
    path.write_bytes(every_case)
    assert validate_pptx(path) == []


def test_rendered_no_word_leaves_its_box(every_case: bytes, render_deck) -> None:  # type: ignore[no-untyped-def]
    data = every_case
    rendered = render_deck(data)
    assert rendered.pages == len(open_deck(data).slides)
    assert rendered.overflows() == []
