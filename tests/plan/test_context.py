"""The template context the layouts share: groupings, counts and labels drawn from the model."""
from __future__ import annotations

from pathlib import Path

from deckgen.commands.common import require_project
from deckgen.model.project import Markdown
from deckgen.plan.context import plain, template_context


def context_of(root: Path) -> dict:
    project, _ = require_project(root)
    return template_context(project)


def test_objectives_group_under_rocks_in_rock_order_whatever_the_file_order(example_project: Path, edit) -> None:
    edit("okrs/2027-Q1.yaml", "    rock: enterprise-narrative\n", "    rock: expansion-plays\n")
    last = "    title: Give customer success two expansion plays that convert\n"
    edit("okrs/2027-Q1.yaml", last + "    rock: expansion-plays\n", last + "    rock: enterprise-narrative\n")
    context = context_of(example_project)
    groups = context["by_rock"](context["okrs"])
    assert [(g.rock.id, [o.id for o in g.objectives]) for g in groups] == [
        ("enterprise-narrative", ["expansion-plays-live"]), ("copilot-launch", ["copilot-ga"]),
        ("competitive-winrate", ["beat-stratapoint"]), ("expansion-plays", ["enterprise-pitch-live"])]


def test_rocks_without_objectives_are_not_groups(example_project: Path, edit) -> None:
    edit("okrs/2027-Q1.yaml", "    rock: copilot-launch\n", "    rock: enterprise-narrative\n")
    context = context_of(example_project)
    groups = context["by_rock"](context["okrs"])
    assert [g.rock.id for g in groups] == ["enterprise-narrative", "competitive-winrate", "expansion-plays"]
    assert [o.id for o in groups[0].objectives] == ["enterprise-pitch-live", "copilot-ga"]


def test_labels_and_counts(example_project: Path) -> None:
    context = context_of(example_project)
    assert context["quarter_label"] == "2027-Q1 (Jan–Mar 2027)"
    assert context["previous_label"] == "2026-Q4 (Oct–Dec 2026)"
    behind = context["previous_okrs"]
    assert context["count_status"](behind, behind.objectives, "on-track") == 3
    krs = [kr for o in behind.objectives for kr in o.key_results]
    assert context["count_status"](behind, krs, "missed") == 1
    assert context["gaps"] == [] and context["open_alignments"] == []
    assert context["rock_title"]("copilot-launch") == "Launch Copilot as the category's AI analyst"


def test_fiscal_quarters_label_the_calendar_months(example_project: Path, edit) -> None:
    edit("deck.yaml", "fiscal_year_start: 1", "fiscal_year_start: 2")
    assert context_of(example_project)["quarter_label"] == "2027-Q1 (Feb–Apr 2027)"


def test_plain_text_of_markdown_for_notes() -> None:
    body = Markdown("## Heading\n\nSome **bold** and a [link](https://x.example).\n\n- one\n- two\n", "content/x.md")
    assert plain(body) == "Heading\nSome bold and a link.\none\ntwo"
