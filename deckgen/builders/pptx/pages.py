"""The slides one planned slide becomes, as data: an opening slide, or a body's pages.

:func:`pages_for` decides everything first (how the body paginates, each page's title and the
one title size they share, each page's notes); the pages then only draw themselves. So what
a planned slide becomes can be read, and tested, before any slide exists.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from pptx.presentation import Presentation
from pptx.slide import Slide as PptxSlide

from deckgen.plan.slides import Slide, Text

from . import continuation, text
from .blocks import block_for
from .design import GAP, TYPE, Box, Design
from .draw import Canvas
from .flow import Block, Stack, paginate
from .layouts import FooterLine, Frame, fill_subtitle, remove_empty_placeholders, set_title, title_size, unique_title
from .prepared import SlideMaker
from .textblock import TextBlock


@dataclass(frozen=True)
class Look:
    """How the slides of one kind look: the layout they are added on, its frame, its design."""

    slides: SlideMaker
    frame: Frame
    design: Design
    footer: FooterLine
    #: draw a plain panel in the palette's background behind the body (the plan's decision: the
    #: template's artwork under it is many-coloured)
    panel: bool = False
    #: draw one behind the title too (the artwork under the title box is many-coloured)
    title_panel: bool = False

    def ground(self, canvas: Canvas) -> None:
        """The panel behind the body, when the plan asks for one."""
        if self.panel:
            _panel(canvas, self.frame.body)

    def ground_title(self, canvas: Canvas) -> None:
        """The panel behind the title placeholder, when the plan asks for one."""
        if self.title_panel:
            _panel(canvas, self.frame.title, behind=True)

    def ground_subtitle(self, canvas: Canvas) -> None:
        """The panel behind the subtitle placeholder of a layout whose body is on a panel (the
        subtitle is its body box)."""
        if self.panel and self.frame.subtitle is not None:
            _panel(canvas, self.frame.subtitle, behind=True)


def _panel(canvas: Canvas, box: Box, behind: bool = False) -> None:
    """A plain panel in the palette's background over ``box`` and a gap around it, marked
    decorative (screen readers skip it); ``behind`` puts it under the slide's other shapes (the
    placeholders the layout gave the slide are drawn before anything deckgen adds)."""
    shape = canvas.rect(Box(box.x - GAP, box.y - GAP, box.w + 2 * GAP, box.h + 2 * GAP),
                        fill=canvas.design.palette.background, name="Panel")
    if behind:
        tree = shape._element.getparent()
        tree.remove(shape._element)
        tree.insert(2, shape._element)  # after the group's own nvGrpSpPr and grpSpPr


@dataclass(frozen=True)
class OpeningPage:
    """A title or section slide: its title, and its subtitle lines in the layout's placeholders
    (or as a lead in the body when the layout has none)."""

    title: str
    title_size: float
    lines: list[text.Item]
    notes: str

    def add_to(self, prs: Presentation, look: Look) -> PptxSlide:
        slide = look.slides.add(prs)
        canvas = Canvas(slide.shapes, look.design)
        set_title(slide, look.frame, self.title, self.title_size, look.design)
        look.ground_title(canvas)
        if self.lines and fill_subtitle(slide, canvas, look.frame, self.lines):
            look.ground_subtitle(canvas)
        elif self.lines:
            look.ground(canvas)
            TextBlock(self.lines, look.design, "lead").draw(canvas, look.frame.body, 1.0)
        remove_empty_placeholders(slide)
        return slide


@dataclass(frozen=True)
class ContentPage:
    """One slide of a body: its title (the slide's, or a continuation's), the title size it
    shares with its continuations, the blocks it shows and the level ``t`` they are set at."""

    title: str
    title_size: float
    body: Stack
    t: float
    notes: str

    def add_to(self, prs: Presentation, look: Look) -> PptxSlide:
        slide = look.slides.add(prs)
        set_title(slide, look.frame, self.title, self.title_size, look.design)
        remove_empty_placeholders(slide)  # before the body: few shapes to look through yet
        canvas = Canvas(slide.shapes, look.design)
        look.ground_title(canvas)
        look.ground(canvas)
        self.body.draw(canvas, look.frame.body, self.t)
        return slide


Page = Union[OpeningPage, ContentPage]


def pages_for(planned: Slide, look: Look) -> list[Page]:
    """The slides ``planned`` becomes: a title or section slide holding only text opens a
    section; anything else is a body paginated onto "(cont.)" slides."""
    if planned.layout in ("title", "section") and all(isinstance(e, Text) for e in planned.elements):
        return [_opening(planned, look)]
    return _content_pages(planned, look)


def _notes(planned: Slide) -> str:
    """The plan's notes; a slide without notes gets its title, so that every slide has notes."""
    return planned.notes.strip() or planned.title.strip()


def _opening(planned: Slide, look: Look) -> OpeningPage:
    """The subtitle and the text elements as lines; the title at the opening's scale."""
    lines = ([text.plain(planned.subtitle, "line")] if planned.subtitle else []) + [
        text.Item(p.para, None) for e in planned.elements if isinstance(e, Text)
        for p in text.items(e.paragraphs)]
    scale = TYPE["title-slide"] if planned.layout == "title" else TYPE["title"]
    size = title_size(look.design, look.frame, [planned.title], scale)
    return OpeningPage(planned.title, size, lines, _notes(planned))


def _content_pages(planned: Slide, look: Look) -> list[Page]:
    """The body (the subtitle first) paginated at one level; the first page keeps the slide's
    title and notes, the others say what they continue and add (see :mod:`.continuation`)."""
    blocks: list[Block] = [block_for(e, look.design) for e in planned.elements]
    if planned.subtitle:
        blocks.insert(0, TextBlock([text.plain(planned.subtitle)], look.design, "subtitle"))
    body = look.frame.body
    pages, t = paginate(Stack(blocks), body.w, body.h) if blocks else ([Stack([])], 1.0)
    seen: set[str] = set()
    titles = [unique_title(planned.title.strip(), seen)] + [
        unique_title(continuation.title(planned.title, page), seen) for page in pages[1:]]
    size = title_size(look.design, look.frame, titles, TYPE["title"])
    notes = [_notes(planned)] + [continuation.notes(planned.title, page) for page in pages[1:]]
    return [ContentPage(title, size, page, t, note) for title, page, note in zip(titles, pages, notes, strict=True)]
