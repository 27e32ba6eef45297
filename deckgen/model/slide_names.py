"""Slide names, in one place: the check validates `deck.yaml`'s `slides` with them, the plan orders by them.

A slide is named by its kind (``okrs``) or, for a free-form slide, by its file (``slides/NAME``).
Some slides show optional content; ``absence`` says why such a slide has nothing to show, which
the plan uses to leave it out and the check uses to reject a `slides` list that names it. Some
slides are on request only (``ON_REQUEST``): never in the default order, shown when `slides` names
them; ``in_deck`` is the one answer to "does the deck show this slide", for the deck and the page.
"""
from __future__ import annotations

from typing import Callable, Optional

from .project import Project

FREE_PREFIX = "slides/"

DEFAULT_ORDER: tuple[str, ...] = (
    "title", "charter", "priorities", "big-rocks", "strategy", "team", "okrs", "results", "wins",
    "intake", "asks",  # the asks close the deck: the meeting ends on what we need
)
#: Slides shown only when deck.yaml's `slides` names them: "What changed" since the quarter behind.
ON_REQUEST: tuple[str, ...] = ("changes",)
#: Every built-in slide kind.
BUILT_IN: tuple[str, ...] = DEFAULT_ORDER + ON_REQUEST
#: The slides a layout makes when it makes several, by the names `titles` in deck.yaml gives them.
PARTS: dict[str, tuple[str, ...]] = {"team": ("team-structure", "team-time")}
#: The slides that look back on the quarter behind; every other presents the quarter ahead.
LOOKING_BACK = frozenset({"results", "wins", "intake"})


def part_names(name: str, count: int) -> list[str]:
    """The names of the ``count`` slides slide ``name`` makes, as `titles` keys them."""
    parts = PARTS.get(name, ())
    return [parts[i] if i < len(parts) else name for i in range(count)]


def titled_names() -> list[str]:
    """Every name `titles` may key: each built-in slide (a free-form slide's title is its own
    content already), and the parts of a layout that makes several."""
    return [*BUILT_IN, *(part for parts in PARTS.values() for part in parts)]


def _results(project: Project) -> Optional[str]:
    if project.previous_okrs is None:
        if f"okrs/{project.quarter.previous()}" in project.unread:
            return None  # it is there, with errors of its own
        return f"there is no file for the quarter behind (content/okrs/{project.quarter.previous()}.yaml)"
    return None


def _items(file: str, kind: str) -> Callable[[Project], Optional[str]]:
    def absence(project: Project) -> Optional[str]:
        items = getattr(project, kind)
        if items is None:
            return None if file in project.unread else f"there is no content/{file}"
        if not items.items:
            return f"content/{file} has no top-level bullets (each bullet is one of the slide's items)"
        return None
    return absence


def _intake(project: Project) -> Optional[str]:
    if project.intake is None:
        return None if "intake.yaml" in project.unread else "there is no content/intake.yaml"
    if not project.intake.requests and project.complete("intake.yaml"):
        return "content/intake.yaml lists no requests"
    return None


OPTIONAL: dict[str, Callable[[Project], Optional[str]]] = {
    "results": _results,
    "wins": _items("wins.md", "wins"),
    "asks": _items("asks.md", "asks"),
    "intake": _intake,
    "changes": _results,  # the changes are the quarter behind's OKRs against the quarter ahead's
}


def free_name(file_stem: str) -> str:
    """The slide name of ``content/slides/<file_stem>.md``."""
    return FREE_PREFIX + file_stem


def is_free(name: str) -> bool:
    return name.startswith(FREE_PREFIX)


def known_names(project: Project) -> list[str]:
    """Every slide name this project could show: the built-in kinds, then its free-form slides."""
    free = [free_name(slide.name) for slide in project.free_slides]
    return [*BUILT_IN, *free, *sorted(name for name in project.unread if is_free(name))]


def absence(project: Project, name: str) -> Optional[str]:
    """Why slide ``name`` has no content in ``project``; None when it has some.

    ``name`` must be a built-in kind or ``slides/NAME``; an unknown built-in name raises KeyError.
    """
    if is_free(name):
        stem = name[len(FREE_PREFIX):]
        if name in project.unread or any(slide.name == stem for slide in project.free_slides):
            return None
        return f"there is no content/{name}.md"
    if name not in BUILT_IN:
        raise KeyError(name)
    check = OPTIONAL.get(name)
    return check(project) if check else None


def is_present(project: Project, name: str) -> bool:
    """Whether slide ``name`` has content to show."""
    return absence(project, name) is None


def in_deck(project: Project, name: str) -> bool:
    """Whether the deck shows slide ``name``: chosen (named in `slides`, or without that list in the
    default order or a free-form slide) and with content. The one-pager asks this too, so an
    on-request section appears exactly when its slide does."""
    listed = project.deck.slides
    chosen = name in listed if listed is not None else (name in DEFAULT_ORDER or is_free(name))
    return chosen and is_present(project, name)
