"""How each status shows in both outputs: one table that the deck and the page read.

A status never relies on colour alone: it always has a symbol and a label with it. The scoring
statuses take their symbols from the model's :class:`~deckgen.model.scoring.Status`, and a
stakeholder's alignment on a big rock shows like the scoring status it resembles, so "aligned"
and "on track" never drift apart. The two outputs set different tints behind a status (the deck's
were picked by hand, the page's are the colour 88% of the way to white); both are kept here as
they are, so that neither output changes when the other does.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..model.scoring import Status


@dataclass(frozen=True)
class StatusLook:
    """One status as the outputs draw it. Colours are #RRGGBB."""

    colour: str  # the strong colour: bars, chart points, symbols
    deck_tint: str  # the deck's fill behind a status (cards' badges, table cells)
    page_tint: str  # the page's chip background: ``contrast.tint(colour, 0.88)``
    symbol: str
    label: str  # the words: a scoring status's are ``Status.label``, one table for every output


#: Each scoring status's colours (strong, deck tint, page tint); its symbol and words come from
#: the model's ``Status``, the one table of status words every output reads.
_COLOURS = {
    Status.ON_TRACK: ("#2E7D32", "#E3F1E4", "#E6EFE6"),
    Status.AT_RISK: ("#B26A00", "#FCEFD9", "#F6EDE0"),
    Status.OFF_TRACK: ("#C62828", "#F9E0E0", "#F8E5E5"),
    Status.MISSED: ("#8E1B1B", "#F3D9D9", "#F1E4E4"),
}
_SCORED = {status: StatusLook(*colours, status.symbol, status.label) for status, colours in _COLOURS.items()}
#: An alignment status (``Alignment.status``) and the scoring status it looks like.
ALIGNMENT_LIKE = {"aligned": Status.ON_TRACK, "pending": Status.AT_RISK, "concerns": Status.OFF_TRACK}

#: Every status name the plan uses (``slides.StatusName``), in the order the page's styles list them.
STATUS_LOOKS: dict[str, StatusLook] = {
    **{status.value: look for status, look in _SCORED.items()},
    **{name: replace(_SCORED[like], label=name.capitalize()) for name, like in ALIGNMENT_LIKE.items()},
}
