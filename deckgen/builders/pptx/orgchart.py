"""The team's structure as boxes and elbow connectors, laid out as a tree.

Layout: under each person, the reports who lead people of their own stand side by side as
trees, each joined by an elbow connector glued to both boxes (PowerPoint re-routes it when a box
moves); the reports who lead nobody sit together in one panel, in as many sub-columns as the
height allows, joined by one connector. Panels keep big teams compact: sixty people fit where a
plain tree would need sixty columns.

A structure too big for one slide continues: the top of the tree (each manager showing how many
people follow) on one slide, then the managers' own trees, packed side by side onto as few
further slides as fit. Boxes never get narrower than :data:`MIN_W` nor text smaller than the
type scale's floor.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Optional

from deckgen.plan import slides as plan

from . import text
from .design import INCH, TYPE, Box, Design, on
from .draw import Canvas
from .blocks import portrait
from .flow import CONT, Block

SCALE = TYPE["node"]
MIN_W, MAX_W = 1.3 * INCH, 2.4 * INCH
HGAP, LGAP, SGAP, PAD = 0.2 * INCH, 0.2 * INCH, 5.0, 4.0
PHOTO = 0.42 * INCH  # a person's photo, round, at the left of their box
HUGE = 1e9


@dataclass(frozen=True)
class Tree:
    """A person and their reports. ``hidden`` counts people shown on later slides instead."""

    node: plan.OrgNode
    children: tuple["Tree", ...] = ()
    hidden: int = 0
    cont: bool = False

    @property
    def branches(self) -> list["Tree"]:
        """Reports who have reports of their own: drawn side by side as trees."""
        return [c for c in self.children if c.children]

    @property
    def members(self) -> list["Tree"]:
        """Reports without reports: drawn together in one panel under this person."""
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
    """A forest fitted to a width: panel depth, box width and height, total size."""

    depth: int
    w: float
    h: float
    cols: int
    height: float


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
class OrgBlock:
    pages: list[list[Tree]]
    design: Design
    flexible: bool = False
    breakable: bool = False
    heights: dict = field(default_factory=dict, repr=False)  # box text heights, shared by parts

    # Fitting ---------------------------------------------------------------------------------
    def _items(self, tree: Tree) -> list[text.Item]:
        node = tree.node
        found = [text.plain(node.title + (CONT if tree.cont else ""), "line", bold=True)]
        for extra in (node.subtitle, node.detail):
            if extra:
                found.append(text.plain(extra, "line"))
        if tree.hidden:
            found.append(text.plain(f"→ {tree.hidden} more on the next slides", "line", color="muted"))
        return found

    def _box_height(self, trees: list[Tree], w: float, t: float) -> float:
        """The height every box gets: the tallest text of any box, a lead's box ``w`` wide, a
        panel member's at least ``w`` less the panel's padding."""
        size = SCALE.at(t)
        every = [s for tree in trees for s in _walk(tree)]
        roots = {id(tree) for tree in trees}
        least = PHOTO + 2 * PAD if any(s.node.picture for s in every) else 0.0
        return max(least, *(self._node_height(s, size, round(w - (0 if s.children or id(s) in roots
                                                                     else 2 * PAD), 2))
                            for s in every))

    def _node_height(self, tree: Tree, size: float, width: float) -> float:
        key = (tree.node.key, tree.hidden, tree.cont, size, width)
        if key not in self.heights:
            items, room = self._items(tree), width - _photo_room(tree)
            self.heights[key] = text.height(items, self.design.fonts.body_measure, size, room)
        return self.heights[key]

    def arrange(self, trees: list[Tree], width: float, t: float, room: float = HUGE) -> Optional[Arrangement]:
        """The deepest panel layout (fewest columns) that fits ``width`` and ``room``."""
        deepest = max((len(s.members) for tree in trees for s in _walk(tree)), default=1)
        for depth in range(deepest, 0, -1):
            probe = _Geometry(depth, 0.0)
            cols = sum(probe.cols(tree) for tree in trees)
            w = min(MAX_W, (width - (cols - 1) * HGAP) / cols)
            if w < MIN_W:
                continue
            geo = _Geometry(depth, self._box_height(trees, w, t))
            height = max(geo.height(tree) for tree in trees)
            if height <= room:
                return Arrangement(depth, w, geo.h, cols, height)
        return None

    def height(self, width: float, t: float) -> float:
        """The first page's height; more than one page left never fits a slide."""
        found = self.arrange(self.pages[0], width, t) if len(self.pages) == 1 else None
        return found.height if found else HUGE

    # Splitting -------------------------------------------------------------------------------
    def split(self, width: float, room: float, force: bool, t: float = 0.0) -> tuple[Optional[Block], Optional[Block]]:
        first, later = self.pages[0], self.pages[1:]
        if self.arrange(first, width, t, room) is None:
            pages = self._paginate(first, width, room, t)
            first, later = pages[0], pages[1:] + later
            if self.arrange(first, width, t, room) is None and not force:
                return None, self
        rest = OrgBlock(later, self.design, heights=self.heights) if later else None
        return OrgBlock([first], self.design, heights=self.heights), rest

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
        found = (self.arrange(trees, box.w, t, box.h) or self.arrange(trees, box.w, t)
                 or Arrangement(1, MIN_W, 40.0, 1, 40.0))
        geo = _Geometry(found.depth, found.h)
        total = found.cols * found.w + (found.cols - 1) * HGAP
        x = box.x + (box.w - total) / 2
        for tree in trees:
            span = geo.cols(tree)
            self._draw_tree(canvas, geo, tree, x, box.y, span, found.w, t, root=True)
            x += span * (found.w + HGAP)

    def _draw_tree(self, canvas: Canvas, geo: _Geometry, tree: Tree, x: float, y: float,
                   span: int, w: float, t: float, root: bool = False):  # noqa: ANN202
        """Draw ``tree`` in ``span`` slots from ``x``: its box centred on top, its branches
        side by side below, then the panel of its members; return its box."""
        palette = canvas.design.palette
        span_w = span * w + (span - 1) * HGAP
        fill = palette.primary if root else (palette.primary_tint if tree.children or tree.hidden else "FFFFFF")
        shape = self._node(canvas, Box(x + (span_w - w) / 2, y, w, geo.h), tree, fill, t)
        below = y + geo.h + LGAP
        for branch in tree.branches:
            branch_span = geo.cols(branch)
            kid = self._draw_tree(canvas, geo, branch, x, below, branch_span, w, t)
            canvas.connect(shape, 2, kid, 0, palette.muted)
            x += branch_span * (w + HGAP)
        if tree.members:
            cols = geo.panel_cols(tree)
            area = Box(x, below, cols * w + (cols - 1) * HGAP, geo.panel(geo.panel_rows(tree)))
            panel = canvas.rect(area, fill=palette.surface, line=palette.line,
                                name=f"Team of {text.clean(tree.node.title)}"[:200])
            canvas.connect(shape, 2, panel, 0, palette.muted)
            self._draw_members(canvas, geo, tree, area, t)
        return shape

    def _draw_members(self, canvas: Canvas, geo: _Geometry, tree: Tree, area: Box, t: float) -> None:
        cols, rows = geo.panel_cols(tree), geo.panel_rows(tree)
        inner = area.w - 2 * PAD
        member_w = (inner - (cols - 1) * SGAP) / cols
        for i, member in enumerate(tree.members):
            col, row = divmod(i, rows)  # column by column, so the order reads downwards
            at = Box(area.x + PAD + col * (member_w + SGAP), area.y + PAD + row * (geo.h + SGAP),
                     member_w, geo.h)
            fill = canvas.design.palette.primary_tint if member.hidden else "FFFFFF"
            self._node(canvas, at, member, fill, t)

    def _node(self, canvas: Canvas, box: Box, tree: Tree, fill: str, t: float):  # noqa: ANN202
        palette = canvas.design.palette
        color = on(fill) if fill == palette.primary else palette.text
        line = None if fill == palette.primary else palette.line
        shape = canvas.boxed_text(box, self._items(tree), SCALE.at(t), fill=fill, line=line,
                                  rounded=True, name=f"Person: {text.clean(tree.node.title)}"[:200],
                                  color=color, align="center", anchor="middle",
                                  left_pad=_photo_room(tree))
        if tree.node.picture is not None:
            at = Box(box.x + PAD, box.y + (box.h - PHOTO) / 2, PHOTO, PHOTO)
            portrait(canvas, tree.node.picture, at)
        return shape


def _photo_room(tree: Tree) -> float:
    """Width a box gives its person's photo (none without one)."""
    return PHOTO + PAD if tree.node.picture is not None else 0.0


def _walk(tree: Tree):  # noqa: ANN202
    yield tree
    for child in tree.children:
        yield from _walk(child)


def org_block(element: plan.OrgChart, design: Design) -> Block:
    return OrgBlock([forest(list(element.nodes))], design)
