"""Native tables: measured row by row, split between rows onto "(cont.)" slides.

The header row repeats on every continuation; a group row (a big rock heading its objectives)
and a heading row (an objective heading its key results) never end a slide, and are repeated
with "(cont.)" when their rows carry over. Status cells are tinted, and always
carry their symbol, so that they read in black and white too.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field, replace
from typing import Iterator, Optional

from lxml import etree
from pptx.shapes.graphfrm import GraphicFrame
from pptx.text.text import TextFrame
from pptx.util import Pt

from deckgen.plan import slides as plan

from . import text, wrap
from .fonts import text_width
from .design import INCH, STATUS, TYPE, Box, Design, measurable, on, solid_fill, with_status
from .draw import Canvas
from .flow import Block, Room, Split, Stack, added_up
from .prepared import add_table
from .text import CONT

SCALE = TYPE["table"]
MARGINS = wrap.CELL_MARGINS
#: Automatic column widths stay between these (in points) before being scaled to the table.
MIN_COL, MAX_COL = 0.6 * INCH, 4.0 * INCH
#: A heading row (an objective) goes to a slide with at least this many of its rows, and a
#: continuation gets at least as many.
KEEP = 2


def cell_lines(cell: plan.Cell) -> list[str]:
    """A cell's paragraphs as lines (list items keep their bullet), status symbol first."""
    lines = [("• " if p.kind in ("bullet", "number") else "") + text.clean(p.text)
             for p in cell.paragraphs]
    if cell.status:
        lines[:1] = [with_status(lines[0] if lines else "", cell.status)]
    return lines


def _cell_items(cell: plan.Cell) -> list[text.Item]:
    """The cell's paragraphs as written: runs kept, status symbol and bullets as text."""
    lines = cell_lines(cell)
    found: list[text.Item] = []
    for i, para in enumerate(cell.paragraphs or [plan.Paragraph(())]):
        runs = list(para.runs)
        prefix = lines[i][: len(lines[i]) - len(text.clean(para.text))] if i < len(lines) else ""
        if prefix:
            runs.insert(0, plan.Run(prefix))
        found.append(text.item_of(tuple(runs), "line"))
    return found


