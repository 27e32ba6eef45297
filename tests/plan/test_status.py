"""The one status table both outputs read: complete, and its page tints what the page always drew."""
from __future__ import annotations

from typing import get_args

from deckgen.model.contrast import tint
from deckgen.model.scoring import Status
from deckgen.plan.slides import StatusName
from deckgen.plan.status import ALIGNMENT_LIKE, STATUS_LOOKS


def test_every_status_the_plan_names_has_a_look() -> None:
    assert set(STATUS_LOOKS) == set(get_args(StatusName))


def test_page_tints_are_the_colour_most_of_the_way_to_white() -> None:
    for name, look in STATUS_LOOKS.items():
        assert look.page_tint == tint(look.colour, 0.88), name


def test_scores_and_alignments_share_symbols_and_colours() -> None:
    for status in Status:
        assert STATUS_LOOKS[status.value].symbol == status.symbol
    for name, like in ALIGNMENT_LIKE.items():
        look, scored = STATUS_LOOKS[name], STATUS_LOOKS[like.value]
        assert (look.colour, look.deck_tint, look.symbol) == (scored.colour, scored.deck_tint, scored.symbol)
