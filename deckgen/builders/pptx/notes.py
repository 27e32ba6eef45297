"""Speaker notes, without python-pptx's cost per notes slide.

python-pptx makes every notes slide by cloning the notes master's placeholders, looked up one by
one (about 19 ms a slide, as much as the rest of a plain slide). All of a deck's notes slides
start out the same, so :class:`NotesWriter` lets python-pptx make the first one, keeps a copy of
it before any text goes in, and gives every later slide a copy of that copy in a new part,
related exactly as python-pptx relates its own: the package is the same, byte for byte.
"""
from __future__ import annotations

import copy
from typing import Optional, cast

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.parts.slide import NotesSlidePart
from pptx.slide import Slide

from . import text
from .prepared import placeholder_ph, relate_new

_PARTNAME = "/ppt/notesSlides/notesSlide%d.xml"
_P, _R, _T = qn("a:p"), qn("a:r"), qn("a:t")


class NotesWriter:
    """Writes the speaker notes of one deck's slides (make one per presentation)."""

    def __init__(self) -> None:
        self._blank: Optional[etree._Element] = None
        self._names: set[str] = set()  # the package's notes slides' part names
        self._master: Optional[Part] = None  # the presentation's notes master part

    def write(self, slide: Slide, notes: str) -> None:
        """``slide``'s notes: one paragraph per line of ``notes`` (cleaned), never empty."""
        part = slide.part
        if self._blank is None:  # python-pptx makes the first notes slide, and its text body
            notes_slide = slide.notes_slide
            notes_slide.notes_text_frame  # noqa: B018 - adds the placeholder's text body
            element = notes_slide._element
            self._blank = copy.deepcopy(element)
            prefix = _PARTNAME.split("%", maxsplit=1)[0]
            self._names = {p.partname for p in part.package.iter_parts() if p.partname.startswith(prefix)}
            self._master = part.package.presentation_part.notes_master_part
        else:
            element = copy.deepcopy(self._blank)
            notes_part = NotesSlidePart(self._next_partname(), CT.PML_NOTES_SLIDE, part.package, element)
            relate_new(notes_part, cast(Part, self._master), RT.NOTES_MASTER)
            relate_new(notes_part, part, RT.SLIDE)
            relate_new(part, notes_part, RT.NOTES_SLIDE)
        body = _body(element)
        if body is None:  # a brand template's notes master without a notes placeholder
            return
        for old in body.findall(_P):
            body.remove(old)
        for line in (text.clean(notes).strip() or " ").split("\n"):
            p = etree.SubElement(body, _P)
            if line:
                etree.SubElement(etree.SubElement(p, _R), _T).text = line


    def _next_partname(self) -> PackURI:
        """The name python-pptx's ``next_partname`` gives, from the names known so far instead
        of a walk through every part of the package (which grows with every slide)."""
        n = next(n for n in range(len(self._names) + 1, 0, -1) if _PARTNAME % n not in self._names)
        self._names.add(_PARTNAME % n)
        return PackURI(_PARTNAME % n)


def _body(notes: etree._Element) -> Optional[etree._Element]:
    """The text body of the notes placeholder (python-pptx's ``notes_placeholder``: the first
    placeholder of type body)."""
    for sp in notes.iter(_SP):
        ph = placeholder_ph(sp)
        if ph is not None and ph.get("type") == "body":
            return sp.find(_TX_BODY)
    return None


_SP, _TX_BODY = qn("p:sp"), qn("p:txBody")
