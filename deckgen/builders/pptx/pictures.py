"""Pictures on slides: the picture block, a person's round portrait, and re-encoding images.

Every image the deck carries passes through :func:`reencode` (orientation applied, metadata
dropped, no larger than its box needs), whether a slide's picture or an org chart's photo.
"""
from __future__ import annotations

import functools
import io
from dataclasses import dataclass, field
from pathlib import Path

import PIL
from PIL import Image, ImageOps, features
from pptx.enum.shapes import MSO_SHAPE
from pptx.shapes.picture import Picture as PptxPicture

from deckgen import cache
from deckgen.plan import slides as plan

from . import text
from .design import INCH, Box
from .draw import Canvas, mark_decorative
from .flow import Block

#: Pictures are stored at up to this many pixels per inch of their box on the slide.
PICTURE_PPI = 220
MIN_PICTURE = 2.8 * INCH
#: The cache folder's kind of entry holding re-encoded pictures.
ENCODED = "encoded-pictures"


@dataclass
class PictureBlock(Block):
    """An image re-encoded with Pillow (PNG, or JPEG for photographs without transparency),
    scaled to its box keeping its aspect ratio, centred, with its alt text as description."""

    data: bytes
    alt: str
    flexible: bool = True
    breakable: bool = False
    size: tuple[int, int] = field(init=False)

    def __post_init__(self) -> None:
        with Image.open(io.BytesIO(self.data)) as image:
            self.size = ImageOps.exif_transpose(image).size

    def height(self, width: float, t: float) -> float:
        w, h = self.size
        return min(MIN_PICTURE, width * h / w)

    def draw(self, canvas: Canvas, box: Box, t: float) -> None:
        w, h = self.size
        scale = min(box.w / w, box.h / h)
        fitted = Box(box.x + (box.w - w * scale) / 2, box.y + (box.h - h * scale) / 2,
                     w * scale, h * scale)
        blob = reencode(self.data, int(fitted.w / INCH * PICTURE_PPI))
        picture = canvas.shapes.add_picture(io.BytesIO(blob), *fitted.emu())
        picture.name = "Picture"
        describe(picture, self.alt)


def portrait(canvas: Canvas, picture: plan.Picture, box: Box) -> None:
    """A person's photo: the centre square of the image, in a circle filling ``box``."""
    try:
        with Image.open(io.BytesIO(picture.data)) as image:
            w, h = ImageOps.exif_transpose(image).size
    except (OSError, ValueError, Image.DecompressionBombError):
        return  # the box still names the person
    blob = reencode(picture.data, int(box.w / INCH * PICTURE_PPI * max(w, h) / min(w, h)))
    shape = canvas.shapes.add_picture(io.BytesIO(blob), *box.emu())
    shape.name = f"Photo: {text.clean(picture.alt)}"[:200]
    describe(shape, picture.alt)
    side = min(w, h)
    shape.crop_left = shape.crop_right = (w - side) / 2 / w
    shape.crop_top = shape.crop_bottom = (h - side) / 2 / h
    shape.auto_shape_type = MSO_SHAPE.OVAL


def describe(picture: PptxPicture, alt: str) -> None:
    """``alt`` as the picture's alternative text; a picture given none is marked decorative (as an
    empty ``alt`` means in HTML, and ``check`` asks for words), so that no picture of the deck
    is one PowerPoint's Accessibility Checker reports as missing them."""
    said, c_nv_pr = text.clean(alt).strip(), picture._element.xpath("./p:nvPicPr/p:cNvPr")[0]
    if said:
        c_nv_pr.set("descr", said)
    else:  # not python-pptx's default, the file name ("image.png"), which a screen reader reads
        c_nv_pr.attrib.pop("descr", None)
        mark_decorative(picture)


@functools.lru_cache(maxsize=32)
def reencode(data: bytes, max_width: int) -> bytes:
    """``data`` as a clean PNG or JPEG: orientation applied, metadata (EXIF, comments, text
    chunks) dropped but the colour profile kept, no wider than ``max_width`` pixels (never
    enlarged). Photographs stay JPEG; everything else becomes PNG.

    Encoding is the dearest step of a slide (an 800x450 PNG: 37 ms of CPU), so the result is
    kept for the pictures seen lately (the live preview redraws a slide whenever its text
    changes) and in the cache folder (see :mod:`deckgen.cache`), named by the picture's bytes,
    the width, and the code and libraries that encode it (a damaged entry is a miss there,
    never a broken picture on a slide)."""
    entry = cache.name(_encoder(), data, str(max_width))
    kept = cache.read(ENCODED, entry)
    if kept:
        return kept
    encoded = _encoded(data, max_width)
    cache.write(ENCODED, entry, encoded)
    return encoded


@functools.lru_cache(maxsize=1)
def _encoder() -> bytes:
    """What an encoded picture depends on besides its bytes and width: this module, Pillow, and
    the zlib and libjpeg Pillow encodes with."""
    libraries = (PIL.__version__, features.version("zlib"), features.version("jpg"))
    return Path(__file__).read_bytes() + repr(libraries).encode()


def _encoded(data: bytes, max_width: int) -> bytes:
    with Image.open(io.BytesIO(data)) as source:
        image = ImageOps.exif_transpose(source)
        photo = source.format == "JPEG"
        profile = source.info.get("icc_profile")
        if max_width and image.width > max_width:
            ratio = max_width / image.width
            image = image.resize((max_width, max(1, round(image.height * ratio))), Image.Resampling.LANCZOS)
        has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        clean = image.convert("RGBA" if has_alpha else "RGB")
        clean.info = {}  # Pillow would otherwise write a JPEG comment back out
        extra = {"icc_profile": profile} if profile else {}
        out = io.BytesIO()
        if photo and not has_alpha:
            clean.save(out, "JPEG", quality=88, optimize=True, **extra)
        else:
            clean.save(out, "PNG", optimize=True, **extra)
    return out.getvalue()
