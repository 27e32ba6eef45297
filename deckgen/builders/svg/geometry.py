"""Free-form shapes (``a:custGeom``): their paths in slide points, curves flattened to lines.

A brand template's decorations (hexagons, waves, corner marks) are usually free-form; drawing
their real outline rather than their bounding box is what makes a template recognisable.
Guides (``a:gdLst`` formulas) are not evaluated: path points written as numbers are drawn, a
path that refers to a guide by name is drawn as its bounding box and named in the gaps.
"""
from __future__ import annotations

import math
from itertools import pairwise
from typing import Callable, Optional

from lxml import etree

from .colors import qn
from .scene import Point

Figure = tuple[tuple[Point, ...], bool]
#: Points a curve is flattened into.
STEPS = 12


def custom_paths(geometry: etree._Element, box: tuple[float, float, float, float]) -> Optional[list[Figure]]:
    """The figures of ``geometry`` (an ``a:custGeom``) placed in ``box``; None when a path
    cannot be read without evaluating guides."""
    x, y, w, h = box
    figures: list[Figure] = []
    try:
        for path in geometry.iterfind(f"{qn('a:pathLst')}/{qn('a:path')}"):
            pw, ph = float(path.get("w", "0")) or None, float(path.get("h", "0")) or None
            sx, sy = (w / pw if pw else 1 / 12700), (h / ph if ph else 1 / 12700)
            figures += _figures(path, _placer((x, y), (sx, sy)))
    except ValueError:  # a guide's name where a number was expected
        return None
    return figures


def _placer(origin: Point, scale: tuple[float, float]) -> Callable[[float, float], Point]:
    """Path units to slide points: scaled by ``scale`` from ``origin``."""
    x, y = origin
    sx, sy = scale
    return lambda px, py: (x + px * sx, y + py * sy)


def _figures(path: etree._Element, place: Callable[[float, float], Point]) -> list[Figure]:
    figures: list[Figure] = []
    points: list[Point] = []
    raw = (0.0, 0.0)  # the pen, in path units (arcs are computed there)
    for step in path:
        tag = etree.QName(step).localname
        pts = [(float(p.get("x")), float(p.get("y"))) for p in step.iterfind(qn("a:pt"))]
        if tag == "moveTo":
            if len(points) > 1:
                figures.append((tuple(points), False))
            raw, points = pts[0], [place(*pts[0])]
        elif tag == "lnTo":
            raw = pts[0]
            points.append(place(*raw))
        elif tag in ("cubicBezTo", "quadBezTo"):
            controls = [raw, *pts]
            points += [place(*_bezier(controls, n / STEPS)) for n in range(1, STEPS + 1)]
            raw = pts[-1]
        elif tag == "arcTo":
            arc = _arc(raw, *(float(step.get(k)) for k in ("wR", "hR", "stAng", "swAng")))
            points += [place(*p) for p in arc]
            raw = arc[-1] if arc else raw
        elif tag == "close" and points:
            figures.append((tuple(points), True))
            points = []
    if len(points) > 1:
        figures.append((tuple(points), False))
    return figures


def _bezier(controls: list[Point], t: float) -> Point:
    while len(controls) > 1:
        controls = [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t) for a, b in pairwise(controls)]
    return controls[0]


def _arc(start: Point, wr: float, hr: float, st: float, sw: float) -> list[Point]:
    """DrawingML's ``arcTo``: an arc of the ellipse (radii ``wr``, ``hr``) that passes through
    the pen at angle ``st`` and sweeps ``sw`` (60000ths of a degree)."""
    a0, sweep = math.radians(st / 60000), math.radians(sw / 60000)
    cx, cy = start[0] - wr * math.cos(a0), start[1] - hr * math.sin(a0)
    return [(cx + wr * math.cos(a0 + sweep * n / STEPS), cy + hr * math.sin(a0 + sweep * n / STEPS))
            for n in range(1, STEPS + 1)]
