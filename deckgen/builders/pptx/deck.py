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

from deckgen.plan.slides import DeckPlan, Slide

from . import text
from .base import default_presentation, layout_palette, template_fonts
from .design import Design
from .flow import forget_measured
from .fonts import save_metrics
from .layout_choice import choose_layouts
from .layouts import FooterLine, frame_for, unique_titles
from .notes import NotesWriter
from .package import finalize
from .pages import Look, pages_for
from .prepared import SlideMaker
from .template import open_template


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
    """The presentation slides are drawn into, with the look of each slide kind.

    :func:`build_pptx` draws every planned slide into one; the live preview keeps one open and
    draws only the planned slides that changed, so both draw with the same code."""

    prs: Presentation
    looks: dict[str, Look]

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
        looks: dict[str, Look] = {}
        for kind, choice in choose_layouts(prs, wanted, samples).items():
            design = Design(layout_palette(colours, choice.layout, bool(plan.template)), fonts)
            part, frame = str(choice.layout.part.partname), frame_for(prs, choice.layout)
            panels = (colours.panel(part), colours.title_panel(part, frame.master_title)) if plan.template else (
                False, False)
            looks[kind] = Look(SlideMaker(choice.layout), frame, design, FooterLine(frame, design), *panels)
        return cls(prs, looks)

    def add(self, planned: Slide, first: int, footer: str) -> list[tuple[PptxSlide, str]]:
        """Draw ``planned`` as the slides it becomes, numbered from ``first``: each slide with
        the speaker notes it should carry (left for the caller to write: the preview needs none
        of python-pptx's notes parts)."""
        look = self.looks.get(planned.layout, self.looks["content"])
        made = []
        for number, page in enumerate(pages_for(planned, look), first):
            slide = page.add_to(self.prs, look)
            if planned.layout != "title":
                look.footer.add(slide, text.clean(footer), number)
            made.append((slide, page.notes))
        return made
