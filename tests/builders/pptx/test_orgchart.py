"""The org chart's tree and its pages (deckgen.builders.pptx.orgchart)."""
from __future__ import annotations

from dataclasses import replace

import pytest
from pptx.util import Emu

from deckgen.plan.palette import palette
from deckgen.builders.pptx.design import INCH, Design, Fonts, Palette
from deckgen.builders.pptx.flow import Room
from deckgen.builders.pptx.orgchart import MIN_W, OrgBlock, Tree, forest, org_block
from deckgen.plan.slides import OrgChart, OrgNode, Slide
from tests.support.decks import colour
from tests.support import deckplans
from tests.support.deckplans import org_slide
from tests.support.decks import build, open_deck

DESIGN = Design(Palette.of(palette("#1B3A5C", "#F28C28")), Fonts("Calibri", "Calibri"))
WIDTH, ROOM = 888.0, 370.0


def keys(trees: list[Tree]) -> list[str]:
    return [t.node.key for t in trees]


def test_the_tree_follows_parents_in_plan_order() -> None:
    nodes = [OrgNode("a", "A"), OrgNode("b", "B", parent="a"), OrgNode("c", "C", parent="a"),
             OrgNode("d", "D", parent="b")]
    [root] = forest(nodes)
    assert root.node.key == "a" and keys(list(root.children)) == ["b", "c"]
    assert keys(root.branches) == ["b"] and keys(root.members) == ["c"]


def test_nobody_is_dropped_for_a_missing_parent_or_a_cycle() -> None:
    nodes = [OrgNode("a", "A", parent="nobody"), OrgNode("x", "X", parent="y"), OrgNode("y", "Y", parent="x"),
             OrgNode("s", "S", parent="s")]
    trees = forest(nodes)
    seen = [t.node.key for tree in trees for t in _walk(tree)]
    assert sorted(seen) == ["a", "s", "x", "y"]


def _walk(tree: Tree):  # type: ignore[no-untyped-def]
    yield tree
    for child in tree.children:
        yield from _walk(child)


def test_a_small_team_fits_one_slide() -> None:
    block = org_block(org_slide(7, 2).elements[0], DESIGN)
    head, rest = block.split(Room(WIDTH, ROOM, force=True))
    assert rest is None and head is not None and head.height(WIDTH, 0.0) <= ROOM


def test_sixty_people_continue_and_every_page_fits() -> None:
    block: OrgBlock = org_block(org_slide(60, 6).elements[0], DESIGN)
    pages, rest = [], block
    while rest is not None:
        head, rest = rest.split(Room(WIDTH, ROOM, force=True))
        pages.append(head)
    assert 1 < len(pages) <= 4
    shown = []
    for page in pages:
        found = page.arrange(page.pages[0], WIDTH, 0.0, ROOM)
        assert found is not None and found.w >= MIN_W
        shown += [t.node.key for tree in page.pages[0] for t in _walk(tree) if not t.cont]
    assert sorted(shown) == sorted(n.key for n in org_slide(60, 6).elements[0].nodes)


def test_the_top_says_how_many_follow() -> None:
    data = build(deckplans.big_team())
    texts = [s.text_frame.text for s in open_deck(data).slides[1].shapes if s.name.startswith("Person: ")]
    assert sum("more on the next slides" in t for t in texts) == 6


def test_a_wide_structure_is_cut_rather_than_squeezed() -> None:
    """Twelve managers side by side need more than six inches: the lead's slide shows them,
    their teams follow, and no box is narrower than the minimum."""
    wide = OrgChart([OrgNode("lead", "Lead")] + [OrgNode(f"m{i}", f"M{i}", parent="lead") for i in range(12)]
                    + [OrgNode(f"p{i}", f"P{i}", parent=f"m{i}") for i in range(12)])
    block = org_block(wide, DESIGN)
    assert block.arrange(block.pages[0], 6 * INCH, 0.0, ROOM) is None
    pages, rest = [], block
    while rest is not None:
        head, rest = rest.split(Room(6 * INCH, ROOM, force=True))
        pages.append(head)
    for page in pages:
        found = page.arrange(page.pages[0], 6 * INCH, 0.0, ROOM)
        assert found is not None and found.w >= MIN_W
    assert len(pages) >= 2


def team_slides(slide: Slide) -> list:  # type: ignore[type-arg]
    """The slides ``slide`` becomes in a built deck (the title slide left out)."""
    return list(open_deck(build(deckplans.deck(slide))).slides)[1:]


def people(slide) -> list:  # type: ignore[no-untyped-def, type-arg]
    return [s for s in slide.shapes if s.name.startswith("Person: ")]


@pytest.mark.parametrize("size", [1, 2, 3])
def test_a_team_of_one_to_three_fits_one_slide_in_wide_boxes(size: int) -> None:
    """A leader with no reports used to find no layout: the subtitle stood alone on one slide
    and a minimum-width box on a "(cont.)" slide."""
    slide = replace(org_slide(size, managers=0), subtitle="Led by Maya Okafor")
    [only] = team_slides(slide)
    boxes = people(only)
    assert len(boxes) == size
    assert all(Emu(b.width).pt > MIN_W for b in boxes)


def test_direct_reports_read_in_plan_order_row_by_row() -> None:
    slide = org_slide(13, managers=0)
    [only] = team_slides(slide)
    members = [b for b in people(only) if b.name != "Person: Maya Okafor"]
    assert len({b.top for b in members}) > 1 and len({b.left for b in members}) > 1  # a grid
    reading = sorted(members, key=lambda b: (b.top, b.left))
    assert [b.text_frame.paragraphs[0].text for b in reading] == [n.title for n in slide.elements[0].nodes[1:]]


def test_fourteen_people_under_two_levels_of_managers_fit_one_slide() -> None:
    """At the slide's full width the whole structure fits at the floor size, in boxes that
    keep each person's name and role."""
    [only] = team_slides(deckplans.two_level_team())
    boxes = people(only)
    assert len(boxes) == 14 and all(Emu(b.width).pt >= MIN_W for b in boxes)
    roles = {b.text_frame.paragraphs[0].text: b.text_frame.paragraphs[1].text for b in boxes}
    assert roles["Aiko Tanaka"] == "Competitive Intelligence Lead"


def test_the_focus_is_set_apart_from_the_role() -> None:
    """Role and focus used to run together in one style; the focus is now italic, and muted
    in the boxes on a light fill."""
    [only] = team_slides(org_slide(7, managers=2))
    box = next(b for b in people(only) if b.name == "Person: Person 1")
    role, focus = (p.runs[0].font for p in box.text_frame.paragraphs[1:3])
    assert box.text_frame.paragraphs[2].text == "Positioning"
    assert focus.italic and not role.italic
    assert colour(focus.color) != colour(role.color)