@dataclass
class TableBlock(Block):
    table: plan.Table
    design: Design
    flexible: bool = False
    breakable: bool = True
    columns: Optional[tuple[list[float], list[float]]] = None  # weights and word floors
    #: each row's texts as measured, by id(row) (see :class:`_Measured`)
    texts: dict[int, "_Measured"] = field(default_factory=dict, repr=False)
    #: the column widths at each width the table was set in
    spans: dict[float, list[float]] = field(default_factory=dict, repr=False)
    #: each row's height by widths and size, then by id(row) (again kept with the row)
    heights: dict[tuple[float, ...], dict[int, tuple[list[plan.Cell], float]]] = field(
        default_factory=dict, repr=False)

    # Geometry --------------------------------------------------------------------------------
    def widths(self, width: float) -> list[float]:
        """Column widths by weight, each at least as wide as its longest word (PowerPoint
        would break a word that does not fit, mid-word). The parts of a split table keep the
        whole table's widths, so that columns line up from slide to slide. Worked out once
        per width: paging asks on every slide the table fills, at each level it tries."""
        found = self.spans.get(width)
        if found is None:
            found = self.spans[width] = self._widths(width)
        return found

    def _widths(self, width: float) -> list[float]:
        if self.columns is None:
            weights = list(self.table.widths or self._auto_weights())
            self.columns = (weights, self._word_floors(len(weights)))
        weights, floors = self.columns
        fixed: set[int] = set()
        while True:
            free = width - sum(floors[i] for i in fixed)
            total = sum(w for i, w in enumerate(weights) if i not in fixed) or 1.0
            result = [floors[i] if i in fixed else free * w / total for i, w in enumerate(weights)]
            short = {i for i, w in enumerate(result) if w < floors[i] - 0.01} - fixed
            if not short or len(fixed | short) == len(weights):
                break
            fixed |= short
        if sum(result) > width + 0.01:  # even the words do not fit: share out by word width
            return [width * f / sum(floors) for f in floors]
        return result

    def _word_floors(self, count: int) -> list[float]:
        """The width each column needs for its longest word at the preferred size; a status
        label ("✕ Missed (committed)") counts as one word, so that it never wraps."""
        family = self.design.fonts.body_measure
        floors = [0.0] * count
        rows = [(self.table.header, True)] + [(r.cells, False) for r in self.table.rows if not r.group]
        for row, bold in rows:
            measured = self._measured(row, False)
            for i, cell in enumerate(row[:count]):
                heavy = bold or measured.heavy[i]
                longest = _longest_word(measured.lines[i], bool(cell.status), family, heavy) * SCALE.max
                floors[i] = max(floors[i], longest / wrap.CELL_WIDTH_SAFETY + MARGINS.left + MARGINS.right + 1)
        return floors

    def _auto_weights(self) -> list[float]:
        family = self.design.fonts.body_measure
        count = max(len(self.table.header), *(len(r.cells) for r in self.table.rows), 1)
        weights = [MIN_COL] * count
        for row in [self.table.header, *(r.cells for r in self.table.rows if not r.group)]:
            for i, cell in enumerate(row):
                longest = max((text_width(measurable(s), family, SCALE.max) for s in cell_lines(cell)),
                              default=0.0) + MARGINS.left + MARGINS.right
                weights[i] = max(weights[i], min(longest, MAX_COL))
        return weights

    def _row_height(self, row: list[plan.Cell], group: bool, widths: list[float], size: float,
                    bold: bool = False) -> float:
        return self._height_of(self._known(widths, size), row, group, widths, size, bold)

    def _known(self, widths: list[float], size: float) -> dict[int, tuple[list[plan.Cell], float]]:
        """The heights of rows measured at these widths and size, by the row's identity
        (:attr:`heights`: the parts of a split table share them)."""
        return self.heights.setdefault((*widths, size), {})

    def _height_of(self, known: dict[int, tuple[list[plan.Cell], float]], row: list[plan.Cell],
                   group: bool, widths: list[float], size: float, bold: bool = False) -> float:
        """A row's height from ``known``, measured when it is not there yet (a header is
        always measured bold and a body row never, so its identity is key enough)."""
        hit = known.get(id(row))
        if hit is None or hit[0] is not row:  # keeping the row keeps its id from being reused
            hit = known[id(row)] = (row, self._measure_row(row, group, widths, size, bold))
        return hit[1]

    def _measure_row(self, row: list[plan.Cell], group: bool, widths: list[float], size: float,
                     bold: bool) -> float:
        """The row's texts as written, measured by content (:func:`_row_height`): a table
        repeats rows, and a continued row is a new row with the same texts."""
        measured = self._measured(row, group)
        spans = _rounded((sum(widths),) if group else tuple(widths[: len(measured.texts)]))
        return _row_height(measured.texts, spans, self.design.fonts.body_measure, size,
                           (True,) * len(measured.heavy) if bold else measured.heavy)

    def _measured(self, row: list[plan.Cell], group: bool) -> "_Measured":
        """The row's texts as measured, worked out once for the table and its parts (the
        word floors and every row height read them)."""
        found = self.texts.get(id(row))
        if found is None or found.row is not row:  # keeping the row keeps its id from being reused
            found = self.texts[id(row)] = _Measured.of(row, group)
        return found

    def _header_height(self, widths: list[float], size: float) -> float:
        if not self.table.header:
            return 0.0
        return self._row_height(self.table.header, False, widths, size, bold=True)

    def height(self, width: float, t: float) -> float:
        """The unbounded :meth:`height_up_to` (see :meth:`Stack.height`)."""
        return self.height_up_to(width, t, math.inf)

    def height_up_to(self, width: float, t: float, limit: float) -> float:
        """The rows added up until they pass ``limit``: paging asks how tall the rest of a
        long table is on every slide it fills, and only needs to know it does not fit."""
        widths, size = self.widths(width), SCALE.at(t)
        return added_up(self._heights(widths, size), self._header_height(widths, size), limit)

    def _heights(self, widths: list[float], size: float) -> Iterator[float]:
        """Each row's height in turn, from a table the parts of one table share: paging asks
        for the height of what is left of a long table on every slide it fills."""
        known = self._known(widths, size)
        for row in self.table.rows:
            yield self._height_of(known, row.cells, row.group, widths, size)

    # Splitting -------------------------------------------------------------------------------
    def split(self, room: Room) -> Split:
        """After the most rows that fit where a slide may end (:meth:`_breaks_after`); on an
        empty slide, what fits, or the first row cut between lines when not even it does."""
        widths, size = self.widths(room.width), SCALE.at(room.t)
        fit = self._fitting_rows(widths, size, room.height)
        count = self._last_break(fit) or (fit if room.force else 0)  # an empty slide takes what fits
        if count == 0 and not room.force:
            return None, self
        if count == 0 and not self.table.rows[0].group:
            head, tail = self._split_row(widths, room.height - self._header_height(widths, size), size)
            if head.cells and any(c.paragraphs for c in head.cells):
                return self._part([head]), self._part([tail, *self.table.rows[1:]])
        count = max(count, self._progress() if room.force else 1)
        if count >= len(self.table.rows):
            return self, None
        return self._part(self.table.rows[:count]), self._part(self._carry(count))

    def _fitting_rows(self, widths: list[float], size: float, room: float) -> int:
        """How many rows fit ``room`` under the header."""
        used = self._header_height(widths, size)
        fit = 0
        for height in self._heights(widths, size):
            used += height
            if used > room:
                break
            fit += 1
        return fit

    def _heads(self, index: int) -> tuple[Optional[plan.Row], Optional[int]]:
        """The group row that row ``index`` belongs to, and the index of its heading row in
        that group (each None when there is none)."""
        heading = None
        for i in range(index, -1, -1):
            row = self.table.rows[i]
            if row.group:
                return row, heading
            if row.heading and heading is None:
                heading = i
        return None, heading

    def _last_break(self, fit: int) -> int:
        """The most rows, up to ``fit``, after which a slide may end (0 when there is no such place)."""
        return next((n for n in range(fit, 0, -1) if self._breaks_after(n)), 0)

    def _breaks_after(self, count: int) -> bool:
        """Whether a slide may end after the first ``count`` rows: not on a group or heading
        row, nor where fewer than :data:`KEEP` of a heading's rows stay with it or go on."""
        rows = self.table.rows
        if count >= len(rows):
            return True
        if rows[count - 1].group or rows[count - 1].heading:
            return False
        heading = self._heads(count - 1)[1]
        if heading is None:
            return True
        under = next((i for i in range(heading + 1, len(rows)) if rows[i].group or rows[i].heading),
                     len(rows)) - heading - 1
        kept = count - heading - 1
        return kept == under or min(kept, under - kept) >= KEEP

    def _progress(self) -> int:
        """The fewest rows a forced slide takes so that what is left is smaller: past the group
        and heading rows at the top, which the rest would repeat as "(cont.)". Without it, a
        slide too short for a group row and its first row made the same rest forever."""
        rows = self.table.rows
        return next((i + 1 for i, row in enumerate(rows) if not (row.group or row.heading)), len(rows))

    def _carry(self, count: int) -> list[plan.Row]:
        """The rows after ``count``, under "(cont.)" copies of the group and heading rows
        they belong to."""
        rest = self.table.rows[count:]
        if rest[0].group:
            return rest
        group, heading = self._heads(count - 1)
        heads = [group] if group is not None else []
        if heading is not None and not rest[0].heading:
            heads.append(self.table.rows[heading])
        return [*map(_continued, heads), *rest]

    def _part(self, rows: list[plan.Row]) -> "TableBlock":
        return TableBlock(replace(self.table, rows=rows), self.design, columns=self.columns,
                          texts=self.texts, spans=self.spans, heights=self.heights)

    def _split_row(self, widths: list[float], room: float, size: float) -> tuple[plan.Row, plan.Row]:
        """The first row cut between lines so that its head fits ``room`` (a row taller than
        a whole slide); each cell keeps what fits and continues in the tail row."""
        row = self.table.rows[0]
        family, heads, tails = self.design.fonts.body_measure, [], []
        for cell, w in zip(row.cells, widths, strict=False):  # a group row's one cell spans every column
            items = text.items(cell.paragraphs)
            head, tail = text.split(items, family, size, w, room)
            heads.append(replace(cell, paragraphs=[i.para for i in head]))
            tails.append(replace(cell, paragraphs=[i.para for i in tail], status=None))
        return replace(row, cells=heads), replace(row, cells=tails)

    # Drawing ---------------------------------------------------------------------------------
    def draw(self, canvas: Canvas, box: Box, t: float) -> None:
        """The table, made from prepared XML with its sizes written once (see
        :func:`.prepared.add_table`)."""
        widths, size = self.widths(box.w), SCALE.at(t)
        header = self.table.header
        heights = ([self._header_height(widths, size)] if header else []) + [
            self._row_height(row.cells, row.group, widths, size) for row in self.table.rows]
        frame, cells = add_table(canvas.shapes, Pt(box.x), Pt(box.y), [Pt(w) for w in widths],
                                 [Pt(h) for h in heights], name="Table", first_row=bool(header))
        r0 = 1 if header else 0
        if header:
            self._write_row(canvas, frame, cells[0], header, size, header=True)
        for i, row in enumerate(self.table.rows):
            if row.group:
                self._write_group(canvas, frame, cells[r0 + i], row, size)
            else:
                self._write_row(canvas, frame, cells[r0 + i], row.cells, size, band=i % 2 == 1)

    def _write_row(self, canvas: Canvas, frame: GraphicFrame, row: list[etree._Element],
                   cells: list[plan.Cell], size: float, header: bool = False, band: bool = False) -> None:
        palette = canvas.design.palette
        for col, target in enumerate(row):
            cell = cells[col] if col < len(cells) else plan.Cell([])
            status = STATUS.get(cell.status or "")
            fill = palette.primary if header else (status.tint if status else
                                                   palette.surface if band else palette.paper)
            color = on(fill) if header else (status.text if status else palette.text)
            _format_cell(target, frame, canvas, _cell_items(cell), size, fill=fill, color=color,
                         align=cell.align, bold=header)

    def _write_group(self, canvas: Canvas, frame: GraphicFrame, row: list[etree._Element],
                     group: plan.Row, size: float) -> None:
        palette = canvas.design.palette
        _merge(row)
        label = " · ".join(_group_text(group.cells))
        items = [text.plain(label, "line", bold=True)]
        _format_cell(row[0], frame, canvas, items, size, fill=palette.primary_tint, color=palette.heading,
                     align="left", bold=True)


