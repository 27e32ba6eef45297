"""A :class:`~.scene.Scene` painted with Pillow: the same positions as the SVG, as a PNG.

Text is drawn with the font files deckgen measures with (:func:`~deckgen.builders.pptx.fonts.font_file`),
so lines land where they were measured. Pillow draws no dashes and no anti-aliased shapes; the
picture is for contact sheets and CI, the SVG for reading.
"""
from __future__ import annotations

import functools
import io
import math
import re
from typing import Optional

from PIL import Image as PILImage
from PIL import ImageColor, ImageDraw, ImageFont

from .metrics import face_file, width
from .scene import Ellipse, Image, Path, Polyline, Rect, Scene, Text, Wedge

_WORD = re.compile(r"\S+")
#: Pixels per point: 96 dpi, as a browser shows the SVG at 100%.
SCALE = 96 / 72


def png_bytes(scene: Scene, scale: float = SCALE) -> bytes:
    """The scene as PNG bytes, ``scale`` pixels per point."""
    canvas = PILImage.new("RGB", (round(scene.width * scale), round(scene.height * scale)), "white")
    draw = ImageDraw.Draw(canvas)
    for item in scene.items:
        _paint(canvas, draw, item, scale)
    out = io.BytesIO()
    canvas.save(out, "PNG", optimize=False)
    return out.getvalue()


def contact_sheet(pictures: list[bytes], columns: int = 4, gap: int = 12) -> bytes:
    """Slide PNGs side by side, ``columns`` a row, each a quarter of its size: one file to attach."""
    thumbs = [PILImage.open(io.BytesIO(p)).convert("RGB") for p in pictures]
    thumbs = [t.resize((t.width // 4, t.height // 4)) for t in thumbs]
    if not thumbs:
        return b""
    w, h = thumbs[0].size
    rows = math.ceil(len(thumbs) / columns)
    sheet = PILImage.new("RGB", (columns * (w + gap) + gap, rows * (h + gap) + gap), "#E6E6E6")
    for n, thumb in enumerate(thumbs):
        sheet.paste(thumb, (gap + (n % columns) * (w + gap), gap + (n // columns) * (h + gap)))
    out = io.BytesIO()
    sheet.save(out, "PNG")
    return out.getvalue()


def _rgb(color: Optional[str]) -> Optional[tuple[int, int, int]]:
    return ImageColor.getrgb(f"#{color}")[:3] if color else None


def _paint(canvas: PILImage.Image, draw: ImageDraw.ImageDraw, item: object, k: float) -> None:
    if isinstance(item, Text):
        _text(draw, item, k)
    elif isinstance(item, Rect):
        box = [item.x * k, item.y * k, (item.x + item.w) * k, (item.y + item.h) * k]
        outline, width = (_rgb(item.stroke.color), max(1, round(item.stroke.width * k))) if item.stroke else (None, 0)
        draw.rounded_rectangle(box, radius=item.radius * k, fill=_rgb(item.fill), outline=outline, width=width)
    elif isinstance(item, Ellipse):
        box = [item.x * k, item.y * k, (item.x + item.w) * k, (item.y + item.h) * k]
        outline, width = (_rgb(item.stroke.color), max(1, round(item.stroke.width * k))) if item.stroke else (None, 0)
        draw.ellipse(box, fill=_rgb(item.fill), outline=outline, width=width)
    elif isinstance(item, Polyline):
        draw.line([(x * k, y * k) for x, y in item.points], fill=_rgb(item.stroke.color),
                  width=max(1, round(item.stroke.width * k)))
    elif isinstance(item, Path):
        for points, closed in item.figures:
            scaled = [(x * k, y * k) for x, y in points]
            if closed and len(scaled) > 2:
                draw.polygon(scaled, fill=_rgb(item.fill), outline=_rgb(item.stroke.color) if item.stroke else None)
            elif item.stroke and len(scaled) > 1:
                draw.line(scaled, fill=_rgb(item.stroke.color), width=max(1, round(item.stroke.width * k)))
    elif isinstance(item, Wedge):
        _wedge(draw, item, k)
    elif isinstance(item, Image):
        _picture(canvas, item, k)


def _text(draw: ImageDraw.ImageDraw, item: Text, k: float) -> None:
    """Word by word at the measured offsets: hinting at small pixel sizes widens every glyph,
    which over a line would push its last words past where they belong."""
    font = _font(item.family, item.bold, item.italic, round(item.size * k))
    for word in _WORD.finditer(item.text):
        x = item.x + width(item.text[:word.start()], item.family, item.size, item.bold, item.italic)
        draw.text((x * k, item.baseline * k), word.group(), fill=_rgb(item.color), font=font, anchor="ls")


def _wedge(draw: ImageDraw.ImageDraw, item: Wedge, k: float) -> None:
    draw.pieslice(_square(item.cx, item.cy, item.outer, k), item.start - 90, item.end - 90, fill=_rgb(item.fill))
    draw.ellipse(_square(item.cx, item.cy, item.inner, k), fill=(255, 255, 255))


def _square(cx: float, cy: float, radius: float, k: float) -> list[float]:
    """The box, in pixels, around the circle of ``radius`` centred on (cx, cy)."""
    return [(cx - radius) * k, (cy - radius) * k, (cx + radius) * k, (cy + radius) * k]


def _picture(canvas: PILImage.Image, item: Image, k: float) -> None:
    try:
        picture = PILImage.open(io.BytesIO(item.data)).convert("RGBA")
    except (OSError, ValueError):
        return
    left, top, right, bottom = item.crop
    w, h = picture.size
    picture = picture.crop((round(left * w), round(top * h), round(w - right * w), round(h - bottom * h)))
    size = (max(1, round(item.w * k)), max(1, round(item.h * k)))
    picture = picture.resize(size)
    mask = picture.getchannel("A")
    if item.oval:
        oval = PILImage.new("L", size, 0)
        ImageDraw.Draw(oval).ellipse([0, 0, size[0] - 1, size[1] - 1], fill=255)
        mask = PILImage.composite(mask, oval, oval)
    canvas.paste(picture.convert("RGB"), (round(item.x * k), round(item.y * k)), mask)


@functools.lru_cache(maxsize=256)
def _font(family: str, bold: bool, italic: bool, px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = face_file(family, bold, italic)
    if path is None:
        return ImageFont.load_default()
    return ImageFont.truetype(str(path), max(px, 1))
