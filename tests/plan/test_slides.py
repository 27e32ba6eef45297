"""What each built-in layout puts on its slide: titles that state the point, the model's numbers, notes."""
from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.model.intake import summarize_intake
from deckgen.model.scoring import shown_score
from deckgen.plan.context import objectives_by_rock
from deckgen.plan.formatting import percent, score
from deckgen.plan.slides import Cards, Chart, Ladder, OrgChart, Table, Text
from tests.support.plans import cell_texts, elements, only, planned, slide, slides_of, texts


@pytest.fixture
def example(example_project: Path):
    return planned(example_project)


def test_every_slide_has_a_title_and_speaker_notes(example) -> None:
    _, plan = example
    for found in plan.slides:
        assert found.title.strip() and found.notes.strip(), found.kind
        assert found.notes != found.title


def test_title_slide(example) -> None:
    _, plan = example
    title = plan.slides[0]
    assert (title.kind, title.layout) == ("title", "title")
    assert title.title == "Product Marketing: the 2027 plan"
    assert title.subtitle == "Northwind Analytics · OKRs for 2027-Q1 (Jan–Mar 2027)"
    assert texts(title)[2:] == ["Maya Okafor, Director, Product Marketing", "For CMO, Head of Sales, Head of Product",
                                "January 5, 2027"]
    assert all(s.layout == "content" for s in plan.slides[1:])


def test_charter_mission_then_three_columns(example) -> None:
    project, plan = example
    charter = slide(plan, "charter")
    front = project.charter.front
    lead = charter.elements[0]
    assert isinstance(lead, Text) and lead.style == "lead" and lead.paragraphs[0].text == front.mission
    columns = charter.elements[1]
    assert [c.heading for c in columns.columns] == ["We own", "We partner on", "We do not own"]
    assert [[p.text for p in c.elements[0].paragraphs] for c in columns.columns] == [
        front.owns, front.partners_on, front.does_not_own]
    assert "Principles" in texts(charter) and "Approved by Rachel Goldberg, CMO" in charter.subtitle


def test_priorities_ladder_links_every_supports(example) -> None:
    project, plan = example
    ladder = only(slide(plan, "priorities"), Ladder)
    assert [p.key for p in ladder.priorities] == [p.id for p in project.company.priorities]
    assert [r.key for r in ladder.rocks] == [r.id for r in project.rocks]
    assert ladder.links == [(r.id, p) for r in project.rocks for p in r.supports]
    assert slide(plan, "priorities").title == "Our four big rocks cover all four company priorities"


def test_a_priority_nothing_supports_stays_visible_as_a_gap(example_project: Path, edit) -> None:
    edit("big-rocks.yaml", "supports: [enterprise-growth, efficient-growth]", "supports: [enterprise-growth]")
    edit("big-rocks.yaml", "supports: [net-retention, efficient-growth]", "supports: [net-retention]")
    _, plan = planned(example_project)
    priorities = slide(plan, "priorities")
    ladder = only(priorities, Ladder)
    assert "efficient-growth" in [p.key for p in ladder.priorities]
    assert "efficient-growth" not in [p for _, p in ladder.links]
    assert priorities.title == "One company priority has no big rock behind it: Grow efficiently"
    assert "Grow efficiently (CAC payback from 22 to 18 months): no big rock" in priorities.notes


def test_big_rock_cards_with_alignment_badges(example_project: Path, edit) -> None:
    edit("big-rocks.yaml", "      - stakeholder: Head of Product\n        status: aligned\n        on: 2026-12-11",
         "      - stakeholder: Head of Product\n        status: concerns\n        on: 2026-12-11")
    project, plan = planned(example_project)
    rocks = slide(plan, "big-rocks")
    cards = only(rocks, Cards).cards
    assert [c.title for c in cards] == [r.title for r in project.rocks]
    assert cards[0].subtitle == "Owner: Priya Raman"
    assert [p.text for p in cards[0].paragraphs] == [project.rocks[0].why, *project.rocks[0].outcomes]
    assert [(b.text, b.status) for b in cards[0].badges] == [
        ("CMO", "aligned"), ("Head of Sales", "aligned"), ("Head of Product", "concerns")]
    assert rocks.title == "Four big rocks; one stakeholder alignment still open"
    assert 'Head of Product on "One enterprise narrative, used in every deal" (concerns)' in rocks.notes


