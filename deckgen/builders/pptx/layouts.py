"""The frame every slide gets from its layout: title, footer line, notes.

Which layout a slide kind uses is layout_choice.py's job. The frame uses the layout's own
placeholders where it has them (its title, footer and slide number positions and styles lead)
and the grid where it does not.
"""
from __future__ import annotations

import copy
import os
from dataclasses import dataclass
from typing import Iterable, Optional, cast

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.presentation import Presentation
from pptx.shapes.autoshape import Shape
from pptx.shapes.base import BaseShape
from pptx.shapes.placeholder import LayoutPlaceholder, SlidePlaceholder, _InheritsDimensions
from pptx.shapes.shapetree import SlideShapeFactory
from pptx.slide import Slide, SlideLayout
from pptx.text.text import TextFrame
from pptx.util import Emu, Pt

from . import text
from .design import GAP, INCH, MARGIN, TITLE_LAST_RESORT, TYPE, Box, Design, Scale, colour_ref
from .draw import Canvas, first_in_reading_order
from .text import CONT
from .freearea import draws_slide_number, free_body, obstacles
from .layout_choice import TITLES, ph_type, placeholder_elements, placeholders
from .prepared import count_ids, place, placeholder_basename, stamp
from .title_style import TitleStyle, title_style

_SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
FOOTER_H = 0.3 * INCH


@dataclass(frozen=True)
class Holder:
    """A layout placeholder to clone onto slides, with its box."""

    box: Box
    source: LayoutPlaceholder


@dataclass(frozen=True)
class Frame:
    """Where things go on the slides of one layout, in points; read once per layout."""

    title: Box
    body: Box
    footer: Optional[Holder]
    number: Optional[Holder]
    subtitle: Optional[Box]
    grid_footer: Box
    grid_number: Box
    #: False when the layout or its master draws the slide number itself (then deckgen adds none)
    numbered: bool = True
    #: the layout's title placeholder box, when the frame moved the title off it (too small)
    moved_title: bool = False
    #: the font and case the layout's title placeholder draws the title in (its template's)
    title_style: TitleStyle = TitleStyle()
    #: the title sits in the master's title box (see :func:`_master_title`), over what the master
    #: draws there, so the plan's colour for it there leads
    master_title: bool = False


def slide_size(prs: Presentation) -> tuple[float, float]:
    return Emu(prs.slide_width or 0).pt, Emu(prs.slide_height or 0).pt


def frame_for(prs: Presentation, layout: SlideLayout) -> Frame:
    """The layout's title, subtitle, footer and slide-number boxes (the grid's where it has
    none) and the body: the free area between title and footer line. The title, subtitle and
    body keep off the marks the layout and its master draw (a logo in a corner narrows the
    title box that runs under it; see :mod:`.freearea`)."""
    width, height = slide_size(prs)
    marks = obstacles(layout, (width, height))
    holders = {ph_type(ph): Holder(_box(ph), ph) for ph in reversed(list(layout.placeholders))}
    found = next((holders[k] for k in TITLES if k in holders), None)
    title = found.box if found else Box(MARGIN, 0.35 * INCH, width - 2 * MARGIN, 1.0 * INCH)
    designed = _master_title(layout) if found and PP_PLACEHOLDER.SUBTITLE not in holders else None
    roomy = free_body(_roomy_title(designed or title, width, height), marks)
    footer, number = holders.get(PP_PLACEHOLDER.FOOTER), holders.get(PP_PLACEHOLDER.SLIDE_NUMBER)
    grid_y = height - MARGIN - FOOTER_H + 0.2 * INCH
    grid_footer = Box(MARGIN, grid_y, width - 2 * MARGIN - 1.3 * INCH, FOOTER_H)
    grid_number = Box(width - MARGIN - 1.2 * INCH, grid_y, 1.2 * INCH, FOOTER_H)
    numbered = not draws_slide_number(layout)
    line = [footer.box if footer else grid_footer] + ([number.box if number else grid_number] if numbered else [])
    footer_top = min(box.y for box in line)
    sub = holders.get(PP_PLACEHOLDER.SUBTITLE) or holders.get(PP_PLACEHOLDER.BODY)
    if roomy.y > height / 2:  # a title at the bottom (section layouts): body above it
        body = Box(MARGIN, MARGIN, width - 2 * MARGIN, roomy.y - GAP - MARGIN)
    else:
        top, bottom = roomy.bottom + GAP, min(footer_top - GAP / 2, height - MARGIN)
        body = Box(MARGIN, top, width - 2 * MARGIN, max(bottom - top, 1.0 * INCH))
    body = free_body(body, marks)
    subtitle = free_body(sub.box, marks) if sub else None
    return Frame(roomy, body, footer, number, subtitle, grid_footer, grid_number, numbered,
                 moved_title=roomy != title, title_style=title_style(layout),
                 master_title=designed is not None)


