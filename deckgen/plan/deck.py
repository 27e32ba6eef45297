"""The deck's plan: which slides, in which order, each planned by its layout.

``deck.yaml``'s ``slides`` list decides when present (on-request slides such as ``changes`` appear
only there). Otherwise every slide with content is shown
in the default order, and each free-form slide follows the slide its ``after`` names (or closes the
deck). A free-form slide anchored to a slide the project leaves out still lands where that slide
would have been.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Optional

from jinja2 import Environment

from ..model.project import FreeSlide, Project
from ..model.content import SlideText
from ..model.slide_names import BUILT_IN, DEFAULT_ORDER, free_name, in_deck, is_free, part_names
from .context import SEPARATOR, template_context
from .layout import render_slides
from .slides import DeckPlan, Meta, Slide

#: The layout of each slide kind; a project overrides one by a file of the same name in its templates/.
LAYOUTS = {name: f"slides/{name}.xml" for name in BUILT_IN}
FREE_LAYOUT = "slides/free.xml"


def plan_deck(project: Project, env: Environment) -> DeckPlan:
    """The whole deck as data: slides with their elements and notes, theme, footer and properties."""
    order = slide_order(project)
    context = {**template_context(project), "order": order}  # a layout may say where it stands
    slides = [slide for name in order for slide in plan_slide(project, env, context, name)]
    return DeckPlan(slides=slides, theme=context["theme"], meta=meta(project), footer=context["footer"],
                    template=project.template,
                    layouts=project.deck.layouts.model_dump(exclude_none=True))


def plan_slide(project: Project, env: Environment, context: dict[str, Any], name: str) -> list[Slide]:
    """The slides of slide name ``name``: most layouts make one, some make a point per slide;
    each with the title and subtitle deck.yaml's `titles` gives it."""
    if is_free(name):
        free = next(s for s in project.free_slides if free_name(s.name) == name)
        return render_slides(env, FREE_LAYOUT, name, {**context, "slide": free}, project)
    slides = render_slides(env, LAYOUTS[name], name, context, project)
    return [retitled(slide, project.deck.titles.get(part))
            for slide, part in zip(slides, part_names(name, len(slides)), strict=True)]


def retitled(slide: Slide, given: Optional[SlideText]) -> Slide:
    """``slide`` with the user's title and subtitle. A replaced title's point is not lost: the
    generated title leads the subtitle, so a miss it states still shows."""
    if given is None:
        return slide
    subtitle = given.subtitle if given.subtitle is not None else slide.subtitle
    if given.title is not None:
        subtitle = SEPARATOR.join(part for part in (slide.title.strip(), subtitle) if part)
    return replace(slide, title=given.title if given.title is not None else slide.title, subtitle=subtitle)


def slide_order(project: Project) -> list[str]:
    """Slide names in deck order, leaving out those with nothing to show."""
    listed = project.deck.slides
    names = list(listed) if listed is not None else default_order(project.free_slides)
    return [name for name in names if in_deck(project, name)]


def default_order(free_slides: list[FreeSlide]) -> list[str]:
    """Every built-in slide in order, each followed by the free-form slides placed after it.

    Free-form slides may follow one another; one whose ``after`` names no slide (or that is caught in
    a loop of ``after``s) goes at the end, in file order.
    """
    followers: dict[str, list[str]] = {}
    for slide in free_slides:
        if slide.after is not None:
            followers.setdefault(slide.after, []).append(free_name(slide.name))
    order: list[str] = []

    def place(name: str) -> None:
        if name in order:
            return
        order.append(name)
        for follower in followers.get(name, []):
            place(follower)

    for name in DEFAULT_ORDER:
        place(name)
    for slide in free_slides:
        place(free_name(slide.name))
    return order


def meta(project: Project) -> Meta:
    """The deck file's core properties, from the content alone."""
    deck = project.deck
    audience = f" for {', '.join(deck.audience)}" if deck.audience else ""
    keywords = [deck.company, deck.team, str(deck.year), deck.quarter, "big rocks", "OKRs"]
    return Meta(
        title=f"{deck.team} — {deck.year} plan, {deck.quarter}",
        author=deck.leader.name,
        subject=f"{deck.company} {deck.team}: charter, big rocks, strategy and OKRs{audience}",
        keywords="; ".join(keywords),
    )