def test_strategy_pillars_then_markdown_sections(example) -> None:
    project, plan = example
    strategy = slide(plan, "strategy")
    assert strategy.title == "Our strategy stands on three pillars"
    assert [c.title for c in only(strategy, Cards).cards] == [p.title for p in project.strategy.pillars]
    shown = texts(strategy)
    for section in project.strategy.sections:
        assert section.title in shown
    assert only(strategy, Table).header[1].paragraphs[0].text == "Where we win"
    assert any(type(e).__name__ == "Picture" for e in strategy.elements)


def test_team_org_chart_then_allocation_chart(example) -> None:
    project, plan = example
    team, time = slides_of(plan, "team")
    org = only(team, OrgChart)
    assert [(n.key, n.parent, n.subtitle) for n in org.nodes] == [
        (p.name, p.reports_to, p.role) for p in project.team.people]
    assert team.title == "Seven people, four of them leading big rocks"
    assert team.subtitle == "Led by Maya Okafor, Director, Product Marketing"
    assert not any(isinstance(e, Chart) for e in elements(team.elements))
    chart = only(time, Chart)
    shares = project.allocation_shares()
    assert chart.categories == [r.title for r in project.rocks] + ["One-off requests"]
    assert chart.series[0].values == [shares[r.id] for r in project.rocks] + [shares["one-offs"]]
    assert chart.reference == ("One-off budget: 10–15%", 15.0)
    assert time.title == f"Four big rocks carry {percent(project.rock_share)} of our time"
    assert time.subtitle == f"One-offs take {percent(project.one_off_share)}, within the 10–15% budget"


def test_okrs_table_grouped_by_rock_with_numbers_right_aligned(example) -> None:
    project, plan = example
    okrs = slide(plan, "okrs")
    table = only(okrs, Table)
    groups = [r.cells[0].paragraphs[0].text for r in table.rows if r.group]
    assert groups == [r.title for r in project.rocks]
    first = project.okrs.objectives[0]
    rows = cell_texts(table)
    assert rows[1] == [first.title, "Priya Raman", "", ""]
    headings = [r.cells[0].paragraphs[0].text for r in table.rows if r.heading]
    assert headings == [o.title for g in objectives_by_rock(project, project.okrs) for o in g.objectives]
    assert rows[2] == [f"{first.key_results[0].title} (committed)", "Priya Raman", "Milestone", "90%"]
    assert rows[3] == [first.key_results[1].title, "Lena Fischer", "20% → 80%", "60%"]
    kr_rows = [r for r in table.rows if not r.group and r.cells[3].paragraphs]
    assert len(kr_rows) == sum(len(o.key_results) for o in project.okrs.objectives)
    assert all(r.cells[2].align == r.cells[3].align == "right" for r in kr_rows)
    assert okrs.title == "2027-Q1: four objectives, 13 key results across four big rocks"


def test_results_scores_statuses_and_retro(example) -> None:
    project, plan = example
    behind = project.previous_okrs
    results = slide(plan, "results")
    assert results.title == (f"2026-Q4 closed at {score(behind.progress)}: all three objectives on track; "
                             "one committed key result missed")
    rows = cell_texts(only(results, Table))
    statuses = [row[3] for row in rows]
    expected = [behind.status(item) for o in behind.objectives for item in (o, *o.key_results)]
    assert statuses == [f"{s.symbol} {s.label}" for s in expected]
    assert "✕ Missed (committed)" in statuses
    cells = [r.cells[3].status for r in only(results, Table).rows]
    assert [r.cells[0].paragraphs[0].text for r in only(results, Table).rows if r.heading] == [
        o.title for o in behind.objectives]
    assert cells == [s.value for s in expected]
    chart = only(results, Chart)
    assert chart.series[0].values == [shown_score(o.progress) for o in behind.objectives]
    assert chart.series[0].statuses == [behind.status(o).value for o in behind.objectives]
    assert (chart.maximum, chart.reference) == (1.0, ("On track: 0.7", 0.7))
    retro = [e for e in results.elements if isinstance(e, Text) and e.heading == "What we learned"]
    assert [p.text for p in retro[0].paragraphs] == [f"{o.title}: {o.retro}" for o in behind.objectives]
    assert "Legal review of AI data terms held back 4 references" in results.notes


def test_results_title_counts_objectives_on_track(example_project: Path, edit) -> None:
    edit("okrs/2026-Q4.yaml", "        target: 40\n        current: 31\n", "        target: 40\n        current: 0\n")
    edit("okrs/2026-Q4.yaml", "        target: 10\n        current: 6\n", "        target: 10\n        current: 0\n")
    edit("okrs/2026-Q4.yaml", "state: closed", "state: active")
    project, plan = planned(example_project)
    behind = project.previous_okrs
    assert slide(plan, "results").title == (
        f"2026-Q4 stands at {score(behind.progress)}: two of three objectives on track, one off track")


def test_wins_and_asks_are_one_bullet_per_item(example) -> None:
    project, plan = example
    for kind, items in (("wins", project.wins.items), ("asks", project.asks.items)):
        [text] = slide(plan, kind).elements
        assert [p.kind for p in text.paragraphs] == ["bullet"] * len(items)
        assert text.paragraphs[0].runs[0].bold
    assert slide(plan, "wins").title == "Six wins from 2026-Q4 worth repeating"
    assert slide(plan, "asks").title == "What we need from you: four asks"


def test_large_figures_read_rounded_in_the_table_and_exact_in_the_notes(example_project: Path, edit) -> None:
    edit("okrs/2027-Q1.yaml", "baseline: 18000\n        target: 24000", "baseline: 1234567\n        target: 2345678")
    _, plan = planned(example_project)
    okrs = slide(plan, "okrs")
    assert ["Average Copilot add-on deal size", "Daniel Reyes", "$1.2M → $2.3M", "40%"] in cell_texts(only(okrs, Table))
    assert "Exact figures: Average Copilot add-on deal size: $1,234,567 → $2,345,678." in okrs.notes


def test_exact_figures_are_not_repeated_when_nothing_was_rounded(example) -> None:
    _, plan = example
    assert "Exact figures" not in slide(plan, "okrs").notes


def test_intake_chart_and_summary(example) -> None:
    project, plan = example
    summary = summarize_intake(project.intake, [r.id for r in project.rocks])
    intake = slide(plan, "intake")
    chart = only(intake, Chart)
    assert chart.categories == [r.title for r in project.rocks] + ["One-offs", "Declined"]
    assert [s.name for s in chart.series] == ["Requests", "Hours"]
    assert chart.series[0].values == [t.request_share for t in summary.totals]
    assert chart.series[1].values == [t.hour_share for t in summary.totals]
    assert intake.title == f"{percent(summary.to_rocks.request_share)} of 17 requests fed a big rock; we declined four"
    caption = [e for e in intake.elements if isinstance(e, Text)][0]
    assert caption.style == "caption"
    assert caption.paragraphs[0].text.startswith("17 requests, 130 hours: 11 fed a big rock")


def test_free_slide_title_markdown_and_notes(example) -> None:
    _, plan = example
    free = slide(plan, "slides/launch-calendar")
    assert free.title == "Four launches in the first half of 2027"
    assert cell_texts(only(free, Table))[0] == ["Copilot GA", "Tier 1", "2027-03-10", "Tom Becker"]
    assert "Tier 1 gets the full kit" in free.notes


HOSTILE = ["</text><script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}", "<markdown ref=\"0\"/>", "&amp; ]]> <!--"]


def test_hostile_content_stays_literal_text(example_project: Path, edit) -> None:
    nasty = " ".join(HOSTILE)
    edit("big-rocks.yaml", "title: One enterprise narrative, used in every deal", f"title: '{nasty}'")
    edit("wins.md", "- **Copilot beta", f"- {nasty} **Copilot beta")
    edit("slides/launch-calendar.md", "title: Four launches in the first half of 2027", f"title: '{nasty}'")
    _, plan = planned(example_project)
    assert only(slide(plan, "big-rocks"), Cards).cards[0].title == nasty
    assert nasty in texts(slide(plan, "okrs")) and nasty in only(slides_of(plan, "team")[1], Chart).categories
    markdown_reading = nasty.replace("&amp;", "&")  # in Markdown, &amp; is how one writes &
    assert slide(plan, "wins").elements[0].paragraphs[0].text.startswith(markdown_reading)
    assert slide(plan, "slides/launch-calendar").title == nasty
    assert nasty in slide(plan, "big-rocks").notes
    assert "49" not in " ".join(texts(slide(plan, "big-rocks")))
