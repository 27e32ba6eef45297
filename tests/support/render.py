"""Render decks the way a reader sees them, and find text that left its box.

LibreOffice converts the .pptx to PDF (with Carlito standing in for Calibri, as it would on any
Linux desktop); poppler's ``pdftotext -bbox`` then gives every word's position in points. Since a
PDF page is the slide at 1 pt per 1/72 in, those positions compare directly with the shapes'
boxes read back with python-pptx (EMU / 12700), so a word outside every text-bearing box on its
slide is text that overflowed.

All helpers raise ``RuntimeError`` with the tool's output when a tool fails; use
:func:`soffice_available` / :func:`poppler_available` to skip tests on machines without them.
"""

from __future__ import annotations

import atexit
import functools
import math
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.shapes.group import GroupShape
from pptx.util import Emu

EMU_PER_PT = 12700
_XHTML = "{http://www.w3.org/1999/xhtml}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in points, origin at the page's top left."""

    left: float
    top: float
    right: float
    bottom: float

    def contains(self, x: float, y: float, tol: float = 0.0) -> bool:
        return (self.left - tol <= x <= self.right + tol
                and self.top - tol <= y <= self.bottom + tol)


@dataclass(frozen=True)
class Word:
    """One word as poppler placed it on a PDF page, in points."""

    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


@dataclass(frozen=True)
class Overflow:
    """A word found outside every text-bearing box of its slide (1-based slide number)."""

    slide: int
    word: Word


def soffice_path() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def soffice_available() -> bool:
    return soffice_path() is not None


def poppler_available() -> bool:
    return all(shutil.which(t) for t in ("pdftotext", "pdfinfo", "pdftoppm"))


def _run(cmd: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"timed out after {timeout}s: {' '.join(cmd)}") from exc
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr or proc.stdout}")
    return proc


@functools.cache
def _profile_dir() -> Path:
    """A LibreOffice user profile private to this process, so parallel runs don't clash
    (a shared profile makes a second ``soffice`` hand its work to the first and exit)."""
    profile = Path(tempfile.mkdtemp(prefix=f"deckgen-lo-{os.getpid()}-"))
    atexit.register(shutil.rmtree, profile, True)
    return profile


def pptx_to_pdf(pptx_path: Path, outdir: Path, timeout: float = 180) -> Path:
    """Convert ``pptx_path`` to ``outdir/<stem>.pdf`` with headless LibreOffice."""
    return pptxs_to_pdfs([pptx_path], outdir, timeout)[0]


def pptxs_to_pdfs(pptx_paths: list[Path], outdir: Path, timeout: float = 180) -> list[Path]:
    """Convert each of ``pptx_paths`` (distinct stems) to ``outdir/<stem>.pdf`` in one
    LibreOffice run: starting LibreOffice costs seconds, converting a small deck less."""
    soffice = soffice_path()
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [soffice, f"-env:UserInstallation={_profile_dir().as_uri()}", "--headless",
           "--norestore", "--convert-to", "pdf", "--outdir", str(outdir), *map(str, pptx_paths)]
    proc = _run(cmd, timeout * len(pptx_paths))
    pdfs = [outdir / (Path(path).stem + ".pdf") for path in pptx_paths]
    missing = [pdf for pdf in pdfs if not pdf.is_file()]
    if missing:
        raise RuntimeError(f"soffice wrote no {missing[0].name}: {proc.stdout} {proc.stderr}")
    return pdfs


def pdf_page_count(pdf: Path) -> int:
    """Number of pages, from ``pdfinfo``."""
    for line in _run(["pdfinfo", str(pdf)], 60).stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise RuntimeError(f"pdfinfo reported no page count for {pdf}")


