"""Shapes written from prepared XML are the shapes python-pptx would have written."""
from __future__ import annotations

import itertools
import random

from lxml import etree
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.util import Emu

from deckgen.builders.pptx import text
from deckgen.builders.pptx.deck import DeckCanvas
from deckgen.builders.pptx.design import Box, colour_ref
from deckgen.builders.pptx.draw import (Canvas, _fill, _outline, _ref, _styled_box, _vertical_elbow, mark_decorative,
                                         unstyle)
from deckgen.builders.pptx.layout_choice import ph_type, placeholders
from deckgen.builders.pptx.layouts import _box, add_footer, remove_empty_placeholders, set_title, title_shape
from tests.support import deckplans


def _slides_xml(copied: bool) -> list[bytes]:
    """Four slides of the content layout with footers (labels A, A, B, A), drawn by
    :func:`add_footer` each time or copied by the look's :class:`FooterLine`."""
    deck = DeckCanvas.open(deckplans.every_kind())
    look = deck.looks["content"]
    made = []
    for number, label in enumerate("AABA", 1):
        slide = look.slides.add(deck.prs)
        if copied:
            look.footer.add(slide, label, number)
        else:
            add_footer(slide, Canvas(slide.shapes, look.design), look.frame, label, number)
        made.append(etree.tostring(slide._element))
    return made


def test_a_copied_footer_line_is_the_drawn_one_with_its_own_ids_label_and_number() -> None:
    drawn, copied = _slides_xml(False), _slides_xml(True)
    assert copied == drawn
    assert b">B<" in copied[2] and b">4<" in copied[3]


def _python_pptx_empty(slide) -> list[bytes]:  # type: ignore[no-untyped-def]
    """The placeholders python-pptx's own reading calls empty, as remove_empty_placeholders did."""
    return [etree.tostring(ph._element) for ph in slide.placeholders
            if not (ph.has_text_frame and ph.text_frame.text.strip())]


def test_the_title_and_the_empty_placeholders_are_those_python_pptx_finds() -> None:
    deck = DeckCanvas.open(deckplans.deck(template=deckplans.brand_template()))
    texts = itertools.cycle(["", " \t", "\v", "x", "\n y"])  # blank, spaces, a line break, text
    for look in [*deck.looks.values(), *deck.looks.values()]:
        slide = look.slides.add(deck.prs)
        title = slide.shapes.title
        found = title_shape(slide)
        assert (found is None) == (title is None)
        assert found is None or found._element is title._element
        for ph in slide.placeholders:
            ph.text_frame.text = next(texts)
        expected = _python_pptx_empty(slide)
        kept = [etree.tostring(ph._element) for ph in slide.placeholders
                if etree.tostring(ph._element) not in expected]
        remove_empty_placeholders(slide)
        assert [etree.tostring(ph._element) for ph in slide.placeholders] == kept


def test_shapes_copied_from_prepared_ones_are_python_pptx_s() -> None:
    """A rounded box and a text box as Canvas draws them, and as python-pptx's own calls would."""
    deck = DeckCanvas.open(deckplans.every_kind())
    look = deck.looks["content"]
    ours, theirs = (look.slides.add(deck.prs).shapes for _ in range(2))
    canvas = Canvas(ours, look.design)
    box = Box(30, 40, 200, 50)
    canvas.rect(box, fill=look.design.palette.primary, rounded=True, name="Badge", decorative=False)
    canvas.textbox(box, [], 12, name="Note")
    rounded = theirs.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, *box.emu())
    rounded.name = "Badge"
    rounded.adjustments[0] = min(0.12, 6 / 50)
    unstyle(rounded)
    _fill(rounded._element, colour_ref(look.design.palette.primary, look.design.palette))
    _outline(rounded._element, None, 1.0, False)
    textbox = theirs.add_textbox(*box.emu())
    textbox.name = "Note"
    text.prepare(textbox.text_frame._txBody.bodyPr)
    text.write(textbox.text_frame, [], look.design, 12, color=look.design.palette.text)
    assert [etree.tostring(e) for e in ours._spTree[-2:]] == [etree.tostring(e) for e in theirs._spTree[-2:]]


