"""Wrapping text into lines with real font metrics, and the height those lines take.

python-pptx's own ``fit_text`` needs the font file at build time and only shrinks one frame; the
deck builder needs the height of any paragraph at any size and width (to pick a size from the
type scale, or to split onto "(cont.)" slides below its floor) and how tall a table row will
grow. This module answers those; choosing sizes and splitting is :mod:`.text`'s and the
blocks'. Everything here is pure arithmetic over :mod:`.fonts` measurements, in points.

The measurements are deliberately a little conservative — usable widths are reduced by
:data:`WIDTH_SAFETY` and heights by :data:`HEIGHT_SAFETY` — because PowerPoint and LibreOffice
differ slightly in kerning and line breaking, and a measured fit must never overflow when
rendered.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from deckgen.builders.pptx.fonts import has_wide, line_height, text_width, width_of, word_advances

#: Fraction of the computed usable width that text may fill.
WIDTH_SAFETY = 0.95
#: The same for a table cell. A row grows with its text instead of overflowing, so the safety
#: there only guards the table's height, and a wide one makes rows that render on one line
#: measure two (the fonts measured lay out as measured: Carlito in LibreOffice to 0.1%).
CELL_WIDTH_SAFETY = 0.99
#: Fraction of the computed usable height that text may fill.
HEIGHT_SAFETY = 0.98


@dataclass(frozen=True)
class Insets:
    """Inner margins of a text frame or table cell, in points."""

    left: float = 7.2
    right: float = 7.2
    top: float = 3.6
    bottom: float = 3.6


#: PowerPoint's default text-frame insets (0.1 in left/right, 0.05 in top/bottom).
TEXT_FRAME_INSETS = Insets()
#: PowerPoint's default table-cell margins (the same values as a text frame's).
CELL_MARGINS = Insets()


@dataclass(frozen=True)
class Paragraph:
    """One paragraph to fit: its text, outline level (indentation), weight and space before.

    ``text`` may contain ``"\\n"`` for a line break inside the paragraph.
    """

    text: str
    level: int = 0
    bold: bool = False
    space_before_pt: float = 0.0


ParagraphLike = Paragraph | str

# A CJK character is a break opportunity on both sides; everything else breaks at whitespace.
_CJK = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
)
_TOKEN = re.compile(f"[{_CJK}]|[^\\s{_CJK}]+")


def wrap(text: str, family: str, size_pt: float, width_pt: float, bold: bool = False) -> list[str]:
    """Greedy word wrap of ``text`` into lines no wider than ``width_pt``.

    Breaks at spaces and between CJK characters, honours ``"\\n"``, and breaks a word that is
    wider than the whole line between characters (as PowerPoint does). An empty text is one
    empty line, since an empty paragraph still takes a line.
    """
    return [text[s:e] for s, e in _line_spans(text, family, size_pt, width_pt, bold)]


MIN_WIDTH = 0.01  # points: the narrowest room text is wrapped into

def _line_spans(text: str, family: str, size_pt: float, width_pt: float, bold: bool) -> list[tuple[int, int]]:
    """(start, end) offsets into ``text`` of each wrapped line, trailing spaces excluded."""
    spans: list[tuple[int, int]] = []
    offset = 0
    width_pt = max(width_pt, MIN_WIDTH)  # a column narrower than its margins: a letter a line, never a hang
    for hard in text.split("\n"):
        spans += _wrap_hard_line(text, offset, offset + len(hard), family, size_pt, width_pt, bold)
        offset += len(hard) + 1
    return spans


def _wrap_hard_line(
    text: str, lo: int, hi: int, family: str, size: float, width: float, bold: bool,
) -> list[tuple[int, int]]:
    advance = word_advances(family, bold)
    words = _words(text, lo, hi, family, bold) if advance is not None else None
    if words is not None and width_of(words.widest, size) <= width:
        return [(lo, words.end)]  # most lines (a table cell, a short bullet) fit whole
    spans: list[tuple[int, int]] = []
    start, end = lo, lo
    line = 0.0  # the advance of text[start:end], when the words' advances are known
    for i, tok in enumerate(_TOKEN.finditer(text, lo, hi)):
        if words is not None:
            word, joint = words.advances[i]
            grown = line + joint + word if end > start else (words.lead if i == 0 else word)
            fits = width_of(grown, size) <= width
        else:
            fits = text_width(text[start : tok.end()], family, size, bold) <= width
        if fits:
            end = tok.end()
            line = grown if words is not None else line
            continue
        if end > start:
            spans.append((start, end))
        start = end = tok.start()
        while text_width(text[start : tok.end()], family, size, bold) > width:
            cut = _longest_fitting(text, start, tok.end(), family, size, width, bold)
            spans.append((start, cut))
            start = end = cut
        end = tok.end()
        line = advance(text[start:end]) if advance is not None else line
    spans.append((start, end))
    return spans


@dataclass(frozen=True)
class _Words:
    """The advances of one hard line's words, worked out once for every size and width.

    ``advances``: for each word, its advance and what joining it to the word before adds (the
    space between, kerned against both in context). ``lead``: the first word's advance with
    any spaces before it. ``widest``: the largest advance the line reaches as its words are
    added one by one, summed as :func:`_wrap_hard_line` sums them, so that the line fits whole
    exactly when ``widest`` does. ``end``: where its last word ends."""

    advances: tuple[tuple[float, float], ...]
    lead: float
    widest: float
    end: int


@functools.lru_cache(maxsize=16384)
def _words(text: str, lo: int, hi: int, family: str, bold: bool) -> _Words | None:
    """The words of ``text[lo:hi]`` measured (see :class:`_Words`); None when the text must be
    measured line by line (wide characters, or no font file). Cached: a paragraph is wrapped
    at every size and width tried, and its words stay the same."""
    advance = None if has_wide(text) else word_advances(family, bold)
    if advance is None:
        return None
    joints = _joints(advance)
    found: list[tuple[float, float]] = []
    before = -1
    for tok in _TOKEN.finditer(text, lo, hi):
        s, e = tok.span()
        joint = 0.0
        if before >= 0:
            gap = text[before - 1 : s + 1]
            known = joints.get(gap)
            if known is None:
                known = joints[gap] = advance(gap) - advance(gap[0]) - advance(gap[-1])
            joint = known
        found.append((advance(text[s:e]), joint))
        before = e
    lead = advance(text[lo : found and _first_end(text, lo, hi) or lo])
    line = widest = lead
    for word, joint in found[1:]:
        line = line + joint + word
        widest = max(widest, line)
    return _Words(tuple(found), lead, widest, max(before, lo))


@functools.lru_cache(maxsize=64)
def _joints(advance: Callable[[str], float]) -> dict[str, float]:
    """What joining two words adds to a line in the font ``advance`` measures (one per font
    file, from :func:`word_advances`), by the letter before the space, the space and the letter
    after (kerning is by pairs of glyphs): the same few hundred joints recur in every text,
    each worked out once."""
    return {}


def _first_end(text: str, lo: int, hi: int) -> int:
    first = _TOKEN.search(text, lo, hi)
    return first.end() if first else lo


def _longest_fitting(
    text: str, start: int, stop: int, family: str, size: float, width: float, bold: bool
) -> int:
    """End offset of the longest prefix of ``text[start:stop]`` within ``width`` (>= 1 char)."""
    lo, hi = start + 1, stop
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_width(text[start:mid], family, size, bold) <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo


def text_height(
    paragraphs: Sequence[ParagraphLike], family: str, size_pt: float, width_pt: float,
    line_spacing: float = 1.0, *, insets: Insets = TEXT_FRAME_INSETS, level_indent_pt: float = 18.0,
) -> float:
    """Height the paragraphs take in a frame ``width_pt`` wide, insets excluded, in points:
    each paragraph's space before and its wrapped lines (each level indented by
    ``level_indent_pt``, widths reduced by :data:`WIDTH_SAFETY`)."""
    usable = width_pt - insets.left - insets.right
    total = 0.0
    for given in paragraphs:
        p = given if isinstance(given, Paragraph) else Paragraph(given)
        line = line_height(family, size_pt, p.bold) * line_spacing
        lines = _line_spans(p.text, family, size_pt, (usable - p.level * level_indent_pt) * WIDTH_SAFETY,
                            p.bold)
        total += p.space_before_pt + len(lines) * line
    return total


def row_height(
    cells_texts: Sequence[str], col_widths_pt: Sequence[float], family: str, size_pt: float,
    cell_margins: Insets = CELL_MARGINS, *, line_spacing: float = 1.0,
    bold: bool | Sequence[bool] = False,
) -> float:
    """Height, in points, a table row grows to so that every cell's wrapped text fits; ``bold``
    for every cell, or each cell's own."""
    weights = (bold,) * len(cells_texts) if isinstance(bold, bool) else bold
    tallest = 0.0
    for text, width, heavy in zip(cells_texts, col_widths_pt, weights, strict=True):
        lh = line_height(family, size_pt, heavy) * line_spacing
        usable = (width - cell_margins.left - cell_margins.right) * CELL_WIDTH_SAFETY
        tallest = max(tallest, _line_count(text, family, size_pt, usable, heavy) * lh)
    return (tallest + cell_margins.top + cell_margins.bottom) / HEIGHT_SAFETY


@functools.lru_cache(maxsize=65536)
def _line_count(text: str, family: str, size: float, width: float, bold: bool) -> int:
    """How many lines ``text`` wraps to. Cached: a table repeats its cell texts (statuses,
    owners, quarters) down a column, and every row is measured at each size tried."""
    return len(_line_spans(text, family, size, width, bold))
