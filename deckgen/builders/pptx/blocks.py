"""Blocks for text and pictures, and the table from plan element to block.

Each block kind lives in the module of its element (tables, charts, cards, org charts, the
ladder); this module maps element types to them, and holds the two simplest kinds.
"""
from __future__ import annotations

import functools
import io
from dataclasses import dataclass, field
from typing import Callable, Optional

from PIL import Image, ImageOps
from pptx.enum.shapes import MSO_SHAPE

from deckgen.plan import slides as plan

from . import text
from .design import INCH, TYPE, Box, Design, Scale
from .draw import Canvas
from .flow import Block, ColumnsBlock, Heading, Stack

#: How each Text style is set: its type-scale entry, colour role and weight.
TEXT_STYLES: dict[str, tuple[str, Optional[str], bool]] = {
    "body": ("body", None, False),
    "lead": ("lead", "primary", False),
    "caption": ("caption", "muted", False),
    "subtitle": ("subtitle", "muted", False),
    "big": ("big", "primary", True),
}


@dataclass
class TextBlock:
    """Paragraphs in one text box; splits between paragraphs, or between lines of one."""

    items: list[text.Item]
    design: Design
    style: str = "body"
    flexible: bool = False
    breakable: bool = True

    @property
    def scale(self) -> Scale:
        return TYPE[TEXT_STYLES[self.style][0]]

    @property
    def bold(self) -> bool:
        return TEXT_STYLES[self.style][2]

    def height(self, width: float, t: float) -> float:
        family = self.design.fonts.body_measure
        return text.height(self.items, family, self.scale.at(t), width, self.bold)

    def split(self, width: float, room: float, force: bool, t: float = 0.0) -> tuple[Optional[Block], Optional[Block]]:
        family = self.design.fonts.body_measure
        head, tail = text.split(self.items, family, self.scale.at(t), width, room, self.bold)
        if not head and force:  # a slide of its own: its headings and first item at least
            cut = next((i for i, item in enumerate(self.items) if item.para.kind != "heading"),
                       len(self.items)) + 1
            head, tail = self.items[:cut], self.items[cut:]
        if not head:
            return None, self
        return (TextBlock(head, self.design, self.style),
                TextBlock(tail, self.design, self.style) if tail else None)

    def orphans(self) -> tuple[Optional[Block], Optional[Block]]:
        """This block without the headings it ends with, and those headings (which must
        move to the next slide with what follows them). A subtitle is all lead-in."""
        cut = 0 if self.style == "subtitle" else len(self.items)
        while cut and self.items[cut - 1].para.kind == "heading":
            cut -= 1
        if cut == len(self.items):
            return self, None
        keep, move = self.items[:cut], self.items[cut:]
        return (TextBlock(keep, self.design, self.style) if keep else None,
                TextBlock(move, self.design, self.style))

    def draw(self, canvas: Canvas, box: Box, t: float) -> None:
        _, role, bold = TEXT_STYLES[self.style]
        color = canvas.design.palette.role(role)
        canvas.textbox(box, self.items, self.scale.at(t), name=f"Text ({self.style})",
                       color=color, bold=bold)


#: Pictures are stored at up to this many pixels per inch of their box on the slide.
PICTURE_PPI = 220
MIN_PICTURE = 2.8 * INCH


@dataclass
class PictureBlock:
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

    def split(self, width: float, room: float, force: bool, t: float = 0.0) -> tuple[Optional[Block], Optional[Block]]:
        return (self, None) if force or self.height(width, t) <= room else (None, self)

    def draw(self, canvas: Canvas, box: Box, t: float) -> None:
        w, h = self.size
        scale = min(box.w / w, box.h / h)
        fitted = Box(box.x + (box.w - w * scale) / 2, box.y + (box.h - h * scale) / 2,
                     w * scale, h * scale)
        blob = reencode(self.data, int(fitted.w / INCH * PICTURE_PPI))
        picture = canvas.shapes.add_picture(io.BytesIO(blob), *fitted.emu())
        picture.name = "Picture"
        picture._element.nvPicPr.cNvPr.set("descr", text.clean(self.alt))


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
    shape._element.nvPicPr.cNvPr.set("descr", text.clean(picture.alt))
    side = min(w, h)
    shape.crop_left = shape.crop_right = (w - side) / 2 / w
    shape.crop_top = shape.crop_bottom = (h - side) / 2 / h
    shape.auto_shape_type = MSO_SHAPE.OVAL


@functools.lru_cache(maxsize=32)
def reencode(data: bytes, max_width: int) -> bytes:
    """``data`` as a clean PNG or JPEG: orientation applied, metadata (EXIF, comments, text
    chunks) dropped but the colour profile kept, no wider than ``max_width`` pixels (never
    enlarged). Photographs stay JPEG; everything else becomes PNG. Kept for the pictures seen
    lately: encoding is the dearest step of a slide, and the live preview redraws a slide
    whenever its text changes."""
    with Image.open(io.BytesIO(data)) as source:
        image = ImageOps.exif_transpose(source)
        photo = source.format == "JPEG"
        profile = source.info.get("icc_profile")
        if max_width and image.width > max_width:
            ratio = max_width / image.width
            image = image.resize((max_width, max(1, round(image.height * ratio))), Image.LANCZOS)
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


# Element -> block -----------------------------------------------------------------------------
def _text(el: plan.Text, design: Design) -> Block:
    heading = [text.plain(el.heading, "heading")] if el.heading else []
    return TextBlock(heading + text.items(el.paragraphs), design, el.style)


def _picture(el: plan.Picture, design: Design) -> Block:
    """The picture; one Pillow cannot read is named in words instead of failing the deck."""
    try:
        return PictureBlock(el.data, el.alt)
    except (OSError, ValueError, Image.DecompressionBombError):
        said = f"[{text.clean(el.alt) or 'picture'}: not a readable image]"
        return TextBlock([text.plain(said)], design, "caption")


def _columns(el: plan.Columns, design: Design) -> Block:
    return ColumnsBlock(
        [Stack([block_for(e, design) for e in col.elements]) for col in el.columns],
        [Heading(col.heading, design) if col.heading else None for col in el.columns],
        [max(col.weight, 0.01) for col in el.columns],
    )


def _builders() -> dict[type, Callable[..., Block]]:
    from .cards import cards_block
    from .charts import chart_block
    from .ladder import ladder_block
    from .orgchart import org_block
    from .tables import table_block

    return {plan.Text: _text, plan.Picture: _picture, plan.Columns: _columns,
            plan.Table: table_block, plan.Chart: chart_block, plan.Cards: cards_block,
            plan.OrgChart: org_block, plan.Ladder: ladder_block}


def block_for(element: plan.Element, design: Design) -> Block:
    """The block that lays out and draws ``element``."""
    return _builders()[type(element)](element, design)