def test_text_written_from_prepared_runs_keeps_each_runs_own_look() -> None:
    """The prepared paragraphs and runs are keyed by everything they hold, and only copied: a
    run written bold, coloured or at another size does not leak into the next one."""
    deck = DeckCanvas.open(deckplans.every_kind())
    look = deck.looks["content"]
    palette = look.design.palette
    canvas = Canvas(look.slides.add(deck.prs).shapes, look.design)
    written = []
    for size, colour, bold, words in [(12, palette.primary, True, "one"), (12, palette.text, False, "two"),
                                      (14, palette.primary, False, "three"), (12, palette.primary, True, "one")]:
        shape = canvas.textbox(Box(0, 0, 100, 20), [text.plain(words)], size, color=colour, bold=bold)
        written.append(etree.tostring(shape._element.txBody))
    assert len(set(written)) == 3 and written[0] == written[3]
    first, second, third = (etree.fromstring(w) for w in written[:3])
    rpr = ".//{%s}rPr" % first.nsmap["a"]
    assert first.find(rpr).get("b") == "1" and second.find(rpr).get("b") is None
    assert first.find(rpr).get("sz") == "1200" and third.find(rpr).get("sz") == "1400"
    assert b">one<" in written[0] and b">two<" in written[1] and b"one" not in written[1]


def test_a_glued_connector_is_the_one_python_pptx_glues() -> None:
    """Connectors between boxes anywhere (even off the slide, or in line with each other), at
    every pair of sites: the frame and flips python-pptx's point setters leave, written at once."""
    deck = DeckCanvas.open(deckplans.every_kind())
    look = deck.looks["content"]
    palette = look.design.palette
    ours, theirs = (Canvas(look.slides.add(deck.prs).shapes, look.design) for _ in range(2))
    rng = random.Random(15)
    for n in range(200):
        boxes = [Box(rng.choice([rng.uniform(-50, 600), 100]), rng.choice([rng.uniform(-50, 400), 80]),
                     rng.choice([rng.uniform(0, 200), 40]), rng.choice([rng.uniform(0, 90), 30])) for _ in range(2)]
        sites, elbow = (rng.randrange(4), rng.randrange(4)), n % 3 != 0
        a, b = (ours.rect(box, fill=None) for box in boxes)
        ours.connect(a, sites[0], b, sites[1], palette.accent, elbow=elbow)
        a, b = (theirs.rect(box, fill=None) for box in boxes)
        conn = theirs.shapes.add_connector(MSO_CONNECTOR.ELBOW if elbow else MSO_CONNECTOR.STRAIGHT, 0, 0, 0, 0)
        conn.begin_connect(a, sites[0])
        conn.end_connect(b, sites[1])
        conn.name = "Connector"
        _outline(conn._element, colour_ref(palette.accent, palette), 1.25, False)
        unstyle(conn)
        mark_decorative(conn)
        if elbow and sites[0] in (0, 2) and sites[1] in (0, 2):
            _vertical_elbow(conn)
    assert etree.tostring(ours.shapes._spTree) == etree.tostring(theirs.shapes._spTree)


def test_a_placeholder_box_is_what_python_pptx_reads() -> None:
    """Own positions, and inherited ones looked up once for the four: on masters, layouts and
    slides of the built-in design and of a brand template."""
    for plan in (deckplans.every_kind(), deckplans.deck(template=deckplans.brand_template())):
        deck = DeckCanvas.open(plan)
        slides = [look.slides.add(deck.prs) for look in deck.looks.values()]
        masters = list(deck.prs.slide_masters)
        for owner in [*masters, *(lay for m in masters for lay in m.slide_layouts), *slides]:
            for ph in owner.placeholders:
                expected = Box(*(Emu(v).pt for v in (ph.left, ph.top, ph.width, ph.height)))
                assert _box(ph) == expected, (owner.name, ph.name)


