"""The "What changed" slide: on request only (named in deck.yaml's `slides`), saying what `deckgen diff` says."""
from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

from pptx import Presentation

from deckgen.builders.pptx.deck import build_pptx
from deckgen.commands.diff import run_diff
from deckgen.plan.formatting import count, score
from deckgen.plan.slides import Table
from tests.commands.test_okr import fill_currents
from tests.support.checking import at, only as only_diagnostic
from tests.support.plans import cell_texts, only, planned, slide
from tests.support.projects import replace, run

SLIDES = "# slides:\n"
DIFF_OBJECTIVE = re.compile(r"^  [+-] (added|dropped)\s+\S+: (.*) \(rock (\S+)\)$")
LABELS = {"added": "+ Added", "dropped": "− Dropped", "changed": "~ Changed"}


def name_slides(root: Path, *names: str) -> None:
    replace(root / "content" / "deck.yaml", SLIDES, f"slides: [{', '.join(names)}]\n")


def diff_objectives(root: Path) -> list[tuple[str, str, str]]:
    """(kind, title, rock id) of every objective `deckgen diff` says was added or dropped."""
    return [m.groups() for line in run_diff(root, None, None) if (m := DIFF_OBJECTIVE.match(line))]  # type: ignore[misc]


def table_rows(root: Path) -> list[list[str]]:
    return cell_texts(only(slide(planned(root)[1], "changes"), Table))


def test_named_it_lists_the_objectives_added_and_dropped_as_diff_does(example_project: Path) -> None:
    name_slides(example_project, "title", "okrs", "changes", "results")
    project, plan = planned(example_project)
    assert [s.kind for s in plan.slides] == ["title", "okrs", "changes", "results"]
    found = slide(plan, "changes")
    diffed = diff_objectives(example_project)
    added = [t for kind, t, _ in diffed if kind == "added"]
    dropped = [t for kind, t, _ in diffed if kind == "dropped"]
    assert len(added) == 4 and len(dropped) == 3  # the example: every Q4 objective replaced
    assert found.title == "2027-Q1 adds four objectives and drops three"
    assert found.subtitle == "Compared with 2026-Q4 (Oct–Dec 2026)"
    rows = table_rows(example_project)
    shown = [(kind, row[1]) for row in rows if len(row) == 3 for kind, label in LABELS.items() if row[0] == label]
    assert sorted(shown) == sorted((kind, title) for kind, title, _ in diffed)
    # grouped under their big rocks, rocks in priority order
    groups = [row[0] for row in rows if len(row) == 1]
    rocks_with_changes = {rock for _, _, rock in diffed}
    assert groups == [r.title for r in project.rocks if r.id in rocks_with_changes]
    under = {}
    for row in rows:
        if len(row) == 1:
            group = row[0]
        else:
            under[row[1]] = group
    for _, title, rock in diffed:
        assert under[title] == project.rock(rock).title
    # what a dropped objective ended at, and each new one's size, on the slide and in the notes
    old = {o.title: o for o in project.previous_okrs.objectives}
    for row in rows:
        if row[0] == LABELS["dropped"]:
            status = project.previous_okrs.status(old[row[1]]).label.lower()
            assert row[2] == f"ended at {score(old[row[1]].progress)}, {status}"
    for objective in project.okrs.objectives:
        [row] = [r for r in rows if len(r) == 3 and r[1] == objective.title]
        assert row[2] == f"{count(len(objective.key_results), 'key result')}, owner {objective.owner}"
    for title in added + dropped:
        assert title in found.notes
    for objective in project.previous_okrs.objectives:
        assert f"Learned: {objective.retro}" in found.notes


def test_not_named_it_is_not_in_the_deck(example_project: Path) -> None:
    assert "changes" not in [s.kind for s in planned(example_project)[1].slides]
    name_slides(example_project, "title", "okrs", "results")
    assert [s.kind for s in planned(example_project)[1].slides] == ["title", "okrs", "results"]


def test_named_without_a_quarter_behind_is_an_error_at_the_slides_entry(example_project: Path) -> None:
    (example_project / "content" / "okrs" / "2026-Q4.yaml").unlink()
    name_slides(example_project, "title", "changes")
    only_diagnostic(example_project, f"{at(example_project, 'deck.yaml', 'slides: [', 'changes')}: error: slide "
                                     "'changes' is listed in slides, but there is no file for the quarter behind "
                                     "(content/okrs/2026-Q4.yaml)")
    result = run("build", str(example_project))
    assert result.exit_code == 1 and "slide 'changes' is listed in slides" in result.output


def test_changed_objectives_list_their_key_results_moves(example_project: Path) -> None:
    fill_currents(example_project)
    assert run("okr", "new", "2027-Q2", str(example_project)).exit_code == 0
    q2 = example_project / "content" / "okrs" / "2027-Q2.yaml"
    replace(q2, "        target: 39\n", "        target: 42\n")
    name_slides(example_project, "changes")
    diff = run_diff(example_project, None, None)
    found = slide(planned(example_project)[1], "changes")
    rows = table_rows(example_project)
    changed = [line.split(": ", 1)[1] for line in diff if line.startswith("  ~ changed")]
    titles = {o.title for o in planned(example_project)[0].okrs.objectives}
    assert changed and sorted(r[1] for r in rows if r[0] == LABELS["changed"] and r[1] in titles) == sorted(changed)
    assert ["~ Changed", "Win rate against Stratapoint", "baseline 34% → 37%; target 39% → 42%"] in rows
    assert ["~ Changed", "Win more head-to-head deals against Stratapoint",
            "key results: one dropped, two changed"] in rows
    kr_dropped = [line.split("dropped   ", 1)[1] for line in diff if line.startswith("      - dropped")]
    assert kr_dropped and all([LABELS["dropped"], title, ""] in rows for title in kr_dropped)
    carried = len(planned(example_project)[0].okrs.objectives)
    assert len(changed) == carried  # okr new carries every objective over, each losing its done results
    assert found.title == f"2027-Q2 keeps {count(carried, 'objective')} (all {count(len(changed))} changed)"
    assert "Win rate against Stratapoint: changed, baseline 34% → 37%; target 39% → 42%." in found.notes


def test_nothing_changed_says_so(example_project: Path) -> None:
    okrs = example_project / "content" / "okrs"
    (okrs / "2026-Q4.yaml").write_text((okrs / "2027-Q1.yaml").read_text(encoding="utf-8")
                                       .replace("quarter: 2027-Q1", "quarter: 2026-Q4"), encoding="utf-8")
    name_slides(example_project, "changes")
    found = slide(planned(example_project)[1], "changes")
    assert found.title == "2027-Q1 keeps the four objectives of 2026-Q4 as they were"
    assert [p.text for e in found.elements for p in e.paragraphs] == [
        "No objective or key result was added, dropped or changed since 2026-Q4."]


def test_the_slide_builds_into_the_deck(example_project: Path) -> None:
    name_slides(example_project, "title", "changes")
    deck = Presentation(io.BytesIO(build_pptx(planned(example_project)[1], datetime(2027, 1, 5))))
    texts = [shape.text_frame.text for s in deck.slides for shape in s.shapes if shape.has_text_frame]
    tables = [cell.text for s in deck.slides for shape in s.shapes if shape.has_table
              for row in shape.table.rows for cell in row.cells]
    assert "2027-Q1 adds four objectives and drops three" in texts
    assert "Launch Copilot GA as a Tier 1 launch" in tables
