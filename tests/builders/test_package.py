"""Tests for deckgen.builders.pptx.package, plus an end-to-end check of the pptx toolkit:
fit text with the builder's fitting (``layouts.fit_size`` over ``text.height``), finalize, validate with the Open XML SDK, render with LibreOffice and
look for words that left their boxes."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Emu, Pt

from deckgen.builders.pptx.package import (
    fix_chart_axis_ids,
    finalize,
    strip_control_chars,
)
from deckgen.builders.pptx import text
from deckgen.builders.pptx.design import Box, Design, Fonts, Palette, Scale
from deckgen.builders.pptx.draw import Canvas
from deckgen.builders.pptx.layouts import fit_size
from deckgen.plan.palette import palette
from deckgen.plan.slides import Paragraph, Run
from tests.support import ooxml, render

WHEN = datetime(2027, 1, 15, 9, 30, 0, tzinfo=timezone.utc)
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
WIDE = (Emu(12192000), Emu(6858000))  # 13.333 x 7.5 in, PowerPoint's 16:9


def build_deck(notes: bool = True, chart: bool = True, text: str = "Hello") -> Presentation:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDE
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    slide.shapes.add_textbox(Pt(36), Pt(36), Pt(400), Pt(60)).text_frame.text = text
    if chart:
        data = CategoryChartData()
        data.categories = ["Q1", "Q2", "Q3"]
        data.add_series("Pipeline", (1.0, 2.5, 4.0))
        slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Pt(480), Pt(36), Pt(400),
                               Pt(300), data)
    if notes:
        slide.notes_slide.notes_text_frame.text = "Speaker notes\x07 with a bell"
    return prs


def finalized(prs: Presentation, when: datetime = WHEN) -> bytes:
    return finalize(prs, title="Q1 pitch", author="PMM team", subject="Pitch",
                    keywords="pitch, q1", created=when)


def part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name)


# --- reproducibility ------------------------------------------------------------------------

def test_same_input_and_date_give_identical_bytes() -> None:
    assert finalized(build_deck()) == finalized(build_deck())


def test_a_different_date_gives_different_bytes() -> None:
    assert finalized(build_deck()) != finalized(build_deck(), WHEN + timedelta(days=1))


def test_zip_entries_carry_the_given_date_content_types_first() -> None:
    with zipfile.ZipFile(io.BytesIO(finalized(build_deck()))) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(2027, 1, 15, 9, 30, 0)}


def test_dates_before_1980_are_clamped_for_zip() -> None:
    old = datetime(1970, 1, 1, tzinfo=timezone.utc)
    with zipfile.ZipFile(io.BytesIO(finalized(build_deck(), old))) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_embedded_chart_workbook_is_dated_too() -> None:
    data = finalized(build_deck())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xlsx = [n for n in z.namelist() if n.endswith(".xlsx")]
        assert xlsx
        core = part(z.read(xlsx[0]), "docProps/core.xml").decode()
    assert re.findall(r"W3CDTF\">([^<]+)<", core) == ["2027-01-15T09:30:00Z"] * 2


# --- fixes ----------------------------------------------------------------------------------

def test_core_properties_are_set_and_leftovers_cleared() -> None:
    prs = Presentation(io.BytesIO(finalized(build_deck())))
    props = prs.core_properties
    assert (props.title, props.author, props.last_modified_by) == ("Q1 pitch", "PMM team",
                                                                   "PMM team")
    assert (props.subject, props.keywords, props.revision) == ("Pitch", "pitch, q1", 1)
    assert props.created == props.modified == datetime(2027, 1, 15, 9, 30)
    assert props.comments == "" and props.category == "" and props.last_printed is None


def test_notes_master_is_listed_when_a_slide_has_notes() -> None:
    root = etree.fromstring(part(finalized(build_deck(notes=True)), "ppt/presentation.xml"))
    children = [etree.QName(c).localname for c in root]
    assert children.index("notesMasterIdLst") == children.index("sldMasterIdLst") + 1
    rid = root.find(f"{P}notesMasterIdLst/{P}notesMasterId").get(
        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    rels = part(finalized(build_deck(notes=True)), "ppt/_rels/presentation.xml.rels").decode()
    assert re.search(rf'Id="{rid}"[^>]*notesMaster', rels) or re.search(
        rf'notesMaster[^>]*Id="{rid}"', rels)


def test_no_notes_master_list_without_notes() -> None:
    xml = part(finalized(build_deck(notes=False)), "ppt/presentation.xml")
    assert b"notesMasterIdLst" not in xml


def test_chart_axis_ids_are_positive_and_consistent() -> None:
    xml = part(finalized(build_deck()), "ppt/charts/chart1.xml").decode()
    ids = [int(v) for v in re.findall(r'<c:axId val="(-?\d+)"', xml)]
    crosses = [int(v) for v in re.findall(r'<c:crossAx val="(-?\d+)"', xml)]
    assert ids and crosses and min(ids + crosses) > 0
    assert set(crosses) <= set(ids)  # every crossAx still names an existing axis
    assert len(set(ids)) == 2  # one category axis, one value axis


def test_fix_chart_axis_ids_avoids_ids_already_in_use() -> None:
    c = 'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"'
    taken = -2 & 0x7FFFFFFF
    xml = (f'<c:chartSpace {c}><c:axId val="-2"/><c:axId val="{taken}"/>'
           f'<c:crossAx val="-2"/></c:chartSpace>').encode()
    fixed = [int(v) for v in re.findall(rb'val="(-?\d+)"', fix_chart_axis_ids(xml))]
    assert fixed[0] == fixed[2] and fixed[0] != taken and fixed[0] > 0


def test_control_characters_are_stripped() -> None:
    notes = part(finalized(build_deck()), "ppt/notesSlides/notesSlide1.xml")
    assert b"_x0007_" not in notes and b"Speaker notes with a bell" in notes
    assert strip_control_chars("a\x00b\tc\nd\x1b") == "ab\tc\nd"


def test_contradictory_slide_size_type_is_dropped() -> None:
    xml = part(finalized(build_deck()), "ppt/presentation.xml").decode()
    assert re.search(r'<p:sldSz cx="12192000" cy="6858000"/>', xml)


@pytest.mark.skipif(not ooxml.validator_available(), reason="OOXML validator not installed")
def test_finalized_deck_passes_the_open_xml_sdk_validator(tmp_path: Path) -> None:
    path = tmp_path / "deck.pptx"
    path.write_bytes(finalized(build_deck()))
    assert ooxml.validate_pptx(path) == []


# --- end to end: fit, finalize, validate, render --------------------------------------------

def _para(line: str, kind: str = "text", level: int = 0) -> Paragraph:
    return Paragraph((Run(line),), kind, level)  # type: ignore[arg-type]


BODY = [
    _para("Northwind cuts month-end close from ten days to four.", "heading"),
    _para("Connectors for every major ERP ship in the box, so finance teams start "
          "reconciling on day one instead of after a three-month integration project."),
    _para("Forecasts are tuned on each customer's own history.", "bullet", 1),
    _para("Pilot customers reported 38% fewer manual journal entries.", "bullet", 1),
]
DESIGN = Design(Palette.of(palette("#1B3A5C", "#F28C28")), Fonts("Calibri", "Calibri"))


def add_fitted_text(
    slide, left: float, top: float, width: float, height: float  # a Slide
) -> float:
    """A text box sized and written as the deck builder does: the largest size from 40 pt
    down at which the paragraphs fit, written by the code that measured them."""
    box, items = Box(left, top, width, height), text.items(BODY)
    size = fit_size(items, "Calibri", box, Scale(40, 12))
    Canvas(slide.shapes, DESIGN).textbox(box, items, size)
    return size


def build_e2e_deck(overflow: bool = False) -> Presentation:
    prs = build_deck(notes=True, chart=True, text="Three reasons finance teams switch")
    slide = prs.slides[0]
    size = add_fitted_text(slide, 36, 120, 400, 330)
    assert size > 12  # the box is big enough that fitting does not hit the floor
    if overflow:  # a deliberately overfull box: the checker must catch it
        box = slide.shapes.add_textbox(Pt(480), Pt(400), Pt(200), Pt(30)).text_frame
        box.word_wrap, box.auto_size = True, MSO_AUTO_SIZE.NONE
        box.text = " ".join(["overflowing"] * 30)
    return prs


needs_render = pytest.mark.skipif(
    not (render.soffice_available() and render.poppler_available()),
    reason="LibreOffice or poppler not installed",
)


@needs_render
def test_fitted_text_stays_in_its_box_when_rendered(tmp_path: Path) -> None:
    path = tmp_path / "deck.pptx"
    path.write_bytes(finalized(build_e2e_deck()))
    if ooxml.validator_available():
        assert ooxml.validate_pptx(path) == []
    pdf = render.pptx_to_pdf(path, tmp_path)
    assert render.pdf_page_count(pdf) == 1
    words = {w.text for w in render.pdf_word_boxes(pdf)[0]}
    assert {"Northwind", "Pipeline", "Three"} <= words  # body, chart, title all rendered
    assert render.overflowing_words(path, pdf) == []


@needs_render
def test_overflow_checker_catches_text_outside_its_box(tmp_path: Path) -> None:
    path = tmp_path / "overfull.pptx"
    path.write_bytes(finalized(build_e2e_deck(overflow=True)))
    pdf = render.pptx_to_pdf(path, tmp_path)
    found = render.overflowing_words(path, pdf)
    assert found and {o.word.text for o in found} == {"overflowing"}
    assert {o.slide for o in found} == {1}
