"""The slide pictures (``deckgen build --format svg/png``) read back: one per slide, self-contained,
reproducible, every word of the deck on them, a brand template's decorations shown, and a
redraw that reuses what did not change."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

import pytest
from lxml import etree
from jinja2 import Environment
from PIL import Image
from pptx import Presentation
from pptx.presentation import Presentation as PptxPresentation
from pptx.dml.color import RGBColor
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.shapes.autoshape import Shape
from pptx.util import Inches

from deckgen.builders import BuildRun
from deckgen.builders.pptx.wrap import wrap
from deckgen.builders.svg.outputs import png_outputs, svg_outputs
from deckgen.builders.svg.render import Drawer
from deckgen.builders.svg.scene import Image as SceneImage
from deckgen.builders.svg.scene import Path as ScenePath
from deckgen.builders.svg.scene import Rect
from deckgen.commands.build import run_build
from deckgen.commands.common import check_project
from deckgen.plan.deck import plan_deck
from deckgen.model.project import Project
from deckgen.plan.environment import make_environment
from deckgen.plan.slides import DeckPlan
from deckgen.resources import builtin_templates
from tests.support import deckplans
from tests.support.decks import build, open_deck, shapes_in
from tests.support.pictures import scene_words
from tests.support.projects import copy_example
from tests.support.templates import corpus_params

WHEN = datetime(2027, 1, 1, tzinfo=timezone.utc)

SVG = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class Example:
    """The example project checked, its layouts, its plan and its deck as built, made once for
    the tests that only read them."""

    project: Project
    env: Environment
    plan: DeckPlan
    deck: PptxPresentation


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Example:
    root = copy_example(tmp_path_factory.mktemp("svg"))
    checked = check_project(root)
    assert checked.project is not None, checked.reporter.sorted()
    env = make_environment(root, builtin_templates())
    plan = plan_deck(checked.project, env)
    return Example(checked.project, env, plan, open_deck(build(plan)))


def test_a_picture_per_slide_self_contained_and_reproducible(example: Example) -> None:
    first, again = (svg_outputs(BuildRun(example.project, example.env, WHEN)) for _ in range(2))
    assert first == again
    count = len(example.deck.slides)
    assert [name for name, _ in first] == [f"product-marketing-2027-Q1-{n:02d}.svg" for n in range(1, count + 1)]
    for _, data in first:
        root = etree.fromstring(data)
        assert root.tag == f"{SVG}svg"
        assert root.get("viewBox") == "0 0 960 540"
        assert not root.findall(f".//{SVG}script") and not root.findall(f".//{SVG}foreignObject")
        links = [v for el in root.iter() for k, v in el.attrib.items() if k.endswith("href")]
        assert all(link.startswith("data:image/") for link in links)
        assert b"http://" not in data.replace(b'xmlns="http://www.w3.org/2000/svg"', b"")


def test_every_word_of_the_deck_is_drawn_on_its_slide(example: Example) -> None:
    pictures = Drawer().draw(example.plan)
    assert len(pictures) == len(example.deck.slides)
    for picture, slide in zip(pictures, example.deck.slides, strict=True):
        drawn = {w.text for w in scene_words(picture.scene)}
        for shape in shapes_in(slide.shapes):
            if shape.has_text_frame:
                words = set(shape.text_frame.text.split())
                # a word broken after its hyphen is drawn as its two parts
                missing = {w for w in words - drawn if not set(re.split("(?<=-)", w)) <= drawn}
                assert not missing, f"slide {picture.number}: {sorted(missing)}"


@pytest.mark.slow  # Pillow paints all 18 slides at 1280 px; the SVG tests draw the same scenes
def test_png_slides_and_contact_sheet(example: Example) -> None:
    files = png_outputs(BuildRun(example.project, example.env, WHEN))
    *slides, (sheet_name, sheet) = files
    assert sheet_name == "product-marketing-2027-Q1-slides.png"
    for _, data in slides:
        assert Image.open(io.BytesIO(data)).size == (1280, 720)
    assert Image.open(io.BytesIO(sheet)).width == 4 * 320 + 5 * 12


def test_build_writes_the_pictures(example_project: Path, tmp_path: Path) -> None:
    lines = run_build(example_project, tmp_path / "out", ["svg"], False, lambda _line: None).lines
    assert len(lines) == len(list((tmp_path / "out").glob("*.svg"))) > 10


def test_a_redraw_reuses_the_slides_that_did_not_change() -> None:
    plan = deckplans.deck(deckplans.bullets_slide(), deckplans.table_slide(), deckplans.chart_slide())
    drawer = Drawer()
    first = drawer.draw(plan)
    assert drawer.redrawn == len(plan.slides)
    assert drawer.draw(plan) == first and drawer.redrawn == 0
    changed = replace(plan, slides=[plan.slides[0], replace(plan.slides[1], title="A new title"), *plan.slides[2:]])
    again = drawer.draw(changed)
    assert drawer.redrawn == 1
    assert "new" in {w.text for w in scene_words(again[1].scene)}
    assert [p.scene for p in again[2:]] == [p.scene for p in first[2:]]


def test_one_style_lines_break_as_the_builder_measures() -> None:
    """The picture's own wrapping (runs in several styles) agrees with wrap.wrap on text of
    one style and no hyphens, at the width the renderer wraps to."""
    plan = deckplans.deck(deckplans.bullets_slide(3, deckplans.LOREM * 2))
    picture = Drawer().draw(plan)[1]
    lines = [line for line in picture.scene.lines if line.text.startswith(deckplans.LOREM[:20])]
    assert lines, "the long bullet was not drawn"
    start = next(i for i, line in enumerate(picture.scene.lines) if line is lines[0])
    size = lines[0].size
    width, text = _body_text(plan)
    expected = wrap(text, "Calibri", size, width - size)
    got = [line.text for line in picture.scene.lines[start:start + len(expected)]]
    assert got == [e.strip() for e in expected]


def _body_text(plan) -> tuple[float, str]:
    """The width inside the bullets' text box, and its first paragraph, read from the deck."""
    deck = open_deck(build(plan))
    box = next(s for s in shapes_in(deck.slides[1].shapes) if s.has_text_frame and "platform" in s.text_frame.text)
    para = next(p for p in box.text_frame.paragraphs if "platform" in p.text)
    return box.width / 12700 - 14.4, para.text.strip()


