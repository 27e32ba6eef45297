"""The ``svg`` and ``png`` output formats: a picture of every slide, and for PNG a contact sheet."""
from __future__ import annotations

from .. import BuildRun, Outputs
from ..names import deck_stem
from .png import contact_sheet, png_bytes
from .render import Drawer, Picture
from .svg import svg_document


def pictures(run: BuildRun) -> list[Picture]:
    """Every slide of the run's deck, drawn once for both picture formats."""
    return run.once("slide pictures", lambda: Drawer().draw(run.deck_plan()))


def svg_outputs(run: BuildRun) -> Outputs:
    """``<deck>-NN.svg`` per slide (with no timestamp: the run's time is not used)."""
    stem = deck_stem(run.project)
    return [(f"{stem}-{p.number:02d}.svg", svg_document(p.scene, f"Slide {p.number}").encode())
            for p in pictures(run)]


def png_outputs(run: BuildRun) -> Outputs:
    """``<deck>-NN.png`` per slide and ``<deck>-slides.png``, all of them on one sheet."""
    stem = deck_stem(run.project)
    files = [(f"{stem}-{p.number:02d}.png", png_bytes(p.scene)) for p in pictures(run)]
    return files + [(f"{stem}-slides.png", contact_sheet([data for _, data in files]))]
