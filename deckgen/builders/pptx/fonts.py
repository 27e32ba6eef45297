"""Text measurement with real font metrics.

PowerPoint lays text out with the deck's fonts (Calibri, Arial, ...). Those files are rarely on a
Linux build machine, but metric-compatible clones are: Carlito has Calibri's advance widths,
Liberation Sans has Arial's. Measuring with the clone gives the same line breaks PowerPoint and
LibreOffice will produce, which a characters-times-average-width guess cannot.

Font files are located with ``fc-match`` when fontconfig is installed, else by scanning the usual
font folders. Everything degrades gracefully: with no usable font file, widths fall back to an
average of 0.5 em per character and nothing raises.
"""

from __future__ import annotations

import functools
import os
import pickle
import shutil
import struct
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen import cache

if TYPE_CHECKING:
    from PIL import ImageFont

#: Pixel size fonts are loaded at; widths are scaled back to points. Large enough that
#: FreeType's per-glyph rounding is far below anything that matters.
_LOAD_PX = 1000

#: Width of one character, in em, when no font file can be found at all.
FALLBACK_EM_PER_CHAR = 0.5

#: Single line height, in em, when the font's vertical metrics are unknown. PowerPoint's
#: "single" spacing is about 1.2 em for most fonts.
FALLBACK_LINE_EM = 1.2

#: Requested family (lower case) -> the family and its metric-compatible clones, best first: a
#: clone has the same advance widths, so it measures exactly what the real font will lay out.
#: Calibri Light and Aptos have no free clone (Carlito is Calibri's regular weight, narrower than
#: either): they are measured with what renders them here (below), never with Carlito.
METRIC_ALIASES: dict[str, tuple[str, ...]] = {
    "calibri": ("Calibri", "Carlito"),
    "arial": ("Arial", "Liberation Sans"),
    "helvetica": ("Helvetica", "Liberation Sans"),
    "helvetica neue": ("Helvetica Neue", "Liberation Sans"),
    "arial narrow": ("Arial Narrow", "Liberation Sans Narrow", "Liberation Sans"),
    "cambria": ("Cambria", "Caladea"),
    "times new roman": ("Times New Roman", "Liberation Serif"),
    "courier new": ("Courier New", "Liberation Mono"),
}

#: A family with neither its own file nor a clone here is measured with the family fontconfig
#: substitutes for it, which is what LibreOffice renders it with (DejaVu Sans for Aptos, a face
#: wider than Aptos itself, so PowerPoint with the real font has room to spare); failing that,
#: DejaVu Sans, which nearly every Linux system has, then Carlito.
FALLBACK_FAMILIES: tuple[str, ...] = ("DejaVu Sans", "Carlito")

#: Widths measured with a stand-in that is not metric-compatible are widened by this much, so
#: that a real font a little wider than its stand-in still fits.
STAND_IN_MARGIN = 1.04

FONT_DIRS: tuple[Path, ...] = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path.home() / ".fonts",
)


def candidates(family: str) -> tuple[str, ...]:
    """Families to try for ``family``, best first: itself and its clones, then the family that
    renders it here, then the generic fallbacks."""
    rendered = _rendered_family(family.strip())
    return tuple(dict.fromkeys((*_own(family), *([rendered] if rendered else []), *FALLBACK_FAMILIES)))


def _own(family: str) -> tuple[str, ...]:
    """``family`` and its metric-compatible clones."""
    return METRIC_ALIASES.get(family.strip().lower(), (family.strip(),))


@functools.lru_cache(maxsize=None)
def margin(family: str) -> float:
    """:data:`STAND_IN_MARGIN` when ``family`` is measured with another font's file than its own
    or a clone's, else 1 (no file at all: the average-width guess is used as it is)."""
    path = font_file(family)
    if path is None or any(_locate(name, False) == path for name in _own(family)):
        return 1.0
    return STAND_IN_MARGIN


@functools.lru_cache(maxsize=None)
def stand_in(family: str) -> str | None:
    """The family whose file measures ``family`` when that is not ``family`` itself (a clone or a
    substitute), None when the font itself is here or no font file is found at all."""
    path = font_file(family)
    if path is None or _locate(family.strip(), False) == path:
        return None
    face = _face_name(path)
    return face[0] if face else path.stem


