"""A title in the layout's placeholder is measured in the font and case the template draws it in,
not the theme's: bsc-red's master names a font of its own for titles (LibreOffice draws it with
DejaVu Sans, far wider than the theme's Calibri) and its "Section Header" sets them in capitals."""
from __future__ import annotations

from deckgen.builders.pptx.design import Fonts
from deckgen.builders.pptx.layout_choice import choose_layouts
from deckgen.builders.pptx.template import open_template
from deckgen.builders.pptx.title_style import TitleStyle, title_style
from tests.support.templates import template

THEME = Fonts(body="Calibri", heading="Calibri Light")


def _styles(name: str) -> dict[str, TitleStyle]:
    brand = open_template(template(name).data)
    chosen = choose_layouts(brand.prs, {}, brand.sample_layouts)
    return {kind: title_style(chosen[kind].layout) for kind in ("title", "section", "content")}


def test_the_masters_title_font_and_the_layouts_capitals_are_read() -> None:
    styles = _styles("bsc-red.pptx")
    assert {s.family(THEME) for s in styles.values()} == {"HelveticaNeueforSAS"}
    assert styles["section"].shown("Where we stand") == "WHERE WE STAND"
    assert styles["content"].shown("Where we stand") == "Where we stand"


def test_a_title_style_naming_the_theme_font_is_measured_in_the_theme_font() -> None:
    styles = _styles("python-pptx-default.pptx")
    assert {s.family(THEME) for s in styles.values()} == {"Calibri Light"}
