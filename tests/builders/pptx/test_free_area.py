"""The template keeps its own: content stays off the logos and artwork the master and layouts
draw, and off the footer line; a master that numbers its slides itself is not numbered twice; a
slide number never wraps; a tiny title box does not shrink titles below their subtitles; and
what PowerPoint's Accessibility Checker asks: the title first, decoration marked, charts described."""
from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.util import Emu, Inches

from deckgen.builders.pptx.design import TYPE
from deckgen.builders.pptx.freearea import free_body
from deckgen.builders.pptx.layout_choice import choose_layouts
from deckgen.builders.pptx.layouts import frame_for, slide_size
from deckgen.builders.pptx.template import open_template
from deckgen.builders.pptx.design import Box
from deckgen.plan.slides import Picture, Slide
from tests.support import branded, deckplans
from tests.support.decks import build, open_deck
from tests.support.templates import template

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
ADEC = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
OWN = ("Title", "Footer")  # the frame's shapes, placed in the template's own boxes


def box(shape) -> Box:  # type: ignore[no-untyped-def]
    return Box(Emu(shape.left).pt, Emu(shape.top).pt, Emu(shape.width).pt, Emu(shape.height).pt)


def overlap(a: Box, b: Box) -> float:
    w, h = min(a.right, b.right) - max(a.x, b.x), min(a.bottom, b.bottom) - max(a.y, b.y)
    return w * h if w > 0 and h > 0 else 0.0


def pictures_of(layout) -> list[Box]:  # type: ignore[no-untyped-def]
    """The pictures a slide on ``layout`` shows from its layout and master."""
    return [box(s) for owner in (layout, layout.slide_master) for s in owner.shapes if s.shape_type == 13]


def content(slide) -> list:  # type: ignore[no-untyped-def]
    return [s for s in slide.shapes if not s.is_placeholder and not s.name.startswith(OWN)]


@pytest.mark.parametrize("data", [branded.with_logos(), template("derived-logo.pptx").data],
                         ids=["logo on master and layout", "derived-logo"])
def test_content_and_titles_keep_off_the_logos(data: bytes) -> None:
    plan = deckplans.every_kind()
    plan.template = data
    deck = open_deck(build(plan))
    logos = 0
    for number, slide in enumerate(deck.slides, start=1):
        pictures = pictures_of(slide.slide_layout)
        logos += len(pictures)
        shapes = [*content(slide), slide.shapes.title]
        over = [(number, s.name) for s in shapes for p in pictures if overlap(box(s), p) > 1]
        assert over == []
    assert logos > len(deck.slides)  # the master's logo on every slide, the layouts' on some


def test_free_body_cuts_the_side_that_keeps_most() -> None:
    body = Box(36, 100, 888, 380)
    assert free_body(body, [Box(30, 440, 150, 60)]) == Box(36, 100, 888, 440 - 14.4 - 100)
    assert free_body(body, [Box(840, 90, 100, 400)]) == Box(36, 100, 840 - 14.4 - 36, 380)
    assert free_body(body, [Box(0, 0, 960, 540)]) == body  # too big to avoid: check says so


def test_a_master_that_numbers_its_slides_is_not_numbered_again() -> None:
    plan = deckplans.every_kind()
    plan.template = branded.master_slide_number()
    deck = open_deck(build(plan))
    fields = [f for slide in deck.slides for f in slide.shapes._spTree.iter(f"{A}fld")
              if f.get("type") == "slidenum"]
    assert fields == []  # the master's own number shows on every slide


def test_a_slide_number_never_wraps() -> None:
    plan = deckplans.every_kind()
    deck = open_deck(build(plan))
    numbers = [s for slide in deck.slides for s in slide.shapes
               if any(f.get("type") == "slidenum" for f in s._element.iter(f"{A}fld"))]
    assert numbers and all(s.text_frame._txBody.bodyPr.get("wrap") == "none" for s in numbers)


def tiny_title_template(width: float = 9.0) -> bytes:
    """python-pptx's default with every title placeholder 0.3 in high (and ``width`` wide)."""
    prs = Presentation(io.BytesIO(deckplans.brand_template()))
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for ph in owner.placeholders:
            if ph.placeholder_format.type.name in ("TITLE", "CENTER_TITLE"):
                ph.left, ph.top, ph.width, ph.height = Inches(0.5), Inches(0.4), Inches(width), Inches(0.3)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


