"""`deckgen okr status | close | new` on copies of the example and of edge projects."""
from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest

from tests.support.projects import checks_clean, copy_example, fill_currents, replace, run, tree_hash, unified


def okr_file(root: Path, quarter: str) -> Path:
    return root / "content" / "okrs" / f"{quarter}.yaml"


# status -----------------------------------------------------------------------------------------
def test_status_shows_both_quarters_with_scores_labels_and_attention(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    result = run("okr", "status", str(root))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "\x1b[" not in out  # no colour codes when not on a terminal: symbols and labels remain
    assert "Quarter behind: 2026-Q4 (Oct–Dec 2026) · closed · ● 0.8 On track" in out
    assert "Quarter ahead: 2027-Q1 (Jan–Mar 2027) · planned" in out
    assert "✕ 0.6 Missed (committed) Beta customers signed up as references: 0 → 10 customers, now 6 customers" in out
    assert "▲ 0.5 At risk" in out and "(score 0.5 set by hand)" in out
    assert "Average Copilot add-on deal size: $18,000 → $24,000 · confidence 40%" in out
    attention = out.split("Needs attention:")[1]
    assert "content/okrs/2027-Q1.yaml:111:9: 'Average Copilot add-on deal size': low confidence (40%)" in attention
    assert ("content/okrs/2026-Q4.yaml:54:9: committed 'Beta customers signed up as references' missed "
            "(score 0.6)") in attention


def test_status_flags_missing_current_in_an_active_quarter(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    replace(okr_file(root, "2027-Q1"), "state: planned", "state: active")
    out = run("okr", "status", str(root)).output
    assert "content/okrs/2027-Q1.yaml:26:9: 'Enterprise first calls using the new pitch' has no `current` yet" in out
    assert "Enterprise first calls using the new pitch: 20% → 80%, no current yet" in out


def test_status_labels_fiscal_quarters(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    replace(root / "content" / "deck.yaml", "fiscal_year_start: 1", "fiscal_year_start: 2")
    out = run("okr", "status", str(root)).output
    assert "Quarter ahead: 2027-Q1 (Feb–Apr 2027)" in out
    assert "Quarter behind: 2026-Q4 (Nov 2026–Jan 2027)" in out


def test_status_refuses_content_with_errors(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    replace(okr_file(root, "2027-Q1"), "    rock: copilot-launch\n", "    rock: copilot\n")
    result = run("okr", "status", str(root))
    assert result.exit_code == 1
    assert "content/okrs/2027-Q1.yaml:41:11: error: objective 'copilot-ga' names rock 'copilot'" in result.output


# close ------------------------------------------------------------------------------------------
def test_close_refuses_without_final_currents_naming_each(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    before = tree_hash(root)
    result = run("okr", "close", str(root))  # 2026-Q4 is closed, so the quarter ahead is the default
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(errors) == 10
    assert errors[0] == ("content/okrs/2027-Q1.yaml:26:9: error: key result 'Enterprise first calls using "
                         "the new pitch' has no final `current`: add it, or a hand-set `score` with a "
                         "`note`, before closing 2027-Q1")
    assert tree_hash(root) == before


def test_close_sets_state_only_and_reports_scores_and_misses(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    fill_currents(root)
    path = okr_file(root, "2027-Q1")
    before = path.read_text(encoding="utf-8")
    result = run("okr", "close", "2027-Q1", str(root))
    assert result.exit_code == 0, result.output
    assert unified(before, path.read_text(encoding="utf-8")) == ["-state: planned", "+state: closed"]
    out = result.output
    assert "Closing: 2027-Q1 (Jan–Mar 2027) · closed · ▲ 0.6 At risk" in out
    assert "■ 0.3 Off track          Average Copilot add-on deal size" in out
    assert ("content/okrs/2027-Q1.yaml:21:9: committed key result 'Messaging house signed off by CMO and "
            "Head of Sales' scored 0.0, a miss, with no `note`: say why") in out
    assert "updated content/okrs/2027-Q1.yaml" in out
    checks_clean(root)


def test_close_defaults_to_the_open_quarter_behind(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    replace(okr_file(root, "2026-Q4"), "state: closed", "state: active")
    result = run("okr", "close", str(root))
    assert result.exit_code == 0, result.output
    assert "state: closed" in okr_file(root, "2026-Q4").read_text(encoding="utf-8")
    assert "Committed key results missed without a note" not in result.output  # the miss has a note


def test_close_inserts_state_when_the_file_has_none(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    fill_currents(root)
    path = okr_file(root, "2027-Q1")
    replace(path, "# planned | active | closed. Set it to active once the quarter starts and to\n"
                  "# closed once final `current` values are in.\nstate: planned\n", "")
    before = path.read_text(encoding="utf-8")
    assert run("okr", "close", "2027-Q1", str(root)).exit_code == 0
    assert unified(before, path.read_text(encoding="utf-8")) == ["+state: closed"]
    assert "quarter: 2027-Q1\nstate: closed\n\nobjectives:" in path.read_text(encoding="utf-8")


def test_close_accepts_a_hand_set_score_instead_of_current(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    fill_currents(root)
    replace(okr_file(root, "2027-Q1"), "        current: 20000\n", "        score: 0.2\n        note: Deals slipped\n")
    assert run("okr", "close", "2027-Q1", str(root)).exit_code == 0


def test_close_of_a_closed_quarter_changes_nothing(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    before = tree_hash(root)
    result = run("okr", "close", "2026-Q4", str(root))
    assert result.exit_code == 0
    assert "2026-Q4 is already closed; nothing to change." in result.output
    assert tree_hash(root) == before


def test_close_dry_run_writes_nothing_and_shows_the_diff(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    fill_currents(root)
    before = tree_hash(root)
    result = run("okr", "close", "2027-Q1", str(root), "--dry-run")
    assert result.exit_code == 0
    assert tree_hash(root) == before
    assert "--- a/content/okrs/2027-Q1.yaml\n+++ b/content/okrs/2027-Q1.yaml\n" in result.output
    assert "\n-state: planned\n+state: closed\n" in result.output


def test_close_unknown_quarter_is_refused(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    result = run("okr", "close", "2025-Q1", str(root))
    assert result.exit_code == 1
    assert "content/okrs/2025-Q1.yaml: error: no OKR file for 2025-Q1 (quarters: 2026-Q4, 2027-Q1)" in result.output


# new --------------------------------------------------------------------------------------------
def test_new_carries_over_what_is_not_done(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    fill_currents(root)
    assert run("okr", "close", "2027-Q1", str(root)).exit_code == 0
    deck_before = (root / "content" / "deck.yaml").read_text(encoding="utf-8")
    q1 = okr_file(root, "2027-Q1").read_bytes()
    result = run("okr", "new", "2027-Q2", str(root))
    assert result.exit_code == 0, result.output
    assert unified(deck_before, (root / "content" / "deck.yaml").read_text(encoding="utf-8")) == [
        "-quarter: 2027-Q1", "+quarter: 2027-Q2"]
    assert okr_file(root, "2027-Q1").read_bytes() == q1
    new = okr_file(root, "2027-Q2").read_text(encoding="utf-8")
    old = q1.decode("utf-8")
    assert new.startswith("# okrs/2027-Q2.yaml: the OKRs for 2027-Q2, carried over from 2027-Q1")
    assert "quarter: 2027-Q2\n" in new and "state: planned\n" in new
    # At target: dropped. Not at target: the last current is the new baseline, current removed.
    assert "Enterprise first calls using the new pitch" not in new
    assert "Days to a deal-desk answer" not in new  # direction down, at target
    assert ("      - title: Win rate against Stratapoint\n        owner: Aiko Tanaka\n        baseline: 37\n"
            "        target: 39\n        unit: \"%\"\n") in new
    assert "current:" not in new and "confidence:" not in new
    # Milestones not done stay, as they were.
    assert ("      - title: Copilot upsell and seat-expansion plays live for all CSMs\n        owner: Samuel Osei\n"
            "        commitment: committed\n        done: false\n") in new
    # Explanatory comments of what stays are kept, in order.
    comments = [line.strip() for line in new.splitlines() if line.strip().startswith("#")][3:]
    old_comments = [line.strip() for line in old.splitlines() if line.strip().startswith("#")]
    assert comments and all(c in old_comments for c in comments)
    assert "  done, dropped enterprise-pitch-live: Enterprise first calls using the new pitch" in result.output
    assert "  carried over  beat-stratapoint: Win rate against Stratapoint (baseline 34% → 37%)" in result.output
    checks_clean(root)


def test_new_from_the_closed_example_quarter_drops_done_results_and_retros(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    (okr_file(root, "2027-Q1")).unlink()
    replace(root / "content" / "deck.yaml", "quarter: 2027-Q1", "quarter: 2026-Q4")
    replace(root / "content" / "deck.yaml", "year: 2027", "year: 2026")
    result = run("okr", "new", "2026-Q4", str(root))
    assert result.exit_code == 1 and "2026-Q4 is not after the current quarter 2026-Q4" in result.output
    replace(root / "content" / "deck.yaml", "year: 2026", "year: 2027")
    replace(root / "content" / "deck.yaml", "quarter: 2026-Q4", "quarter: 2026-Q3")
    (root / "content" / "okrs" / "2026-Q4.yaml").rename(root / "content" / "okrs" / "2026-Q3.yaml")
    replace(okr_file(root, "2026-Q3"), "quarter: 2026-Q4", "quarter: 2026-Q3")
    replace(root / "content" / "deck.yaml", "year: 2027", "year: 2026")
    result = run("okr", "new", "2026-Q4", str(root))
    assert result.exit_code == 0, result.output
    new = okr_file(root, "2026-Q4").read_text(encoding="utf-8")
    assert "retro:" not in new and "note:" not in new and "score:" not in new
    assert "Enterprise buyer interviews completed" not in new  # 28 of 25: at target
    assert "Battlecards for top 3 competitors" not in new  # milestone done
    # Hand-scored 0.5 and not done: carried over without its score and note.
    assert "      - title: Competitive deal desk live for all regions\n        owner: Lena Fischer\n        done: false\n" in new
    assert "        baseline: 6\n        target: 10\n        unit: customers\n" in new
    checks_clean(root)


def test_new_with_every_key_result_done_drafts_one_objective_per_rock(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    path = okr_file(root, "2027-Q1")
    text = path.read_text(encoding="utf-8").replace("done: false", "done: true")
    text = re.sub(r"(\n( +)target: ([^\n]*)\n)", lambda m: f"{m.group(1)}{m.group(2)}current: {m.group(3)}\n", text)
    path.write_text(text, encoding="utf-8")
    result = run("okr", "new", "2027-Q2", str(root))
    assert result.exit_code == 0, result.output
    assert "every key result of 2027-Q1 was met" in result.output
    new = okr_file(root, "2027-Q2").read_text(encoding="utf-8")
    for rock in ("enterprise-narrative", "copilot-launch", "competitive-winrate", "expansion-plays"):
        assert f"  - id: {rock}\n" in new
    assert "Draft for 2027-Q2: Launch Copilot as the category's AI analyst" in new
    checks_clean(root)


def test_new_keeps_milestone_only_objectives_that_are_not_done(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    path = okr_file(root, "2027-Q1")
    path.write_text("quarter: 2027-Q1\nstate: closed\nobjectives:\n"
                    "  - id: ship\n    title: Ship it\n    rock: copilot-launch\n    key_results:\n"
                    "      - title: Shipped\n        done: true\n"
                    "      # still open\n      - title: Documented\n        done: false\n"
                    "  - id: done-one\n    title: Done\n    rock: expansion-plays\n    key_results:\n"
                    "      - title: Done milestone\n        done: true\n", encoding="utf-8")
    assert run("okr", "new", "2027-Q2", str(root)).exit_code == 0
    assert okr_file(root, "2027-Q2").read_text(encoding="utf-8").endswith(
        "quarter: 2027-Q2\nstate: planned\nobjectives:\n"
        "  - id: ship\n    title: Ship it\n    rock: copilot-launch\n    key_results:\n"
        "      # still open\n      - title: Documented\n        done: false\n")
    checks_clean(root)


def test_new_refuses_to_overwrite_an_existing_quarter_file(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    okr_file(root, "2027-Q2").write_bytes(okr_file(root, "2027-Q1").read_bytes().replace(b"2027-Q1", b"2027-Q2"))
    before = tree_hash(root)
    result = run("okr", "new", "2027-Q2", str(root))
    assert result.exit_code == 1
    assert "content/okrs/2027-Q2.yaml:5:1: error: okrs/2027-Q2.yaml already exists" in result.output
    assert tree_hash(root) == before


@pytest.mark.parametrize("quarter, message", [
    ("2026-Q4", "content/deck.yaml:12:10: error: 2026-Q4 is not after the current quarter 2027-Q1"),
    ("2028-Q1", "content/deck.yaml:9:7: error: 2028-Q1 is in fiscal year 2028 and this deck is for 2027: "
                "start the new year with `deckgen year new 2028`"),
])
def test_new_refuses_a_quarter_that_is_not_next_in_the_year(tmp_path: Path, quarter: str, message: str) -> None:
    root = copy_example(tmp_path)
    result = run("okr", "new", quarter, str(root))
    assert result.exit_code == 1
    assert message in result.output


def test_new_refuses_to_skip_a_quarter_unless_told(tmp_path: Path) -> None:
    """2027-Q3 typed for 2027-Q2 would move the deck two quarters on without a word."""
    root = copy_example(tmp_path)
    before = tree_hash(root)
    result = run("okr", "new", "2027-Q3", str(root))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == ("content/deck.yaml:12:10: error: 2027-Q3 is not the next quarter: after "
                                             "2027-Q1 comes 2027-Q2; run `deckgen okr new 2027-Q2`, or add --skip to "
                                             "start 2027-Q3 anyway")
    assert tree_hash(root) == before
    skipped = run("okr", "new", "2027-Q3", str(root), "--skip")
    assert skipped.exit_code == 0, skipped.output
    assert (root / "content/okrs/2027-Q3.yaml").is_file()


def test_new_refuses_content_with_errors_naming_the_line(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    replace(okr_file(root, "2027-Q1"), "        target: 400\n", "        targt: 400\n")
    before = tree_hash(root)
    result = run("okr", "new", "2027-Q2", str(root))
    assert result.exit_code == 1
    assert "content/okrs/2027-Q1.yaml:58:9: error: unknown key 'targt' (did you mean 'target'?)" in result.output
    assert tree_hash(root) == before


def test_new_dry_run_writes_nothing(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    before = tree_hash(root)
    result = run("okr", "new", "2027-Q2", str(root), "--dry-run")
    assert result.exit_code == 0
    assert tree_hash(root) == before
    assert "--- /dev/null\n+++ b/content/okrs/2027-Q2.yaml\n" in result.output
    assert "\n-quarter: 2027-Q1\n+quarter: 2027-Q2\n" in result.output


def test_new_interrupted_between_writes_leaves_the_content_as_it_was(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_example(tmp_path)
    before = tree_hash(root)
    calls = []
    rename = os.rename

    def flaky(source: Path, target: Path) -> None:
        calls.append(target)
        if len(calls) == 3:  # the new quarter file is in place; deck.yaml is half-way
            raise OSError(errno.EIO, "Input/output error", str(source))
        rename(source, target)

    monkeypatch.setattr(os, "rename", flaky)
    result = run("okr", "new", "2027-Q2", str(root))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert re.search(r"^content/[\w/.-]+\.yaml: error: cannot write: Input/output error; nothing was changed$",
                     result.output, re.M), result.output
    assert tree_hash(root) == before