@functools.lru_cache(maxsize=None)
def _rendered_family(family: str) -> str | None:
    """The family fontconfig substitutes for ``family`` (what LibreOffice draws it with), or None
    without fontconfig."""
    if _fc_match_path() is None or not family:
        return None
    out = _fc_match("%{family}", family)
    return None if out is None else out.split(",")[0].strip() or None


@functools.lru_cache(maxsize=None)
def font_file(family: str, bold: bool = False) -> Path | None:
    """The font file used to measure ``family`` (regular or bold), or None if none is found."""
    for name in candidates(family):
        # A family without a bold face is still better than the next family: renderers
        # embolden the regular face.
        path = _locate(name, bold) or (_locate(name, False) if bold else None)
        if path is not None:
            return path
    return None


@functools.lru_cache(maxsize=None)
def _locate(family: str, bold: bool) -> Path | None:
    """A file whose family is exactly ``family``: fontconfig first, else a folder scan.

    fontconfig always answers with *some* font, so its answer only counts when the family it
    names is the one asked for; otherwise the next candidate in the chain is tried. Cached
    because each answer costs a process, and the chains of several families and weights pass
    through the same candidates (a missing bold face asks for the regular one again).
    """
    if _fc_match_path() is not None:
        return _fc_locate(family, bold)
    return _scan_locate(family, bold)


def _fc_match_path() -> str | None:
    """Path of the ``fc-match`` executable, or None. A function so tests can stub it."""
    return shutil.which("fc-match")


def _fc_locate(family: str, bold: bool) -> Path | None:
    out = _fc_match("%{family}\t%{file}", f"{family}:style={'Bold' if bold else 'Regular'}")
    if out is None:
        return None
    names, _, file = out.partition("\t")
    wanted = _norm(family)
    if file and any(_norm(n) == wanted for n in names.split(",")):
        path = Path(file)
        return path if path.is_file() else None
    return None


