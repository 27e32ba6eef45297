"""Slides and shapes written from prepared XML, exactly as python-pptx writes them, without its
cost per call.

python-pptx makes each new slide by cloning its layout's placeholders one by one (each clone a
search of the layout and of the slide so far), and gives each new shape an id by searching the
whole slide for the highest one in use. A deck of a hundred slides pays those searches thousands
of times. Here python-pptx makes a layout's first slide, and every later slide on that layout is
a copy of it as it was before anything was drawn on it; a slide's shape ids are counted on from
the highest one found once (python-pptx's own "turbo add" mode). The package is the same, byte
for byte.
"""
from __future__ import annotations

import copy
from typing import Optional

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.parts.slide import SlidePart
from pptx.presentation import Presentation
from pptx.slide import Slide, SlideLayout


class SlideMaker:
    """Adds slides on one layout (make one per layout and presentation)."""

    def __init__(self, layout: SlideLayout) -> None:
        self.layout = layout
        self._blank: Optional[etree._Element] = None  # a new slide's p:sld, placeholders cloned

    def add(self, prs: Presentation) -> Slide:
        """A new slide at the end of ``prs``, with the layout's placeholders, as python-pptx's
        ``prs.slides.add_slide(layout)`` makes it."""
        if self._blank is None:
            slide: Slide = prs.slides.add_slide(self.layout)
            self._blank = copy.deepcopy(slide._element)
        else:
            slide = self._copy(prs, self._blank)
        count_ids(slide)
        return slide

    def _copy(self, prs: Presentation, blank: etree._Element) -> Slide:
        """A slide part holding a copy of ``blank``, named, related and listed as python-pptx's
        ``Slides.add_slide`` does it."""
        presentation = prs.part
        part = SlidePart(presentation._next_slide_partname, CT.PML_SLIDE, presentation.package,
                         copy.deepcopy(blank))
        part.relate_to(self.layout.part, RT.SLIDE_LAYOUT)
        rid = presentation.relate_to(part, RT.SLIDE)
        prs.slides._sldIdLst.add_sldId(rid)
        made: Slide = part.slide
        return made


def count_ids(slide: Slide) -> None:
    """Give ``slide``'s next shapes the ids python-pptx would, counted on from the highest id in
    use now instead of searched for at every shape. Call it again after removing shapes (the
    highest id may have gone with them)."""
    slide.shapes.turbo_add_enabled = True
