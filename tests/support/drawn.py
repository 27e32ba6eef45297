"""How text looks as drawn: each word's contrast with what lies under it, measured in the pixels
of the rendered PDF (poppler's word boxes over a ``pdftoppm`` raster), not read from the XML.

Under a word, the background is the commonest colour of the box; the text is the pixel that
differs from it most (anti-aliasing only ever blends text towards the background, so the
strongest pixel is the ink). The ratio is WCAG's.
"""
from __future__ import annotations

import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from deckgen.model.contrast import contrast
from tests.support.render import _A, EMU_PER_PT, Box, Word, pdf_word_boxes

DPI = 120


@dataclass(frozen=True)
class Drawn:
    """One word as drawn: its slide (1-based), the colours found and their contrast."""

    slide: int
    word: Word
    ink: str
    ground: str
    ratio: float


def drawn_words(pdf: Path, dpi: int = DPI) -> list[Drawn]:
    """Every word of ``pdf`` with its ink, background and contrast (words of letters or digits)."""
    found: list[Drawn] = []
    pages = pdf_word_boxes(pdf)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), f"{tmp}/p"], check=True,
                       capture_output=True, timeout=300)
        images = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        for number, (words, path) in enumerate(zip(pages, images, strict=True), start=1):
            with Image.open(path) as image:
                rgb = image.convert("RGB")
                found += [d for w in words if any(c.isalnum() for c in w.text)
                          for d in [_measure(rgb, number, w, dpi / 72)] if d is not None]
    return found


def _measure(image: Image.Image, slide: int, word: Word, scale: float) -> Drawn | None:
    box = (int(word.x_min * scale), int(word.y_min * scale),
           int(word.x_max * scale) + 1, int(word.y_max * scale) + 1)
    crop = image.crop(box)
    raw = crop.tobytes()
    pixels = [tuple(raw[i:i + 3]) for i in range(0, len(raw), 3)]
    if len(pixels) < 4:
        return None
    seen = Counter(pixels)  # each colour once, in the order first seen: contrast is slow
    ground = seen.most_common(1)[0][0]
    ground_hex = _hex(ground)
    ink = max(seen, key=lambda p: contrast(_hex(p), ground_hex))
    return Drawn(slide, word, _hex(ink), ground_hex, contrast(_hex(ink), ground_hex))


def _hex(pixel: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*pixel)


def faint(drawn: list[Drawn], minimum: float = 3.0) -> list[str]:
    """The words drawn below ``minimum`` contrast, as 'slide N: word 1.4:1 (#ink on #ground)'."""
    return [f"slide {d.slide}: {d.word.text!r} {d.ratio:.1f}:1 ({d.ink} on {d.ground})"
            for d in drawn if d.ratio < minimum]


def template_drawn(slide) -> tuple[list[Box], list[Box]]:  # a python-pptx slide
    """What a slide shows of its layout and master (unless the layout hides the master's shapes):
    the boxes of their own text (a slide number, a tagline) and of their pictures (logos, art)."""
    layout = slide.slide_layout
    owners = [layout] + ([layout.slide_master] if layout._element.get("showMasterSp", "1") not in ("0", "false") else [])
    texts, pictures = [], []
    for owner in owners:
        for shape in owner.shapes:
            if shape.is_placeholder or shape.width is None:
                continue
            box = Box(*(v / EMU_PER_PT for v in (shape.left, shape.top, shape.left + shape.width,
                                                   shape.top + shape.height)))
            if shape.shape_type == 13:  # a picture
                pictures.append(box)
            elif shape.has_text_frame and (shape.text_frame.text.strip() or list(shape._element.iter(f"{_A}fld"))):
                texts.append(box)
    return texts, pictures


def over(word: Word, box: Box, tolerance: float = 1.0) -> bool:
    """Whether ``word`` overlaps ``box`` by more than ``tolerance`` points each way."""
    return (min(word.x_max, box.right) - max(word.x_min, box.left) > tolerance
            and min(word.y_max, box.bottom) - max(word.y_min, box.top) > tolerance)
