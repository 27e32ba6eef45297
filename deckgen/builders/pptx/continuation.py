"""What a continuation slide holds, so that its title and its notes say so.

A body too long for one slide continues on the next. That slide is titled "… (cont.)" when it
goes on with what the first slide was about; when it opens a new section (a heading, a column
heading) it is titled for the sections it holds instead, since "(cont.)" of another title would
not describe it. Its speaker notes say what it adds, rather than repeating the first slide's.
"""
from __future__ import annotations

from . import text
from .cards import CardsBlock
from .charts import ChartBlock
from .columns import ColumnsBlock, Heading
from .flow import Block, Stack, continued
from .pictures import PictureBlock
from .tables import TableBlock
from .text import CONT
from .textblock import TextBlock

SEPARATOR = " · "
SHORT = 60  # characters of a paragraph quoted in the notes


def parts(block: Block) -> list[str]:
    """What ``block`` shows, named briefly: section headings, a table's objectives (its heading
    rows, else its first row), card titles, a chart's title, a picture's description, or the
    start of its first paragraph."""
    if isinstance(block, Stack):
        return [part for inner in block.blocks for part in parts(inner)]
    if isinstance(block, ColumnsBlock):
        return [part for heading, stack in zip(block.headings, block.stacks, strict=True)
                for part in ([_plain(heading.label)] if heading else parts(stack))]
    return _element_parts(block)


def _element_parts(block: Block) -> list[str]:
    """What one element (not a stack or columns of them) shows, named briefly."""
    if isinstance(block, Heading):
        return [_plain(block.label)]
    if isinstance(block, TextBlock):
        return _text_parts(block)
    if isinstance(block, TableBlock):
        return _table_parts(block)
    if isinstance(block, CardsBlock):
        return [_plain(card.title) for card in block.cards]
    if isinstance(block, ChartBlock):
        return [_plain(block.chart.title)] if block.chart.title else []
    if isinstance(block, PictureBlock):
        return [_plain(block.alt)] if block.alt else []
    return []


def _text_parts(block: TextBlock) -> list[str]:
    """A text's headings, else the start of its first paragraph (a subtitle: nothing)."""
    if block.style == "subtitle" or not block.items:
        return []
    headings = [item.text for item in block.items if item.para.kind == "heading"]
    return headings or [_short(block.items[0].text)]


def _table_parts(block: TableBlock) -> list[str]:
    """A table's objectives (its heading and group rows), else its first row."""
    rows = block.table.rows
    labels = [_plain(row.cells[0].paragraphs[0].text) for row in rows
              if (row.heading or row.group) and row.cells and row.cells[0].paragraphs]
    first = [_plain(rows[0].cells[0].paragraphs[0].text)] if rows and rows[0].cells and \
        rows[0].cells[0].paragraphs else []
    return _once(labels or first)


def opens_section(page: Stack) -> list[str]:
    """The sections a continuation page holds when it opens with a new one (a heading first),
    else nothing: it goes on with the slide before."""
    blocks = [b for b in page.blocks if not (isinstance(b, TextBlock) and b.style == "subtitle")]
    if not blocks:
        return []
    first = _headings(blocks[0], raw=True)[:1] if _opens(blocks[0]) else []
    if not first or text.clean(first[0]).endswith(CONT):  # a heading repeated "(cont.)" goes on
        return []
    return _once([part for block in blocks for part in _headings(block)])


def title(slide_title: str, page: Stack) -> str:
    """A continuation page's title: its sections' headings when it opens a new section, else
    the slide's title marked "(cont.)"."""
    sections = opens_section(page)
    return SEPARATOR.join(sections) if sections else continued(slide_title.strip())


def notes(slide_title: str, page: Stack) -> str:
    """A continuation page's notes: where it continues from, and what it adds."""
    adds = _once(parts(page))
    said = f"Continued from “{slide_title.strip()}”."
    return f"{said} This slide adds: {'; '.join(adds)}." if adds else said


def _opens(block: Block) -> bool:
    """Whether ``block`` starts with a heading (its own, or its columns')."""
    return isinstance(block, Heading) or (isinstance(block, TextBlock) and bool(block.items)
                                           and block.items[0].para.kind == "heading") or \
        (isinstance(block, ColumnsBlock) and any(block.headings))


def _headings(block: Block, raw: bool = False) -> list[str]:
    """The headings ``block`` shows, "(cont.)" removed unless ``raw``."""
    clean = (lambda label: text.clean(label).strip()) if raw else _plain
    if isinstance(block, Heading):
        return [clean(block.label)]
    if isinstance(block, TextBlock):
        return [clean(item.text) for item in block.items if item.para.kind == "heading"]
    if isinstance(block, ColumnsBlock):
        return [clean(h.label) for h in block.headings if h] or \
            [part for stack in block.stacks for inner in stack.blocks for part in _headings(inner, raw)]
    return []


def _plain(label: str) -> str:
    cleaned = text.clean(label).strip()
    return cleaned[: -len(CONT)].strip() if cleaned.endswith(CONT) else cleaned


def _short(line: str) -> str:
    line = _plain(line)
    return line if len(line) <= SHORT else line[:SHORT].rsplit(" ", 1)[0] + "…"


def _once(items: list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen
