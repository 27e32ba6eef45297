"""The one-pager's "What changed" section: there exactly when the deck has the `changes` slide, with its words."""
from __future__ import annotations

from pathlib import Path

from deckgen.plan.slides import Table
from tests.plan.test_changes_slide import diff_objectives, name_slides
from tests.support.page import build_page, parse, text
from tests.support.plans import cell_texts, only, planned, slide


def changes_section(root: Path):  # type: ignore[no-untyped-def]
    page = parse(build_page(root))
    found = [h.getparent() for h in page.iter("h2") if text(h).startswith("What changed")]
    return found[0] if found else None


def test_named_in_slides_the_page_shows_what_the_slide_shows(example_project: Path) -> None:
    name_slides(example_project, "title", "changes", "results")
    section = changes_section(example_project)
    assert section is not None
    assert text(section.find("h2")) == "What changed since 2026-Q4"
    found = slide(planned(example_project)[1], "changes")
    assert text(section.find(".//p[@class='summary']")) == found.title + "."
    rows = [[text(cell) for cell in tr] for tr in section.find(".//tbody/..").iter("tr")][1:]
    assert rows == cell_texts(only(found, Table))  # same groups, rows and words as the slide
    shown = {(row[0], row[1]) for row in rows if len(row) == 3}
    labels = {"added": "+ Added", "dropped": "− Dropped"}
    assert shown == {(labels[kind], title) for kind, title, _ in diff_objectives(example_project)}
    assert section.getparent().get("class") == "column"  # beside the results, not a page of its own
    assert section.find(".//th[@scope='rowgroup']").get("colspan") == "3"


def test_not_named_the_page_has_no_such_section(example_project: Path) -> None:
    assert changes_section(example_project) is None
    name_slides(example_project, "title", "okrs", "results")
    assert changes_section(example_project) is None


def test_nothing_changed_has_a_summary_and_no_table(example_project: Path) -> None:
    okrs = example_project / "content" / "okrs"
    (okrs / "2026-Q4.yaml").write_text((okrs / "2027-Q1.yaml").read_text(encoding="utf-8")
                                       .replace("quarter: 2027-Q1", "quarter: 2026-Q4"), encoding="utf-8")
    name_slides(example_project, "changes")
    section = changes_section(example_project)
    assert text(section.find(".//p[@class='summary']")) == (
        "2027-Q1 keeps the four objectives of 2026-Q4 as they were.")
    assert section.find(".//table") is None