def test_each_box_style_is_its_own() -> None:
    """The prepared boxes are keyed by everything their style holds: boxes drawn one after the
    other in every mix of fill, line, width, dash, mark and text anchor are each what their style
    makes."""
    deck = DeckCanvas.open(deckplans.every_kind())
    look = deck.looks["content"]
    palette = look.design.palette
    canvas = Canvas(look.slides.add(deck.prs).shapes, look.design)
    styles = list(itertools.product([None, palette.primary, palette.surface], [None, palette.line],
                                    [1.0, 2.0], [False, True], [False, True], [False, True],
                                    [None, "top", "middle"]))
    for fill, line, width, dashed, decorative, rounded, anchor in styles * 2:
        shape = canvas.rect(Box(10, 10, 50, 50), fill=fill, line=line, line_width=width, dashed=dashed,
                            decorative=decorative, rounded=rounded, anchor=anchor)
        fresh = _styled_box.__wrapped__("roundRect" if rounded else "rect", _ref(fill, palette),
                                        _ref(line, palette), width, dashed, decorative, anchor)
        for ours, theirs in ((shape._element[1][2:], fresh[1][2:]), (shape._element[0][0][:], fresh[0][0][:]),
                             (shape._element[2][:1], fresh[2][:1])):
            # the shape properties past a:xfrm and a:prstGeom (the corners), the mark in p:cNvPr,
            # the text frame's a:bodyPr
            assert [_tree(e) for e in ours] == [_tree(e) for e in theirs]


def _tree(element: etree._Element) -> list[tuple[str, dict[str, str]]]:
    """An element's tags and attributes, in order (namespace declarations aside)."""
    return [(e.tag, dict(e.attrib)) for e in element.iter()]


def _python_pptx_title(shape, title: str, size: float, design, ink) -> None:  # type: ignore[no-untyped-def]
    """The title's text as python-pptx's setters write it (what set_title did before)."""
    from deckgen.builders.pptx.design import pptx_colour
    from pptx.dml.color import RGBColor
    from pptx.enum.dml import MSO_THEME_COLOR
    from pptx.util import Pt
    shape.text_frame.text = title
    for para in shape.text_frame.paragraphs:
        for run in para.runs:
            run.font.size = Pt(size)
            colour = design.palette.heading if not shape.is_placeholder else ink
            if not shape.is_placeholder:
                run.font.bold = True
                run.font.name = design.fonts.heading
            if colour is not None:
                slot = design.palette.slots.get(pptx_colour(colour))
                if slot is not None:
                    run.font.color.theme_color = MSO_THEME_COLOR.from_xml(slot)
                else:
                    run.font.color.rgb = RGBColor.from_string(pptx_colour(colour))


def test_a_title_is_written_as_python_pptx_writes_it() -> None:
    """Titles in placeholders (in the template's colour or the plan's) and in a text box of
    deckgen's own (a layout without a title), on one line or several."""
    for plan in (deckplans.every_kind(), deckplans.deck(template=deckplans.brand_template())):
        deck = DeckCanvas.open(plan)
        for look in deck.looks.values():
            for untitled in (False, True):
                for title in ("A title", "Two\nlines", ""):
                    ours, theirs = (look.slides.add(deck.prs) for _ in range(2))
                    if untitled:
                        for slide in (ours, theirs):
                            shape = title_shape(slide)
                            if shape is not None:
                                slide.shapes._spTree.remove(shape._element)
                    set_title(ours, look.frame, title, 27.5, look.design)
                    set_title(theirs, look.frame, "x", 27.5, look.design)  # the frame's part
                    shape = title_shape(theirs) if not untitled else theirs.shapes[0]
                    ink = look.design.palette.moved_title_ink if look.frame.master_title else look.design.palette.title_ink
                    _python_pptx_title(shape, title, 27.5, look.design, ink)
                    assert etree.tostring(ours._element) == etree.tostring(theirs._element)


def test_a_layout_s_placeholders_and_their_types_are_python_pptx_s() -> None:
    for plan in (deckplans.every_kind(), deckplans.deck(template=deckplans.brand_template())):
        prs = DeckCanvas.open(plan).prs
        for layout in (lay for master in prs.slide_masters for lay in master.slide_layouts):
            ours, theirs = placeholders(layout), list(layout.placeholders)
            assert [(type(ph), ph._element) for ph in ours] == [(type(ph), ph._element) for ph in theirs]
            assert [ph_type(ph) for ph in ours] == [ph.placeholder_format.type for ph in theirs]
