"""Decks on dark, logo and LibreOffice templates as LibreOffice draws them, measured in the
rendered PDF (words' boxes from poppler, colours from the pixels), not read from the XML: no word
(a long title's, a cover's subtitle lines too) leaves its box or lies over the template's pictures, and every word deckgen
wrote, in its own shapes and in the template's title and subtitle placeholders, has at least 3:1
contrast with what it is drawn on. (The footer and slide number keep the template's colours; where a
template's colours fail, ``check`` says so: see tests/plan/test_template_colours.py.)"""
from __future__ import annotations

import pytest
from pptx.enum.shapes import PP_PLACEHOLDER

from deckgen.plan.slides import Slide
from tests.support import branded, deckplans
from tests.support.decks import Rendered, build, open_deck
from tests.support.drawn import drawn_words, over, template_drawn
from tests.support.render import EMU_PER_PT, Box, overflowing_words, pdf_word_boxes
from tests.support.templates import template

TEMPLATES = {
    "dark by colour map": branded.dark_by_colour_map,
    "dark by background": branded.dark_by_background,
    "logo on master and layout": branded.with_logos,
    "number on the master": branded.master_slide_number,
    **{name: (lambda n=name: template(n).data) for name in (
        "derived-dark-clrmap.pptx", "derived-logo.pptx", "derived-two-masters.pptx",
        "jmablog-dark-mode.pptx", "lo-midnightblue.pptx", "lo-focus.pptx",
        # its master's title style names a font not installed (LibreOffice draws DejaVu Sans)
        "bsc-red.pptx")},
}
#: A title long enough to wrap across the whole title box, under a logo in its corner if any.
LONG_TITLE = "2026-Q4 closed at 0.8: all three objectives on track; one committed key result missed"


@pytest.fixture(scope="module")
def decks() -> dict[str, bytes]:
    plan = deckplans.every_kind()
    plan.slides.append(Slide("wins", LONG_TITLE, deckplans.bullets_slide(2).elements))
    built = {}
    for name, make in TEMPLATES.items():
        plan.template = make()
        built[name] = build(plan)
    return built


@pytest.fixture(scope="module")
def rendered(decks: dict[str, bytes], render_deck) -> dict[str, Rendered]:  # type: ignore[no-untyped-def]
    return dict(zip(decks, render_deck.many(list(decks.values())), strict=True))


#: Placeholders whose text keeps the template's colour (deckgen colours titles and subtitles).
_TEMPLATE_COLOURED = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)


def _box(shape) -> Box:  # type: ignore[no-untyped-def]
    return Box(*(v / EMU_PER_PT for v in (shape.left, shape.top, shape.left + shape.width, shape.top + shape.height)))


@pytest.mark.render
@pytest.mark.parametrize("name", TEMPLATES)
def test_no_word_leaves_its_box_or_lies_over_the_templates_pictures(  # type: ignore[no-untyped-def]
        name: str, decks: dict[str, bytes], rendered: dict[str, Rendered]) -> None:
    done, deck = rendered[name], open_deck(decks[name])
    drawn = [template_drawn(slide) for slide in deck.slides]
    out = [f"slide {o.slide}: {o.word.text!r}" for o in overflowing_words(done.pptx, done.pdf)
           if not any(over(o.word, box) for box in drawn[o.slide - 1][0])]  # the template's own words
    assert out == []
    covered = [f"slide {n}: {w.text!r}" for n, (words, (texts, pictures)) in
               enumerate(zip(pdf_word_boxes(done.pdf), drawn, strict=True), start=1)
               for w in words if any(over(w, p) for p in pictures) and not any(over(w, t) for t in texts)]
    assert covered == []


@pytest.mark.render
@pytest.mark.parametrize("name", TEMPLATES)
def test_every_word_deckgen_colours_reads_as_drawn(  # type: ignore[no-untyped-def]
        name: str, decks: dict[str, bytes], rendered: dict[str, Rendered]) -> None:
    deck = open_deck(decks[name])
    inherited = [[_box(s) for s in slide.placeholders if s.placeholder_format.type in _TEMPLATE_COLOURED]
                 + template_drawn(slide)[0] for slide in deck.slides]
    faint = [f"slide {d.slide}: {d.word.text!r} {d.ratio:.1f}:1 ({d.ink} on {d.ground})"
             for d in drawn_words(rendered[name].pdf)
             if d.ratio < 3.0 and not any(over(d.word, box) for box in inherited[d.slide - 1])]
    assert faint == []
