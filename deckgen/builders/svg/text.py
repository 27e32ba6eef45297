"""A text frame's paragraphs as placed lines: wrapped with deckgen's font measuring
(:mod:`deckgen.builders.pptx.fonts`, the same files and the same stand-ins the pptx builder
measures with), at the frame's full width as the renderer wraps, and set one below the other
as LibreOffice sets a pptx.

LibreOffice lays out a pptx's text boxes independently of the font's own metrics: a line at
100% spacing is 1.2 em tall and its baseline sits 1 em below its top, whichever the font
(measured with Carlito, Liberation Sans and DejaVu Sans; :data:`LINE_EM`, :data:`ASCENT_EM`).
Table cells are set with the font's own ascent and descent instead (Carlito: lines 1 em apart,
the baseline 0.75 em down; measured on the example's tables): :attr:`Frame.font_lines`.
Lines break at spaces, between CJK characters and after a hyphen inside a word, as both
renderers break.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from lxml import etree

from .colors import EMU_PER_PT, color_of, qn
from .metrics import vertical, width
from .scene import Line, Text
from .style import Context, attr

LINE_EM = 1.2
ASCENT_EM = 1.0
#: LibreOffice sets a list's bullet this far (in em) above its text's baseline (measured: 0.9 pt
#: at 17 pt, 1.0 pt at 18 pt, Liberation Sans bullets beside Carlito text).
BULLET_RISE = 0.055
#: The share of a line's width text may fill. LibreOffice places glyphs up to about 0.3% away
#: from the fonts' advances, so a line within a hair of full may break either way; the picture
#: breaks it, showing the wrap that can happen rather than hiding it.
FULL = 0.998
DEFAULT_SIZE = 18.0
_CJK = ("\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u9fff"
        "\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef")
#: A break opportunity follows each token: a CJK character, or a word up to a space or up to
#: and including a hyphen followed by a letter ("win-|loss", not "2027-03").
_TOKEN = re.compile(f"[{_CJK}]|[^\\s{_CJK}]+?(?:-(?=[^\\W\\d_])|(?=[\\s{_CJK}]|$))")
_AUTONUM = {"arabicPeriod": "{}.", "arabicParenR": "{})", "arabicPlain": "{}"}


@dataclass(frozen=True)
class Style:
    family: str
    size: float
    bold: bool
    italic: bool
    underline: bool
    color: str


@dataclass(frozen=True)
class Frame:
    """Where a text body goes: its box, insets (l, t, r, b) and vertical anchor, in points."""

    x: float
    y: float
    w: float
    h: float
    insets: tuple[float, float, float, float]
    anchor: str = "t"
    wrap: bool = True
    font_lines: bool = False  # a table cell's: lines as tall as the font's ascent and descent


Levels = Callable[[int], list[etree._Element]]
#: A paragraph's height, and what draws it with its first line's top at the y given.
Placed = tuple[float, Callable[[float], None]]
Segment = tuple[int, int, Style]


@dataclass
class _Para:
    text: str
    segments: list[Segment]
    props: list[etree._Element]
    end: Style


def draw_text(ctx: Context, body: etree._Element, frame: Frame, levels: Levels) -> None:
    """Add ``body``'s paragraphs to the scene, placed in ``frame``."""
    placed = _layout(ctx, body, frame, levels)
    total = sum(h for h, _ in placed)
    inner = frame.h - frame.insets[1] - frame.insets[3]
    offset = {"ctr": (inner - total) / 2, "b": inner - total}.get(frame.anchor, 0.0)
    y = frame.y + frame.insets[1] + offset
    for height, draw in placed:
        draw(y)
        y += height


def text_height(ctx: Context, body: etree._Element, frame: Frame, levels: Levels) -> float:
    """How tall ``body``'s paragraphs are set in ``frame``'s width, insets excluded."""
    return sum(h for h, _ in _layout(ctx, body, frame, levels))


def _layout(ctx: Context, body: etree._Element, frame: Frame, levels: Levels) -> list[Placed]:
    counters: dict[int, int] = {}
    paras = [_paragraph(ctx, p, levels) for p in body.findall(qn("a:p"))]
    return [_place(ctx, para, frame, i == 0, counters) for i, para in enumerate(paras)]


