"""DrawingML colour modifiers against the values PowerPoint's colour picker shows for the Office
theme's accent 1 (#4472C4) and its default footer grey, and the one reading both outputs share."""
from __future__ import annotations

import pytest
from lxml import etree

from deckgen.builders.svg.colors import Palette, color_of
from deckgen.model.colour_modifiers import Modifier, modified, scrgb
from deckgen.plan.template_colours import read_template_colours
from tests.support import deckplans

A = "http://schemas.openxmlformats.org/drawingml/2006/main"


@pytest.mark.parametrize(("modifiers", "shown"), [
    ([("lumMod", 0.75)], "#2F5597"),  # "Accent 1, darker 25%"
    ([("lumMod", 0.5)], "#203864"),  # "darker 50%"
    ([("lumMod", 0.6), ("lumOff", 0.4)], "#8FAADC"),  # "lighter 40%"
    ([("lumMod", 0.2), ("lumOff", 0.8)], "#DAE3F3"),  # "lighter 80%"
    ([("alpha", 0.5)], "#4472C4"),  # transparency leaves the colour as it is
])
def test_theme_shades_are_the_ones_powerpoint_shows(modifiers: list[Modifier], shown: str) -> None:
    assert modified("#4472C4", modifiers) == shown


def test_a_chain_is_rounded_once_at_the_end() -> None:
    """Two lumMods in a row are one of their product: nothing is rounded between steps."""
    assert modified("#000000", [("lumMod", 0.75), ("lumOff", 0.25)]) == "#404040"
    assert modified("#4472C4", [("lumMod", 0.9), ("lumMod", 0.5), ("lumOff", 0.1)]) == modified(
        "#4472C4", [("lumMod", 0.45), ("lumOff", 0.1)])


def test_tint_and_shade_mix_in_linear_light() -> None:
    assert modified("#000000", [("tint", 0.75)]) == "#898989"  # the default footer grey
    assert modified("#FFFFFF", [("shade", 0.5)]) == scrgb(0.5, 0.5, 0.5) == "#BCBCBC"
    assert modified("#4472C4", [("tint", 1.0), ("shade", 1.0)]) == "#4472C4"


def test_scrgb_is_linear_light() -> None:
    assert scrgb(0.0, 0.0, 0.0) == "#000000" and scrgb(1.0, 1.0, 1.0) == "#FFFFFF"
    assert scrgb(0.2159, 0.2159, 0.2159) == "#808080"  # sRGB mid-grey is 22% of the light


def test_the_preview_and_the_plan_read_a_shaded_colour_alike() -> None:
    fill = etree.fromstring(f'<a:solidFill xmlns:a="{A}"><a:schemeClr val="tx1"><a:tint val="75000"/>'
                            f'</a:schemeClr></a:solidFill>')
    assert color_of(fill, Palette({"dk1": "000000"}, {"tx1": "dk1"})) == "898989"
    found = read_template_colours(deckplans.brand_template())
    assert found is not None
    assert {lay.name: lay.body for lay in found.layouts}["Chapter"] == "#898989"
    scrgb_fill = etree.fromstring(f'<a:solidFill xmlns:a="{A}"><a:scrgbClr r="21590" g="21590" b="21590"/>'
                                  f'</a:solidFill>')
    assert color_of(scrgb_fill, Palette({}, {})) == "808080"
