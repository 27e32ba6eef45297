"""Brand templates: their slide size, layouts (found by name, then by type), fonts and colours
lead; their own slides go; a .potx works like a .pptx."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from deckgen.builders.pptx.template import TemplateError, open_template
from deckgen.builders.pptx.layout_choice import choose_layouts
from tests.support import deckplans
from tests.support.decks import build, colour, missing_words, open_deck, slide_texts
from tests.support.ooxml import validate_pptx, validator_available
from tests.support.templates import template

PRESENTATION_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def plan_with(template: bytes):  # type: ignore[no-untyped-def]
    plan = deckplans.every_kind()
    plan.template = template
    return plan


@pytest.fixture(scope="module")
def four_by_three() -> tuple[object, bytes]:
    plan = plan_with(deckplans.brand_template())
    return plan, build(plan)


def test_the_templates_slide_size_is_kept(four_by_three) -> None:  # type: ignore[no-untyped-def]
    deck = open_deck(four_by_three[1])
    assert (Emu(deck.slide_width).inches, Emu(deck.slide_height).inches) == (10.0, 7.5)


def test_renamed_layouts_are_found_by_their_type(four_by_three) -> None:  # type: ignore[no-untyped-def]
    deck = open_deck(four_by_three[1])
    used = [s.slide_layout.name for s in deck.slides]
    assert used[0] == "Cover"  # was "Title Slide"
    assert set(used[1:]) == {"Headline"}  # was "Title Only"


def test_the_templates_own_slides_are_gone(four_by_three) -> None:  # type: ignore[no-untyped-def]
    plan, data = four_by_three
    deck = open_deck(data)
    assert len(deck.slides) == len(plan.slides)
    assert not any("TEMPLATE SAMPLE SLIDE" in t for s in deck.slides for t in slide_texts(s))
    assert missing_words(plan, data) == {}


def test_the_templates_fonts_and_colours_lead(four_by_three) -> None:  # type: ignore[no-untyped-def]
    deck = open_deck(four_by_three[1])
    fonts = {r.font.name for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
             for p in shape.text_frame.paragraphs for r in p.runs if r.font.name}
    assert fonts == {"Arial"}  # the template's theme font, not the plan's Calibri
    rocks = [s for s in deck.slides[2].shapes if s.name.startswith("Big rock: ")]
    # the template's accent 1 (006E51), referred to so that the deck follows a change of theme
    assert {colour(s.fill.fore_color) for s in rocks} == {"scheme:ACCENT_1"}


def test_a_potx_is_used_like_a_pptx(tmp_path: Path) -> None:
    plan = plan_with(deckplans.brand_template(potx=True))
    data = build(plan)
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
    assert PRESENTATION_MAIN in types and b"template.main" not in types
    assert [s.slide_layout.name for s in open_deck(data).slides][:2] == ["Cover", "Headline"]
    if validator_available():
        (tmp_path / "deck.pptx").write_bytes(data)
        assert validate_pptx(tmp_path / "deck.pptx") == []


def test_a_file_that_is_no_presentation_is_a_template_error() -> None:
    with pytest.raises(TemplateError, match="not a PowerPoint file"):
        open_template(b"PK\x03\x04 this is not a zip")
    with pytest.raises(TemplateError):
        open_template(b"%PDF-1.7")


@pytest.mark.parametrize(("names", "kind", "expected"), [
    ({"Title Only": "Title Only"}, "content", "Title Only"),
    ({"Title Only": "title only "}, "content", "title only "),  # case and spaces do not matter
    ({"Title Only": "Headline", "Title and Content": "Text"}, "content", "Headline"),  # by type
    ({"Section Header": "Chapter"}, "section", "Chapter"),
    ({"Title Slide": "Cover"}, "title", "Cover"),
])
def test_layouts_are_chosen_by_name_then_by_type(names: dict[str, str], kind: str, expected: str) -> None:
    prs = Presentation()
    for layout in prs.slide_layouts:
        layout.name = names.get(layout.name, layout.name)
    assert choose_layouts(prs)[kind].layout.name == expected


def test_without_name_or_type_the_layout_with_a_title_and_least_else_is_chosen() -> None:
    prs = Presentation()
    for n, layout in enumerate(prs.slide_layouts):
        layout.name = f"Layout {n}"
        layout._element.attrib.pop("type", None)
    assert choose_layouts(prs)["content"].layout.name == "Layout 5"  # python-pptx's "Title Only"
    assert choose_layouts(prs)["section"].layout.name == "Layout 5"  # no section layout: as content


@pytest.mark.skipif(not validator_available(), reason="the OOXML validator is not installed")
def test_the_open_xml_sdk_finds_no_error(four_by_three, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "deck.pptx"
    path.write_bytes(four_by_three[1])
    assert validate_pptx(path) == []


def test_rendered_no_word_leaves_its_box(four_by_three, render_deck) -> None:  # type: ignore[no-untyped-def]
    plan, data = four_by_three
    rendered = render_deck(data)
    assert rendered.pages == len(plan.slides)
    assert rendered.overflows() == []


def test_a_title_and_subtitle_on_many_coloured_artwork_sit_on_plain_panels_drawn_behind_them() -> None:
    plan = deckplans.every_kind()
    plan.template = template("lo-focus.pptx").data  # its cover's title and subtitle cross four freeforms
    cover = open_deck(build(plan)).slides[0]
    panels = list(cover.shapes)[:2]  # drawn first: under the placeholders
    assert [p.name for p in panels] == ["Panel", "Panel"]
    for holder in cover.placeholders:  # the title and the subtitle
        assert any(p.left <= holder.left and p.top <= holder.top and p.left + p.width >= holder.left + holder.width
                   and p.top + p.height >= holder.top + holder.height for p in panels), holder.name
