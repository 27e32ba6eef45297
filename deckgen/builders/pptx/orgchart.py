"""The team's structure as boxes and elbow connectors, laid out as a tree.

Layout: under each person, the reports who lead people of their own stand side by side as
trees, each joined by an elbow connector glued to both boxes (PowerPoint re-routes it when a box
moves); the reports who lead nobody sit together in one panel, in as many sub-columns as the
height allows, joined by one connector. Panels keep big teams compact: sixty people fit where a
plain tree would need sixty columns.

Of the layouts that fit, the one with the widest boxes wins, then the least tall: a small team
stands side by side rather than in one column. Panels fill row by row, in plan order.

A box shows the person's name (bold), role, and focus (italic, muted where the fill allows).
At the floor size, a structure that would otherwise continue may drop the focus lines
("compact" boxes: the team slide's notes carry every focus) to stay on one slide. One that is
too big even so continues, with full boxes: the top of the tree (each manager showing how many
people follow) on one slide, then the managers' own trees, packed side by side onto as few
further slides as fit. Boxes never get narrower than :data:`MIN_W` nor text smaller than the
type scale's floor.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from typing import Iterator, Optional

from pptx.shapes.autoshape import Shape

from deckgen.plan import slides as plan
from deckgen.plan.slides import Run

from . import text
from .design import INCH, TYPE, Box, Design, on
from .draw import BoxLook, Canvas
from .pictures import portrait
from .flow import Block, Room, Split, measured
from .text import CONT

SCALE = TYPE["node"]
MIN_W, MAX_W = 1.3 * INCH, 2.4 * INCH
HGAP, LGAP, SGAP, PAD = 0.2 * INCH, 0.2 * INCH, 5.0, 4.0
PHOTO = 0.42 * INCH  # a person's photo, round, at the left of their box
HUGE = 1e9
EPS = 0.01  # points: a height computed twice, summed in another order, still fits


@dataclass(frozen=True)
class Tree:
    """A person and their reports. ``hidden`` counts people shown on later slides instead."""

    node: plan.OrgNode
    children: tuple["Tree", ...] = ()
    hidden: int = 0
    cont: bool = False

    @cached_property
    def branches(self) -> list["Tree"]:
        """Reports who have reports of their own: drawn side by side as trees. Kept (a tree
        never changes): laying out asks at every panel depth it tries."""
        return [c for c in self.children if c.children]

    @cached_property
    def members(self) -> list["Tree"]:
        """Reports without reports: drawn together in one panel under this person (kept, as
        :attr:`branches` is)."""
        return [c for c in self.children if not c.children]

    def people(self) -> int:
        return 1 + sum(c.people() for c in self.children)

    def trimmed(self) -> "Tree":
        """This person with their reports moved away (counted in ``hidden``)."""
        return replace(self, children=(), hidden=self.hidden + self.people() - 1)


def forest(nodes: list[plan.OrgNode]) -> list[Tree]:
    """Trees from ``parent`` links, in plan order; a parent that is missing (or a cycle)
    makes a root, so nobody is ever dropped."""
    keys = {n.key for n in nodes}
    kids: dict[Optional[str], list[plan.OrgNode]] = {}
    for n in nodes:
        kids.setdefault(n.parent if n.parent in keys and n.parent != n.key else None, []).append(n)
    seen: set[str] = set()

    def grow(n: plan.OrgNode) -> Tree:
        seen.add(n.key)
        return Tree(n, tuple(grow(c) for c in kids.get(n.key, []) if c.key not in seen))

    roots = [grow(n) for n in kids.get(None, [])]
    roots += [grow(n) for n in nodes if n.key not in seen]  # members of a cycle
    return roots


@dataclass(frozen=True)
class Arrangement:
    """A forest fitted to a width: panel depth, box width and height, total size, and whether
    the boxes leave out the focus lines."""

    depth: int
    w: float
    h: float
    cols: int
    height: float
    compact: bool = False


class _Geometry:
    """Sizes of trees in slots (columns) and points, for one panel depth and box height."""

    def __init__(self, depth: int, h: float) -> None:
        self.depth, self.h = depth, h

    def panel_cols(self, tree: Tree) -> int:
        return math.ceil(len(tree.members) / self.depth) if tree.members else 0

    def panel_rows(self, tree: Tree) -> int:
        return math.ceil(len(tree.members) / self.panel_cols(tree)) if tree.members else 0

    def cols(self, tree: Tree) -> int:
        return max(1, sum(self.cols(b) for b in tree.branches) + self.panel_cols(tree))

    def panel(self, rows: int) -> float:
        return 2 * PAD + rows * self.h + (rows - 1) * SGAP

    def height(self, tree: Tree) -> float:
        if not tree.children:
            return self.h
        below = [self.height(b) for b in tree.branches]
        if tree.members:
            below.append(self.panel(self.panel_rows(tree)))
        return self.h + LGAP + max(below)


@dataclass
class OrgBlock(Block):
    pages: list[list[Tree]]
    design: Design
    whole: bool = True  # the whole structure, not a continued part: it may go compact
    flexible: bool = True
    breakable: bool = False
    # box text heights by (key, hidden, continued, size, width, compact), shared by parts
    heights: dict[tuple[object, ...], float] = field(default_factory=dict, repr=False)

    # Fitting ---------------------------------------------------------------------------------
    def _items(self, tree: Tree, compact: bool, dark: bool = False) -> list[text.Item]:
        """A box's lines: the name, the role, the focus set apart in italics (muted but on a
        ``dark`` fill), and how many follow on later slides. ``compact`` leaves out the focus."""
        node = tree.node
        found = [text.plain(node.title + (CONT if tree.cont else ""), "line", bold=True)]
        if node.subtitle:
            found.append(text.plain(node.subtitle, "line"))
        if node.detail and not compact:
            run = Run(node.detail, italic=True, color=None if dark else "muted")
            found.append(text.item_of((run,), "line"))
        if tree.hidden:
            found.append(text.plain(f"→ {tree.hidden} more on the next slides", "line", color="muted"))
        return found

    def _box_height(self, trees: list[Tree], w: float, t: float, compact: bool) -> float:
        """The height every box gets: the tallest text of any box, a lead's box ``w`` wide, a
        panel member's at least ``w`` less the panel's padding (see :meth:`_tallest`)."""
        size = SCALE.at(t)
        return max(measured(tree, ("org", size, w, compact), partial(self._tallest, tree, size, w, compact))
                   for tree in trees)

    def _tallest(self, tree: Tree, size: float, w: float, compact: bool) -> float:
        """The tallest box text of ``tree`` as a root (at least a photo's room when anyone in it
        has one). Worked out once per tree: paginating tries a forest with one more tree at a
        time, and those before it are the same."""
        every = list(_walk(tree))
        least = PHOTO + 2 * PAD if any(s.node.picture for s in every) else 0.0
        return max(least, *(self._node_height(s, size, round(w - (0 if s.children or s is tree
                                                                     else 2 * PAD), 2), compact)
                            for s in every))

    def _node_height(self, tree: Tree, size: float, width: float, compact: bool) -> float:
        key = (tree.node.key, tree.hidden, tree.cont, size, width, compact)
        if key not in self.heights:
            items, room = self._items(tree, compact), width - _photo_room(tree)
            self.heights[key] = text.height(items, self.design.fonts.body_measure, size, room)
        return self.heights[key]

    def _layouts(self, trees: list[Tree], width: float, t: float, compact: bool,
                 narrowest: float = MIN_W) -> Iterator[Arrangement]:
        """A layout for each panel depth whose boxes are at least ``narrowest`` wide, from
        the shallowest; deeper ones than the first with boxes of :data:`MAX_W` would only be
        taller, so they are not tried."""
        deepest = max((len(s.members) for tree in trees for s in _walk(tree)), default=0)
        for depth in range(1, max(deepest, 1) + 1):
            probe = _Geometry(depth, 0.0)
            cols = sum(probe.cols(tree) for tree in trees)
            w = min(MAX_W, (width - (cols - 1) * HGAP) / cols)
            if w < narrowest:
                continue
            geo = _Geometry(depth, self._box_height(trees, w, t, compact))
            yield Arrangement(depth, w, geo.h, cols, max(geo.height(tree) for tree in trees), compact)
            if w >= MAX_W:
                return

    def arrange(self, trees: list[Tree], width: float, t: float, room: float = HUGE,
                compact: bool = False) -> Optional[Arrangement]:
        """The layout that fits ``width`` and ``room`` with the widest boxes, then the least
        height; None when none does."""
        fits = [a for a in self._layouts(trees, width, t, compact) if a.height <= room + EPS]
        return max(fits, key=lambda a: (a.w, -a.height), default=None)

    def _modes(self, t: float) -> tuple[bool, ...]:
        """Whether boxes may be compact: full boxes always come first; compact ones only at
        the floor, and only to keep the whole structure on one slide."""
        return (False, True) if self.whole and t <= 0.0 else (False,)

    def _fit(self, trees: list[Tree], width: float, t: float, room: float = HUGE) -> Optional[Arrangement]:
        """:meth:`arrange` with full boxes, else compact ones where :meth:`_modes` allows."""
        for compact in self._modes(t):
            found = self.arrange(trees, width, t, room, compact)
            if found is not None:
                return found
        return None

    def height(self, width: float, t: float) -> float:
        """The least height the first page can live with; more than one page left never
        fits a slide."""
        if len(self.pages) > 1:
            return HUGE
        return min((a.height for compact in self._modes(t)
                    for a in self._layouts(self.pages[0], width, t, compact)), default=HUGE)

    # Splitting -------------------------------------------------------------------------------
    def split(self, room: Room) -> Split:
        """The first page when it fits; else it is paginated (:meth:`_paginate`) and the
        first of those pages goes here."""
        width, t = room.width, room.t
        first, later = self.pages[0], self.pages[1:]
        if self._fit(first, width, t, room.height) is not None:
            return OrgBlock([first], self.design, self.whole and not later, heights=self.heights), (
                OrgBlock(later, self.design, False, heights=self.heights) if later else None)
        pages = self._paginate(first, width, room.height, t)
        first, later = pages[0], pages[1:] + later
        if self.arrange(first, width, t, room.height) is None and not room.force:
            return None, self
        rest = OrgBlock(later, self.design, False, heights=self.heights) if later else None
        return OrgBlock([first], self.design, False, heights=self.heights), rest

    def _paginate(self, trees: list[Tree], width: float, room: float, t: float) -> list[list[Tree]]:
        """Pages that each fit: whole trees packed side by side, a tree too big on its own
        cut below its root (see :meth:`_cut`)."""
        pages: list[list[Tree]] = []
        current: list[Tree] = []
        queue = list(trees)
        while queue:
            tree = queue.pop(0)
            if self.arrange(current + [tree], width, t, room) is not None:
                current.append(tree)
                continue
            if current:
                pages.append(current)
                current = []
                queue.insert(0, tree)
                continue
            tops, below = self._cut(tree, width, room, t)
            pages += [[top] for top in tops]
            queue[:0] = below
        if current:
            pages.append(current)
        return pages

    def _cut(self, tree: Tree, width: float, room: float, t: float) -> tuple[list[Tree], list[Tree]]:
        """The root with its direct reports, theirs moved on (as many slides of that as the
        direct reports need, the root repeated "(cont.)"), and then the reports' own trees,
        in their order."""
        reports = [c.trimmed() if c.children else c for c in tree.children]
        below = [replace(c, cont=True) for c in tree.children if c.children]
        tops: list[Tree] = []
        while reports or not tops:
            count = len(reports)
            while count > 1 and self.arrange([replace(tree, children=tuple(reports[:count]),
                                                      cont=tree.cont or bool(tops))],
                                             width, t, room) is None:
                count -= 1
            tops.append(replace(tree, children=tuple(reports[:count]), cont=tree.cont or bool(tops)))
            reports = reports[count:]
        return tops, below

    # Drawing ---------------------------------------------------------------------------------
    def draw(self, canvas: Canvas, box: Box, t: float) -> None:
        trees = self.pages[0]
        found = (self._fit(trees, box.w, t, box.h) or self._fit(trees, box.w, t)
                 or max(self._layouts(trees, box.w, t, False, narrowest=0.0), key=lambda a: a.w))
        geo = _Geometry(found.depth, found.h)
        total = found.cols * found.w + (found.cols - 1) * HGAP
        x = box.x + (box.w - total) / 2
        for tree in trees:
            span = geo.cols(tree)
            self._draw_tree(canvas, geo, found, tree, x, box.y, span, t=t, root=True)
            x += span * (found.w + HGAP)

    def _draw_tree(self, canvas: Canvas, geo: _Geometry, found: Arrangement, tree: Tree, x: float,
                   y: float, span: int, *, t: float, root: bool = False) -> Shape:
        """Draw ``tree`` in ``span`` slots from ``x``: its box centred on top, its branches
        side by side below, then the panel of its members; return its box."""
        palette, w = canvas.design.palette, found.w
        span_w = span * w + (span - 1) * HGAP
        fill = palette.primary if root else (palette.primary_tint if tree.children or tree.hidden else palette.paper)
        shape = self._node(canvas, Box(x + (span_w - w) / 2, y, w, geo.h), tree, fill, found.compact, t)
        below = y + geo.h + LGAP
        for branch in tree.branches:
            branch_span = geo.cols(branch)
            kid = self._draw_tree(canvas, geo, found, branch, x, below, branch_span, t=t)
            canvas.connect(shape, 2, kid, 0, palette.muted)
            x += branch_span * (w + HGAP)
        if tree.members:
            cols = geo.panel_cols(tree)
            area = Box(x, below, cols * w + (cols - 1) * HGAP, geo.panel(geo.panel_rows(tree)))
            panel = canvas.rect(area, fill=palette.surface, line=palette.line,
                                name=f"Team of {text.clean(tree.node.title)}"[:200])
            canvas.connect(shape, 2, panel, 0, palette.muted)
            self._draw_members(canvas, geo, tree, area, found.compact, t)
        return shape

    def _draw_members(self, canvas: Canvas, geo: _Geometry, tree: Tree, area: Box, compact: bool,
                      t: float) -> None:
        cols = geo.panel_cols(tree)
        inner = area.w - 2 * PAD
        member_w = (inner - (cols - 1) * SGAP) / cols
        for i, member in enumerate(tree.members):
            row, col = divmod(i, cols)  # row by row, so the order reads as text does
            at = Box(area.x + PAD + col * (member_w + SGAP), area.y + PAD + row * (geo.h + SGAP),
                     member_w, geo.h)
            fill = canvas.design.palette.primary_tint if member.hidden else canvas.design.palette.paper
            self._node(canvas, at, member, fill, compact, t)

    def _node(self, canvas: Canvas, box: Box, tree: Tree, fill: str, compact: bool, t: float) -> Shape:
        palette = canvas.design.palette
        dark = fill == palette.primary
        color = on(fill) if dark else palette.text
        line = None if dark else palette.line
        shape = canvas.boxed_text(box, self._items(tree, compact, dark), SCALE.at(t),
                                  BoxLook(fill, line, rounded=True),
                                  name=f"Person: {text.clean(tree.node.title)}"[:200],
                                  color=color, align="center", anchor="middle",
                                  left_pad=_photo_room(tree))
        if tree.node.picture is not None:
            at = Box(box.x + PAD, box.y + (box.h - PHOTO) / 2, PHOTO, PHOTO)
            portrait(canvas, tree.node.picture, at)
        return shape


def _photo_room(tree: Tree) -> float:
    """Width a box gives its person's photo (none without one)."""
    return PHOTO + PAD if tree.node.picture is not None else 0.0


def _walk(tree: Tree) -> Iterator[Tree]:
    yield tree
    for child in tree.children:
        yield from _walk(child)


def org_block(element: plan.OrgChart, design: Design) -> Block:
    return OrgBlock([forest(list(element.nodes))], design)
