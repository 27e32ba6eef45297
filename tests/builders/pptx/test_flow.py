"""Flowing blocks onto slides: shrink to the floor first, then continue (deckgen.builders.pptx.flow)."""
from __future__ import annotations

from dataclasses import dataclass

from deckgen.plan.palette import palette
from deckgen.builders.pptx import text
from deckgen.builders.pptx.charts import MIN_HEIGHT, ChartBlock
from deckgen.builders.pptx.design import TYPE, Design, Fonts, Palette
from deckgen.builders.pptx.flow import Block, Room, Split, Stack, paginate
from deckgen.builders.pptx.textblock import TextBlock
from deckgen.plan.slides import Chart, Series
from tests.support.deckplans import LOREM, para

DESIGN = Design(Palette.of(palette("#1B3A5C", "#F28C28")), Fonts("Calibri", "Calibri"))
WIDTH, ROOM = 888.0, 370.0


def bullets(count: int, words: str = "A short point") -> TextBlock:
    return TextBlock(text.items([para(f"{words} {i}", "bullet") for i in range(count)]), DESIGN)


def test_text_that_fits_keeps_the_preferred_size() -> None:
    pages, t = paginate(Stack([bullets(5)]), WIDTH, ROOM)
    assert len(pages) == 1 and TYPE["body"].at(t) == TYPE["body"].max


def test_text_shrinks_before_it_continues() -> None:
    block = bullets(15, LOREM[:60])
    assert block.height(WIDTH, 1.0) > ROOM >= block.height(WIDTH, 0.0)
    pages, t = paginate(Stack([block]), WIDTH, ROOM)
    assert len(pages) == 1 and TYPE["body"].floor <= TYPE["body"].at(t) < TYPE["body"].max


def test_past_the_floor_it_continues_and_every_slide_shares_one_size() -> None:
    block = bullets(40, LOREM[:80])
    pages, t = paginate(Stack([block]), WIDTH, ROOM)
    assert len(pages) >= 2
    assert all(page.height(WIDTH, t) <= ROOM for page in pages)
    shown = [item for page in pages for b in page.blocks for item in b.items]
    assert shown == block.items


def test_a_chart_moves_whole_to_the_next_slide_rather_than_being_cut() -> None:
    chart = ChartBlock(Chart("bar", "Time", ["a", "b"], [Series("s", [1.0, 2.0])]), DESIGN)
    filler = bullets(9, LOREM[:70])
    assert ROOM - filler.height(WIDTH, 0.0) < MIN_HEIGHT
    pages, _ = paginate(Stack([filler, chart]), WIDTH, ROOM)
    assert [[type(b).__name__ for b in p.blocks] for p in pages] == [["TextBlock"], ["ChartBlock"]]


@dataclass
class Unbreakable(Block):
    """A block that is cut only on a slide of its own (as cards, the ladder and the org chart
    are), ``h`` points tall."""

    h: float
    flexible: bool = False
    breakable: bool = False

    def height(self, width: float, t: float) -> float:
        return self.h

    def split(self, room: Room) -> Split:
        if self.h <= room.height:
            return self, None
        return (Unbreakable(room.height), Unbreakable(self.h - room.height)) if room.force else (None, self)

    def draw(self, canvas, box, t) -> None:  # type: ignore[no-untyped-def]
        pass


def test_a_subtitle_never_has_a_slide_to_itself() -> None:
    """A block that fits a slide of its own but not under the subtitle is cut under it: moved
    whole, it would leave a slide holding only the subtitle."""
    subtitle = TextBlock([text.plain("Led by Maya Okafor")], DESIGN, "subtitle")
    pages, _ = paginate(Stack([subtitle, Unbreakable(ROOM - 5)]), WIDTH, ROOM)
    assert all(any(isinstance(b, Unbreakable) for b in page.blocks) for page in pages)
    assert [type(b).__name__ for b in pages[0].blocks] == ["TextBlock", "Unbreakable"]


@dataclass
class Whole(Block):
    """A block kind that defines only what it must: it takes the protocol's defaults."""

    h: float
    flexible: bool = False
    breakable: bool = False

    def height(self, width: float, t: float) -> float:
        return self.h

    def draw(self, canvas, box, t) -> None:  # type: ignore[no-untyped-def]
        pass


def test_a_block_kind_gets_whole_or_nothing_splitting_and_no_lead_ins_by_default() -> None:
    block = Whole(50)
    assert block.split(Room(WIDTH, 60)) == (block, None)
    assert block.split(Room(WIDTH, 40)) == (None, block)
    assert block.split(Room(WIDTH, 40, force=True)) == (block, None)  # an empty slide takes it
    assert block.orphans() == (block, None) and not block.leads_in()
    assert TextBlock([text.plain("Led by Maya Okafor")], DESIGN, "subtitle").leads_in()


def test_room_used_up_in_order() -> None:
    room = Room(WIDTH, 100.0, 0.5, force=True)
    assert room.less(30.0, 8.0) == Room(WIDTH, 62.0, 0.5, force=True)
    assert room.narrowed(120.0).width == 120.0 and room.narrowed(120.0).height == 100.0
