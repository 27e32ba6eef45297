"""build_pptx on a plan with one slide of every element kind, read back with python-pptx."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.util import Emu

from deckgen.builders.pptx import text
from deckgen.builders.pptx.design import INCH, MARGIN, SLIDE_W, TYPE, Box
from deckgen.builders.pptx.text import CONT
from deckgen.builders.pptx.layouts import fit_size
from tests.support import deckplans
from tests.support.decks import (CREATED, build, missing_words, notes, open_deck, shapes_in,
                                 slide_texts)
from tests.support.ooxml import validate_pptx, validator_available

PLAN = deckplans.every_kind()
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def data() -> bytes:
    return build(PLAN)


@pytest.fixture(scope="module")
def deck(data: bytes):  # type: ignore[no-untyped-def]
    return open_deck(data)


def test_slides_follow_the_plan_in_order_at_16_by_9(deck) -> None:  # type: ignore[no-untyped-def]
    titles = [s.shapes.title.text for s in deck.slides]
    assert len(titles) == len(PLAN.slides) and len(set(titles)) == len(titles)  # each its own
    assert all(t == p.title or t.startswith(p.title + " (") for t, p in zip(titles, PLAN.slides, strict=True))
    assert (Emu(deck.slide_width).inches, Emu(deck.slide_height).inches) == pytest.approx((13.333, 7.5), abs=0.001)


def test_every_slide_has_the_plans_speaker_notes(deck) -> None:  # type: ignore[no-untyped-def]
    assert [notes(s) for s in deck.slides] == [s.notes for s in PLAN.slides]


def test_nothing_the_plan_says_is_lost(data: bytes) -> None:
    assert missing_words(PLAN, data) == {}


def test_every_slide_but_the_title_has_the_footer_and_its_number(deck) -> None:  # type: ignore[no-untyped-def]
    title, *rest = deck.slides
    assert PLAN.footer not in slide_texts(title)
    for number, slide in enumerate(rest, start=2):
        texts = slide_texts(slide)
        assert PLAN.footer in texts
        fields = slide._element.findall(f".//{A}fld")
        assert [(f.get("type"), f.findtext(f"{A}t")) for f in fields] == [("slidenum", str(number))]


def test_no_placeholder_is_left_empty(deck) -> None:  # type: ignore[no-untyped-def]
    for slide in deck.slides:
        for ph in slide.placeholders:
            assert ph.text_frame.text.strip(), f"empty placeholder {ph.name} on '{slide.shapes.title.text}'"


def test_shape_ids_are_unique_on_each_slide(deck) -> None:  # type: ignore[no-untyped-def]
    for slide in deck.slides:
        ids = [int(i) for i in slide._element.xpath(".//p:cNvPr/@id")]
        assert len(ids) == len(set(ids))


def test_tables_are_native_with_the_header_and_group_rows(deck) -> None:  # type: ignore[no-untyped-def]
    slide = next(s for s in deck.slides if s.shapes.title.text == "OKRs for the quarter")
    [frame] = [s for s in slide.shapes if s.has_table]
    rows = [[c.text for c in row.cells] for row in frame.table.rows]
    assert rows[0] == ["Key result", "Owner", "Baseline → target", "Confidence"]
    assert rows[1][0] == "Big rock 1" and frame.table.cell(1, 0).is_merge_origin
    assert rows[2] == ["Key result 1: grow the thing by a measurable amount", "Priya Raman", "31% → 38%", "60%"]


def test_charts_are_native_with_their_data_embedded(deck) -> None:  # type: ignore[no-untyped-def]
    charts = [s.chart for slide in deck.slides for s in shapes_in(slide.shapes) if getattr(s, "has_chart", False)]
    assert [c.chart_type for c in charts] == [XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.COLUMN_CLUSTERED,
                                              XL_CHART_TYPE.DOUGHNUT]
    for chart in charts:
        workbook = chart.part.chart_workbook.xlsx_part
        assert workbook is not None and zipfile.is_zipfile(io.BytesIO(workbook.blob))
        assert list(chart.plots[0].series[0].values) == [30.0, 25.0, 30.0, 15.0]
        assert chart.plots[0].has_data_labels
    bar = charts[0]
    assert not bar.has_legend  # one series: the bars are labelled directly
    assert list(bar.plots[0].categories) == ["● Narrative", "Copilot launch", "▲ Win rate", "One-offs"]


def test_the_reference_is_a_labelled_line(deck) -> None:  # type: ignore[no-untyped-def]
    slide = deck.slides[[s.title for s in PLAN.slides].index("Where our time goes")]
    names = [s.name for s in slide.shapes]
    assert "Reference line" in names
    assert "One-off budget: 15%" in slide_texts(slide)


def test_the_ladder_links_rocks_and_shows_the_gap(deck) -> None:  # type: ignore[no-untyped-def]
    slide = deck.slides[2]
    links = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.LINE or s.name == "Supports"]
    assert len(links) == 4
    ids = {s.shape_id: s.name for s in slide.shapes}
    for link in links:
        glued = link._element.xpath(".//a:stCxn/@id | .//a:endCxn/@id")
        assert [ids[int(i)].split(":")[0] for i in glued] == ["Priority", "Big rock"]
    assert "Gap: no big rock" in slide_texts(slide)


def test_the_org_chart_is_boxes_joined_by_glued_connectors(deck) -> None:  # type: ignore[no-untyped-def]
    slide = deck.slides[-1]
    people = [s for s in slide.shapes if s.name.startswith("Person: ")]
    assert len(people) == 7
    connectors = slide._element.xpath(".//p:cxnSp")
    assert len(connectors) == 4  # lead -> 2 managers, each manager -> their team panel
    assert all(c.xpath(".//a:stCxn") and c.xpath(".//a:endCxn") for c in connectors)
    [photo] = [s for s in slide.shapes if s.name.startswith("Photo: ")]
    assert photo.auto_shape_type == MSO_SHAPE.OVAL and photo.width == photo.height
    assert photo.crop_top == pytest.approx(1 / 6, abs=1e-4)  # the centre square of a 2:3 portrait


def test_pictures_are_re_encoded_and_keep_their_aspect_ratio(deck) -> None:  # type: ignore[no-untyped-def]
    [picture] = [s for s in deck.slides[1].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert picture.image.content_type in ("image/png", "image/jpeg")
    assert picture.width / picture.height == pytest.approx(400 / 240, rel=0.01)
    assert picture._element.nvPicPr.cNvPr.get("descr") == "A picture"


def test_core_properties_come_from_the_plan(deck) -> None:  # type: ignore[no-untyped-def]
    props = deck.core_properties
    assert (props.title, props.author, props.subject, props.keywords) == (
        "Test deck", "Test Author", "Plan", "test, deck")
    assert props.last_modified_by == "Test Author"
    assert props.created == CREATED.replace(tzinfo=None)


def test_notes_master_is_listed_for_keynote(data: bytes) -> None:
    xml = zipfile.ZipFile(io.BytesIO(data)).read("ppt/presentation.xml")
    assert b"<p:notesMasterIdLst>" in xml


def test_the_theme_carries_the_decks_colours_and_fonts(data: bytes) -> None:
    theme = zipfile.ZipFile(io.BytesIO(data)).read("ppt/theme/theme1.xml")
    root = etree.fromstring(theme)
    assert root.find(f".//{A}accent1/{A}srgbClr").get("val") == "1B3A5C"
    assert root.find(f".//{A}accent2/{A}srgbClr").get("val") == "F28C28"
    assert root.find(f".//{A}minorFont/{A}latin").get("typeface") == "Calibri"


@pytest.mark.skipif(not validator_available(), reason="the OOXML validator is not installed")
def test_the_open_xml_sdk_finds_no_error(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "deck.pptx"
    path.write_bytes(data)
    assert validate_pptx(path) == []


def test_rendered_every_slide_is_a_page_and_no_word_leaves_its_box(data: bytes, render_deck) -> None:  # type: ignore[no-untyped-def]
    rendered = render_deck(data)
    assert rendered.pages == len(PLAN.slides)
    assert rendered.overflows() == []


def test_a_section_slide_uses_the_section_layout_with_its_lines_in_the_placeholders() -> None:
    from deckgen.plan.slides import Slide, Text
    section = Slide("section", "Part two", [Text([deckplans.para("The quarter ahead")])],
                    subtitle="From strategy to OKRs", layout="section", notes="Section.")
    deck = open_deck(build(deckplans.deck(section)))
    slide = deck.slides[1]
    assert slide.slide_layout.name == "Section Header"
    assert [ph.text_frame.text for ph in slide.placeholders][:2] == [
        "Part two", "From strategy to OKRs\nThe quarter ahead"]


def test_pictures_are_re_encoded_and_unreadable_ones_are_named() -> None:
    import io as _io

    from PIL import Image

    from deckgen.plan.slides import Picture, Slide
    jpeg = _io.BytesIO()
    Image.new("RGB", (300, 200), "#336699").save(jpeg, "JPEG", comment=b"camera metadata")
    slide = Slide("strategy", "Pictures", [Picture(jpeg.getvalue(), "A photo"), Picture(b"GIF89a broken", "A map")],
                  notes="n")
    deck = open_deck(build(deckplans.deck(slide)))
    shapes = list(deck.slides[1].shapes)
    [photo] = [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert photo.image.content_type == "image/jpeg" and b"camera metadata" not in photo.image.blob
    assert "[A map: not a readable image]" in slide_texts(deck.slides[1])


def test_empty_and_ragged_tables_still_give_a_valid_deck() -> None:
    from deckgen.plan.slides import Row, Slide, Table
    tables = [Table([], []), Table([], [Row([deckplans.cell("a")]), Row([deckplans.cell("b"), deckplans.cell("c")])]),
              Table([deckplans.cell("Header only")], [])]
    deck = open_deck(build(deckplans.deck(Slide("x", "Tables", tables, notes="n"))))  # type: ignore[arg-type]
    found = [[[c.text for c in r.cells] for r in s.table.rows] for s in deck.slides[1].shapes if s.has_table]
    assert found == [[["a", ""], ["b", "c"]], [["Header only"]]]


def test_a_slide_and_its_continuations_share_one_title_size() -> None:
    """A title that fits at 32 pt alone but needs less with "(cont.)" is set smaller on every
    part, so the title does not jump in size from one slide to the next."""
    title = "Sixteen key results for the quarter ahead, grouped by big rock"
    box = Box(0, 0, SLIDE_W - 2 * MARGIN, 1.0 * INCH)
    alone = fit_size([text.plain(title, bold=True)], "Calibri", box, TYPE["title"], bold=True)
    continued = fit_size([text.plain(title + CONT, bold=True)], "Calibri", box, TYPE["title"], bold=True)
    assert alone > continued  # the case this test is about
    slides = [s for s in open_deck(build(deckplans.deck(deckplans.table_slide(40, title=title)))).slides
              if s.shapes.title.text.startswith(title)]
    last = slides[-1].shapes.title.text  # "… (cont. 2)": the longest, so the one that sets the size
    longest = fit_size([text.plain(last, bold=True)], "Calibri", box, TYPE["title"], bold=True)
    sizes = {run.font.size.pt for s in slides for p in s.shapes.title.text_frame.paragraphs for run in p.runs}
    assert len(slides) > 1 and sizes == {min(continued, longest)}
