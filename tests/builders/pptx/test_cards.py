"""Big-rock and pillar cards as a reader meets them: a card too long for its slide continues once,
cards are as tall as their content, and an alignment badge is readable without colour."""
from __future__ import annotations

import pytest
from pptx.util import Emu

from deckgen.builders.pptx.design import MARGIN, SLIDE_W
from deckgen.plan.slides import Cards
from tests.support import deckplans
from tests.support.decks import build, missing_words, open_deck, shapes_in

LONG = deckplans.deck(deckplans.long_rock_slide())
BODY_W = SLIDE_W - 2 * MARGIN


@pytest.fixture(scope="module")
def long_deck():  # type: ignore[no-untyped-def]
    return open_deck(build(LONG))


def named(slide, prefix: str) -> list:  # type: ignore[no-untyped-def]
    return [s for s in shapes_in(slide.shapes) if s.name.startswith(prefix)]


def test_a_row_too_tall_for_one_slide_continues_on_one_next_slide(long_deck) -> None:  # type: ignore[no-untyped-def]
    title = LONG.slides[1].title
    assert [s.shapes.title.text for s in long_deck.slides][1:] == [title, title + " (cont.)"]
    for slide in list(long_deck.slides)[1:]:
        assert named(slide, "Card: "), "a slide with only a title"


def test_only_a_card_with_content_left_continues_and_says_so_once(long_deck) -> None:  # type: ignore[no-untyped-def]
    first, cont = (named(s, "Card title") for s in list(long_deck.slides)[1:])
    assert len(first) == 4
    [again] = [c.text_frame.text for c in cont]
    assert again == LONG.slides[1].elements[0].cards[0].title + " (cont.)"


def test_a_continued_card_is_cut_between_paragraphs_and_its_badges_drawn_once(long_deck) -> None:  # type: ignore[no-untyped-def]
    cards: Cards = LONG.slides[1].elements[0]
    whole = {p.text for card in cards.cards for p in card.paragraphs}
    shown = [p.text for slide in long_deck.slides for box in named(slide, "Card text")
             for p in box.text_frame.paragraphs]
    assert shown and set(shown) <= whole
    badges = [b.text_frame.text for slide in long_deck.slides for b in named(slide, "Badge")]
    assert len(badges) == sum(len(card.badges) for card in cards.cards)
    assert not named(list(long_deck.slides)[2], "Badge")  # with the rest of the row, on the first part
    assert missing_words(LONG, build(LONG)) == {}


def test_cards_of_a_row_share_the_tallest_height(long_deck) -> None:  # type: ignore[no-untyped-def]
    assert len({c.height for c in named(long_deck.slides[1], "Card: ")}) == 1


def test_badges_say_a_status_that_is_not_aligned_in_words_at_11_pt_or_more(long_deck) -> None:  # type: ignore[no-untyped-def]
    badges = {b.text_frame.text: b for b in named(long_deck.slides[1], "Badge")}
    assert "▲ Head of Worldwide Sales · pending" in badges
    assert "■ Head of Product · concerns" in badges
    assert "● Chief Marketing Officer" in badges
    sizes = {r.font.size.pt for b in badges.values() for p in b.text_frame.paragraphs for r in p.runs}
    assert min(sizes) >= 11


@pytest.mark.parametrize("count", [1, 3])
def test_short_cards_are_as_tall_as_their_content_and_at_most_a_third_wide(count: int) -> None:
    deck = open_deck(build(deckplans.deck(deckplans.short_cards_slide(count))))
    cards = named(deck.slides[1], "Card: ")
    assert len(cards) == count
    for card in cards:
        assert Emu(card.height).inches < 1.5
        assert Emu(card.width).pt <= BODY_W / 3
    assert min(Emu(c.left).pt for c in cards) == pytest.approx(MARGIN, abs=0.5)  # left on the grid
