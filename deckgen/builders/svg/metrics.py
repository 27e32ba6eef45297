"""Widths of text as the renderer sets it, through :mod:`deckgen.builders.pptx.fonts`.

The pptx builder measures italic text as upright (the wider of the two, so what it fits still
fits); a picture must put the words where the renderer does, so italic runs are measured with
the italic face here when fontconfig finds one.
"""
from __future__ import annotations

import functools
import subprocess
from pathlib import Path
from typing import Optional

from PIL import ImageFont

from ..pptx import fonts
from ..pptx.design import measurable

_LOAD_PX = 1000


def face_file(family: str, bold: bool, italic: bool) -> Optional[Path]:
    """The font file the text is measured and painted with."""
    upright = fonts.font_file(family, bold)
    if italic and upright is not None:
        return _italic_file(upright, bold) or upright
    return upright


def width(text: str, family: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """Advance width of ``text`` in points, measured as the pptx builder measures it, but in the
    italic face for italic text and with each status symbol as wide as the glyph the renderer
    will draw (the font's own, else the fallback font's) rather than the builder's stand-in."""
    upright = fonts.font_file(family, bold)
    slanted = _italic_file(upright, bold) if italic and upright is not None else None
    extra = 0.0
    if measurable(text) != text:
        symbols = {c: text.count(c) for c in set(text) if measurable(c) != c}
        text = "".join(c for c in text if c not in symbols)
        extra = sum(n * _symbol_em(c, slanted or upright, bold) for c, n in symbols.items())
    if slanted is not None:
        return (_em(text, slanted) + extra) * size
    # the builder widens a stand-in's widths for safety; the renderer draws with the stand-in
    return fonts.text_width(text, family, size, bold) / fonts.margin(family) + extra * size


@functools.lru_cache(maxsize=256)
def _symbol_em(symbol: str, path: Optional[Path], bold: bool) -> float:
    """A status symbol's advance in em: the font's glyph when it has one, else the fallback's."""
    if path is not None and not _missing(_face(path), symbol):
        return _em(symbol, path)
    fallback = _covering_file(symbol, bold)
    return _em(symbol, fallback) if fallback is not None else fonts.FALLBACK_EM_PER_CHAR


def _covering_file(char: str, bold: bool) -> Optional[Path]:
    """The font file fontconfig draws ``char`` with when the text's own font lacks it."""
    fc = fonts._fc_match_path()
    if fc is None:
        return None
    pattern = f":charset={ord(char):x}:style={'Bold' if bold else 'Regular'}"
    try:
        out = subprocess.run([fc, "-f", "%{file}", pattern], capture_output=True, text=True,
                             timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(out) if out and Path(out).is_file() else None


def _missing(face: ImageFont.FreeTypeFont, char: str) -> bool:
    """Whether ``face`` draws ``char`` as its missing-glyph box."""
    return bytes(face.getmask(char)) == bytes(face.getmask("\U0010fffd"))


@functools.lru_cache(maxsize=65536)
def _em(text: str, path: Path) -> float:
    """``text``'s advance in em with the font at ``path``."""
    return _face(path).getlength(text) / _LOAD_PX if text else 0.0


@functools.lru_cache(maxsize=None)
def _face(path: Path) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), _LOAD_PX)


@functools.lru_cache(maxsize=None)
def _italic_file(upright: Path, bold: bool) -> Optional[Path]:
    """The italic face of the family of the font file ``upright``, when fontconfig has one."""
    family = _face(upright).getname()[0] or ""
    fc = fonts._fc_match_path()
    if fc is None:
        return None
    pattern = f"{family}:style={'Bold Italic' if bold else 'Italic'}"
    try:
        out = subprocess.run([fc, "-f", "%{family}\t%{style}\t%{file}", pattern],
                             capture_output=True, text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    names, style, file = (out.split("\t") + ["", "", ""])[:3]
    wanted = "".join(family.lower().split())
    same = any("".join(n.lower().split()) == wanted for n in names.split(","))
    if same and "italic" in style.lower() and Path(file).is_file():
        return Path(file)
    return None


@functools.lru_cache(maxsize=256)
def vertical(family: str, bold: bool = False) -> tuple[float, float]:
    """The font's own line height and ascent in em (hhea ascent + descent, as FreeType reads
    them): how LibreOffice sets table cells. 1.2 and 1.0 when no font file is found."""
    path = fonts.font_file(family, bold)
    if path is None:
        return 1.2, 1.0
    ascent, descent = _face(path).getmetrics()
    return (ascent + descent) / _LOAD_PX, ascent / _LOAD_PX
