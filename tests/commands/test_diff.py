"""`deckgen diff`: quarters and editions compared, grouped as the stakeholder review reads them."""
from __future__ import annotations

from pathlib import Path

from tests.commands.test_okr import fill_currents
from tests.support.projects import copy_example, replace, run


def test_default_is_the_quarter_behind_to_the_quarter_ahead(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    result = run("diff", str(root))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Changes from 2026-Q4 to 2027-Q1"
    assert "Objectives and key results:" in lines
    assert ("  + added     copilot-ga: Launch Copilot GA as a Tier 1 launch (rock copilot-launch)") in lines
    assert ("  - dropped   copilot-beta: Make the Copilot beta a referenceable success (rock copilot-launch)") in lines
    assert "Big rocks:" not in lines and "People:" not in lines  # quarters have neither


def test_carried_over_quarter_shows_moved_baselines_and_dropped_results(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    fill_currents(root)
    assert run("okr", "new", "2027-Q2", str(root)).exit_code == 0
    replace(root / "content" / "okrs" / "2027-Q2.yaml", "        target: 39\n", "        target: 42\n")
    replace(root / "content" / "okrs" / "2027-Q2.yaml", "        owner: Daniel Reyes\n", "        owner: Maya Okafor\n")
    lines = run("diff", "2027-Q1", "2027-Q2", str(root)).output.splitlines()
    assert "  ~ changed   beat-stratapoint: Win more head-to-head deals against Stratapoint" in lines
    assert "      ~ changed   Win rate against Stratapoint: baseline 34% → 37%; target 39% → 42%" in lines
    assert "      - dropped   Days to a deal-desk answer, all regions" in lines
    assert ("      ~ changed   Average Copilot add-on deal size: baseline $18,000 → $20,000; "
            "owner Daniel Reyes → Maya Okafor") in lines
    assert run("diff", "2027-Q1", "2027-Q2", str(root)).output == run("diff", str(root)).output


def test_editions_compare_big_rocks_and_people(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    assert run("year", "new", "2028", str(root)).exit_code == 0
    content = root / "content"
    rocks = (content / "big-rocks.yaml").read_text(encoding="utf-8")
    first, rest = rocks.split("  - id: copilot-launch\n")
    head, enterprise = first.split("  - id: enterprise-narrative\n")
    (content / "big-rocks.yaml").write_text(
        head + "  - id: copilot-launch\n" + rest.rstrip("\n") + "\n\n  - id: enterprise-narrative\n"
        + enterprise.rstrip("\n") + "\n", encoding="utf-8")
    replace(content / "team.yaml", "  - name: Lena Fischer\n    role: Sales Enablement Manager\n",
            "  - name: Jo Park\n    role: Sales Enablement Manager\n")
    for okrs in (content / "okrs").iterdir():
        okrs.write_text(okrs.read_text(encoding="utf-8").replace("Lena Fischer", "Jo Park"), encoding="utf-8")
    result = run("diff", "archive/2027", str(root))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Changes from archive/2027 to current edition (2028)"
    assert "  ↕ re-ranked enterprise-narrative: One enterprise narrative, used in every deal (#1 → #4)" in lines
    assert "  + joined    Jo Park (Sales Enablement Manager)" in lines
    assert "  - left      Lena Fischer (Sales Enablement Manager)" in lines
    assert "      ~ changed   Win rate against Stratapoint: baseline 34% → 37%" not in lines  # no currents yet
    assert run("diff", "archive/2027", "current", str(root)).output == result.output


def test_unknown_endpoints_are_refused(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    result = run("diff", "2025-Q3", str(root))
    assert result.exit_code == 1
    assert "content/okrs/2025-Q3.yaml: error: no OKR file for 2025-Q3 (quarters: 2026-Q4, 2027-Q1)" in result.output
    result = run("diff", "archive/2020", str(root))
    assert result.exit_code == 1 and "no archived edition 'archive/2020'" in result.output
    result = run("diff", "2026-Q4", "2027-Q1", "2027-Q2", str(root))
    assert result.exit_code == 2 and "expected at most 2" in result.output


def test_same_quarter_has_no_changes(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    assert run("diff", "2027-Q1", "2027-Q1", str(root)).output.splitlines() == [
        "Changes from 2027-Q1 to 2027-Q1", "", "No changes."]
