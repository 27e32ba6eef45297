"""OKR tables continued over slides: an objective's row never ends a slide, goes with at least
two of its key results, and heads their continuation again, marked "(cont.)"."""
from __future__ import annotations

import pytest

from tests.support import deckplans
from tests.support.decks import build, open_deck


def body_rows(data: bytes) -> list[list[str]]:
    """Each table slide's rows below the header, as the first cell's text."""
    tables = [s.table for slide in open_deck(data).slides for s in slide.shapes if s.has_table]
    return [[row.cells[0].text for row in table.rows][1:] for table in tables]


def objective_of(key_result: str) -> str:
    """"Key result 3.4: …" belongs to "Objective 3: …"."""
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