def pdf_word_boxes(pdf: Path) -> list[list[Word]]:
    """Every word of every page with its box, from ``pdftotext -bbox`` (one list per page)."""
    xhtml = _run(["pdftotext", "-bbox", str(pdf), "-"], 120).stdout
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(xhtml.encode("utf-8"), parser)
    return [
        [Word(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
         for w in page.iter(f"{_XHTML}word")]
        for page in root.iter(f"{_XHTML}page")
    ]


def pdf_to_pngs(pdf: Path, outdir: Path, dpi: int = 60) -> list[Path]:
    """Rasterise each page to ``outdir/page-N.png`` (for looking at, or pixel checks)."""
    outdir.mkdir(parents=True, exist_ok=True)
    _run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(outdir / "page")], 300)
    return sorted(outdir.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


# --- which words left their box -------------------------------------------------------------

@dataclass(frozen=True)
class _Transform:
    """Maps a group's child coordinates (EMU) to slide coordinates (EMU)."""

    sx: float = 1.0
    sy: float = 1.0
    dx: float = 0.0
    dy: float = 0.0

    def box(self, x: int, y: int, cx: int, cy: int, rot: float = 0.0) -> Box:
        left, top = x * self.sx + self.dx, y * self.sy + self.dy
        w, h = cx * self.sx, cy * self.sy
        if rot % 180:
            a = math.radians(rot)
            rw = abs(w * math.cos(a)) + abs(h * math.sin(a))
            rh = abs(w * math.sin(a)) + abs(h * math.cos(a))
            left, top, w, h = left + (w - rw) / 2, top + (h - rh) / 2, rw, rh
        return Box(*(v / EMU_PER_PT for v in (left, top, left + w, top + h)))

    def into_group(self, xfrm: etree._Element | None) -> _Transform:
        """The transform for the children of a group whose ``a:xfrm`` is ``xfrm``."""
        if xfrm is None:
            return self
        (ox, oy), (ex, ey) = _pair(xfrm, "off", "x", "y"), _pair(xfrm, "ext", "cx", "cy")
        (cox, coy), (cex, cey) = _pair(xfrm, "chOff", "x", "y"), _pair(xfrm, "chExt", "cx", "cy")
        gx, gy = (ex / cex if cex else 1.0), (ey / cey if cey else 1.0)
        return _Transform(self.sx * gx, self.sy * gy,
                          self.dx + (ox - cox * gx) * self.sx, self.dy + (oy - coy * gy) * self.sy)


def _pair(xfrm: etree._Element, tag: str, kx: str, ky: str) -> tuple[int, int]:
    node = xfrm.find(f"{_A}{tag}")
    return (0, 0) if node is None else (int(node.get(kx, 0)), int(node.get(ky, 0)))


def _is_text_bearing(shape) -> bool:  # any python-pptx shape
    if getattr(shape, "has_table", False) or getattr(shape, "has_chart", False):
        return True
    return bool(getattr(shape, "has_text_frame", False) and shape.text_frame.text.strip())


def _text_boxes(shapes, tf: _Transform = _Transform()) -> list[Box]:
    """Boxes of all text-bearing shapes, recursing into groups (tables and charts count as
    text-bearing with their graphic frame's box)."""
    boxes: list[Box] = []
    for shape in shapes:
        if isinstance(shape, GroupShape):
            inner = tf.into_group(shape._element.grpSpPr.find(f"{_A}xfrm"))
            boxes += _text_boxes(shape.shapes, inner)
        elif _is_text_bearing(shape) and shape.width is not None:
            rot = getattr(shape, "rotation", 0.0) or 0.0
            boxes.append(tf.box(shape.left, shape.top, shape.width, shape.height, rot))
    return boxes


def slide_text_boxes(slide) -> list[Box]:  # a python-pptx Slide
    """Text-bearing boxes that can put words on the rendered slide: the slide's own shapes,
    plus the layout's and master's non-placeholder shapes (drawn behind every slide)."""
    boxes = _text_boxes(slide.shapes)
    for inherited in (slide.slide_layout, slide.slide_layout.slide_master):
        boxes += _text_boxes(s for s in inherited.shapes if not s.is_placeholder)
    return boxes


def _word_inside(word: Word, boxes: list[Box], tol: float) -> bool:
    """True when the word's box is covered by the union of ``boxes``: each corner and the
    centre must lie in some box. poppler's word boxes span the font's full ascent and
    descent, so vertically only the middle half of the box is held to the frame."""
    mid_y, quarter = (word.y_min + word.y_max) / 2, (word.y_max - word.y_min) / 4
    points = [(x, y) for x in (word.x_min, word.x_max) for y in (mid_y - quarter, mid_y + quarter)]
    points.append(((word.x_min + word.x_max) / 2, mid_y))
    return all(any(b.contains(x, y, tol) for b in boxes) for x, y in points)


def overflowing_words(pptx_path: Path, pdf_path: Path, tolerance: float = 2.0) -> list[Overflow]:
    """Words in the rendered PDF that lie outside every text-bearing box of their slide.

    Pages map to the deck's visible slides in order (LibreOffice skips hidden slides).
    """
    prs = Presentation(str(pptx_path))
    visible = [(n, s) for n, s in enumerate(prs.slides, 1) if s._element.get("show") != "0"]
    pages = pdf_word_boxes(pdf_path)
    if len(pages) != len(visible):
        raise RuntimeError(f"{len(pages)} PDF pages for {len(visible)} visible slides")
    found: list[Overflow] = []
    for (number, slide), words in zip(visible, pages, strict=True):
        boxes = slide_text_boxes(slide)
        found += [Overflow(number, w) for w in words if not _word_inside(w, boxes, tolerance)]
    return found


def slide_size_pt(pptx_path: Path) -> tuple[float, float]:
    """The deck's slide size in points (the rendered PDF's page size)."""
    prs = Presentation(str(pptx_path))
    return Emu(prs.slide_width).pt, Emu(prs.slide_height).pt