def _merge(row: list[etree._Element]) -> None:
    """One cell across the row, as python-pptx's ``merge`` marks a row of new cells: the first
    spans the columns, the others are merged into it."""
    if len(row) > 1:
        row[0].set("gridSpan", str(len(row)))
        for tc in row[1:]:
            tc.set("hMerge", "1")


@functools.lru_cache(maxsize=65536)
def _longest_word(lines: tuple[str, ...], whole: bool, family: str, bold: bool) -> float:
    """The width of a cell's widest word at 1 pt; ``whole``: its first line counts as one word
    (a status label). Cached: a column repeats its cells (statuses, owners, quarters)."""
    first = lines[:1] if whole else ()
    words = [*first, *(w for line in lines[len(first):] for w in line.split())]
    return max((_word_width(w, family, bold) for w in words), default=0.0)


@functools.lru_cache(maxsize=65536)
def _word_width(word: str, family: str, bold: bool) -> float:
    """A word's width at 1 pt (widths scale with the size)."""
    return text_width(word, family, 1.0, bold)


@functools.lru_cache(maxsize=1024)
def _rounded(widths: tuple[float, ...]) -> tuple[float, ...]:
    """Column widths rounded as row heights are cached by (a table's few widths, asked for
    every row)."""
    return tuple(round(w, 3) for w in widths)


