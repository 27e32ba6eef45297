"""Wrapping text and fitting it into boxes, measured with real font metrics.

python-pptx's own ``fit_text`` needs the font file at build time and only shrinks one frame; the
deck builder also needs to know *when not to shrink* (below the type-scale floor the content is
split onto "(cont.)" slides instead) and how tall a table row will grow. Everything here is pure
arithmetic over :mod:`.fonts` measurements, in points.

The measurements are deliberately a little conservative — usable widths are reduced by
:data:`WIDTH_SAFETY` and heights by :data:`HEIGHT_SAFETY` — because PowerPoint and LibreOffice
differ slightly in kerning and line breaking, and a measured fit must never overflow when
rendered.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

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

def _line_spans(
    text: str, family: str, size_pt: float, width_pt: float, bold: bool,
    max_lines: int | None = None,
) -> list[tuple[int, int]]:
    """(start, end) offsets into ``text`` of each wrapped line, trailing spaces excluded.

    With ``max_lines``, wrapping may stop once more than that many lines were found (enough
    to know the text does not fit), which keeps fitting long texts into small boxes fast.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    width_pt = max(width_pt, MIN_WIDTH)  # a column narrower than its margins: a letter a line, never a hang
    for hard in text.split("\n"):
        if max_lines is not None and len(spans) > max_lines:
            break
        spans += _wrap_hard_line(text, offset, offset + len(hard), family, size_pt, width_pt,
                                 bold, max_lines)
        offset += len(hard) + 1
    return spans


def _wrap_hard_line(
    text: str, lo: int, hi: int, family: str, size: float, width: float, bold: bool,
    max_lines: int | None = None,
) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start, end = lo, lo
    advance = word_advances(family, bold)
    words = _words(text, lo, hi, family, bold) if advance is not None else None
    line = 0.0  # the advance of text[start:end], when the words' advances are known
    for i, tok in enumerate(_TOKEN.finditer(text, lo, hi)):
        if max_lines is not None and len(spans) > max_lines:
            return spans
        if words is not None:
            word, joint = words[i]
            grown = line + joint + word if end > start else (words[-1][1] if i == 0 else word)
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


@functools.lru_cache(maxsize=16384)
def _words(text: str, lo: int, hi: int, family: str, bold: bool) -> tuple[tuple[float, float], ...] | None:
    """For each word of ``text[lo:hi]``: its advance, and what joining it to the word before
    adds (the space between, kerned against both in context); and last, the advance of the
    first word with any spaces before it. None when the text must be measured line by line
    (wide characters, or no font file). Cached: a paragraph is wrapped at every size and width
    tried, and its words stay the same."""
    advance = None if has_wide(text) else word_advances(family, bold)
    if advance is None:
        return None
    found: list[tuple[float, float]] = []
    before = -1
    for tok in _TOKEN.finditer(text, lo, hi):
        s, e = tok.span()
        joint = 0.0 if before < 0 else (advance(text[before - 1 : s + 1]) - advance(text[before - 1])
                                        - advance(text[s]))
        found.append((advance(text[s:e]), joint))
        before = e
    lead = advance(text[lo : found and _first_end(text, lo, hi) or lo])
    return (*found, (0.0, lead))


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


def _as_paragraphs(paragraphs: Sequence[ParagraphLike]) -> list[Paragraph]:
    return [p if isinstance(p, Paragraph) else Paragraph(p) for p in paragraphs]


