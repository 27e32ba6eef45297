"""Projects unlike the example: the least the format allows, and a big team with many rocks and OKRs."""
from __future__ import annotations

import shutil
from pathlib import Path

from deckgen.plan.slides import Chart, OrgChart, Table
from tests.support.plans import elements, only, planned, slide, slides_of

PNG = (Path(__file__).resolve().parents[2] / "content" / "images" / "positioning-map.png").read_bytes()

MINIMAL = {
    "deck.yaml": """\
team: Field Marketing
company: Acme
year: 2027
quarter: 2027-Q1
leader: {name: Ana Silva, title: Head of Field Marketing}
""",
    "charter.md": "---\nmission: Fill the pipeline in our regions.\nowns: [Regional events]\n---\n",
    "company.yaml": "priorities:\n  - {id: growth, title: Grow revenue}\n",
    "big-rocks.yaml": "big_rocks:\n  - {id: events, title: Events that create pipeline, supports: [growth]}\n",
    "strategy.md": "",
    "team.yaml": "people:\n  - {name: Ana Silva, role: Head of Field Marketing}\n",
    "okrs/2027-Q1.yaml": """\
quarter: 2027-Q1
objectives:
  - id: run-events
    title: Run the spring roadshow
    rock: events
    key_results:
      - {title: Roadshow held in three cities, done: false}
""",
}


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_the_least_a_project_can_hold(tmp_path: Path) -> None:
    _, plan = planned(write(tmp_path / "minimal", MINIMAL))
    assert [s.kind for s in plan.slides] == ["title", "charter", "priorities", "big-rocks", "strategy", "team",
                                             "okrs"]
    titles = {s.kind: s.title for s in plan.slides}
    assert titles["priorities"] == "Our one big rock covers the one company priority"
    assert titles["big-rocks"] == "One big rock for 2027"
    assert titles["strategy"] == "Our strategy for 2027"
    assert titles["team"] == "One person in Field Marketing"
    assert titles["okrs"] == "2027-Q1: one objective, one key result"
    assert slide(plan, "team").subtitle == "Led by Ana Silva, Head of Field Marketing"
    assert not any(isinstance(e, Chart) for e in elements(slide(plan, "team").elements))
    assert all(s.notes.strip() for s in plan.slides)
    assert plan.footer == "Field Marketing · " + plan.footer.split(" · ")[-1]
    assert plan.meta.subject == "Acme Field Marketing: charter, big rocks, strategy and OKRs"


def test_gaps_budget_overrun_an_open_quarter_and_photos(example_project: Path, edit) -> None:
    edit("big-rocks.yaml", "supports: [ai-platform, net-retention]", "supports: [enterprise-growth]")
    edit("big-rocks.yaml", "supports: [net-retention, efficient-growth]", "supports: [enterprise-growth]")
    edit("big-rocks.yaml", "supports: [enterprise-growth, efficient-growth]", "supports: [enterprise-growth]")
    edit("team.yaml", "one_off_budget: [10, 15]", "one_off_budget: [5, 10]")
    edit("team.yaml", "  - name: Tom Becker\n", "  - name: Tom Becker\n    photo: images/positioning-map.png\n")
    edit("okrs/2026-Q4.yaml", "state: closed", "state: active")
    project, plan = planned(example_project)
    assert slide(plan, "priorities").title == "Three company priorities have no big rock behind them"
    team, time = slides_of(plan, "team")
    assert time.subtitle.endswith("above the 5–10% budget") and "say what we will change" in time.notes
    nodes = {n.key: n for n in only(team, OrgChart).nodes}
    assert nodes["Tom Becker"].picture is not None and nodes["Tom Becker"].picture.data == PNG
    assert nodes["Maya Okafor"].picture is None
    results = slide(plan, "results")
    assert results.title.startswith("2026-Q4 stands at") and "not closed yet" in results.notes
    statuses = [c.status for r in only(results, Table).rows for c in r.cells if c.status]
    assert "missed" not in statuses  # a committed key result only misses once the quarter is closed


def big_project(root: Path) -> Path:
    """12 big rocks, 60 people, 25 objectives of 5 key results each."""
    rocks = "".join(f"  - {{id: rock-{r}, title: Big rock number {r}, supports: [growth], owner: Ana Silva}}\n"
                    for r in range(12))
    names = ["Ana Silva", *(f"Person {p}" for p in range(1, 60))]
    people = "".join(
        f"  - name: {names[p]}\n    role: Role {p}\n"
        + (f"    reports_to: {names[(p - 1) // 6]}\n" if p else "")
        + f"    allocation: {{rock-{p % 12}: 80, one-offs: 20}}\n" for p in range(60))
    objectives = "".join(
        f"  - id: objective-{o}\n    title: Objective {o}\n    rock: rock-{o % 12}\n    key_results:\n"
        + "".join(f"      - {{title: Key result {o}.{k}, baseline: 0, target: 10, current: {k * 2}, "
                  f"confidence: 0.{k + 4}}}\n" for k in range(5)) for o in range(25))
    files = dict(MINIMAL)
    files.update({
        "big-rocks.yaml": "big_rocks:\n" + rocks,
        "team.yaml": "one_off_budget: [15, 25]\npeople:\n" + people,
        "okrs/2027-Q1.yaml": "quarter: 2027-Q1\nobjectives:\n" + objectives,
        "okrs/2026-Q4.yaml": "quarter: 2026-Q4\nstate: closed\nobjectives:\n" + objectives,
    })
    write(root, files)
    (root / "content" / "okrs" / "2026-Q4.yaml").write_text(files["okrs/2026-Q4.yaml"], encoding="utf-8")
    return root


def test_a_big_team_with_many_rocks_and_okrs(tmp_path: Path) -> None:
    project, plan = planned(big_project(tmp_path / "big"))
    okrs = only(slide(plan, "okrs"), Table)
    assert sum(1 for r in okrs.rows if r.group) == 12
    assert len(okrs.rows) == 12 + 25 + 25 * 5
    assert slide(plan, "okrs").title == "2027-Q1: 25 objectives, 125 key results across 12 big rocks"
    team, time = slides_of(plan, "team")
    assert len(only(team, OrgChart).nodes) == 60
    assert team.title == "60 people, one of them leading big rocks"
    assert len(only(time, Chart).categories) == 13
    assert time.title == "12 big rocks carry 80% of our time"
    results = only(slide(plan, "results"), Chart)
    assert results.series[0].values == [o.progress for o in project.previous_okrs.objectives]
    assert all(s.notes.strip() for s in plan.slides)


def test_the_example_copied_elsewhere_plans_the_same(example_project: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    shutil.copytree(example_project, other)
    assert planned(other)[1] == planned(example_project)[1]
