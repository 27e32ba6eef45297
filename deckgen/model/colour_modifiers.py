"""DrawingML's colour modifiers (ECMA-376 Part 1, 20.1.2.3) applied to a colour, in one place: the
plan reads a brand template's colours with them and the SVG preview draws with them, so both must
give the same answer.

Each modifier works in the colour space the renderers use for it (LibreOffice's
``oox/source/drawingml/color.cxx``): ``lumMod``/``lumOff`` change the HSL lightness of the sRGB
colour ("Text 1, lighter 25%" is lumMod 75000 lumOff 25000), while ``tint`` (towards white) and
``shade`` (towards black) mix in linear light, as an ``scrgbClr`` is given. The colour is carried
unrounded through a chain and rounded to 8 bits once, at the end. ``alpha`` and its kin leave an
opaque colour's RGB as it is; ``satMod``, ``hueMod`` and the other HSL and RGB channel modifiers
are not applied yet (themes use ``satMod`` in their fill styles' gradients: those stops are
read without it).
"""
from __future__ import annotations

import colorsys
from collections.abc import Callable, Iterable

#: One modifier: its element name ('lumMod') and its amount as a fraction (75000 → 0.75).
Modifier = tuple[str, float]
_RGB = tuple[float, float, float]


def to_linear(channel: float) -> float:
    """An sRGB channel (0–1) in linear light (the sRGB transfer function, IEC 61966-2-1)."""
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def from_linear(linear: float) -> float:
    """A linear-light channel (0–1, as ``scrgbClr`` gives it) in sRGB."""
    linear = min(max(linear, 0.0), 1.0)
    return linear * 12.92 if linear <= 0.0031308 else 1.055 * linear ** (1 / 2.4) - 0.055


def scrgb(red: float, green: float, blue: float) -> str:
    """An ``scrgbClr`` (linear channels, 0–1) as #RRGGBB."""
    return _hex((from_linear(red), from_linear(green), from_linear(blue)))


def modified(colour: str, modifiers: Iterable[Modifier]) -> str:
    """``colour`` (#RRGGBB) with ``modifiers`` applied in order, as #RRGGBB."""
    rgb: _RGB = (int(colour[1:3], 16) / 255, int(colour[3:5], 16) / 255, int(colour[5:7], 16) / 255)
    for name, amount in modifiers:
        rgb = _apply(rgb, name, amount)
    return _hex(rgb)


def _apply(rgb: _RGB, name: str, amount: float) -> _RGB:
    if name in ("lumMod", "lumOff"):
        hue, light, sat = colorsys.rgb_to_hls(*rgb)
        light = light * amount if name == "lumMod" else light + amount
        return colorsys.hls_to_rgb(hue, min(max(light, 0.0), 1.0), sat)
    if name == "tint":
        return _in_linear(rgb, lambda c: 1 - (1 - c) * amount)
    if name == "shade":
        return _in_linear(rgb, lambda c: c * amount)
    return rgb


def _in_linear(rgb: _RGB, change: Callable[[float], float]) -> _RGB:
    red, green, blue = (from_linear(change(to_linear(c))) for c in rgb)
    return red, green, blue


def _hex(rgb: _RGB) -> str:
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02X}" for c in rgb)