def _master_title(layout: SlideLayout) -> Optional[Box]:
    """The master's title box when every titled layout of the master copies one title box that is
    not the master's, as LibreOffice writes them (each layout with its cover's positions: on
    Midnightblue a "Title Only" title in the middle of the slide, under the band where the master
    draws it, leaving content a third of the slide), and the master's sits higher and is at least
    as wide (it gives content more room). None when the layouts' own boxes are designed (they
    differ from each other, or follow the master)."""
    master = layout.slide_master
    own = next((_box(ph) for ph in list(master.placeholders) if ph_type(ph) in TITLES), None)
    boxes: set[Box] = set()
    titled = 0  # layouts with a title
    for lay in master.slide_layouts:
        titles = {_box(ph) for ph in placeholders(lay) if ph_type(ph) in TITLES}
        boxes |= titles
        titled += bool(titles)
    if own is None or len(boxes) != 1 or titled < 3:
        return None
    copied = next(iter(boxes))
    return own if own != copied and own.y <= copied.y and own.w >= copied.w else None


#: The text of a slide-number field (:func:`_slide_number`) in a footer shape.
_NUMBER_TEXT = f"{qn('p:txBody')}/{qn('a:p')}/{qn('a:fld')}/{qn('a:t')}"

#: The least height a title box is given: two lines at the title scale's floor. A template's
#: title box smaller than that (0.3 in, say) would make titles smaller than their subtitles.
MIN_TITLE_H = 2 * 1.2 * TYPE["title"].floor + 0.1 * INCH


def _roomy_title(title: Box, width: float, height: float) -> Box:
    """``title`` grown to :data:`MIN_TITLE_H`, away from the nearer slide edge; a title box
    narrower than a quarter of the slide (a broken template's, even 0 wide) spans the grid."""
    if title.w < width / 4:
        title = Box(MARGIN, title.y, width - 2 * MARGIN, title.h)
    if title.h >= MIN_TITLE_H:
        return title
    if title.y > height / 2:  # near the bottom: grow upwards
        return Box(title.x, title.bottom - MIN_TITLE_H, title.w, MIN_TITLE_H)
    return Box(title.x, title.y, title.w, MIN_TITLE_H)


def _box(shape: BaseShape) -> Box:
    """The shape's box in points, as python-pptx's ``left``, ``top``, ``width`` and ``height`` read
    it: its own, and what a placeholder has not got its own of from the placeholder it inherits
    from, looked up once for the four (python-pptx searches the layout or master for each)."""
    element = shape._element
    values = [element.x, element.y, element.cx, element.cy]
    if None in values and isinstance(shape, _InheritsDimensions):
        base = shape._base_placeholder
        values = [value if value is not None else getattr(base, attr) if base is not None else None
                  for value, attr in zip(values, ("left", "top", "width", "height"), strict=True)]
    return Box(*(Emu(value).pt for value in values))


# The frame's contents -------------------------------------------------------------------------
def title_size(design: Design, frame: Frame, titles: list[str], scale: Scale) -> float:
    """One size at which every one of ``titles`` fits the title box: the scale's sizes first,
    then smaller down to a last resort, wrapping as needed. A slide and its "(cont.)" slides
    share it, so the title does not change size as the reader moves on. It is measured in the
    font and case the layout's placeholder draws it in, and bold whatever the style says (a
    margin: bold is the wider)."""
    style, family = frame.title_style, frame.title_style.family(design.fonts)
    return min(fit_size([text.plain(style.shown(text.clean(title).strip()), bold=True)], family,
                        frame.title, scale, bold=True) for title in titles)


