"""The ``svg`` and ``png`` output formats: a picture of every slide, and for PNG a contact sheet."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from jinja2 import Environment

from deckgen.model.project import Project
from deckgen.plan.deck import plan_deck

from ..pptx.outputs import deck_stem
from .png import contact_sheet, png_bytes
from .render import Drawer, Picture
from .svg import svg_document


def pictures(project: Project, env: Environment) -> list[Picture]:
    """Every slide of the project's deck, drawn."""
    return Drawer().draw(plan_deck(project, env))


def svg_outputs(project: Project, env: Environment, created: Optional[datetime] = None) -> list[tuple[str, bytes]]:
    """``<deck>-NN.svg`` per slide. ``created`` is unused: a picture carries no timestamp."""
    stem = deck_stem(project)
    return [(f"{stem}-{p.number:02d}.svg", svg_document(p.scene, f"Slide {p.number}").encode())
            for p in pictures(project, env)]


def png_outputs(project: Project, env: Environment, created: Optional[datetime] = None) -> list[tuple[str, bytes]]:
    """``<deck>-NN.png`` per slide and ``<deck>-slides.png``, all of them on one sheet."""
    stem = deck_stem(project)
    files = [(f"{stem}-{p.number:02d}.png", png_bytes(p.scene)) for p in pictures(project, env)]
    return files + [(f"{stem}-slides.png", contact_sheet([data for _, data in files]))]