def _paragraph(ctx: Context, p: etree._Element, levels: Levels) -> _Para:
    ppr = p.find(qn("a:pPr"))
    chain = levels(int(ppr.get("lvl", "0")) if ppr is not None else 0)
    props = ([ppr] if ppr is not None else []) + chain
    defaults = [d for d in (c.find(qn("a:defRPr")) for c in chain) if d is not None]
    text, segments = "", []
    for child in p:
        tag = etree.QName(child).localname
        if tag in ("r", "fld", "br"):
            piece = "\n" if tag == "br" else (child.findtext(qn("a:t")) or "")
            style = _style(ctx, [r for r in [child.find(qn("a:rPr"))] if r is not None] + defaults)
            segments.append((len(text), len(text) + len(piece), style))
            text += piece
    end = p.find(qn("a:endParaRPr"))
    return _Para(text, segments, props, _style(ctx, ([end] if end is not None else []) + defaults))


def _style(ctx: Context, chain: list[etree._Element]) -> Style:
    fill = next((f for f in (c.find(qn("a:solidFill")) for c in chain) if f is not None), None)
    latin = next((f for f in (c.find(qn("a:latin")) for c in chain) if f is not None), None)
    return Style(
        family=ctx.family(latin.get("typeface") if latin is not None else None),
        size=int(attr(chain, "sz", str(int(DEFAULT_SIZE * 100)))) / 100,
        bold=attr(chain, "b") in ("1", "true"),
        italic=attr(chain, "i") in ("1", "true"),
        underline=attr(chain, "u", "none") != "none",
        color=color_of(fill, ctx.palette) or ctx.palette.scheme_color("tx1") or "000000")


def _place(ctx: Context, para: _Para, frame: Frame, first: bool, counters: dict[int, int]) -> Placed:
    """The paragraph's height and a function drawing it with its first line's top at y."""
    props = para.props
    mar_l = int(attr(props, "marL", "0")) / EMU_PER_PT
    indent = int(attr(props, "indent", "0")) / EMU_PER_PT
    bullet = _bullet(ctx, para, counters)
    start = mar_l if bullet else mar_l + indent
    width = frame.w - frame.insets[0] - frame.insets[2] - mar_l
    spans = _wrap(para, width * FULL if frame.wrap else float("inf"))
    line = _line_box(frame, para.segments[0][2] if para.segments else para.end)[0]
    spacing = _spacing(props, "a:lnSpc", line)
    before = 0.0 if first else _spacing(props, "a:spcBef", line, 0.0)
    after = _spacing(props, "a:spcAft", line, 0.0)
    boxes = [_span_box(frame, para, span, spacing) for span in spans]
    align = attr(props, "algn", "l")

    def draw(top: float) -> None:
        y = top + before
        left = frame.x + frame.insets[0]
        for n, (span, (height, below)) in enumerate(zip(spans, boxes, strict=True)):
            x0 = left + (start if n == 0 else mar_l)
            room = frame.w - frame.insets[0] - frame.insets[2] - (x0 - left)
            used = _measure(para, *span)
            x = x0 + {"ctr": (room - used) / 2, "r": room - used}.get(align, 0.0)
            if n == 0 and bullet is not None:
                _draw_bullet(ctx, bullet, left + mar_l + indent, y + height - below)
            _draw_line(ctx, para, span, x, y, height, below, used)
            y += height

    return before + sum(h for h, _ in boxes) + after, draw


def _spacing(props: list[etree._Element], tag: str, line: float, default: Optional[float] = None) -> float:
    """``a:lnSpc`` as a factor of the line (``line`` points tall at 100%), ``a:spcBef`` and
    ``a:spcAft`` in points."""
    for element in props:
        node = element.find(qn(tag))
        if node is None:
            continue
        pct, pts = node.find(qn("a:spcPct")), node.find(qn("a:spcPts"))
        if pts is not None:
            value = int(pts.get("val", "0")) / 100
            return value / line if default is None else value
        if pct is not None:
            share = int(pct.get("val", "100000")) / 100000
            return share if default is None else share * line
    return 1.0 if default is None else default


def _line_box(frame: Frame, style: Style) -> tuple[float, float]:
    """A line of ``style`` at 100%: its height and how far its baseline sits above its bottom."""
    line_em, ascent_em = vertical(style.family, style.bold) if frame.font_lines else (LINE_EM, ASCENT_EM)
    return line_em * style.size, (line_em - ascent_em) * style.size


def _span_box(frame: Frame, para: _Para, span: tuple[int, int], spacing: float) -> tuple[float, float]:
    """A line's height at ``spacing`` and its baseline's height above its bottom; more spacing
    adds room above the text."""
    styles = [s for a, b, s in para.segments if a < max(span[1], span[0] + 1) and b > span[0]]
    boxes = [_line_box(frame, s) for s in styles or [para.end]]
    return max(h for h, _ in boxes) * spacing, max(d for _, d in boxes)


