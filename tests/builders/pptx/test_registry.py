"""Every kind of slide element is made by the slide markup, typed in the plan and drawn by the
PowerPoint builder: a kind missing from one of them fails here, named, rather than as a KeyError
the first time a deck uses it. Adding an element: CONTRIBUTING.md lists the files."""
from __future__ import annotations

import io
import typing
from datetime import datetime, timezone

import pytest
from pptx import Presentation

from deckgen.builders.pptx.blocks import BLOCKS
from deckgen.builders.pptx.deck import build_pptx
from deckgen.plan import slides as plan
from deckgen.plan.markup import ELEMENTS, Registry, parse_slides
from tests.support.deckplans import deck, png

KINDS: tuple[type, ...] = typing.get_args(plan.Element)

#: The least markup of each tag that makes an element (the ``ref`` tags use the registry below).
SAMPLES = {
    "text": "<text><p>One point</p></text>",
    "markdown": '<markdown ref="0"/>',
    "picture": '<picture ref="1"/>',
    "table": "<table><header><cell>Key result</cell></header><row><cell>Win rate</cell></row></table>",
    "chart": '<chart kind="bar"><category>Q1</category><series name="Pipeline"><value>3</value></series></chart>',
    "cards": '<cards><card title="Launch">Ships in March</card></cards>',
    "orgchart": '<orgchart><node key="a" title="Ada"/><node key="b" title="Ben" parent="a"/></orgchart>',
    "ladder": '<ladder><priority key="p" title="Grow"/><rock key="r" title="Launch"/>'
              '<link rock="r" priority="p"/></ladder>',
    "columns": '<columns><column heading="Left"><text>A</text></column><column><text>B</text></column></columns>',
}


def _registry() -> Registry:
    found = Registry()
    found.reference("markdown", [plan.Text([plan.Paragraph((plan.Run("From Markdown"),))])])
    found.reference("picture", [plan.Picture(png(), "A chart of the quarter")])
    return found


def _parsed(tag: str) -> list[plan.Element]:
    markup = f"<slide><title>{tag}</title><body>{SAMPLES[tag]}</body></slide>"
    [slide] = parse_slides(markup, "content", _registry())
    return slide.elements


def _kinds(elements: list[plan.Element]) -> set[type]:
    """The kinds of ``elements`` and of the elements inside their columns."""
    inner = [e for el in elements if isinstance(el, plan.Columns) for c in el.columns for e in c.elements]
    return {type(el) for el in elements} | (_kinds(inner) if inner else set())


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
def test_every_element_kind_has_a_block(kind: type) -> None:
    assert kind in BLOCKS, (f"plan.{kind.__name__} has no block: add its maker to BLOCKS in "
                            "deckgen/builders/pptx/blocks.py")


def test_the_block_registry_holds_only_element_kinds() -> None:
    assert set(BLOCKS) <= set(KINDS), f"not in plan.Element: {set(BLOCKS) - set(KINDS)}"


def test_every_markup_tag_has_a_sample_here() -> None:
    assert set(SAMPLES) == set(ELEMENTS), f"markup tags without a sample: {set(ELEMENTS) - set(SAMPLES)}"


@pytest.mark.parametrize("tag", sorted(ELEMENTS))
def test_each_markup_tag_makes_plan_elements_with_blocks(tag: str) -> None:
    made = _kinds(_parsed(tag))
    assert made and made <= set(KINDS), f"<{tag}> made {made}, not plan.Element kinds"


def test_the_markup_can_make_every_element_kind() -> None:
    made = set().union(*(_kinds(_parsed(tag)) for tag in ELEMENTS))
    missing = sorted(kind.__name__ for kind in set(KINDS) - made)
    assert not missing, f"no markup tag makes plan.{', plan.'.join(missing)}: add one to ELEMENTS in deckgen/plan/markup.py"


def test_a_deck_with_every_element_kind_builds() -> None:
    slides = [slide for tag in sorted(ELEMENTS)
              for slide in parse_slides(f"<slide><title>{tag}</title><body>{SAMPLES[tag]}</body></slide>",
                                        "content", _registry())]
    data = build_pptx(deck(*slides), datetime(2027, 1, 1, tzinfo=timezone.utc))
    titles = [s.shapes.title.text_frame.text for s in Presentation(io.BytesIO(data)).slides]
    assert set(ELEMENTS) <= set(titles)
