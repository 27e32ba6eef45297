"""Tests for deckgen.builders.pptx.package, plus an end-to-end check of the pptx toolkit:
fit text with textfit, finalize, validate with the Open XML SDK, render with LibreOffice and
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
from deckgen.builders.pptx.textfit import Paragraph, fit_size
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

BODY = [
    Paragraph("Northwind cuts month-end close from ten days to four.", bold=True),
    Paragraph("Connectors for every major ERP ship in the box, so finance teams start "
              "reconciling on day one instead of after a three-month integration project.",
              space_before_pt=6),
    Paragraph("Forecasts are tuned on each customer's own history.", level=1, space_before_pt=6),
    Paragraph("Pilot customers reported 38% fewer manual journal entries.", level=1,
              space_before_pt=6),
]


def add_fitted_text(
    slide, left: float, top: float, width: float, height: float  # noqa: ANN001 - a Slide
) -> float:
    """A text box whose font size comes from textfit, laid out as textfit assumes."""
    size = fit_size(BODY, "Calibri", width, height, max_pt=40, min_pt=12, level_indent_pt=18)
    assert size is not None
    frame = slide.shapes.add_textbox(Pt(left), Pt(top), Pt(width), Pt(height)).text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for i, para in enumerate(BODY):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.space_before = Pt(para.space_before_pt)
        p.line_spacing = 1.0
        p._p.get_or_add_pPr().set("marL", str(Pt(18 * para.level)))
        run = p.add_run()
        run.text = para.text
        run.font.name, run.font.size, run.font.bold = "Calibri", Pt(size), para.bold
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
