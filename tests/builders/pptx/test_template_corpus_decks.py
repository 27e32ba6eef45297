"""The example project built on every template of the corpus: a package the Open XML SDK accepts
with every part once, that LibreOffice opens with the same number of slides, its cover on the
template's cover layout. Decks are built once (the slow tier) and rendered in one LibreOffice run
(the render tier); the layout choice itself is fast."""
from __future__ import annotations

import io
import signal
import zipfile
from pathlib import Path

import pytest

from deckgen.builders.pptx.layout_choice import choose_layouts, layout_label
from deckgen.builders.pptx.template import open_template
from deckgen.plan.slides import DeckPlan
from tests.support.decks import Rendered, build, open_deck
from tests.support.ooxml import validate_pptx, validator_available
from tests.support.plans import planned
from tests.support.projects import copy_example
from tests.support.templates import corpus, corpus_params

#: For each template: the layout of the cover, of section slides and of content slides.
EXPECTED = {
    "bsc-red.pptx": ("Title Slide", "Section Header", "Title Only"),
    "derived-aptos.pptx": ("Title Slide", "Section Header", "Title Only"),
    "derived-dark-background.pptx": ("Title Slide", "Section Header", "Title Only"),
    "derived-dark-clrmap.pptx": ("Title Slide", "Section Header", "Title Only"),
    "derived-localised-pt.pptx": ("Título da Apresentação", "Cabeçalho da Secção", "Só Título"),
    "derived-logo.pptx": ("Title Slide", "Section Header", "Title Only"),
    "derived-macro.pptx": ("Title Slide", "Section Header", "Title Only"),
    "derived-risky.pptx": ("Title Slide", "Section Header", "Title Only"),
    "derived-sample-link.pptx": ("Title Slide", "Section Header", "Title Only"),
    "derived-two-masters.pptx": ("Cover", "Chapter", "Title Only"),
    "derived-untyped.pptx": ("Layout 1", "Layout 6", "Layout 6"),  # by placeholders; no section
    "jmablog-dark-mode.pptx": ("Title Slide", "1_Section Header", "Title Only"),
    "jmablog-nord.pptx": ("Title Slide", "1_Section Header", "Title Only"),
    # LibreOffice: each master is one design; the sample slides say which is the cover's
    "lo-beehive.pptx": ("Title Slide (master 1)", "Title Only (master 2)", "Title Only (master 2)"),
    "lo-focus.pptx": ("Title Slide (master 1)", "Title Only (master 2)", "Title Only (master 2)"),
    "lo-midnightblue.potx": ("Title Slide (master 2)", "Title Only (master 1)", "Title Only (master 1)"),
    "lo-midnightblue.pptx": ("Title Slide (master 2)", "Title Only (master 1)", "Title Only (master 1)"),
    "lo-vivid.potx": ("Title Slide (master 1)", "Title Only (master 2)", "Title Only (master 2)"),
    "pandoc-reference.pptx": ("Title Slide", "Section Header", "Title Only"),
    "python-pptx-default.pptx": ("Title Slide", "Section Header", "Title Only"),
}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> DeckPlan:
    return planned(copy_example(tmp_path_factory.mktemp("corpus")))[1]


BUILD_SECONDS = 60  # a build takes 1 to 4 s; one that does not end is a failure, not a hung run


class BuildHung(Exception):
    pass


def _build_within(plan: DeckPlan, seconds: int) -> bytes:
    def give_up(*_: object) -> None:
        raise BuildHung(f"the build did not finish in {seconds} s")
    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        return build(plan)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def decks(example: DeckPlan) -> dict[str, bytes | BuildHung]:
    built: dict[str, bytes | BuildHung] = {}
    for template in corpus():
        example.template = template.data
        try:
            built[template.name] = _build_within(example, BUILD_SECONDS)
        except BuildHung as hung:
            built[template.name] = hung
    example.template = None
    return built


def deck_of(decks: dict[str, bytes | BuildHung], name: str) -> bytes:
    found = decks[name]
    if isinstance(found, BuildHung):
        pytest.fail(f"{name}: {found}")
    return found


@pytest.fixture(scope="module")
def rendered(decks: dict[str, bytes | BuildHung], render_deck) -> dict[str, Rendered]:  # type: ignore[no-untyped-def]
    done = {name: data for name, data in decks.items() if isinstance(data, bytes)}
    return dict(zip(done, render_deck.many(list(done.values())), strict=True))


def test_every_corpus_template_has_its_expectations() -> None:
    assert sorted(EXPECTED) == sorted(t.name for t in corpus())


@pytest.mark.parametrize("template", corpus_params())
def test_layouts_are_chosen_as_expected(template) -> None:  # type: ignore[no-untyped-def]
    brand = open_template(template.data)
    chosen = choose_layouts(brand.prs, {}, brand.sample_layouts)
    labels = tuple(layout_label(brand.prs, chosen[k].layout) for k in ("title", "section", "content"))
    assert labels == EXPECTED[template.name]
    assert "as content" not in chosen["title"].how and "fewest" not in chosen["content"].how


@pytest.mark.slow
@pytest.mark.parametrize("template", corpus_params())
def test_the_package_is_clean(template, decks: dict[str, bytes | BuildHung], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = deck_of(decks, template.name)
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    assert len(names) == len(set(names))
    slides = [n for n in names if n.startswith("ppt/slides/slide")]
    assert len(slides) == len(open_deck(data).slides)
    assert not any(b'TargetMode="External"' in archive.read(n) for n in names if n.endswith(".rels"))
    if validator_available():
        path = tmp_path / "deck.pptx"
        path.write_bytes(data)
        assert validate_pptx(path) == []


@pytest.mark.parametrize("template", corpus_params())
def test_libreoffice_opens_every_slide_and_the_cover_is_on_the_cover_layout(  # type: ignore[no-untyped-def]
        template, decks: dict[str, bytes | BuildHung], rendered: dict[str, Rendered], example: DeckPlan) -> None:
    deck = open_deck(deck_of(decks, template.name))
    assert rendered[template.name].pages == len(deck.slides)
    cover = deck.slides[0]
    assert layout_label(deck, cover.slide_layout) == EXPECTED[template.name][0]
    assert cover.shapes.title is not None and cover.shapes.title.is_placeholder
    assert cover.shapes.title.text_frame.text == example.slides[0].title.strip()