@dataclass(frozen=True)
class _Frame:
    """The box and typesetting settings shared by the fitting functions."""

    family: str
    width_pt: float
    height_pt: float
    line_spacing: float
    insets: Insets
    level_indent_pt: float

    def text_width(self, level: int) -> float:
        usable = self.width_pt - self.insets.left - self.insets.right
        return (usable - level * self.level_indent_pt) * WIDTH_SAFETY

    def text_height(self) -> float:
        return (self.height_pt - self.insets.top - self.insets.bottom) * HEIGHT_SAFETY

    def line(self, size: float, bold: bool) -> float:
        return line_height(self.family, size, bold) * self.line_spacing

    def spans(self, p: Paragraph, size: float) -> list[tuple[int, int]]:
        """All wrapped lines of ``p`` as offsets into its text."""
        return _line_spans(p.text, self.family, size, self.text_width(p.level), p.bold)

    def height(
        self, paragraphs: Sequence[Paragraph], size: float, limit: float | None = None
    ) -> float:
        """Total height; with ``limit``, may stop early once the total exceeds it."""
        total = 0.0
        for p in paragraphs:
            line = self.line(size, p.bold)
            max_lines = None if limit is None else int(max(limit - total, 0.0) // line) + 1
            lines = _line_spans(p.text, self.family, size, self.text_width(p.level), p.bold,
                                max_lines)
            total += p.space_before_pt + len(lines) * line
            if limit is not None and total > limit:
                break
        return total

    def fits(self, paragraphs: Sequence[Paragraph], size: float) -> bool:
        room = self.text_height()
        return self.height(paragraphs, size, limit=room) <= room


def text_height(
    paragraphs: Sequence[ParagraphLike], family: str, size_pt: float, width_pt: float,
    line_spacing: float = 1.0, *, insets: Insets = TEXT_FRAME_INSETS, level_indent_pt: float = 18.0,
) -> float:
    """Height the paragraphs take in a frame ``width_pt`` wide, insets excluded, in points
    (wrapped with the same :data:`WIDTH_SAFETY` as :func:`fit_size`)."""
    frame = _Frame(family, width_pt, 0.0, line_spacing, insets, level_indent_pt)
    return frame.height(_as_paragraphs(paragraphs), size_pt)


def fit_size(
    paragraphs: Sequence[ParagraphLike], family: str, width_pt: float, height_pt: float,
    max_pt: float, min_pt: float, line_spacing: float = 1.0, *, step: float = 0.5,
    insets: Insets = TEXT_FRAME_INSETS, level_indent_pt: float = 18.0,
) -> float | None:
    """Largest size in ``min_pt..max_pt`` (on a ``step`` grid from ``max_pt``) that fits the box.

    The box is ``width_pt`` x ``height_pt`` including ``insets``; ``line_spacing`` is a multiple
    of the font's single spacing (PowerPoint's ``a:lnSpc/a:spcPct``, 1.0 = 100%); each level
    indents by ``level_indent_pt``. Returns None when even ``min_pt`` does not fit, which is the
    caller's cue to split (see :func:`split_to_fit`) rather than shrink further.
    """
    frame = _Frame(family, width_pt, height_pt, line_spacing, insets, level_indent_pt)
    paras = _as_paragraphs(paragraphs)
    size = max_pt
    while size >= min_pt - 1e-9:
        if frame.fits(paras, size):
            return size
        size = round(size - step, 4)
    return None


def split_to_fit(
    paragraphs: Sequence[ParagraphLike], family: str, width_pt: float, height_pt: float,
    size_pt: float, line_spacing: float = 1.0, *,
    insets: Insets = TEXT_FRAME_INSETS, level_indent_pt: float = 18.0,
) -> list[list[Paragraph]]:
    """Split paragraphs into consecutive chunks that each fit the box at ``size_pt``.

    Paragraphs are kept whole and moved to the next chunk when they do not fit; only a
    paragraph too tall for an empty box is cut, between lines, the rest continuing (without
    space before) in the next chunk. A single line taller than the box still gets a chunk of its
    own, so the split always terminates.
    """
    frame = _Frame(family, width_pt, height_pt, line_spacing, insets, level_indent_pt)
    chunks: list[list[Paragraph]] = []
    current: list[Paragraph] = []
    pending = _as_paragraphs(paragraphs)[::-1]
    while pending:
        para = pending.pop()
        if frame.fits([*current, para], size_pt):
            current.append(para)
        elif current and frame.fits([para], size_pt):
            chunks.append(current)
            current = [para]
        else:
            head, tail = _cut(frame, current, para, size_pt)
            if head is None and not current:  # one line taller than the box: alone it goes
                chunks.append([para])
                continue
            if head is not None:
                current.append(head)
            if current:
                chunks.append(current)
            current = []
            pending.append(tail)
    if current:
        chunks.append(current)
    return chunks


def _cut(
    frame: _Frame, current: list[Paragraph], para: Paragraph, size: float
) -> tuple[Paragraph | None, Paragraph]:
    """Split ``para`` after as many lines as still fit below ``current`` (at least one line
    when ``current`` is empty)."""
    spans = frame.spans(para, size)
    room = frame.text_height() - frame.height(current, size) - para.space_before_pt
    fit = int(max(room, 0.0) // frame.line(size, para.bold))
    if not current:
        fit = max(fit, 1)
    fit = min(fit, len(spans) - 1)
    if fit <= 0:
        return None, para
    head = replace(para, text=para.text[: spans[fit - 1][1]])
    tail = replace(para, text=para.text[spans[fit][0] :], space_before_pt=0.0)
    return head, tail


def row_height(
    cells_texts: Sequence[str], col_widths_pt: Sequence[float], family: str, size_pt: float,
    cell_margins: Insets = CELL_MARGINS, *, line_spacing: float = 1.0, bold: bool = False,
) -> float:
    """Height, in points, a table row grows to so that every cell's wrapped text fits."""
    lh = line_height(family, size_pt, bold) * line_spacing
    tallest = 0.0
    for text, width in zip(cells_texts, col_widths_pt, strict=True):
        usable = (width - cell_margins.left - cell_margins.right) * CELL_WIDTH_SAFETY
        tallest = max(tallest, _line_count(text, family, size_pt, usable, bold) * lh)
    return (tallest + cell_margins.top + cell_margins.bottom) / HEIGHT_SAFETY


@functools.lru_cache(maxsize=65536)
def _line_count(text: str, family: str, size: float, width: float, bold: bool) -> int:
    """How many lines ``text`` wraps to. Cached: a table repeats its cell texts (statuses,
    owners, quarters) down a column, and every row is measured at each size tried."""
    return len(_line_spans(text, family, size, width, bold))