def _decorated_template() -> bytes:
    """The test brand template with a coloured master background and a logo bar on the master."""
    prs = Presentation(io.BytesIO(deckplans.brand_template()))
    master = prs.slide_master
    master.background.fill.solid()
    master.background.fill.fore_color.rgb = RGBColor.from_string("F3EFE6")
    sp = CT_Shape.new_autoshape_sp(99, "Logo", "rect", Inches(8.8), Inches(0.2), Inches(1), Inches(0.3))
    master.shapes._spTree.append(sp)
    logo = Shape(sp, master.shapes)
    logo.fill.solid()
    logo.fill.fore_color.rgb = RGBColor.from_string("C0392B")
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def test_a_brand_templates_background_and_decorations_are_drawn() -> None:
    plan = deckplans.deck(deckplans.bullets_slide(), template=_decorated_template())
    for picture in Drawer().draw(plan):
        rects = [i for i in picture.scene.items if isinstance(i, Rect)]
        assert (picture.scene.width, picture.scene.height) == (720, 540)
        assert rects[0].fill == "F3EFE6" and (rects[0].w, rects[0].h) == (720, 540)
        assert any(r.fill == "C0392B" and round(r.x) == round(8.8 * 72) for r in rects)


@pytest.mark.parametrize("plan", [deckplans.every_kind(), deckplans.cjk(), deckplans.long_texts()],
                         ids=["every-kind", "cjk", "long-texts"])
def test_every_element_kind_draws(plan) -> None:
    pictures = Drawer().draw(plan)
    assert len(pictures) == len(open_deck(build(plan)).slides)
    for picture in pictures:
        assert picture.scene.lines, f"slide {picture.number} has no text"
        assert all(re.fullmatch(r"[0-9A-F]{6}", getattr(i, "color", None) or "000000") for i in picture.scene.items)


@pytest.mark.parametrize("template", corpus_params())
def test_every_corpus_template_draws(template) -> None:
    """Each real brand template of the corpus: every planned slide drawn, numbered in order, each
    on the template's own background, its free-form decorations drawn as shapes."""
    plan = replace(deckplans.every_kind(), template=template.data)
    pictures = Drawer().draw(plan)
    assert [p.number for p in pictures] == list(range(1, len(pictures) + 1))
    assert len({p.kind for p in pictures}) == len({s.kind for s in plan.slides})
    for picture in pictures:
        first = picture.scene.items[0]
        assert isinstance(first, (Rect, SceneImage)) and first.x == first.y == 0
    if template.name in ("lo-beehive.pptx", "lo-focus.pptx"):
        assert any(isinstance(i, ScenePath) for p in pictures for i in p.scene.items)
