"""The slide pictures against LibreOffice's rendering of the same deck: every word at the same
place and size, and each slide looking the same (a bound on the pixel difference).

The pictures and the .pptx come from one plan, as ``deckgen build --format pptx --format svg``
makes them. Chart text is not compared word by word (LibreOffice's chart engine places its own
labels; the picture's are close, see deckgen/builders/svg/charts.py).
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from deckgen.builders.svg.render import Drawer
from deckgen.builders.svg.svg import svg_document
from deckgen.commands.common import check_project
from deckgen.plan.deck import plan_deck
from deckgen.plan.environment import make_environment
from deckgen.resources import builtin_templates
from tests.support.chromium import Browser, chromium_path
from tests.support.decks import build
from tests.support.large_project import large_project
from tests.support.pictures import chart_boxes, misplaced_words
from tests.support.projects import copy_example
from tests.support.render import pdf_to_pngs

pytestmark = pytest.mark.render

#: Words may drift along a line by this share of their distance from its start: LibreOffice
#: places glyphs on its own grid, up to 0.4% away from the fonts' advances (2 pt at the end of
#: a slide-wide line), either way. Baselines and sizes get no such allowance.
DRIFT = 0.004


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The example and the large project: each one's pictures and .pptx, from one plan."""
    found = {}
    root = tmp_path_factory.mktemp("decks")
    for name, make in (("example", lambda p: copy_example(p, "example")),
                       ("large", lambda p: large_project(p / "large"))):
        folder = make(root)
        checked = check_project(folder)
        plan = plan_deck(checked.project, make_environment(folder, builtin_templates()))
        found[name] = (Drawer().draw(plan), build(plan))
    return found


@pytest.mark.parametrize("name", ["example", "large"])
def test_every_word_sits_where_libreoffice_sets_it(decks: dict, render_deck, name: str) -> None:
    pictures, data = decks[name]
    rendered = render_deck(data)
    assert rendered.pages == len(pictures)
    compared, misplaced = misplaced_words(rendered.pdf, pictures, chart_boxes(rendered.pptx), drift=DRIFT)
    assert compared > 1500
    assert not misplaced, "\n".join(str(m) for m in misplaced[:30])


def test_a_picture_looks_like_libreoffices_slide(decks: dict, render_deck, tmp_path: Path) -> None:
    """Each slide of the example, drawn by Chromium from its SVG, differs from LibreOffice's
    rendering by under 1.5% on average (grey levels, at a quarter of the size: anti-aliasing and
    sub-point text drift stay below that; a missing table, chart or picture does not)."""
    if chromium_path() is None:
        pytest.skip("chromium is not installed")
    pictures, data = decks["example"]
    reference = sorted(pdf_to_pngs(render_deck(data).pdf, tmp_path, dpi=96))
    with Browser() as browser:
        for picture, ref in zip(pictures, reference, strict=True):
            page = tmp_path / f"slide-{picture.number}.html"
            page.write_text("<!doctype html><style>body{margin:0} svg{display:block;width:1280px;height:720px}</style>"
                            + svg_document(picture.scene), encoding="utf-8")
            browser.open(page, 1280, 720)
            drawn = Image.open(io.BytesIO(browser.screenshot())).convert("L").crop((0, 0, 1280, 720))
            expected = Image.open(ref).convert("L").resize((1280, 720))
            small = [im.resize((320, 180), Image.BILINEAR) for im in (drawn, expected)]
            difference = ImageStat.Stat(ImageChops.difference(*small)).mean[0] / 255
            assert difference < 0.015, f"slide {picture.number} differs by {difference:.1%}"