def _fc_match(form: str, pattern: str) -> str | None:
    """What ``fc-match -f form pattern`` prints, or None when it cannot run.

    Each answer costs a process (about 8 ms of CPU, five of them a build), so answers are kept
    between runs in the cache folder, named by the question and by everything fontconfig answers
    from: the ``fc-match`` binary, its configuration and cache folders, and every folder of
    fonts (a font installed or removed changes its folder's time, so the old answer is no
    longer found)."""
    fc = _fc_match_path()
    if fc is None:
        return None
    entry = cache.name("fc-match", fc, form, pattern, *_fontconfig_state(fc))
    kept = cache.read("fontconfig", entry)
    if kept is not None:
        return kept.decode("utf-8", "surrogateescape")
    try:
        out = subprocess.run([fc, "-f", form, pattern], capture_output=True, text=True,
                             timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    cache.write("fontconfig", entry, out.encode("utf-8", "surrogateescape"))
    return out


#: Where fontconfig reads its configuration and keeps its own caches.
FONTCONFIG_DIRS: tuple[Path, ...] = (
    Path("/etc/fonts"), Path("/etc/fonts/conf.d"), Path("/var/cache/fontconfig"),
    Path.home() / ".config/fontconfig", Path.home() / ".config/fontconfig/conf.d",
    Path.home() / ".cache/fontconfig",
)


@functools.lru_cache(maxsize=None)
def _fontconfig_state(fc: str) -> tuple[str, ...]:
    """The modification times of everything fontconfig's answers depend on (one stat a folder)."""
    paths = [Path(fc), *FONTCONFIG_DIRS]
    for root in FONT_DIRS:
        paths += [Path(folder) for folder, _dirs, _files in os.walk(root)]
    state = []
    for path in paths:
        try:
            state.append(f"{path}:{path.stat().st_mtime_ns}")
        except OSError:
            state.append(f"{path}:-")
    return tuple(state)


def _norm(name: str) -> str:
    return "".join(name.lower().split())


def _scan_locate(family: str, bold: bool) -> Path | None:
    """Find ``family`` by loading the plausibly named files under :data:`FONT_DIRS`."""
    stem = _norm(family).replace("-", "")
    for path in _font_files():
        if not path.stem.lower().replace("-", "").replace("_", "").startswith(stem):
            continue
        name = _face_name(path)
        if name is None or _norm(name[0]) != _norm(family):
            continue
        is_bold = "bold" in name[1].lower()
        is_italic = any(w in name[1].lower() for w in ("italic", "oblique"))
        if is_bold == bold and not is_italic:
            return path
    return None


@functools.lru_cache(maxsize=1)
def _font_files() -> tuple[Path, ...]:
    found: list[Path] = []
    for root in FONT_DIRS:
        if root.is_dir():
            for dirpath, _dirs, files in os.walk(root):
                found += [Path(dirpath, f) for f in files if f.lower().endswith((".ttf", ".otf"))]
    return tuple(sorted(found))


def _face_name(path: Path) -> tuple[str, str] | None:
    from PIL import ImageFont

    try:
        family, style = ImageFont.truetype(str(path), 10).getname()
    except OSError:
        return None
    return (family or "", style or "")


@functools.lru_cache(maxsize=None)
def _pil_font(path: Path) -> ImageFont.FreeTypeFont | None:
    from PIL import ImageFont

    try:
        return ImageFont.truetype(str(path), _LOAD_PX)
    except OSError:
        return None


def text_width(text: str, family: str, size_pt: float, bold: bool = False) -> float:
    """Advance width of ``text`` set in ``family`` at ``size_pt``, in points (one line).

    Wide East Asian characters count at least 1 em each: the Latin clones have no CJK glyphs
    and would otherwise measure their narrow "missing glyph" box, while the renderer will use a
    full-width fallback font.
    """
    if not text:
        return 0.0
    path = font_file(family, bold)
    em = _em_width(text, path) if path is not None else None
    return (len(text) * FALLBACK_EM_PER_CHAR if em is None else em) * size_pt * margin(family)


@functools.lru_cache(maxsize=65536)
def _em_width(text: str, path: Path) -> float | None:
    """Advance width of ``text`` in em with the font file at ``path`` (None if it cannot be
    loaded). Cached: fonts are loaded at one size, so a width scales linearly with the size, and
    wrapping and fitting ask for the same line again at every size they try."""
    advance = _metrics(path)
    if not advance.usable():
        return None
    em = advance(text) / _LOAD_PX
    if has_wide(text):
        wide = [c for c in text if unicodedata.east_asian_width(c) in ("W", "F")]
        em += sum(max(0.0, 1.0 - advance(c) / _LOAD_PX) for c in wide)
    return em


@functools.lru_cache(maxsize=None)
def word_advances(family: str, bold: bool = False) -> Callable[[str], float] | None:
    """A function giving the advance of a text in ``family`` in 1/1000 em (its width before
    scaling to a size; see :func:`width_of`), remembering every text it measured; None when no
    font file is found. Wrapping measures a line as its words' advances plus what each space
    between two words adds in context (kerning is by pairs of glyphs), instead of measuring
    every longer prefix of the line again; words repeat, so each is measured once."""
    path = font_file(family, bold)
    advance = _metrics(path) if path is not None else None
    if advance is None or not advance.usable():
        return None
    widen = margin(family)  # as text_width does for a stand-in
    known = advance.known.__getitem__  # a look-up, not a call through _Metrics
    return known if widen == 1.0 else functools.lru_cache(maxsize=65536)(lambda text: known(text) * widen)


def width_of(advance: float, size_pt: float) -> float:
    """The width in points of a text of ``advance`` (from :func:`word_advances`): the same
    arithmetic as :func:`text_width`, so the same number to the last bit."""
    return advance / _LOAD_PX * size_pt


def has_wide(text: str) -> bool:
    """Whether ``text`` has a wide East Asian character (measured at least 1 em each, so not
    by its advance alone)."""
    return not text.isascii() and any(unicodedata.east_asian_width(c) in ("W", "F") for c in text)


#: A font's remembered advances are no longer kept between runs past this many texts.
MAX_REMEMBERED = 200_000


class _Advances(dict[str, float]):
    """The advances known of one font, by text; a text not known yet is measured by its
    :class:`_Metrics` on first ask (``__missing__``). A known text costs a dict look-up and no
    Python call: wrapping asks tens of thousands of times (every word and every space between
    two words of every text), nearly always for a text already measured."""

    def __init__(self, metrics: "_Metrics", known: dict[str, float]) -> None:
        super().__init__(known)
        self.metrics = metrics

    def __missing__(self, text: str) -> float:
        return self.metrics.measure(text)


class _Metrics:
    """The advances of texts in one font file, as Pillow measures them, remembered in memory
    and between runs in the cache folder (see :mod:`deckgen.cache`): most texts of a deck were
    measured in the run before, and a run that finds them all never loads the font. The entry is
    named by the file (path, size, modification time) and the measuring code's versions, so a
    changed font, Pillow, FreeType or Raqm never reads old numbers."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entry = _metrics_entry(path)
        found = None
        self.added = False
        kept = cache.read("fonts", self.entry) if self.entry else None
        if kept:
            try:
                found = pickle.loads(kept)
            except Exception:  # an entry that does not load is a miss, whatever it holds
                found = None
        self.known = _Advances(self, found if isinstance(found, dict) else {})

    def usable(self) -> bool:
        """Whether the font can be measured (it was, in an earlier run, or it loads now)."""
        return bool(self.known) or _pil_font(self.path) is not None

    def __call__(self, text: str) -> float:
        return self.known[text]

    def measure(self, text: str) -> float:
        """``text``'s advance from the font itself, then known."""
        font = _pil_font(self.path)
        if font is None:
            raise OSError(f"the font {self.path} can no longer be loaded")
        advance = self.known[text] = font.getlength(text)
        self.added = True
        return advance

    def save(self) -> None:
        if self.added and self.entry and len(self.known) <= MAX_REMEMBERED:
            cache.write("fonts", self.entry, pickle.dumps(dict(self.known), protocol=pickle.HIGHEST_PROTOCOL))
        self.added = False


_LOADED: dict[Path, _Metrics] = {}


def _metrics(path: Path) -> _Metrics:
    found = _LOADED.get(path)
    if found is None:
        found = _LOADED[path] = _Metrics(path)
    return found


def _metrics_entry(path: Path) -> str | None:
    """The cache entry's name for ``path``'s advances (None when the file cannot be read)."""
    from PIL import __version__ as pillow, _imagingft

    try:
        stat = path.stat()
    except OSError:
        return None
    return cache.name(str(path), str(stat.st_size), str(stat.st_mtime_ns), str(_LOAD_PX), pillow,
                      str(_imagingft.freetype2_version), str(getattr(_imagingft, "raqm_version", "")))


def save_metrics() -> None:
    """Keep the advances measured in this run for the next (called when a deck is built)."""
    for metrics in _LOADED.values():
        metrics.save()


@functools.lru_cache(maxsize=4096)
def line_height(family: str, size_pt: float, bold: bool = False) -> float:
    """Height of one line at "single" spacing, in points, from the font's vertical metrics.

    Uses the larger of the hhea line (ascender + descender + line gap, what LibreOffice uses)
    and the OS/2 Windows metrics (what PowerPoint uses), and never less than 1.2 em. Cached
    like the file it reads: every paragraph and table cell measured asks.
    """
    path = font_file(family, bold)
    em = _line_em(path) if path is not None else None
    return max(em or FALLBACK_LINE_EM, FALLBACK_LINE_EM) * size_pt


@functools.lru_cache(maxsize=None)
def _line_em(path: Path) -> float | None:
    """Single line height in em read from the font's ``head``/``hhea``/``OS/2`` tables."""
    try:
        data = path.read_bytes()
        tables = _sfnt_tables(data)
        upm = struct.unpack_from(">H", data, tables["head"] + 18)[0]
        asc, desc, gap = struct.unpack_from(">hhh", data, tables["hhea"] + 4)
        hhea = asc - desc + gap
        win = 0
        if "OS/2" in tables:
            win = sum(struct.unpack_from(">HH", data, tables["OS/2"] + 74))
        return max(hhea, win) / upm if upm else None
    except (OSError, KeyError, struct.error):
        return None


def _sfnt_tables(data: bytes) -> dict[str, int]:
    """Table tag -> offset for a TrueType/OpenType file (first face of a collection)."""
    base = 0
    if data[:4] == b"ttcf":
        base = struct.unpack_from(">I", data, 12)[0]
    count = struct.unpack_from(">H", data, base + 4)[0]
    tables = {}
    for i in range(count):
        tag, _sum, offset, _len = struct.unpack_from(">4sIII", data, base + 12 + 16 * i)
        tables[tag.decode("latin-1")] = offset
    return tables


def clear_cache() -> None:
    """Forget located files and loaded fonts (for tests that change the environment)."""
    for fn in (font_file, _locate, _font_files, _pil_font, _line_em, line_height, _em_width, word_advances,
               margin, stand_in, _rendered_family, _fontconfig_state):
        fn.cache_clear()
    _LOADED.clear()
