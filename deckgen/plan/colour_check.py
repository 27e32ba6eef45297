"""What ``check`` says about the deck's colours, read from the same palettes the outputs draw with.

deckgen's own text always reads (the palette shades it until it does), and so does the text it
writes into a template's title and body placeholders: where the template chose badly (black cover
subtitle on a navy master), the plan gives that text a colour that reads
(:func:`.palette.placeholder_inks`). Those are still warnings at deck.yaml's ``template``: anything
else typed into those placeholders keeps the template's colour until the master is fixed. A brand
primary that looks like a status colour (a red primary beside the red "off track") is a warning at
the colour's key: statuses always carry their symbol and word, so the reader can still tell them
apart.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Collection, Iterator, Optional

from ..model.contrast import LARGE_MINIMUM, TEXT_MINIMUM, contrast
from ..model.project import Project
from ..model.rules.base import Report
from .palette import DeckColours, deck_colours, replacement_ink
from .status import STATUS_LOOKS, StatusLook

if TYPE_CHECKING:
    from .template_colours import LayoutColours

#: Two colours nearer than this (Euclidean distance in RGB, 0–441) look alike on a slide.
_ALIKE = 60.0
_SHOWN = 3


def check_colours(project: Project, report: Report) -> None:
    """Warn about a brand primary that looks like a status colour. (The template's own text
    colours are checked with the layouts it will use: ``commands/template.py``.)"""
    theme = project.deck.theme
    colours = deck_colours(theme.primary, theme.accent, project.template)
    where = ("template",) if colours.template else ("theme", "primary")
    for message in status_clashes(colours):
        report.warning("deck.yaml", where, message)


def template_problems(colours: DeckColours, parts: Optional[Collection[str]] = None) -> list[str]:
    """One line per template colour that fails on the background it is drawn on, naming the
    layouts where it does; and one per layout where no text colour reads at all. Only the
    layouts whose part names are in ``parts`` (those the deck uses) when it is given."""
    if colours.template is None:
        return []
    layouts = [lay for lay in colours.template.layouts if parts is None or lay.part in parts]
    failing: dict[tuple[str, str, str, float, str], list[str]] = {}
    for layout in layouts:
        for what, ink, ground, minimum in _pairs(layout):
            instead = replacement_ink(ink, ground, layout.slots, minimum)
            if instead is not None:
                failing.setdefault((what, ink, ground, minimum, instead), []).append(layout.name)
    lines = [f"the template's {what} text {ink} on {ground} has a contrast of "
             f"{contrast(ink, ground):.1f}:1, below the {minimum:g}:1 it needs, in {_names(names)}: "
             f"deckgen sets the {what} text it writes there in {instead} "
             f"({contrast(instead, ground):.1f}:1) instead, but anything else typed into those "
             f"placeholders keeps the template's colour; fix it in the template's slide master"
             for (what, ink, ground, minimum, instead), names in failing.items()]
    for layout in layouts:
        drawn = colours.for_layout(layout.part)
        if contrast(drawn.text, drawn.background) < TEXT_MINIMUM:
            lines.append(f"no text colour reads on the background {drawn.background} of the "
                         f"template's layout '{layout.name}' (best {contrast(drawn.text, drawn.background):.1f}:1)")
    return lines


def _pairs(layout: LayoutColours) -> Iterator[tuple[str, str, str, float]]:
    yield "title", layout.title, layout.title_background, LARGE_MINIMUM
    yield "body", layout.body, layout.background, TEXT_MINIMUM


def _names(names: list[str]) -> str:
    quoted = [f"'{n}'" for n in names[:_SHOWN]]
    more = len(names) - _SHOWN
    return ("layout " if len(names) == 1 else "layouts ") + ", ".join(quoted) + (
        f" and {more} more" if more > 0 else "")


def status_clashes(colours: DeckColours) -> list[str]:
    """The brand primary (which fills bars, boxes and header rows) when it looks like a status
    colour, so a reader could take one for the other."""
    looks: dict[str, StatusLook] = {}
    for look in STATUS_LOOKS.values():  # alignment statuses share the scored ones' colours
        looks.setdefault(look.colour, look)
    for look in looks.values():
        if _distance(colours.primary, look.colour) < _ALIKE:
            return [f"the brand primary {colours.primary} looks like the '{look.label.lower()}' "
                    f"status colour {look.colour}: statuses always show their symbol and word "
                    f"({look.symbol} {look.label}), so tell them apart by those"]
    return []


def _distance(first: str, second: str) -> float:
    a = [int(first[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(second[i:i + 2], 16) for i in (1, 3, 5)]
    return float(sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5)