@functools.lru_cache(maxsize=65536)
def _row_height(texts: tuple[str, ...], widths: tuple[float, ...], family: str, size: float,
                bold: tuple[bool, ...]) -> float:
    """A row's height, each cell measured bold or not as it is written (cached: pagination
    measures each row at every level it tries)."""
    return wrap.row_height(texts, widths, family, size, MARGINS, bold=bold)


@dataclass(frozen=True)
class _Measured:
    """A row's texts as they are measured: each cell's lines (status symbols as wide as
    drawn), each cell's text, and whether each is measured bold. A group row is one text
    across the table, bold. The row is kept, so that its id (the memo's key) stays its own."""

    row: list[plan.Cell]
    lines: tuple[tuple[str, ...], ...]
    texts: tuple[str, ...]
    heavy: tuple[bool, ...]

    @classmethod
    def of(cls, row: list[plan.Cell], group: bool) -> "_Measured":
        if group:
            return cls(row, (), (measurable(" · ".join(_group_text(row))),), (True,))
        lines = tuple(tuple(measurable(line) for line in cell_lines(c)) for c in row)
        return cls(row, lines, tuple("\n".join(cell) for cell in lines), tuple(_bold(c) for c in row))


def _bold(cell: plan.Cell) -> bool:
    """Whether a cell is measured bold: when any of its text is (a bold objective title
    leaves the row's other cells regular)."""
    return any(r.bold for p in cell.paragraphs for r in p.runs)