def wrap_plain(text: str, style: Style, width: float) -> list[str]:
    """``text`` in one style broken into lines no wider than ``width`` (a chart's labels)."""
    para = _Para(text, [(0, len(text), style)], [], style)
    return [text[a:b] for a, b in _wrap(para, width)]


def _wrap(para: _Para, width: float) -> list[tuple[int, int]]:
    """Lines as (start, end) offsets: greedy at spaces and between CJK characters, a word wider
    than the line cut between characters, as :func:`deckgen.builders.pptx.wrap.wrap` does
    for text of one style; here each run is measured in its own style."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for hard in para.text.split("\n"):
        spans += _wrap_hard(para, offset, offset + len(hard), width)
        offset += len(hard) + 1
    return spans


def _wrap_hard(para: _Para, lo: int, hi: int, width: float) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = end = lo
    for tok in _TOKEN.finditer(para.text, lo, hi):
        if _measure(para, start, tok.end()) <= width:
            end = tok.end()
            continue
        if end > start:
            spans.append((start, end))
        start = end = tok.start()
        while _measure(para, start, tok.end()) > width and tok.end() - start > 1:
            cut = start + 1
            while cut < tok.end() and _measure(para, start, cut + 1) <= width:
                cut += 1
            spans.append((start, cut))
            start = end = cut
        end = tok.end()
    spans.append((start, end))
    return spans


def _measure(para: _Para, start: int, end: int) -> float:
    total = 0.0
    for a, b, style in para.segments:
        lo, hi = max(a, start), min(b, end)
        if lo < hi:
            total += width(para.text[lo:hi], style.family, style.size, style.bold, style.italic)
    return total


def _draw_line(ctx: Context, para: _Para, span: tuple[int, int], x: float, top: float,
               height: float, below: float, used: float) -> None:
    sizes = [s.size for a, b, s in para.segments if a < span[1] and b > span[0]]
    size = max(sizes or [para.end.size])
    baseline = top + height - below
    scene = ctx.scene
    for a, b, style in para.segments:
        lo, hi = max(a, span[0]), min(b, span[1])
        piece = para.text[lo:hi].replace("\n", "")
        if piece:
            scene.items.append(Text(x, baseline, piece, style.family, style.size, style.color,
                                    style.bold, style.italic, style.underline))
            x += _measure(para, lo, hi)
    shown = para.text[span[0]:span[1]].strip()
    if shown:
        scene.lines.append(Line(x - used, top, used, height, size, shown))


@dataclass(frozen=True)
class _Bullet:
    text: str
    style: Style


def _bullet(ctx: Context, para: _Para, counters: dict[int, int]) -> Optional[_Bullet]:
    """The paragraph's bullet or number, if it has one (``a:buNone`` or nothing: none)."""
    node = None
    for element in para.props:
        node = next((c for c in element if etree.QName(c).localname in ("buNone", "buChar", "buAutoNum")), None)
        if node is not None:
            break
    level = int(para.props[0].get("lvl", "0")) if para.props else 0
    if node is None or etree.QName(node).localname == "buNone" or not para.text.strip():
        counters.pop(level, None)
        return None
    base = para.segments[0][2] if para.segments else para.end
    color = color_of(_first_child(para.props, "a:buClr"), ctx.palette) or base.color
    font = _first_child(para.props, "a:buFont")
    family = ctx.family(font.get("typeface")) if font is not None else base.family
    style = Style(family, base.size, False, False, False, color)
    if etree.QName(node).localname == "buChar":
        return _Bullet(node.get("char", "•"), style)
    counters[level] = counters.get(level, int(node.get("startAt", "1")) - 1) + 1
    pattern = _AUTONUM.get(node.get("type", "arabicPeriod"), "{}.")
    return _Bullet(pattern.format(counters[level]), Style(base.family, base.size, base.bold, False, False, color))


def _first_child(props: list[etree._Element], tag: str) -> Optional[etree._Element]:
    return next((n for n in (e.find(qn(tag)) for e in props) if n is not None), None)


def _draw_bullet(ctx: Context, bullet: _Bullet, x: float, baseline: float) -> None:
    s = bullet.style
    ctx.scene.items.append(Text(x, baseline - BULLET_RISE * s.size, bullet.text, s.family, s.size, s.color, s.bold))
