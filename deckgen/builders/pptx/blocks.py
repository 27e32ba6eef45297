"""The block registry: which block lays out and draws each kind of plan element.

This module sits above every element module (text, pictures, tables, charts, cards, org charts,
the ladder, columns) and nothing below imports it, so there is no import cycle. :data:`BLOCKS`
has one entry per member of the plan's ``Element`` union; ``tests/builders/pptx/test_registry.py``
fails, naming the kind, when an element has no block (or the markup cannot make it).
"""
from __future__ import annotations

from typing import Any, Callable

from PIL import Image

from deckgen.plan import slides as plan

from . import text
from .cards import cards_block
from .charts import chart_block
from .columns import ColumnsBlock, Heading
from .design import Design
from .flow import Block, Stack
from .ladder import ladder_block
from .orgchart import org_block
from .pictures import PictureBlock
from .tables import table_block
from .textblock import TextBlock

#: Makes the block for an element of the key's type.
BlockMaker = Callable[[Any, Design], Block]


def _text(el: plan.Text, design: Design) -> Block:
    heading = [text.plain(el.heading, "heading")] if el.heading else []
    return TextBlock(heading + text.items(el.paragraphs), design, el.style)


def _picture(el: plan.Picture, design: Design) -> Block:
    """The picture; one Pillow cannot read is named in words instead of failing the deck."""
    try:
        return PictureBlock(el.data, el.alt)
    except (OSError, ValueError, Image.DecompressionBombError):
        said = f"[{text.clean(el.alt) or 'picture'}: not a readable image]"
        return TextBlock([text.plain(said)], design, "caption")


def _columns(el: plan.Columns, design: Design) -> Block:
    return ColumnsBlock(
        [Stack([block_for(e, design) for e in col.elements]) for col in el.columns],
        [Heading(col.heading, design) if col.heading else None for col in el.columns],
        [max(col.weight, 0.01) for col in el.columns],
    )


#: One entry per kind of ``plan.Element``.
BLOCKS: dict[type, BlockMaker] = {
    plan.Text: _text, plan.Picture: _picture, plan.Columns: _columns,
    plan.Table: table_block, plan.Chart: chart_block, plan.Cards: cards_block,
    plan.OrgChart: org_block, plan.Ladder: ladder_block,
}


def block_for(element: plan.Element, design: Design) -> Block:
    """The block that lays out and draws ``element``."""
    return BLOCKS[type(element)](element, design)
