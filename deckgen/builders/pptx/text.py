"""Writing the plan's paragraphs into text frames, and measuring them exactly as written.

One table (:data:`KINDS`) says how each kind of paragraph looks (space before, weight, colour,
indent); :func:`height` and :func:`write` both read it, so what is measured is what is drawn.
Fitting itself is the caller's: it picks a size from the type scale, asks :func:`height`, and
only writes once the text fits.
"""
from __future__ import annotations

import copy
import functools
import math
from dataclasses import dataclass, replace
from typing import Optional, Sequence

from lxml import etree
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.text.text import TextFrame, _Run
from pptx.util import Pt

from deckgen.plan.slides import Paragraph, Run

from . import wrap
from .design import Design, colour_ref, colour_xml, measurable, prepared_fill
from .fonts import line_height
from .package import strip_control_chars

INSETS = wrap.TEXT_FRAME_INSETS
#: What a continued title, heading or card says.
CONT = " (cont.)"


@dataclass(frozen=True)
class Kind:
    """How a kind of paragraph is set: space before (in em), weight, colour role, list marker."""

    space_em: float
    bold: bool = False
    color: Optional[str] = None
    marker: bool = False


KINDS: dict[str, Kind] = {
    "text": Kind(0.4),
    "bullet": Kind(0.3, marker=True),
    "number": Kind(0.3, marker=True),
    "heading": Kind(0.6, bold=True, color="primary"),
    "line": Kind(0.0),  # a line of a table cell, a card's detail: no space between
}


@dataclass(frozen=True)
class Item:
    """A paragraph as the builder sets it: the plan's paragraph and, for a numbered item, its
    number (kept when a list continues on the next slide)."""

    para: Paragraph
    number: Optional[int] = None

    @property
    def text(self) -> str:
        return clean(self.para.text)


def clean(text: str) -> str:
    """Text safe for a slide: control characters out, tabs as spaces. Printable text (nearly
    all of it: no control character, tab or line end) is safe as it is."""
    if text.isprintable():
        return text
    return strip_control_chars(text).replace("\r", "").replace("\t", " ")


def items(paragraphs: Sequence[Paragraph]) -> list[Item]:
    """Items for ``paragraphs``, numbering each run of numbered paragraphs per level."""
    found: list[Item] = []
    counters: dict[int, int] = {}
    for para in paragraphs:
        if para.kind == "number":
            counters[para.level] = counters.get(para.level, 0) + 1
            counters = {lvl: n for lvl, n in counters.items() if lvl <= para.level}
            found.append(Item(para, counters[para.level]))
        else:
            if para.kind != "bullet" or para.level == 0:
                counters = {}
            found.append(Item(para))
    return found


def plain(text: str, kind: str = "text", bold: bool = False, color: Optional[str] = None) -> Item:
    """An item of one run of ``text``."""
    return item_of((Run(text, bold=bold, color=color),), kind)


def item_of(runs: tuple[Run, ...], kind: str) -> Item:
    """An item of ``runs`` set as ``kind`` (a key of :data:`KINDS`), which may be the builder's own
    "line", a kind the plan's Paragraph type does not name."""
    return Item(Paragraph(runs, kind))  # type: ignore[arg-type]  # "line" is the builder's own kind


def indent(size: float) -> float:
    """Indent per list level, in points: one em, as a bullet and its gap need."""
    return round(size, 1)


def _fit_para(item: Item, size: float, first: bool, bold: bool) -> wrap.Paragraph:
    kind = KINDS[item.para.kind]
    level = item.para.level + (1 if kind.marker else 0)
    heavy = bold or kind.bold or any(r.bold for r in item.para.runs)
    space = 0.0 if first else kind.space_em * size
    return wrap.Paragraph(measurable(item.text), level, heavy, space)


