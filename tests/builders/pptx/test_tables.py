"""OKR tables: continued over slides, an objective's row never ends a slide, goes with at least
two of its key results and heads their continuation again, marked "(cont.)"; rendered, a row is
as tall as the lines its text takes."""
from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest
from pptx.util import Emu

from deckgen.plan.palette import palette
from deckgen.builders.pptx import wrap
from deckgen.builders.pptx.design import Design, Fonts, Palette
from deckgen.builders.pptx.fonts import text_width
from deckgen.builders.pptx.tables import TableBlock
from deckgen.model.contrast import contrast
from deckgen.plan.slides import Cell, Row, Slide, Table
from tests.support import deckplans
from tests.support.deckplans import cell
from tests.support.decks import build, open_deck
from tests.support.plans import planned
from tests.support.render import Word, pdf_word_boxes

DESIGN = Design(Palette.of(palette("#1B3A5C", "#F28C28")), Fonts("Calibri", "Calibri"))


def body_rows(data: bytes) -> list[list[str]]:
    """Each table slide's rows below the header, as the first cell's text."""
    tables = [s.table for slide in open_deck(data).slides for s in slide.shapes if s.has_table]
    return [[row.cells[0].text for row in table.rows][1:] for table in tables]


def objective_of(key_result: str) -> str:
    """The number of the objective a key result belongs to ("Key result 3.4: …" → "3")."""
    return key_result.removeprefix("Key result ").split(".")[0]


#: (objectives, key results each, objectives a rock): tables whose slides would end on an objective
SHAPES = [(8, 1, 1), (10, 2, 1), (10, 3, 1), (10, 4, 2), (12, 5, 3), (14, 6, 3)]


@pytest.mark.parametrize(("objectives", "krs", "per_rock"), SHAPES)
def test_an_objective_row_moves_with_its_key_results_and_is_repeated(objectives: int, krs: int,
                                                                     per_rock: int) -> None:
    plan = deckplans.deck(deckplans.objectives_slide(objectives, krs, per_rock))
    slides = body_rows(build(plan))
    assert len(slides) > 1
    for rows in slides:
        assert rows[-1].startswith("Key result"), rows[-1]  # never a rock or an objective last
        for i, row in enumerate(rows):
            if row.startswith("Objective"):
                under = [r for r in rows[i + 1: i + 1 + min(2, krs)] if r.startswith("Key result")]
                assert len(under) == min(2, krs), f"{row} goes with {under}"
        first = next(i for i, row in enumerate(rows) if not row.startswith("Big rock"))
        if rows[first].startswith("Key result"):  # a continued objective is named again
            assert first > 0 and rows[first - 1].startswith(f"Objective {objective_of(rows[first])}:")
            assert rows[first - 1].endswith("(cont.)")
    shown = [r for rows in slides for r in rows if r.startswith("Key result")]
    assert shown == [f"Key result {o + 1}.{k + 1}: grow the thing by a measurable amount"
                     for o in range(objectives) for k in range(krs)]


def rendered_lines(rows: list[tuple[float, float]], columns: list[tuple[float, float]],
                   words: list[Word]) -> list[list[int]]:
    """For each row (top, bottom), the lines each of its cells (left, right) renders in."""
    def lines(top: float, bottom: float, left: float, right: float) -> int:
        inside = {round(w.y_min) for w in words
                  if top <= (w.y_min + w.y_max) / 2 <= bottom and left <= (w.x_min + w.x_max) / 2 <= right}
        return len(inside)
    return [[lines(top, bottom, left, right) for left, right in columns] for top, bottom in rows]


