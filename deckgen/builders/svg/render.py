"""The planned deck drawn slide by slide into scenes, redrawing only what changed.

:class:`Drawer` draws with the pptx builder's own :class:`~deckgen.builders.pptx.deck.DeckCanvas`
(the same layouts, fitting, continuation and footers) and turns each slide it draws into a
scene. It keeps the open presentation and every planned slide's scenes, so a live preview that
asks again after an edit pays only for the planned slides whose content, position in the deck
or footer changed; ``deckgen build --format svg`` uses a fresh one.
"""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from typing import Optional

from deckgen.plan.slides import DeckPlan, Slide

from ..pptx.flow import forget_measured
from ..pptx.deck import DeckCanvas
from ..pptx.layouts import slide_size
from .scene import Scene
from .slide import slide_scene


@dataclass(frozen=True)
class Picture:
    """One slide of the deck as drawn: its number, scene and speaker notes."""

    number: int
    scene: Scene
    notes: str
    kind: str


class Drawer:
    """Draws plans into pictures, reusing the presentation and the unchanged slides' scenes."""

    def __init__(self) -> None:
        self._design: Optional[bytes] = None  # what the open presentation was made from
        self._deck: Optional[DeckCanvas] = None
        self._drawn: dict[bytes, list[tuple[Scene, str]]] = {}
        self.redrawn = 0  # planned slides drawn by the last call (the rest were reused)

    def draw(self, plan: DeckPlan) -> list[Picture]:
        """Every slide ``plan`` becomes, numbered from 1. Raises TemplateError like the pptx
        builder does for a template it cannot use."""
        deck = self._canvas(plan)
        width, height = slide_size(deck.prs)
        pictures: list[Picture] = []
        drawn: dict[bytes, list[tuple[Scene, str]]] = {}
        self.redrawn = 0
        for planned in plan.slides:
            key = _key(planned, len(pictures) + 1, plan.footer)
            slides = self._drawn.get(key)
            if slides is None:
                slides = self._draw_one(deck, planned, len(pictures) + 1, plan.footer, width, height)
                self.redrawn += 1
            drawn[key] = slides
            first = len(pictures) + 1
            pictures += [Picture(first + n, scene, notes, planned.kind) for n, (scene, notes) in enumerate(slides)]
        self._drawn = drawn
        forget_measured()  # the builder's heights of this plan: the next plan is another
        return pictures

    def _canvas(self, plan: DeckPlan) -> DeckCanvas:
        design = hashlib.blake2b(pickle.dumps((plan.template, plan.theme, plan.colours, plan.layouts),
                                              protocol=5)).digest()
        if self._deck is None or self._design != design:
            self._deck, self._design, self._drawn = DeckCanvas.open(plan), design, {}
        return self._deck

    @staticmethod
    def _draw_one(deck: DeckCanvas, planned: Slide, first: int, footer: str, width: float,
                  height: float) -> list[tuple[Scene, str]]:
        try:
            made = deck.add(planned, first, footer)
            return [(slide_scene(slide, width, height), notes) for slide, notes in made]
        finally:
            _remove_slides(deck)  # drawn and read: the presentation need not grow


def _remove_slides(deck: DeckCanvas) -> None:
    """Drop every slide of the canvas' presentation (their parts go with their relationships)."""
    id_list = deck.prs.slides._sldIdLst
    for sld_id in list(id_list):
        deck.prs.part.drop_rel(sld_id.rId)
        id_list.remove(sld_id)


def _key(planned: Slide, first: int, footer: str) -> bytes:
    """What a planned slide's pictures depend on besides the design."""
    return hashlib.blake2b(pickle.dumps((planned, first, footer), protocol=5)).digest()