def set_title(slide: Slide, frame: Frame, title: str, size: float, design: Design) -> None:
    """The title in the layout's title placeholder (its font leads, and its colour where the plan
    found it reads: the palette's ``title_ink``, or ``moved_title_ink`` in the master's title box)
    at ``size``."""
    title = text.clean(title).strip()
    shape = title_shape(slide)
    if shape is None:
        shape = slide.shapes.add_textbox(*frame.title.emu())
        shape.name = "Title"
    elif frame.moved_title:
        place(shape, *frame.title.emu())
    ink = design.palette.moved_title_ink if frame.master_title else design.palette.title_ink
    first_in_reading_order(shape)
    shape.text_frame.word_wrap = True
    text.prepare_insets(shape.text_frame)
    own = not shape.is_placeholder  # a text box of deckgen's: bold, in the heading font and colour
    colour = design.palette.heading if own else ink
    # as python-pptx's text and font setters write a run: no language
    run = text.prepared_run(str(Pt(size).centipoints), own, False,
                            colour_ref(colour, design.palette) if colour else None,
                            design.fonts.heading if own else None, lang=None)
    body = shape.text_frame._txBody
    for old in body.findall(_P):
        body.remove(old)
    for line in title.split("\n"):  # a paragraph a line, as python-pptx's text setter makes them
        p = etree.SubElement(body, _P)
        if line:
            r = copy.deepcopy(run)
            r[1].text = line
            p.append(r)


_P = qn("a:p")


def title_shape(slide: Slide) -> Optional[Shape]:
    """The slide's title placeholder, as python-pptx's ``slide.shapes.title`` finds it (the first
    placeholder whose idx is 0), found without its XPath queries of every shape on the way. A
    ``p:sp`` is made a :class:`SlidePlaceholder` at once (python-pptx's factory queries its type
    again, to pick a subclass whose text is the same)."""
    shapes = slide.shapes
    for element, ph in placeholder_elements(shapes._spTree):
        if int(ph.get("idx", "0")) == 0:
            return SlidePlaceholder(element, shapes) if element.tag == _SP else cast(
                Shape, SlideShapeFactory(element, shapes))
    return None


def unique_title(title: str, seen: set[str]) -> str:
    """``title``, numbered when ``seen`` has it already ("Where our time goes (2)", "… (cont. 2)"),
    and added to ``seen``. Screen readers list a deck's slides by title, and PowerPoint's
    Accessibility Checker asks for each to be its own."""
    stem, cont = (title[:-len(CONT)], True) if title.endswith(CONT) else (title, False)
    new, n = title, 1
    while new in seen:
        n += 1
        new = f"{stem}{CONT[:-1]} {n})" if cont else f"{stem} ({n})"
    seen.add(new)
    return new


def unique_titles(slides: Iterable[Slide]) -> None:
    """Number the titles that repeat an earlier slide's (two slides planned under one title)."""
    seen: set[str] = set()
    for slide in slides:
        shape = title_shape(slide)
        runs = [r for p in shape.text_frame.paragraphs for r in p.runs] if shape is not None else []
        if shape is None or not runs:
            continue
        old = shape.text_frame.text
        new = unique_title(old, seen)
        if new != old:  # the change lies at the end, in the last run
            kept = len(os.path.commonprefix([old, new]))
            last = runs[-1]
            last.text = last.text[:len(last.text) - (len(old) - kept)] + new[kept:]


def fit_size(items: list[text.Item], family: str, box: Box, scale: Scale, bold: bool = False,
             last_resort: float = TITLE_LAST_RESORT) -> float:
    """The largest size from the scale (then below its floor, to ``last_resort`` and on
    down to 6 pt) at which ``items`` fit ``box``."""
    size = scale.max
    while size > 6 and text.height(items, family, size, box.w, bold) > box.h:
        size -= 1 if size > last_resort else 0.5
    return size


def fill_subtitle(slide: Slide, canvas: Canvas, frame: Frame, lines: list[text.Item]) -> bool:
    """Put ``lines`` in the layout's subtitle placeholder, fitted, in the template's colour unless
    the plan found it does not read there (the palette's ``body_ink``); False when there is none."""
    kinds = (PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY)
    holders = [ph for ph in slide.placeholders if ph_type(ph) in kinds]
    holder = min(holders, key=lambda ph: ph_type(ph) != PP_PLACEHOLDER.SUBTITLE, default=None)
    if holder is None or frame.subtitle is None:
        return False
    size = fit_size(lines, canvas.design.fonts.body_measure, frame.subtitle, TYPE["subtitle"],
                    last_resort=11)
    if _box(holder) != frame.subtitle:
        # kept off the layout's marks, or inherited wrongly: python-pptx finds a placeholder's
        # position by its idx, and LibreOffice saves title and subtitle both without one (idx
        # 0), so the subtitle would be fitted to the title's box yet drawn in its own
        holder.left, holder.top, holder.width, holder.height = frame.subtitle.emu()
    text.prepare_insets(holder.text_frame)
    holder.text_frame.word_wrap = True
    text.write(holder.text_frame, lines, canvas.design, size, family=canvas.design.fonts.body,
               color=canvas.design.palette.body_ink, align=None)
    return True


