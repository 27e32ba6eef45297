"""Compare the slide pictures (``deckgen build --format svg``) with LibreOffice's rendering of the
same deck, word by word: both are printed to PDF (the SVGs by Chromium) and read back with
``pdftotext -bbox``, so both sides are measured by the same tool with the same fonts.

Chart text is left out: LibreOffice lays chart labels out with its own chart engine, which the
picture only approximates (see deckgen/builders/svg/charts.py).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation

from deckgen.builders.pdf import html_to_pdf
from deckgen.builders.svg.metrics import width
from deckgen.builders.svg.render import Picture
from deckgen.builders.svg.scene import Scene, Text
from deckgen.builders.svg.svg import svg_document
from tests.support.render import Box, Word, pdf_word_boxes

EMU_PER_PT = 12700


def pictures_pdf(pictures: list[Picture], target: Path) -> Path:
    """Every picture as one page of a PDF the size of the slide, printed by Chromium."""
    width, height = pictures[0].scene.width, pictures[0].scene.height
    pages = "".join(f'<div class="page">{svg_document(p.scene)}</div>' for p in pictures)
    html = (f"<!doctype html><html><head><style>@page {{ size: {width}pt {height}pt; margin: 0 }} "
            f"body {{ margin: 0 }} .page {{ width: {width}pt; height: {height}pt; break-after: page; overflow: hidden }} "
            f".page svg {{ display: block }}</style></head><body>{pages}</body></html>")
    target.write_bytes(html_to_pdf(html.encode()))
    return target


def chart_boxes(pptx_path: Path) -> list[list[Box]]:
    """Per slide, the boxes of its charts (whose words are not compared)."""
    found = []
    for slide in Presentation(str(pptx_path)).slides:
        boxes = []
        for shape in _all_shapes(slide.shapes):
            if getattr(shape, "has_chart", False) and shape.has_chart:
                x, y = shape.left / EMU_PER_PT, shape.top / EMU_PER_PT
                boxes.append(Box(x, y, x + shape.width / EMU_PER_PT, y + shape.height / EMU_PER_PT))
        found.append(boxes)
    return found


def _all_shapes(shapes):
    for shape in shapes:
        if shape.shape_type == 6:  # a group: its chart sits inside
            yield from _all_shapes(shape.shapes)
        else:
            yield shape


#: Where poppler puts a LibreOffice word's box around its baseline, in em: LibreOffice's PDFs
#: give poppler no usable font ascent, so it uses its defaults (calibrated with Carlito, Carlito
#: Bold and DejaVu Sans at 37 pt: the box runs 0.95 em above the baseline and 0.35 em below).
POPPLER_ASCENT, POPPLER_DESCENT = 0.95, 0.35


@dataclass(frozen=True)
class Placed:
    """A word as the picture sets it: where it starts, its baseline and its size, in points."""

    text: str
    x: float
    baseline: float
    size: float
    line_x: float = 0.0  # where its line starts


def scene_words(scene: Scene) -> list[Placed]:
    """Every word of the scene's text, split at spaces as pdftotext splits: runs that continue
    one another on a line (a bold name, then ", Director") make one text."""
    found: list[Placed] = []
    for chain in _chains([i for i in scene.items if isinstance(i, Text)]):
        text = "".join(t.text for t in chain)
        starts = [sum(len(t.text) for t in chain[:n]) for n in range(len(chain))]
        for word in re.finditer(r"\S+", text):
            n = max(k for k, start in enumerate(starts) if start <= word.start())
            run = chain[n]
            before = run.text[:word.start() - starts[n]]
            x = run.x + width(before, run.family, run.size, run.bold, run.italic)
            found.append(Placed(word.group(), x, run.baseline, run.size, chain[0].x))
    return found


def _chains(runs: list[Text]) -> list[list[Text]]:
    chains: list[list[Text]] = []
    for run in runs:
        last = chains[-1][-1] if chains else None
        ends = last is not None and abs(last.baseline - run.baseline) < 0.01 and abs(
            last.x + width(last.text, last.family, last.size, last.bold, last.italic) - run.x) < 0.5
        if ends:
            chains[-1].append(run)
        else:
            chains.append([run])
    return chains


def reference_words(word: Word) -> Placed:
    """A LibreOffice word's start, baseline and size, from its poppler box."""
    size = (word.y_max - word.y_min) / (POPPLER_ASCENT + POPPLER_DESCENT)
    return Placed(word.text, word.x_min, word.y_min + POPPLER_ASCENT * size, size)


@dataclass(frozen=True)
class Misplaced:
    slide: int
    word: str
    dx: float
    dy: float
    dsize: float

    def __str__(self) -> str:
        return (f"slide {self.slide}: {self.word!r} off by x {self.dx:+.1f} pt, baseline "
                f"{self.dy:+.1f} pt, size {self.dsize:+.1f} pt")


def misplaced_words(reference_pdf: Path, pictures: list[Picture], charts: list[list[Box]],
                    tolerance: float = 1.0, drift: float = 0.0) -> tuple[int, list[Misplaced]]:
    """How many words LibreOffice set (outside charts), and those whose nearest same-text word
    in the pictures sits or is sized more than ``tolerance`` points differently, or starts more
    than that plus ``drift`` times its distance from its line's start."""
    reference = pdf_word_boxes(reference_pdf)
    compared, bad = 0, []
    for n, (words, picture) in enumerate(zip(reference, pictures, strict=True)):
        drawn = scene_words(picture.scene)
        skip = charts[n] if n < len(charts) else []
        for word in words:
            if any(b.contains((word.x_min + word.x_max) / 2, (word.y_min + word.y_max) / 2, 2) for b in skip):
                continue
            compared += 1
            ref = reference_words(word)
            found = min((d for d in drawn if d.text == ref.text),
                        key=lambda d: abs(d.x - ref.x) + abs(d.baseline - ref.baseline), default=None)
            if found is None:
                bad.append(Misplaced(n + 1, word.text, math.inf, math.inf, math.inf))
                continue
            off = Misplaced(n + 1, word.text, found.x - ref.x, found.baseline - ref.baseline, found.size - ref.size)
            along = tolerance + drift * (found.x - found.line_x)
            if abs(off.dx) > along or max(abs(off.dy), abs(off.dsize)) > tolerance:
                bad.append(off)
    return compared, bad
