"""The font a layout's title placeholder draws its title in, read from the template.

A title in the layout's placeholder takes the template's style, not the deck's theme fonts: the
layout's own list style, then the master's title placeholder's, then the master's title style
name the typeface (bsc-red's master names "HelveticaNeueforSAS", which LibreOffice draws with a
face far wider than the theme's Calibri) and whether it is set in capitals (its "Section Header"
says ``cap="all"``). Measuring the title with the theme font instead let a title measured to fit in
two lines wrap to three, below its box.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from lxml import etree
from pptx.oxml.ns import qn
from pptx.slide import SlideLayout

from .design import Fonts
from .layout_choice import TITLES, ph_type

#: Theme font references a style may name instead of a typeface.
_THEME_REFS = {"+mj-lt": "heading", "+mn-lt": "body"}


@dataclass(frozen=True)
class TitleStyle:
    """The title's typeface as the template writes it (None: the theme's heading font) and
    whether the template sets it in capitals."""

    typeface: Optional[str] = None
    caps: bool = False

    def family(self, fonts: Fonts) -> str:
        """The family that draws the title, theme references resolved against ``fonts``."""
        face = self.typeface or "+mj-lt"
        ref = _THEME_REFS.get(face)
        return face if ref is None else (fonts.heading if ref == "heading" else fonts.body)

    def shown(self, title: str) -> str:
        """``title`` as it is drawn: upper case when the style says capitals."""
        return title.upper() if self.caps else title


def title_style(layout: SlideLayout) -> TitleStyle:
    """The title style of ``layout``'s title placeholder, nearest definition first; the default
    style when the layout has no title placeholder (deckgen then draws the title itself in the
    theme's heading font)."""
    props = _title_run_props(layout)
    if not props:
        return TitleStyle()
    faces = [latin.get("typeface") for p in props if (latin := p.find(qn("a:latin"))) is not None]
    caps = next((p.get("cap") for p in props if p.get("cap") is not None), "none")
    return TitleStyle(next((f for f in faces if f), None), caps == "all")


def _title_run_props(layout: SlideLayout) -> list[etree._Element]:
    """The first-level run properties (``a:defRPr``) that style the layout's title, nearest
    first: the layout placeholder's list style, the master placeholder's, the master's
    title style."""
    master = layout.slide_master
    own = [ph._element for ph in list(layout.placeholders) if ph_type(ph) in TITLES]
    if not own:
        return []
    masters = [ph._element for ph in list(master.placeholders) if ph_type(ph) in TITLES]
    styles = [ph.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}") for ph in own[:1] + masters[:1]]
    styles.append(master._element.find(f"{qn('p:txStyles')}/{qn('p:titleStyle')}"))
    found = [s.find(f"{qn('a:lvl1pPr')}/{qn('a:defRPr')}") for s in styles if s is not None]
    return [p for p in found if p is not None]
