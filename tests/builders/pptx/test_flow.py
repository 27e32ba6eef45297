"""Flowing blocks onto slides: shrink to the floor first, then continue (deckgen.builders.pptx.flow)."""
from __future__ import annotations

import math
from dataclasses import dataclass

import pytest

from deckgen.plan.palette import palette
from deckgen.builders.pptx import text
from deckgen.builders.pptx.blocks import block_for
from deckgen.builders.pptx.charts import MIN_HEIGHT, ChartBlock
from deckgen.builders.pptx.design import LEVELS, TYPE, Design, Fonts, Palette
from deckgen.builders.pptx.flow import Block, Room, Split, Stack, forget_measured, paginate
from deckgen.builders.pptx.textblock import TextBlock
from deckgen.plan.slides import Chart, Series
from tests.support import deckplans
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


def best_level(page: Stack) -> float:
    """A page's own level, as the definition says: the largest at which it fits (else 0)."""
    return next((t for t in LEVELS if page.height(WIDTH, t) <= ROOM), 0.0)


@pytest.mark.parametrize("body", [
    lambda: [bullets(5)], lambda: [bullets(15, LOREM[:60])], lambda: [bullets(40, LOREM[:80])],
    lambda: [bullets(3), Unbreakable(ROOM - 20), bullets(30, LOREM)],
    lambda: [block_for(e, DESIGN) for e in deckplans.objectives_slide(20).elements],
])
def test_pages_share_the_least_of_their_own_levels(body) -> None:  # type: ignore[no-untyped-def]
    """The shared level is looked for from the level the pages were cut at; it must be what
    asking each page for its own best level, at every level from the top, would give."""
    pages, t = paginate(Stack(body()), WIDTH, ROOM)
    assert t == min(best_level(page) for page in pages)


def test_a_body_is_measured_at_a_handful_of_levels(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every level tried measures the whole body at that level's size: paging tries the top
    level, the floor and the bisection's levels, and no more (a page's level is looked up
    among those, not measured at every level above it)."""
    sizes: set[float] = set()
    measure = text.height

    def counted(items, family, size, width, bold=False, limit=math.inf):  # type: ignore[no-untyped-def]
        sizes.add(size)
        return measure(items, family, size, width, bold, limit)

    monkeypatch.setattr(text, "height", counted)
    pages, t = paginate(Stack([bullets(60, LOREM[:80])]), WIDTH, ROOM)
    assert len(pages) > 1 and t < 0.5  # well below the top: many levels between
    assert len(sizes) <= 2 + math.ceil(math.log2(len(LEVELS)))


PLANS = {"every kind": deckplans.every_kind, "big team": deckplans.big_team,
         "many rocks": deckplans.many_rocks, "long okrs": lambda: deckplans.long_okrs(6),
         "long texts": deckplans.long_texts, "cjk": deckplans.cjk,
         "a long rock": lambda: deckplans.deck(deckplans.long_rock_slide())}


@pytest.mark.parametrize("plan", PLANS)
def test_no_block_grows_as_the_level_falls(plan: str) -> None:
    """Paging rests on this: smaller type never takes more height, so a body that fits at a
    level fits at every level below it (see :func:`~deckgen.builders.pptx.flow.paginate`)."""
    for slide in PLANS[plan]().slides:
        for element in slide.elements:
            block = block_for(element, DESIGN)
            for width in (WIDTH, 300.0):
                heights = [block.height(width, t) for t in LEVELS]
                assert heights == sorted(heights, reverse=True), (type(block).__name__, width)


@pytest.mark.parametrize("plan", PLANS)
def test_a_height_remembered_from_another_level_or_width_is_the_height_measured_afresh(plan: str) -> None:
    """The memos of heights (a card's, a ladder item's, an org chart's tree, a table's rows and
    widths) are keyed by all the height depends on: a block asked at every level and width in
    turn answers each as a new block with every memo emptied would."""
    for slide in PLANS[plan]().slides:
        for element in slide.elements:
            block = block_for(element, DESIGN)
            for width in (WIDTH, 300.0):
                for t in LEVELS:
                    remembered = block.height(width, t)
                    forget_measured()
                    assert remembered == block_for(element, DESIGN).height(width, t), (
                        type(block).__name__, width, t)


@pytest.mark.parametrize("plan", PLANS)
def test_a_height_up_to_a_limit_is_the_height_wherever_it_may_fit(plan: str) -> None:
    """Paging asks a block that may not fit only how tall it is up to the room left: below
    that the answer must be its height to the last bit (the same sums in the same order), and
    past it no more than its height."""
    for slide in PLANS[plan]().slides:
        blocks = [block_for(element, DESIGN) for element in slide.elements]
        for block in [*blocks, Stack(blocks)]:
            for t in (0.0, 0.5, 1.0):
                height = block.height(WIDTH, t)
                for limit in (0.0, ROOM / 3, ROOM, height - 0.01, height, 2 * height):
                    up_to = block.height_up_to(WIDTH, t, limit)
                    assert up_to == height if height <= limit else limit < up_to <= height, (
                        type(block).__name__, t, limit)


def test_a_long_table_is_added_up_once_a_level_not_once_a_slide(monkeypatch: pytest.MonkeyPatch) -> None:
    """What is left of a long table is asked its height on every slide it fills; adding up
    every row left each time made paging grow with the square of the rows."""
    from deckgen.builders.pptx.tables import TableBlock

    looked: dict[float, int] = {}
    rows = TableBlock._heights

    def counted(self, widths, size):  # type: ignore[no-untyped-def]
        for height in rows(self, widths, size):
            looked[size] = looked.get(size, 0) + 1
            yield height

    monkeypatch.setattr(TableBlock, "_heights", counted)
    slide = deckplans.objectives_slide(40)
    table = block_for(slide.elements[0], DESIGN)
    pages, _ = paginate(Stack([table]), WIDTH, ROOM)
    assert len(pages) > 10
    count = len(slide.elements[0].rows)
    assert max(looked.values()) <= 4 * count  # each slide's rows read by height_up_to and by split


@pytest.mark.parametrize("priorities", [3, 12])
def test_a_ladder_takes_the_most_rocks_whose_part_fits(priorities: int) -> None:
    """Splitting a ladder looks for the most rocks whose part fits counting up, and stops at
    the first count too many: a part never shrinks as it takes another rock. That is the count
    trying every count from the top would find."""
    from deckgen.builders.pptx.ladder import LadderBlock

    element = deckplans.ladder_slide(rocks=30, priorities=priorities).elements[0]
    block = block_for(element, DESIGN)
    assert isinstance(block, LadderBlock)
    rocks = block.ladder.rocks
    for t in (0.0, 1.0):
        heights = [block._item_h(r, WIDTH, t) for r in rocks]
        for room in (Room(WIDTH, h, t, force=True) for h in (60.0, 150.0, ROOM, 600.0)):
            parts = [block._part_height(rocks[:n], heights[:n], room) for n in range(1, len(rocks) + 1)]
            assert parts == sorted(parts)
            head, _ = block.split(room)
            most = max((n for n in range(1, len(rocks) + 1) if parts[n - 1] <= room.height), default=1)
            assert isinstance(head, LadderBlock) and head.ladder.rocks == rocks[:most], (t, room.height)