def test_a_row_is_as_tall_as_the_lines_it_renders(example_project: Path, render_deck) -> None:  # type: ignore[no-untyped-def]
    _, plan = planned(example_project)
    plan = replace(plan, slides=[s for s in plan.slides if s.kind in ("okrs", "results")])
    rendered = render_deck(build(plan))
    checked, statuses = 0, 0
    for slide, words in zip(open_deck(rendered.pptx.read_bytes()).slides, pdf_word_boxes(rendered.pdf), strict=True):
        for shape in (s for s in slide.shapes if s.has_table):
            heights = [Emu(r.height).pt for r in shape.table.rows]
            tops = [Emu(shape.top).pt + sum(heights[:i]) for i in range(len(heights))]
            widths = [Emu(c.width).pt for c in shape.table.columns]
            lefts = [Emu(shape.left).pt + sum(widths[:i]) for i in range(len(widths) + 1)]
            lines = rendered_lines([(t, t + h) for t, h in zip(tops, heights, strict=True)],
                                   list(itertools.pairwise(lefts)), words)
            header = [c.text for c in shape.table.rows[0].cells]
            for row, height, counts in zip(shape.table.rows, heights, lines, strict=True):
                where = f"{row.cells[0].text!r}: {height:.1f} pt, {counts} lines"
                assert (height > heights[0] + 1) == (max(counts) > 1), where  # the header: one line
                checked += 1
                if "Status" in header:  # a status label never wraps
                    assert counts[header.index("Status")] == 1, where
                    statuses += 1
    assert checked > 20 and statuses > 10


def test_a_bold_title_leaves_the_rest_of_its_row_measured_regular() -> None:
    width = 160.0  # each column, margins included
    usable = (width - 14.4) * wrap.CELL_WIDTH_SAFETY
    owners = (deckplans.LOREM[:n] for n in range(len(deckplans.LOREM)))  # that would wrap if bold
    words = next(w for w in owners if text_width(w, "Carlito", 14.0) < usable < text_width(w, "Carlito", 14.0, True))
    plain = Row([cell("Objective"), cell(words)])
    heading = Row([Cell([deckplans.para("Objective", bold=True)]), cell(words)], heading=True)
    table = TableBlock(Table([], [plain, heading], [1, 1]), DESIGN)
    assert table.height(2 * width, 1.0) == 2 * table._row_height(plain.cells, False, [width] * 2, 14.0)


def test_a_status_label_reads_on_its_tint() -> None:
    """Small status words in their own colour on their tint are legible (WCAG 4.5:1): the
    amber of 'at risk' is darkened for the words, never for the bars."""
    statuses = ["on-track", "at-risk", "off-track", "missed"]
    rows = [Row([cell("Key result"), cell(name.replace("-", " "), status=name)]) for name in statuses]
    plan = deckplans.deck(Slide("results", "Results", [Table([cell("KR"), cell("Status")], rows)]))
    [table] = [s.table for slide in open_deck(build(plan)).slides for s in slide.shapes if s.has_table]
    for row in list(table.rows)[1:]:
        status_cell = row.cells[1]
        fill = str(status_cell.fill.fore_color.rgb)
        words = {str(r.font.color.rgb) for p in status_cell.text_frame.paragraphs for r in p.runs}
        assert words and all(contrast(f"#{w}", f"#{fill}") >= 4.5 for w in words), (status_cell.text, fill, words)


@pytest.mark.parametrize("room", [30.0, 60.0, 90.0])
def test_a_slide_too_short_for_a_group_and_its_first_rows_still_pages_on(room: float) -> None:
    """A brand template that leaves little room (lo-midnightblue, derived-aptos) once paged a
    results table forever: each forced slide took only the group row, and the rest repeated it
    as "(cont.)". Every forced slide must now take a row that is not repeated."""
    from deckgen.builders.pptx.flow import Stack, paginate

    rows = []
    for rock in range(3):
        rows.append(Row([cell(f"Big rock {rock}: " + deckplans.LOREM[:60])], group=True))
        for objective in range(2):
            rows.append(Row([cell(f"Objective {rock}.{objective}"), cell("")], heading=True))
            rows += [Row([cell(f"Key result {rock}.{objective}.{k}"), cell("On track")]) for k in range(3)]
    table = TableBlock(Table([cell("Objective"), cell("Status")], rows, [3, 1]), DESIGN)
    pages, _ = paginate(Stack([table]), 600.0, room)
    plain = sum(1 for row in rows if not (row.group or row.heading))
    assert len(pages) <= plain
