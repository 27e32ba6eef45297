"""Shapes written from prepared XML are the shapes python-pptx would have written."""
from __future__ import annotations

from lxml import etree

from deckgen.builders.pptx.deck import DeckCanvas
from deckgen.builders.pptx.draw import Canvas
from deckgen.builders.pptx.layouts import add_footer
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