def remove_empty_placeholders(slide: Slide) -> None:
    """Drop placeholders the builder did not fill ("Click to add text" leftovers)."""
    tree = slide.shapes._spTree
    for element, _ in list(placeholder_elements(tree)):
        body = element.find(_TX_BODY) if element.tag == _SP else None  # only a p:sp holds text
        if body is None or not any((t.text or "").strip() for t in body.iterfind(_TEXTS)):
            tree.remove(element)
    count_ids(slide)  # the highest id may have gone


_SP, _TX_BODY = qn("p:sp"), qn("p:txBody")
#: The texts of a text body's runs and fields (a line break, ``a:br``, is blank)
_TEXTS = f"{qn('a:p')}/*/{qn('a:t')}"


class FooterLine:
    """The footer line of one layout's slides (make one per layout's frame and design).

    The first slide with a label gets it drawn by :func:`add_footer`; every later one a copy of
    those shapes, with its own shape ids, names and slide number: python-pptx's placeholder clone
    searches the layout and the slide for each, and the label is fitted the same each time."""

    def __init__(self, frame: Frame, design: Design) -> None:
        self.frame, self.design = frame, design
        #: by label, the shapes as first drawn, each with its placeholder basename (None: a text box)
        self._drawn: dict[str, list[tuple[etree._Element, Optional[str]]]] = {}

    def add(self, slide: Slide, label: str, number: int) -> None:
        """``label`` left and slide ``number`` right at the foot of ``slide``."""
        drawn = self._drawn.get(label)
        if drawn is None:
            made = add_footer(slide, Canvas(slide.shapes, self.design), self.frame, label, number)
            self._drawn[label] = [(copy.deepcopy(shape), basename) for shape, basename in made]
            return
        for shape, basename in drawn:
            number_text = stamp(slide.shapes, shape, basename).find(_NUMBER_TEXT)
            if number_text is not None:
                number_text.text = str(number)


def add_footer(slide: Slide, canvas: Canvas, frame: Frame, label: str,
               number: int) -> list[tuple[etree._Element, Optional[str]]]:
    """The footer line: ``label`` left, the slide number right, in the layout's footer and
    slide-number placeholders when it has them (their style leads), else on the grid. Returns
    the shapes made, each with its placeholder basename (None for a text box on the grid)."""
    design = canvas.design
    parts: list[tuple[Optional[Holder], Box, Optional[str]]] = [(frame.footer, frame.grid_footer, label)]
    if frame.numbered:
        parts.append((frame.number, frame.grid_number, None))
    made: list[tuple[etree._Element, Optional[str]]] = []
    for holder, grid, content in parts:
        if holder is not None:
            slide.shapes.clone_placeholder(holder.source)
            clone = SlideShapeFactory(slide.shapes._spTree.xpath("./p:sp")[-1], slide.shapes)
            shape, box = cast(Shape, clone), holder.box  # a p:sp: a (placeholder) Shape
            made.append((shape._element, placeholder_basename(slide.shapes, shape._element)))
        else:
            align = "left" if content is not None else "right"
            shape = canvas.textbox(grid, [], TYPE["footer"].max, name="Footer", align=align,
                                   color=design.palette.muted)
            box = grid
            made.append((shape._element, None))
        text.prepare_insets(shape.text_frame)
        shape.text_frame.word_wrap = content is not None  # "12" never wraps in a narrow box
        if content is None:
            _slide_number(shape.text_frame, number)
            continue
        size = fit_size([text.plain(content)], design.fonts.body_measure, box, TYPE["footer"],
                        last_resort=7)
        shape.text_frame.text = text.clean(content)
        for run in shape.text_frame.paragraphs[0].runs:
            run.font.size = Pt(size)
    return made


def _slide_number(frame: TextFrame, number: int) -> None:
    """A slide-number field, which PowerPoint renumbers when slides move."""
    para = frame.paragraphs[0]
    for child in list(para._p):
        if child.tag in (qn("a:r"), qn("a:fld"), qn("a:br")):
            para._p.remove(child)
    fld = etree.Element(qn("a:fld"), id=_SLIDE_NUMBER_FIELD, type="slidenum")
    etree.SubElement(fld, qn("a:rPr"), lang="en-US", sz=str(int(TYPE["footer"].max * 100)))
    etree.SubElement(fld, qn("a:t")).text = str(number)
    end = para._p.find(qn("a:endParaRPr"))
    if end is not None:
        end.addprevious(fld)
    else:
        para._p.append(fld)
