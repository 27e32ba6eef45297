"""A template's colours as PowerPoint resolves them (colour map, backgrounds, text styles), the
deck's palettes made from them, and what ``check`` says about them."""
from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from deckgen.model.contrast import LARGE_MINIMUM, TEXT_MINIMUM, contrast
from deckgen.plan.colour_check import status_clashes, template_problems
from deckgen.plan.palette import deck_colours
from deckgen.plan.template_colours import modified_colour, read_template_colours
from tests.support import branded, deckplans
from tests.support.templates import template

A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def layouts(data: bytes) -> dict[str, object]:
    found = read_template_colours(data)
    assert found is not None
    return {layout.name: layout for layout in found.layouts}


def test_a_colour_map_that_swaps_light_and_dark_makes_a_dark_slide_with_light_text() -> None:
    content = layouts(branded.dark_by_colour_map())["Title Only"]
    assert (content.background, content.body, content.title) == ("#000000", "#FFFFFF", "#FFFFFF")
    assert content.slots["tx1"] == "#FFFFFF" and content.slots["bg1"] == "#000000"


def test_a_master_background_is_the_background_of_every_layout() -> None:
    found = layouts(branded.dark_by_background())
    assert {lay.background for lay in found.values()} == {"#" + branded.NAVY}
    assert found["Title Only"].body == "#FFFFFF"  # the master's text styles


def test_the_office_default_is_white_with_black_text() -> None:
    content = layouts(deckplans.brand_template())["Headline"]
    assert (content.background, content.body) == ("#FFFFFF", "#000000")


def test_a_layout_override_of_the_colour_map_and_its_own_background_lead() -> None:
    data = _edited(branded.dark_by_colour_map(), "ppt/slideLayouts/slideLayout6.xml", _light_layout)
    found = layouts(data)
    assert (found["Title Only"].background, found["Title Only"].body) == ("#FAFAF0", "#000000")
    assert found["Title and Content"].background == "#000000"


def _light_layout(root: etree._Element) -> None:
    """A light layout on a dark master: the map overridden back, its own cream background."""
    p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    override = root.find(f"{{{p}}}clrMapOvr")
    for child in list(override):
        override.remove(child)
    etree.SubElement(override, f"{{{A}}}overrideClrMapping", bg1="lt1", tx1="dk1", bg2="lt2",
                     tx2="dk2", accent1="accent1", accent2="accent2", accent3="accent3",
                     accent4="accent4", accent5="accent5", accent6="accent6", hlink="hlink",
                     folHlink="folHlink")
    csld = root.find(f"{{{p}}}cSld")
    bg = etree.Element(f"{{{p}}}bg")
    fill = etree.SubElement(etree.SubElement(bg, f"{{{p}}}bgPr"), f"{{{A}}}solidFill")
    etree.SubElement(fill, f"{{{A}}}srgbClr", val="FAFAF0")
    etree.SubElement(bg.find(f"{{{p}}}bgPr"), f"{{{A}}}effectLst")
    csld.insert(0, bg)


def _edited(data: bytes, part: str, change) -> bytes:  # type: ignore[no-untyped-def]
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == part:
                root = etree.fromstring(body)
                change(root)
                body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info, body)
    return out.getvalue()


def test_theme_shades_are_applied_as_powerpoint_does() -> None:
    darker = etree.fromstring(f'<a:schemeClr xmlns:a="{A}" val="tx1"><a:lumMod val="50000"/></a:schemeClr>')
    assert modified_colour("#FFFFFF", darker) == "#808080"
    lighter = etree.fromstring(f'<a:schemeClr xmlns:a="{A}" val="tx1"><a:lumMod val="75000"/>'
                               f'<a:lumOff val="25000"/></a:schemeClr>')
    assert modified_colour("#000000", lighter) == "#404040"


def test_many_coloured_artwork_under_the_body_asks_for_a_panel_in_the_slide_background() -> None:
    focus = read_template_colours(template("lo-focus.pptx").data)
    assert focus is not None
    content = next(lay for lay in focus.layouts if lay.name == "Title, Content")
    assert content.panel and content.background == content.slots["bg1"] == "#FFFFFF"
    assert deck_colours("#123456", "#654321", template("lo-focus.pptx").data).panel(content.part)
    # one band across the body (two colours), or none, is left to the text colours
    for name in ("lo-vivid.potx", "derived-logo.pptx"):
        found = read_template_colours(template(name).data)
        assert found is not None and not any(lay.panel for lay in found.layouts)


def test_many_coloured_artwork_under_a_title_box_asks_for_a_panel_and_the_title_is_coloured_for_it() -> None:
    focus = read_template_colours(template("lo-focus.pptx").data)
    assert focus is not None
    cover = focus.layouts[1]  # the first master's Title Slide: its title box crosses four freeforms
    assert cover.title_panel and cover.title_background == cover.background == "#FFFFFF"
    # the master's title box lies on two colours only (red, purple): left to the text colours
    assert not cover.master_title_panel and cover.master_title_background == "#780373"
    colours = deck_colours("#123456", "#654321", template("lo-focus.pptx").data)
    assert colours.title_panel(cover.part, master_title=False)
    assert not colours.title_panel(cover.part, master_title=True)
    # black reads on all four colours under the second master's titles (orange, red, yellow, white)
    assert not any(lay.title_panel for lay in focus.layouts if lay.master != cover.master)
    for name in ("lo-vivid.potx", "lo-midnightblue.pptx", "derived-logo.pptx"):
        found = read_template_colours(template(name).data)
        assert found is not None and not any(lay.title_panel or lay.master_title_panel for lay in found.layouts)


