"""Building decks in tests, reading them back with python-pptx, and rendering each one once.

Rendering with LibreOffice takes seconds, so :class:`Renderer` converts a deck once per test
session (keyed by its bytes) and hands every test the same PDF.
"""
from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from pptx import Presentation
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.group import GroupShape

from deckgen.builders.pptx.deck import build_pptx
from deckgen.plan.slides import DeckPlan, Slide

from .plans import texts as plan_texts
from .render import overflowing_words, pdf_page_count, poppler_available, pptxs_to_pdfs, soffice_available

CREATED = datetime(2027, 1, 5, 9, 30, tzinfo=timezone.utc)
WORD = re.compile(r"\w+", re.UNICODE)


def build(plan: DeckPlan, created: datetime = CREATED) -> bytes:
    return build_pptx(plan, created)


def open_deck(data: bytes) -> PresentationType:
    return Presentation(io.BytesIO(data))


def shapes_in(shapes) -> Iterator:  # a python-pptx shape collection
    """Every shape, groups opened up."""
    for shape in shapes:
        if isinstance(shape, GroupShape):
            yield from shapes_in(shape.shapes)
        else:
            yield shape


def slide_texts(slide) -> list[str]:  # a python-pptx slide
    """Every text on the slide: text frames, table cells, chart titles and categories."""
    found: list[str] = []
    for shape in shapes_in(slide.shapes):
        if shape.has_text_frame:
            found.append(shape.text_frame.text)
        if getattr(shape, "has_table", False):
            found += [cell.text for row in shape.table.rows for cell in row.cells]
        if getattr(shape, "has_chart", False):
            chart = shape.chart
            if chart.has_title:
                found.append(chart.chart_title.text_frame.text)
            found += [str(c) for c in chart.plots[0].categories]
            found += [s.name for s in chart.plots[0].series]
    return found


def words(strings: list[str]) -> Counter:
    return Counter(w.lower() for s in strings for w in WORD.findall(s))


def missing_words(plan: DeckPlan, data: bytes) -> Counter:
    """Words of the plan's slides (titles, texts, tables, charts, cards, people, ladders) that
    the deck does not show as often: empty when nothing was lost."""
    deck = open_deck(data)
    shown = words([t for slide in deck.slides for t in slide_texts(slide)])
    wanted = words([t for slide in plan.slides for t in plan_texts(slide)])
    return wanted - shown


def notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def zip_names(data: bytes) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(data)).namelist()


def concatenated(*plans: DeckPlan) -> DeckPlan:
    """One deck holding the slides of several plans (title slides after the first dropped), so
    that one LibreOffice run renders many cases."""
    first = plans[0]
    slides: list[Slide] = list(first.slides)
    for plan in plans[1:]:
        slides += [s for s in plan.slides if s.layout != "title"]
    return DeckPlan(slides, first.theme, first.meta, first.footer, first.template)


@dataclass(frozen=True)
class Rendered:
    pptx: Path
    pdf: Path

    @property
    def pages(self) -> int:
        return pdf_page_count(self.pdf)

    def overflows(self) -> list[str]:
        """Words that left their box, as 'slide N: word' lines."""
        return [f"slide {o.slide}: {o.word.text!r}" for o in overflowing_words(self.pptx, self.pdf)]


def can_render() -> bool:
    return soffice_available() and poppler_available()


class Renderer:
    """Renders decks to PDF with LibreOffice, each distinct deck once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.done: dict[str, Rendered] = {}

    def __call__(self, data: bytes) -> Rendered:
        return self.many([data])[0]

    def many(self, decks: list[bytes]) -> list[Rendered]:
        """Each of ``decks`` rendered, those not rendered yet in one LibreOffice run."""
        keys = [hashlib.sha256(data).hexdigest()[:16] for data in decks]
        todo = {key: data for key, data in zip(keys, decks, strict=True) if key not in self.done}
        paths = [self.folder / f"deck-{key}.pptx" for key in todo]
        for path, data in zip(paths, todo.values(), strict=True):
            path.write_bytes(data)
        if paths:
            pdfs = pptxs_to_pdfs(paths, self.folder / "pdf")
            for key, path, pdf in zip(todo, paths, pdfs, strict=True):
                self.done[key] = Rendered(path, pdf)
        return [self.done[key] for key in keys]


def colour(fmt) -> str:  # a python-pptx ColorFormat
    """A colour as written: 'RRGGBB', or the theme slot it refers to ('scheme:ACCENT_1')."""
    from pptx.enum.dml import MSO_COLOR_TYPE

    if fmt.type == MSO_COLOR_TYPE.SCHEME:
        return f"scheme:{fmt.theme_color.name}"
    return str(fmt.rgb)