@pytest.mark.parametrize("width", [9.0, 0.0], ids=["0.3 in high", "0 wide"])
def test_a_tiny_title_box_does_not_make_titles_smaller_than_subtitles(width: float) -> None:
    plan = deckplans.every_kind()
    plan.template = tiny_title_template(width)
    deck = open_deck(build(plan))
    sizes = [r.font.size.pt for slide in deck.slides for p in slide.shapes.title.text_frame.paragraphs
             for r in p.runs]
    assert sizes and min(sizes) >= TYPE["subtitle"].max
    titles = [box(slide.shapes.title) for slide in deck.slides]
    for slide, title in zip(deck.slides, titles, strict=True):
        assert all(overlap(title, box(s)) < 1 for s in content(slide)), slide.shapes.title.text


@pytest.fixture(scope="module")
def example_deck():  # type: ignore[no-untyped-def]
    return open_deck(build(deckplans.every_kind()))


def test_the_title_is_read_first(example_deck) -> None:  # type: ignore[no-untyped-def]
    assert all(list(slide.shapes)[0].shape_id == slide.shapes.title.shape_id for slide in example_deck.slides)


def test_decoration_is_marked_and_nothing_that_says_something_is(example_deck) -> None:  # type: ignore[no-untyped-def]
    marked, unmarked = [], []
    for slide in example_deck.slides:
        for shape in slide.shapes:
            decorative = bool(list(shape._element.iter(ADEC)))
            says = shape.has_text_frame and shape.text_frame.text.strip() or shape.shape_type in (3, 13)
            (marked if decorative else unmarked).append((shape.name, bool(says)))
    assert any(name.startswith(("Line", "Connector", "Card stripe")) for name, _ in marked)
    assert not [name for name, says in marked if says]
    assert not [name for name, says in unmarked if not says and name.startswith(("Line", "Connector", "Card"))]


def test_every_chart_says_what_it_shows(example_deck) -> None:  # type: ignore[no-untyped-def]
    charts = [s for slide in example_deck.slides for s in slide.shapes if s.has_chart]
    assert charts
    for chart in charts:
        descr = chart._element.nvGraphicFramePr.cNvPr.get("descr")
        assert descr.startswith(("Bar chart: ", "Column chart: ", "Doughnut chart: "))
        assert "Share of the team's time" in descr and "Narrative 30%" in descr


def test_every_table_has_a_header_row_and_every_title_is_its_own(example_deck) -> None:  # type: ignore[no-untyped-def]
    tables = [s.table for slide in example_deck.slides for s in slide.shapes if s.has_table]
    assert tables and all(t.first_row for t in tables)
    titles = [slide.shapes.title.text for slide in example_deck.slides]
    assert len(set(titles)) == len(titles)


def test_every_picture_says_what_it_shows_or_is_marked_decorative() -> None:
    plan = deckplans.deck(Slide("strategy", "Where we play", [Picture(deckplans.png(), "Positioning map"),
                                                             Picture(deckplans.png(), " ")]),
                          deckplans.org_slide(photos=True))
    deck = open_deck(build(plan))
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == 13]
    said = {p._element.nvPicPr.cNvPr.get("descr") for p in pictures}
    decorative = [p for p in pictures if list(p._element.iter(ADEC))]
    assert "Positioning map" in said and len(pictures) > 2
    assert len(decorative) == 1 and decorative[0]._element.nvPicPr.cNvPr.get("descr") is None
    assert all(p._element.nvPicPr.cNvPr.get("descr") for p in pictures if p not in decorative)


def test_layouts_that_copy_their_covers_title_box_take_the_masters() -> None:
    """LibreOffice writes every layout with its cover's boxes: Midnightblue's "Title Only" put
    titles mid-slide under the master's title band, content in a third of the slide (52 slides)."""
    brand = open_template(template("lo-midnightblue.pptx").data)
    chosen = choose_layouts(brand.prs, {}, brand.sample_layouts)
    content, cover = (frame_for(brand.prs, chosen[kind].layout) for kind in ("content", "title"))
    size = slide_size(brand.prs)
    assert content.title.y < 0.1 * size[1] and content.moved_title
    assert content.body.h > 0.6 * size[1]
    assert cover.title.y > 0.2 * size[1]  # the cover keeps its own, centred
    stock = open_template(template("python-pptx-default.pptx").data)
    layout = choose_layouts(stock.prs, {}, stock.sample_layouts)["content"].layout
    assert not frame_for(stock.prs, layout).moved_title  # designed layouts keep their boxes