def _continued(row: plan.Row) -> plan.Row:
    """``row`` repeated on a continuation slide, its first cell's text ending in "(cont.)"."""
    first, *others = row.cells
    paras = first.paragraphs or [plan.Paragraph(())]
    last = paras[-1]
    if last.text.endswith(CONT):  # already a continuation's copy
        return row
    bold = bool(last.runs) and last.runs[-1].bold
    ended = replace(last, runs=(*last.runs, plan.Run(CONT, bold=bold)))
    return replace(row, cells=[replace(first, paragraphs=[*paras[:-1], ended]), *others])


def _group_text(cells: list[plan.Cell]) -> list[str]:
    return [line for c in cells for line in cell_lines(c) if line.strip()]


#: A cell's properties as measured: the margins, centred vertically (``a:tcPr`` attributes).
_CELL = {"marL": str(Pt(MARGINS.left)), "marR": str(Pt(MARGINS.right)), "marT": str(Pt(MARGINS.top)),
         "marB": str(Pt(MARGINS.bottom)), "anchor": "ctr"}


def _format_cell(tc: etree._Element, frame: GraphicFrame, canvas: Canvas, items: list[text.Item],
                 size: float, *, fill: str, color: str, align: str, bold: bool) -> None:
    """Fill, margins and text of one new cell (``a:tc``) of the table ``frame``, written straight
    into its ``a:tcPr`` (a new cell has no borders or fill of its own to keep)."""
    tc_pr = tc[1]
    tc_pr.attrib.update(_CELL)
    tc_pr.append(solid_fill(fill, canvas.design.palette))
    text.write(TextFrame(tc[0], frame), items, canvas.design, size, color=color, align=align, bold=bold)



def table_block(element: plan.Table, design: Design) -> Block:
    """A table; one without a single cell draws nothing (PowerPoint has no empty tables)."""
    if not element.header and not any(r.cells for r in element.rows):
        return Stack([])
    return TableBlock(element, design)
