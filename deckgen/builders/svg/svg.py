"""A :class:`~.scene.Scene` as a standalone SVG document, in points.

Text is written run by run at the positions the scene gives, in the slide's own font with its
metric-compatible clones behind it (Calibri, then Carlito), so a browser with either shows the
lines as measured. Pictures are inline ``data:`` URIs: the file needs nothing else.
"""
from __future__ import annotations

import base64
import math
from xml.sax.saxutils import escape, quoteattr

from ..pptx.fonts import candidates
from .scene import Ellipse, Image, Item, Path, Polyline, Rect, Scene, Stroke, Text, Wedge


def svg_document(scene: Scene, title: str = "") -> str:
    """The scene as an SVG file's text (``title`` says what it is, for screen readers)."""
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(scene.width)} {_n(scene.height)}" '
            f'width="{_n(scene.width)}pt" height="{_n(scene.height)}pt" role="img">')
    parts = [head]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    clips: list[str] = []
    for n, item in enumerate(scene.items):
        parts.append(_item(item, n, clips))
    if clips:
        parts.insert(2 if title else 1, "<defs>" + "".join(clips) + "</defs>")
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _stroke(stroke: Stroke | None) -> str:
    if stroke is None:
        return ' stroke="none"'
    dash = f' stroke-dasharray="{_n(stroke.width * 4)} {_n(stroke.width * 3)}"' if stroke.dashed else ""
    return f' stroke="#{stroke.color}" stroke-width="{_n(stroke.width)}"{dash}'


def _fill(color: str | None) -> str:
    return f' fill="#{color}"' if color else ' fill="none"'


def _item(item: Item, n: int, clips: list[str]) -> str:
    if isinstance(item, Text):
        return _text(item)
    if isinstance(item, Rect):
        radius = f' rx="{_n(item.radius)}"' if item.radius else ""
        return (f'<rect x="{_n(item.x)}" y="{_n(item.y)}" width="{_n(item.w)}" height="{_n(item.h)}"'
                f'{radius}{_fill(item.fill)}{_stroke(item.stroke)}/>')
    if isinstance(item, Ellipse):
        return (f'<ellipse cx="{_n(item.x + item.w / 2)}" cy="{_n(item.y + item.h / 2)}" rx="{_n(item.w / 2)}" '
                f'ry="{_n(item.h / 2)}"{_fill(item.fill)}{_stroke(item.stroke)}/>')
    if isinstance(item, Polyline):
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in item.points)
        return f'<polyline points="{points}" fill="none"{_stroke(item.stroke)}/>'
    if isinstance(item, Path):
        d = " ".join("M" + " L".join(f"{_n(x)},{_n(y)}" for x, y in points) + (" Z" if closed else "")
                     for points, closed in item.figures if points)
        return f'<path d="{d}"{_fill(item.fill)}{_stroke(item.stroke)}/>'
    if isinstance(item, Wedge):
        return f'<path d="{_wedge_path(item)}"{_fill(item.fill)}{_stroke(item.stroke)}/>'
    return _image(item, n, clips)


def _text(item: Text) -> str:
    families = ", ".join(f"'{f}'" for f in candidates(item.family)) + ", sans-serif"
    style = [f"font-family:{families}", f"font-size:{_n(item.size)}px"]
    if item.bold:
        style.append("font-weight:bold")
    if item.italic:
        style.append("font-style:italic")
    if item.underline:
        style.append("text-decoration:underline")
    return (f'<text x="{_n(item.x)}" y="{_n(item.baseline)}" fill="#{item.color}" '
            f'style={quoteattr(";".join(style))} xml:space="preserve">{escape(item.text)}</text>')


def _wedge_path(w: Wedge) -> str:
    def at(radius: float, degrees: float) -> str:
        angle = math.radians(degrees - 90)
        return f"{_n(w.cx + radius * math.cos(angle))},{_n(w.cy + radius * math.sin(angle))}"
    end = w.end - 0.001 if w.end - w.start >= 360 else w.end
    large = 1 if end - w.start > 180 else 0
    return (f"M{at(w.outer, w.start)} A{_n(w.outer)},{_n(w.outer)} 0 {large} 1 {at(w.outer, end)} "
            f"L{at(w.inner, end)} A{_n(w.inner)},{_n(w.inner)} 0 {large} 0 {at(w.inner, w.start)} Z")


def _image(item: Image, n: int, clips: list[str]) -> str:
    left, top, right, bottom = item.crop
    full_w, full_h = item.w / max(1 - left - right, 1e-6), item.h / max(1 - top - bottom, 1e-6)
    uri = f"data:{item.mime};base64,{base64.b64encode(item.data).decode()}"
    clip = f"clip{n}"
    clips.append(f'<clipPath id="{clip}">{_clip_shape(item)}</clipPath>')
    return (f'<image x="{_n(item.x - left * full_w)}" y="{_n(item.y - top * full_h)}" width="{_n(full_w)}" '
            f'height="{_n(full_h)}" preserveAspectRatio="none" clip-path="url(#{clip})" href="{uri}"/>')


def _clip_shape(item: Image) -> str:
    """The outline a picture is cut to: its box, or the oval inside it."""
    if item.oval:
        return (f'<ellipse cx="{_n(item.x + item.w / 2)}" cy="{_n(item.y + item.h / 2)}" '
                f'rx="{_n(item.w / 2)}" ry="{_n(item.h / 2)}"/>')
    return f'<rect x="{_n(item.x)}" y="{_n(item.y)}" width="{_n(item.w)}" height="{_n(item.h)}"/>'
