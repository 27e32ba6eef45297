"""Planning a deck project in tests, and reading the plan back as plain text and numbers."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from deckgen.commands.common import require_project
from deckgen.model.project import Project
from deckgen.plan.deck import plan_deck
from deckgen.plan.environment import make_environment
from deckgen.plan.slides import (Cards, Chart, Columns, DeckPlan, Element, Ladder, OrgChart, Slide, Table,
                                 Text)
from deckgen.resources import builtin_templates


def planned(root: Path) -> tuple[Project, DeckPlan]:
    """The checked project at ``root`` (no errors allowed) and its deck plan."""
    project, _ = require_project(root)
    return project, plan_deck(project, make_environment(root, builtin_templates()))


def slide(plan: DeckPlan, kind: str) -> Slide:
    """The one slide of slide name ``kind``."""
    [found] = slides_of(plan, kind)
    return found


def slides_of(plan: DeckPlan, kind: str) -> list[Slide]:
    """The slides of slide name ``kind`` (the team layout makes two: structure, then time)."""
    return [s for s in plan.slides if s.kind == kind]


def elements(items: list[Element]) -> Iterator[Element]:
    """Every element, columns opened up, in reading order."""
    for item in items:
        if isinstance(item, Columns):
            for column in item.columns:
                yield from elements(column.elements)
        else:
            yield item


def only(found: Slide, kind: type) -> Element:
    [element] = [e for e in elements(found.elements) if isinstance(e, kind)]
    return element


def texts(found: Slide) -> list[str]:
    """Every piece of text the slide shows (not its notes), in reading order."""
    out = [found.title, *([found.subtitle] if found.subtitle else [])]
    for item in elements(found.elements):
        if isinstance(item, Text):
            out += [*([item.heading] if item.heading else []), *(p.text for p in item.paragraphs)]
        elif isinstance(item, Table):
            out += [p.text for row in [item.header, *(r.cells for r in item.rows)] for c in row for p in c.paragraphs]
        elif isinstance(item, Chart):
            out += [item.title, *item.categories, *(s.name for s in item.series)]
        elif isinstance(item, Cards):
            for card in item.cards:
                out += [card.title, *([card.subtitle] if card.subtitle else []), *(p.text for p in card.paragraphs),
                        *(b.text for b in card.badges)]
        elif isinstance(item, OrgChart):
            out += [t for n in item.nodes for t in (n.title, n.subtitle, n.detail) if t]
        elif isinstance(item, Ladder):
            out += [t for i in [*item.priorities, *item.rocks] for t in (i.title, i.detail) if t]
    return out


def cell_texts(table: Table) -> list[list[str]]:
    return [[" ".join(p.text for p in c.paragraphs) for c in row.cells] for row in table.rows]