def test_not_a_template_reads_as_none() -> None:
    assert read_template_colours(b"not a zip") is None


@pytest.mark.parametrize("make", [branded.dark_by_colour_map, branded.dark_by_background,
                                  deckplans.brand_template])
def test_every_layout_palette_reads_on_its_background(make) -> None:  # type: ignore[no-untyped-def]
    colours = deck_colours("#1B3A5C", "#F28C28", make())
    assert colours.template is not None
    for layout in colours.template.layouts:
        palette = colours.for_layout(layout.part)
        for what, ink, ground in palette.text_pairs():
            assert contrast(ink, ground) >= TEXT_MINIMUM, (layout.name, what, ink, ground)


def test_the_templates_accents_are_the_brand_for_both_outputs() -> None:
    colours = deck_colours("#1B3A5C", "#F28C28", deckplans.brand_template(accent1="006E51"))
    assert (colours.primary, colours.page.primary) == ("#006E51", "#006E51")
    assert deck_colours("#1B3A5C", "#F28C28").primary == "#1B3A5C"


def test_check_names_template_text_that_does_not_read() -> None:
    black_on_navy = deck_colours("#1B3A5C", "#F28C28", branded.dark_by_background(text="000000"))
    problems = template_problems(black_on_navy)
    assert len(problems) == 2, problems  # title and body, each once for all layouts
    assert "title text #000000 on #1B2A41 has a contrast of 1.5:1, below the 3:1" in problems[0]
    assert "body text #000000 on #1B2A41 has a contrast of 1.5:1, below the 4.5:1" in problems[1]
    assert "'Title Slide', 'Title and Content', 'Section Header' and 8 more" in problems[1]
    assert "deckgen sets the body text it writes there in #FFFFFF (14.4:1) instead" in problems[1]
    assert template_problems(deck_colours("#1B3A5C", "#F28C28", branded.dark_by_background())) == []


def test_text_deckgen_writes_into_placeholders_whose_colour_fails_gets_a_theme_colour_that_reads() -> None:
    black_on_navy = deck_colours("#1B3A5C", "#F28C28", branded.dark_by_background(text="000000"))
    assert black_on_navy.template is not None
    for layout in black_on_navy.template.layouts:
        palette = black_on_navy.for_layout(layout.part)
        assert palette.title_ink is not None and palette.body_ink is not None, layout.name
        assert contrast(palette.title_ink, layout.title_background) >= LARGE_MINIMUM
        assert contrast(palette.body_ink, layout.background) >= TEXT_MINIMUM
        assert palette.slots[palette.body_ink] in ("tx1", "bg1"), "a theme reference"


@pytest.mark.parametrize("make", [branded.dark_by_colour_map, branded.dark_by_background])
def test_a_templates_placeholder_colours_that_read_are_kept(make) -> None:  # type: ignore[no-untyped-def]
    colours = deck_colours("#1B3A5C", "#F28C28", make())
    assert colours.template is not None
    for layout in colours.template.layouts:
        palette = colours.for_layout(layout.part)
        assert (palette.title_ink, palette.body_ink) == (None, None), layout.name


def test_a_layouts_own_shade_of_text_is_read() -> None:
    """python-pptx's section layout sets its body in tx1 with a 75% tint: the grey PowerPoint
    shows a default footer in (a tint mixes with white in linear light)."""
    section = layouts(deckplans.brand_template())["Chapter"]
    assert section.body == "#898989"


def test_a_red_primary_beside_the_red_status_is_named() -> None:
    [clash] = status_clashes(deck_colours("#C8102E", "#F28C28"))
    assert "'off track'" in clash and "■ Off track" in clash
    assert status_clashes(deck_colours("#1B3A5C", "#F28C28")) == []


def test_a_title_moved_to_the_masters_title_box_is_coloured_for_what_the_master_draws_there() -> None:
    """LibreOffice's Midnightblue: every layout's title box sits mid-slide on white, the master's
    on its #2C3E50 band, where the pptx builder puts content slides' titles; black fails there."""
    data = template("lo-midnightblue.pptx").data
    found = read_template_colours(data)
    title_only = found.layout("/ppt/slideLayouts/slideLayout5.xml") if found else None  # the first master's
    assert title_only is not None and title_only.name == "Title Only"
    assert (title_only.title_background, title_only.master_title_background) == ("#FFFFFF", "#2C3E50")
    palette = deck_colours("#1B3A5C", "#F28C28", data).for_layout(title_only.part)
    assert palette.title_ink is None and palette.moved_title_ink is not None
    assert contrast(palette.moved_title_ink, "#2C3E50") >= LARGE_MINIMUM
