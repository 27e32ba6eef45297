"""``build_pptx``: a slide plan in, the bytes of an editable, reproducible .pptx out.

For each planned slide: choose its layout, flow its elements into the body (continuing on
"(cont.)" slides as needed), then give every resulting slide its title, footer line and speaker
notes. Nothing here reads a file or the clock; ``created`` is the only timestamp.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pptx.presentation import Presentation
from pptx.slide import Slide as PptxSlide
from pptx.slide import SlideLayout

from deckgen.plan.slides import DeckPlan, Slide, Text

from . import continuation, text
from .base import default_presentation, layout_palette, template_fonts
from .blocks import block_for
from .design import TYPE, Design
from .draw import Canvas
from .flow import Block, Stack, forget_measured, paginate
from .fonts import save_metrics
from .layout_choice import choose_layouts
from .layouts import (Frame, add_footer, fill_subtitle, frame_for, remove_empty_placeholders,
                      set_title, title_size, unique_title, unique_titles)
from .notes import NotesWriter
from .package import finalize
from .template import open_template
from .textblock import TextBlock


def build_pptx(plan: DeckPlan, created: datetime) -> bytes:
    """The deck for ``plan``: the built-in design, or ``plan.template``'s when it has one.

    Raises :class:`deckgen.builders.pptx.template.TemplateError` for a template that cannot be used.
    """
    deck = DeckCanvas.open(plan)
    number, notes = 0, NotesWriter()
    for planned in plan.slides:
        for slide, said in deck.add(planned, number + 1, plan.footer):
            number += 1
            notes.write(slide, said)
    forget_measured()
    save_metrics()
    unique_titles(deck.prs.slides)
    meta = plan.meta
    return finalize(deck.prs, title=meta.title, author=meta.author, subject=meta.subject,
                    keywords=meta.keywords, created=created)


@dataclass
class DeckCanvas:
    """The presentation slides are drawn into, with each layout's frame and design.

    :func:`build_pptx` draws every planned slide into one; the live preview keeps one open and
    draws only the planned slides that changed, so both draw with the same code."""

    prs: Presentation
    frames: dict[str, tuple[SlideLayout, Frame, Design]]

    @classmethod
    def open(cls, plan: DeckPlan) -> "DeckCanvas":
        """The built-in design, or ``plan.template``'s (TemplateError when it cannot be used)."""
        colours = plan.colours
        if plan.template:
            brand = open_template(plan.template)
            prs, samples, wanted = brand.prs, brand.sample_layouts, plan.layouts
            fonts = template_fonts(prs, plan.theme)
        else:
            prs, fonts = default_presentation(plan.theme, colours)
            samples, wanted = [], {}
        forget_measured()
        frames: dict[str, tuple[SlideLayout, Frame, Design]] = {}
        for kind, choice in choose_layouts(prs, wanted, samples).items():
            design = Design(layout_palette(colours, choice.layout, bool(plan.template)), fonts)
            frames[kind] = (choice.layout, frame_for(prs, choice.layout), design)
        return cls(prs, frames)

    def add(self, planned: Slide, first: int, footer: str) -> list[tuple[PptxSlide, str]]:
        """Draw ``planned`` as the slides it becomes, numbered from ``first``: each slide with
        the speaker notes it should carry (left for the caller to write: the preview needs none
        of python-pptx's notes parts)."""
        layout, frame, design = self.frames.get(planned.layout, self.frames["content"])
        made = []
        for page, (add, said) in enumerate(_slides(self.prs, design, planned, layout, frame)):
            slide = add()
            if planned.layout != "title":
                add_footer(slide, Canvas(slide.shapes, design), frame, text.clean(footer), first + page)
            made.append((slide, said))
        return made


def _notes(planned: Slide) -> str:
    """The plan's notes; a slide without notes gets its title, so that every slide has notes."""
    return planned.notes.strip() or planned.title.strip()


def _slides(prs: Presentation, design: Design, planned: Slide, layout: SlideLayout, frame: Frame):  # noqa: ANN202
    """For each slide ``planned`` becomes: a function that adds it, and its notes (a
    continuation's say what it adds, see ``continuation``)."""
    if planned.layout in ("title", "section"):
        extra = [e for e in planned.elements if isinstance(e, Text)]
        lines = ([text.plain(planned.subtitle, "line")] if planned.subtitle else []) + [
            text.Item(p.para, None) for e in extra for p in text.items(e.paragraphs)]
        rest = [e for e in planned.elements if not isinstance(e, Text)]
        if not rest:
            yield (lambda: _opening(prs, design, layout, frame, planned, lines)), _notes(planned)
            return
    blocks: list[Block] = [block_for(e, design) for e in planned.elements]
    if planned.subtitle:
        blocks.insert(0, TextBlock([text.plain(planned.subtitle)], design, "subtitle"))
    pages, t = paginate(Stack(blocks), frame.body.w, frame.body.h) if blocks else ([Stack([])], 1.0)
    seen: set[str] = set()
    titles = [unique_title(planned.title.strip(), seen)] + [
        unique_title(continuation.title(planned.title, page), seen) for page in pages[1:]]
    size = title_size(design, frame, titles, TYPE["title"])
    said = [_notes(planned)] + [continuation.notes(planned.title, page) for page in pages[1:]]
    for title, page, note in zip(titles, pages, said, strict=True):
        yield _content(prs, design, layout, frame, title, size, page, t), note


def _opening(prs, design, layout, frame, planned: Slide, lines):  # noqa: ANN001, ANN202
    """A title or section slide: its title and subtitle lines in the layout's placeholders."""
    slide = prs.slides.add_slide(layout)
    canvas = Canvas(slide.shapes, design)
    scale = TYPE["title-slide"] if planned.layout == "title" else TYPE["title"]
    set_title(slide, frame, planned.title, title_size(design, frame, [planned.title], scale), design)
    if lines and not fill_subtitle(slide, canvas, frame, lines):
        TextBlock(lines, design, "lead").draw(canvas, frame.body, 1.0)
    remove_empty_placeholders(slide)
    return slide


def _content(prs, design, layout, frame, title: str, size: float, page: Stack, t: float):  # noqa: ANN001, ANN202
    def add():  # noqa: ANN202
        slide = prs.slides.add_slide(layout)
        canvas = Canvas(slide.shapes, design)
        set_title(slide, frame, title, size, design)
        remove_empty_placeholders(slide)  # before the body: few shapes to look through yet
        page.draw(canvas, frame.body, t)
        return slide
    return add
