"""Colours in the built deck: every run deckgen colours reads on what it is drawn on (the shape's
fill, the table cell's, else the layout's background as the template draws it), on light and dark
templates; colours the theme holds are written as theme references."""
from __future__ import annotations

from typing import Iterator, Optional

import pytest
from lxml import etree

from deckgen.model.contrast import TEXT_MINIMUM, contrast
from deckgen.plan.palette import deck_colours
from deckgen.plan.template_colours import SLIDE_SLOTS
from tests.support import branded, deckplans
from tests.support.decks import build, open_deck

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
TEMPLATES = {"built-in": None, "dark by colour map": branded.dark_by_colour_map,
             "dark by background": branded.dark_by_background, "office": deckplans.brand_template}


@pytest.fixture(scope="module", params=list(TEMPLATES))
def built(request):  # type: ignore[no-untyped-def]
    make = TEMPLATES[request.param]
    plan = deckplans.every_kind()
    plan.template = make() if make else None
    return plan, open_deck(build(plan))


def runs_and_grounds(deck, colours) -> Iterator[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """(text, colour, colour under it) for every run with a colour of its own: a shape's run on
    the shape's fill, a cell's on the cell's, else on the slide's background."""
    for number, slide in enumerate(deck.slides, start=1):
        slots = _slots(colours, slide)
        background = _background(colours, slide)
        tree = slide.shapes._spTree
        holders = [(sp, _fill(sp.find(f"{P}spPr"), slots)) for sp in tree.iter(f"{P}sp")]
        holders += [(tc, _fill(tc.find(f"{A}tcPr"), slots)) for tc in tree.iter(f"{A}tc")]
        for element, fill in holders:
            for run in element.iter(f"{A}r"):
                colour = _fill(run.find(f"{A}rPr"), slots)
                if colour:
                    yield f"slide {number}: {run.findtext(f'{A}t')!r}", colour, fill or background


def _slots(colours, slide) -> dict[str, str]:  # type: ignore[no-untyped-def]
    if colours.template:
        return colours.template.layout(str(slide.slide_layout.part.partname)).slots
    scheme = {"tx1": "#000000", "bg1": "#FFFFFF"}
    from deckgen.plan.palette import builtin_scheme
    theme = builtin_scheme(colours.primary, colours.accent)
    return {**scheme, **{s: theme[s] for s in SLIDE_SLOTS if s in theme}, "tx2": theme["dk2"]}


def _background(colours, slide) -> str:  # type: ignore[no-untyped-def]
    if colours.template:
        return colours.template.layout(str(slide.slide_layout.part.partname)).background
    return colours.primary if slide.slide_layout.name == "Title Slide" else "#FFFFFF"


def _fill(holder: Optional[etree._Element], slots: dict[str, str]) -> Optional[str]:
    fill = holder.find(f"{A}solidFill") if holder is not None else None
    if fill is None or not len(fill):
        return None
    colour = fill[0]
    if colour.tag == f"{A}schemeClr":
        return slots[colour.get("val")]
    return "#" + colour.get("val")


def test_every_coloured_run_reads_on_what_it_is_drawn_on(built) -> None:  # type: ignore[no-untyped-def]
    plan, deck = built
    checked = list(runs_and_grounds(deck, deck_colours(plan.theme.primary, plan.theme.accent, plan.template)))
    assert len(checked) > 100
    faint = [(what, ink, ground, round(contrast(ink, ground), 1)) for what, ink, ground in checked
             if contrast(ink, ground) < TEXT_MINIMUM]
    assert faint == []


def test_text_in_the_templates_text_colour_refers_to_the_theme() -> None:
    plan = deckplans.every_kind()
    plan.template = branded.dark_by_colour_map()
    deck = open_deck(build(plan))
    written = [run.find(f"{A}rPr/{A}solidFill")[0] for slide in deck.slides
               for run in slide.shapes._spTree.iter(f"{A}r")
               if run.find(f"{A}rPr/{A}solidFill") is not None]
    references = [c.get("val") for c in written if c.tag == f"{A}schemeClr"]
    assert references.count("tx1") > len(written) / 3  # body text: "Text 1", white on this map
    assert "000000" not in {c.get("val") for c in written}  # never the dark slot written as black