def height(items_: Sequence[Item], family: str, size: float, width: float,
           bold: bool = False, limit: float = math.inf) -> float:
    """Height of a frame ``width`` wide holding ``items_`` at ``size``, insets included; once
    it passes ``limit``, the height of the paragraphs added so far (past ``limit``, not past
    the whole): a long text that does not fit need not be measured to its end.

    Paragraph heights add up, and each is cached: pagination asks about the same paragraph
    at every fitting level it tries."""
    if not items_:
        return 0.0
    rounded, inner = round(width, 3), 0.0
    for i, item in enumerate(items_):
        inner += _para_height(item, family, size, rounded, i == 0, bold)
        if limit < math.inf and (inner + INSETS.top + INSETS.bottom) / wrap.HEIGHT_SAFETY > limit:
            break
    return (inner + INSETS.top + INSETS.bottom) / wrap.HEIGHT_SAFETY


@functools.lru_cache(maxsize=65536)
def _para_height(item: Item, family: str, size: float, width: float, first: bool,
                 bold: bool) -> float:
    para = _fit_para(item, size, first, bold)
    return wrap.text_height([para], family, size, width, level_indent_pt=indent(size))


def split(items_: Sequence[Item], family: str, size: float, width: float, room: float,
          bold: bool = False) -> tuple[list[Item], list[Item]]:
    """The items that fit a frame ``room`` tall, and the rest; a paragraph may be cut between
    lines, its tail continuing in the rest. The head is empty when not even a line fits."""
    budget = room * wrap.HEIGHT_SAFETY - INSETS.top - INSETS.bottom
    used = 0.0
    for i, item in enumerate(items_):
        h = _para_height(item, family, size, round(width, 3), i == 0, bold)
        if used + h <= budget:
            used += h
            continue
        para = _fit_para(item, size, i == 0, bold)
        spans = _spans(para, family, size, width)
        fit = int((budget - used - para.space_before_pt) // line_height(family, size, para.bold))
        first_under_heading = i > 1 and items_[i - 1].para.kind == "heading"
        if fit <= 0 or fit >= len(spans) or first_under_heading:
            return keep_with_next(list(items_[:i]), list(items_[i:]))
        head = replace(item, para=_slice(item.para, 0, spans[fit - 1][1]))
        tail = replace(item, para=_slice(item.para, spans[fit][0], len(item.text)))
        return keep_with_next([*items_[:i], head], [tail, *items_[i + 1:]])
    return list(items_), []


def split_whole(items_: Sequence[Item], family: str, size: float, width: float, room: float,
                bold: bool = False) -> tuple[list[Item], list[Item]]:
    """Like :func:`split`, but only between paragraphs, so that a part reads as whole thoughts
    (a card's): the head is empty when the first paragraph does not fit whole."""
    head, tail = split(items_, family, size, width, room, bold)
    if head and head[-1] != items_[len(head) - 1]:  # the last of head was cut
        whole = len(head) - 1
        return keep_with_next(list(items_[:whole]), list(items_[whole:]))
    return head, tail


def _spans(para: wrap.Paragraph, family: str, size: float, width: float) -> list[tuple[int, int]]:
    """(start, end) of each line ``para`` wraps into, as offsets into its text."""
    usable = (width - INSETS.left - INSETS.right - para.level * indent(size)) * wrap.WIDTH_SAFETY
    spans, pos = [], 0
    for line in wrap.wrap(para.text, family, size, usable, para.bold):
        start = para.text.find(line, pos) if line else pos
        spans.append((start, start + len(line)))
        pos = start + len(line)
    return spans


def keep_with_next(head: list[Item], tail: list[Item]) -> tuple[list[Item], list[Item]]:
    """Where a slide's text breaks: a heading never ends a slide, nor does a heading with only
    the first of the items under it; a section that goes on repeats its heading "(cont.)", so
    the next slide still says what its bullets are about."""
    while head and tail and head[-1].para.kind == "heading":
        tail.insert(0, head.pop())
    if len(head) >= 2 and tail and head[-2].para.kind == "heading" and tail[0].para.kind != "heading":
        tail[:0] = head[-2:]
        del head[-2:]
    heading = next((item for item in reversed(head) if item.para.kind == "heading"), None)
    if heading is not None and tail and tail[0].para.kind != "heading":
        runs = heading.para.runs if heading.text.endswith(CONT) else (*heading.para.runs, Run(CONT))
        tail.insert(0, replace(heading, para=replace(heading.para, runs=runs)))
    return head, tail


def _slice(para: Paragraph, start: int, end: int) -> Paragraph:
    """The part of ``para`` between character offsets of its (cleaned) text, runs kept."""
    runs: list[Run] = []
    pos = 0
    for run in para.runs:
        text = clean(run.text)
        lo, hi = max(start - pos, 0), min(end - pos, len(text))
        if lo < hi:
            runs.append(replace(run, text=text[lo:hi]))
        pos += len(text)
    if runs:
        runs[0] = replace(runs[0], text=runs[0].text.lstrip())
    return replace(para, runs=tuple(runs))


# Writing --------------------------------------------------------------------------------------
def prepare(body_pr: etree._Element, anchor: str = "top") -> None:
    """Set a text frame's ``a:bodyPr`` up the way it was measured: wrapping, fixed size, known
    insets."""
    _fix_insets(body_pr)
    body_pr.set("wrap", "square")
    body_pr.set("anchor", _ANCHOR[anchor])


def prepare_insets(frame: TextFrame) -> None:
    """Fix a frame's insets and autofit to what was measured (a placeholder keeps its anchor)."""
    _fix_insets(frame._txBody.bodyPr)


def _fix_insets(body_pr: etree._Element) -> None:
    """Written into ``a:bodyPr`` as python-pptx's ``auto_size`` and ``margin_*`` setters write it
    (an inset equal to DrawingML's default is left out), without their lookups: every shape
    with text is prepared."""
    for old in [child for child in body_pr if child.tag in _AUTOFITS]:
        body_pr.remove(old)
    insert_in_order(body_pr, OxmlElement("a:noAutofit"), _AFTER_AUTOFIT)
    for name, points in (("lIns", INSETS.left), ("rIns", INSETS.right), ("tIns", INSETS.top),
                         ("bIns", INSETS.bottom)):
        emu = int(Pt(points))
        if emu != _DEFAULT_INSETS[name]:
            body_pr.set(name, str(emu))
        elif name in body_pr.attrib:
            del body_pr.attrib[name]


_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
_AUTOFITS = frozenset(qn(tag) for tag in ("a:noAutofit", "a:normAutofit", "a:spAutoFit"))
_AFTER_AUTOFIT = frozenset(qn(tag) for tag in ("a:scene3d", "a:sp3d", "a:flatTx", "a:extLst"))
_DEFAULT_INSETS = {"lIns": 91440, "rIns": 91440, "tIns": 45720, "bIns": 45720}  # EMU


def insert_in_order(parent: etree._Element, child: etree._Element,
                    followers: frozenset[str]) -> etree._Element:
    """``child`` placed before the first of ``parent``'s children that the schema puts after it
    (``followers``), as python-pptx inserts: DrawingML's children come in a fixed order."""
    follower = next((c for c in parent if c.tag in followers), None)
    if follower is None:
        parent.append(child)
    else:
        follower.addprevious(child)
    return child


def write(frame: TextFrame, items_: Sequence[Item], design: Design, size: float, *,
          family: Optional[str] = None, color: Optional[str] = None,
          align: Optional[str] = "left", bold: bool = False) -> None:
    """Replace the frame's text with ``items_`` set at ``size`` (an empty list leaves one
    empty paragraph: every text body needs one). ``color`` and ``align`` None keep what the
    frame inherits (a template's placeholder).

    The DrawingML (``a:p``/``a:pPr``/``a:r``/``a:rPr``, in schema order) is copied from
    paragraphs and runs prepared once per look (:func:`_paragraph`, :func:`prepared_run`): python-pptx's
    property setters cost a lookup each, and even an element made directly in its tree costs a
    Python object of python-pptx's class, where a copy is made in lxml alone; a deck sets tens
    of thousands."""
    body = frame._txBody
    for old in body.findall(_P):
        body.remove(old)
    family = family or design.fonts.body
    sz = str(int(round(size * 100)))
    algn = _ALGN[align] if align is not None else None
    for i, item in enumerate(items_ or [Item(Paragraph(()))]):
        kind = KINDS[item.para.kind]
        p = copy.deepcopy(_paragraph(algn, 0 if i == 0 else round(kind.space_em * size * 100), sz))
        body.append(p)
        if kind.marker:
            _marker(p[0], item, size, design)
        tint = design.palette.role(kind.color) or color
        end = p[-1]  # the paragraph's a:endParaRPr: runs go before it
        for run in item.para.runs:
            _run(frame, end, run, design, sz, family, tint, bold or kind.bold)


_P = qn("a:p")


class _Tags(dict[str, str]):
    """DrawingML tag names in Clark notation, worked out once each (``qn`` parses every time)."""

    def __missing__(self, name: str) -> str:
        self[name] = tag = qn("a:" + name)
        return tag


_A = _Tags()
_ALGN = {"left": "l", "center": "ctr", "right": "r"}


@functools.lru_cache(maxsize=1024)
def _paragraph(algn: Optional[str], space: int, sz: str) -> etree._Element:
    """An empty paragraph: aligned ``algn`` (None: inherited), ``space`` hundredths of a point
    before it, its end mark at size ``sz``. Copied, never changed."""
    p = OxmlElement("a:p")
    ppr = etree.SubElement(p, _A["pPr"])
    if algn is not None:
        ppr.set("algn", algn)
    etree.SubElement(etree.SubElement(ppr, _A["spcBef"]), _A["spcPts"], val=str(space))
    etree.SubElement(p, _A["endParaRPr"], lang="en-US", sz=sz)
    return p


@functools.lru_cache(maxsize=1024)
def prepared_run(sz: str, bold: bool, italic: bool, colour: Optional[tuple[str, str]],
                 family: Optional[str], lang: Optional[str] = "en-US") -> etree._Element:
    """A run without text, at size ``sz`` (hundredths of a point), in ``colour`` (a tag and
    value, see :func:`.design.colour_ref`) and ``family``, in language ``lang`` (each None:
    inherited). Copied, never changed."""
    r = OxmlElement("a:r")
    rpr = etree.SubElement(r, _A["rPr"], {"lang": lang, "sz": sz} if lang else {"sz": sz})
    if bold:
        rpr.set("b", "1")
    if italic:
        rpr.set("i", "1")
    if colour is not None:
        rpr.append(copy.deepcopy(prepared_fill(colour)))
    if family is not None:
        etree.SubElement(rpr, _A["latin"], typeface=family)
    etree.SubElement(r, _A["t"])
    return r


def _run(frame: TextFrame, end: etree._Element, run: Run, design: Design, sz: str, family: str,
         color: Optional[str], bold: bool) -> None:
    """``run`` before the paragraph's end mark ``end``; a line break where its text has one."""
    hue = design.palette.role(run.color) or (design.palette.accent_text if run.code else color)
    colour = colour_ref(hue, design.palette) if hue else None
    prepared = prepared_run(sz, bold or run.bold, run.italic, colour, family)
    for n, piece in enumerate(clean(run.text).split("\n")):
        if n:
            br = end.makeelement(_A["br"], {})
            etree.SubElement(br, _A["rPr"], lang="en-US", sz=sz)
            end.addprevious(br)
        if not piece:
            continue
        r = copy.deepcopy(prepared)
        r[1].text = piece
        end.addprevious(r)
        if run.link:
            _Run(r, frame).hyperlink.address = run.link


def _marker(ppr: etree._Element, item: Item, size: float, design: Design) -> None:
    """A bullet or number, hanging, in the accent colour; levels indent by one em."""
    level = item.para.level + 1
    ppr.set("marL", str(Pt(indent(size) * level)))
    ppr.set("indent", str(-Pt(indent(size))))
    colour_xml(etree.SubElement(ppr, _A["buClr"]), design.palette.accent, design.palette)
    if item.para.kind == "number":
        marker = etree.SubElement(ppr, _A["buAutoNum"], type="arabicPeriod")
        if item.number and item.number > 1:
            marker.set("startAt", str(item.number))
    else:
        etree.SubElement(ppr, _A["buFont"], typeface="Arial")
        etree.SubElement(ppr, _A["buChar"], char="•" if level < 2 else "–")
