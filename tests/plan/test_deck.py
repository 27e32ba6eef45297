"""Which slides a deck has, in which order, and the deck-wide parts of its plan."""
from __future__ import annotations

from pathlib import Path

from deckgen.model.project import FreeSlide, Markdown
from deckgen.plan.deck import default_order
from tests.support.plans import planned
from tests.support.templates import template

EXAMPLE_ORDER = ["title", "charter", "priorities", "big-rocks", "strategy", "slides/launch-calendar", "team",
                 "team", "okrs", "results", "wins", "intake", "asks"]


def kinds(root: Path) -> list[str]:
    return [s.kind for s in planned(root)[1].slides]


def add_slide(root: Path, name: str, title: str, after: str | None = None) -> None:
    front = f"title: {title}\n" + (f"after: {after}\n" if after else "")
    (root / "content" / "slides" / f"{name}.md").write_text(f"---\n{front}---\n\nBody of {name}.\n")


def test_example_in_default_order_with_the_free_slide_after_strategy(example_project: Path) -> None:
    assert kinds(example_project) == EXAMPLE_ORDER


def test_absent_content_is_left_out_silently(example_project: Path) -> None:
    for name in ("okrs/2026-Q4.yaml", "wins.md", "intake.yaml"):
        (example_project / "content" / name).unlink()
    assert kinds(example_project) == [k for k in EXAMPLE_ORDER if k not in ("results", "wins", "intake")]


def test_a_free_slide_after_an_absent_slide_lands_where_that_slide_would_be(example_project: Path, edit) -> None:
    (example_project / "content" / "okrs" / "2026-Q4.yaml").unlink()
    edit("slides/launch-calendar.md", "after: strategy", "after: results")
    assert kinds(example_project) == ["title", "charter", "priorities", "big-rocks", "strategy", "team", "team",
                                      "okrs", "slides/launch-calendar", "wins", "intake", "asks"]


def test_free_slides_without_after_close_the_deck_and_may_follow_each_other(example_project: Path) -> None:
    add_slide(example_project, "b-closing", "Thank you")
    add_slide(example_project, "a-appendix", "Appendix", after="slides/launch-calendar")
    add_slide(example_project, "c-first", "Agenda", after="title")
    assert kinds(example_project) == ["title", "slides/c-first", "charter", "priorities", "big-rocks", "strategy",
                                      "slides/launch-calendar", "slides/a-appendix", "team", "team", "okrs", "results",
                                      "wins", "intake", "asks", "slides/b-closing"]


def test_the_slides_list_selects_and_orders(example_project: Path, edit) -> None:
    listed = "slides: [okrs, slides/launch-calendar, title, results]\n"
    edit("deck.yaml", "# slides:\n#   - title\n", listed + "# - title\n")
    assert kinds(example_project) == ["okrs", "slides/launch-calendar", "title", "results"]


def test_after_chains_and_loops_never_lose_a_slide() -> None:
    body = Markdown("x", "content/slides/x.md")
    free = [FreeSlide("a", "A", "slides/b", body), FreeSlide("b", "B", "slides/a", body),
            FreeSlide("c", "C", "no-such-slide", body), FreeSlide("d", "D", "slides/c", body)]
    order = default_order(free)
    assert order[:11] == ["title", "charter", "priorities", "big-rocks", "strategy", "team", "okrs", "results",
                          "wins", "intake", "asks"]
    assert order[11:] == ["slides/a", "slides/b", "slides/c", "slides/d"]


def test_meta_footer_and_theme_come_from_the_content(example_project: Path) -> None:
    _, plan = planned(example_project)
    assert plan.meta.title == "Product Marketing — 2027 plan, 2027-Q1"
    assert plan.meta.author == "Maya Okafor"
    assert "Northwind Analytics" in plan.meta.subject and "CMO, Head of Sales, Head of Product" in plan.meta.subject
    assert plan.meta.keywords.split("; ")[:4] == ["Northwind Analytics", "Product Marketing", "2027", "2027-Q1"]
    assert plan.footer == "Confidential — internal use · Product Marketing · January 5, 2027"
    assert (plan.theme.primary, plan.theme.accent, plan.theme.font, plan.theme.heading_font) == (
        "#1B3A5C", "#F28C28", "Calibri", "Calibri")
    assert plan.template is None


def test_defaults_when_deck_yaml_says_little(example_project: Path, edit) -> None:
    edit("deck.yaml", "confidentiality: Confidential — internal use\n", "")
    edit("deck.yaml", "  font: Calibri\n  heading_font: Calibri\n", "  font: Aptos\n")
    _, plan = planned(example_project)
    assert plan.footer == "Product Marketing · January 5, 2027"
    assert (plan.theme.font, plan.theme.heading_font) == ("Aptos", "Aptos")


def test_the_brand_template_bytes_travel_with_the_plan(example_project: Path, edit) -> None:
    brand = example_project / "content" / "brand.potx"
    brand.write_bytes(template("lo-vivid.potx").data)  # check reads it: it must be a real one
    edit("deck.yaml", "# template: brand/northwind-2027.potx", "template: brand.potx")
    _, plan = planned(example_project)
    assert plan.template == brand.read_bytes()
