"""`deckgen year new | restore`: archive, refresh, and the way back, losing nothing."""
from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest

from tests.support.projects import (EXAMPLE, checks_clean, copy_example, files, replace, run, tree_hash,
                                    unified)


def _with_output(root: Path) -> Path:
    (root / "output").mkdir()
    (root / "output" / "deck.pptx").write_bytes(b"built deck")
    return root


def test_year_new_archives_and_refreshes(tmp_path: Path) -> None:
    root = _with_output(copy_example(tmp_path))
    original = files(root / "content")
    result = run("year", "new", "2028", str(root))
    assert result.exit_code == 0, result.output
    archive = root / "archive" / "2027"
    assert files(archive / "content") == original
    assert (archive / "output" / "deck.pptx").read_bytes() == b"built deck"
    assert not (root / "output").exists()

    content = root / "content"
    assert unified(original["deck.yaml"].decode(), (content / "deck.yaml").read_text(encoding="utf-8")) == [
        "-year: 2027", "+year: 2028", "-quarter: 2027-Q1", "+quarter: 2028-Q1",
        "-date: 2027-01-05", "+# date: 2027-01-05"]
    rocks_diff = unified(original["big-rocks.yaml"].decode(), (content / "big-rocks.yaml").read_text(encoding="utf-8"))
    assert [line for line in rocks_diff if line.startswith("+")] == ["+        status: pending"] * 10
    assert all(line.startswith(("-        status: aligned", "-        on: ", "-        note: "))
               for line in rocks_diff if line.startswith("-"))
    assert "      # Not everyone agrees yet? Say so, with a note:\n" in (content / "big-rocks.yaml").read_text()
    new_q1 = (content / "okrs" / "2028-Q1.yaml").read_text(encoding="utf-8")
    assert "quarter: 2028-Q1\n" in new_q1 and "state: planned\n" in new_q1
    for name in ("charter.md", "company.yaml", "team.yaml", "okrs/2026-Q4.yaml", "okrs/2027-Q1.yaml"):
        assert (content / name).read_bytes() == original[name]

    out = result.output
    assert "copy content/ -> archive/2027/content/" in out and "move output/ -> archive/2027/output/" in out
    assert "Refresh checklist for 2028:" in out
    assert "charter.md: valid through 2027-12, before 2028 starts (2028-01-01)" in out
    assert ("big-rocks.yaml: re-rank the big rocks for 2028 (now 1. enterprise-narrative, 2. copilot-launch, "
            "3. competitive-winrate, 4. expansion-plays)") in out
    assert "meet Rachel Goldberg (CMO), Weekly 1:1, monthly marketing review" in out
    assert "meet Kwame Mensah (VP Customer Success)" in out
    assert "company.yaml: refresh the company priorities from the 2028 company plan" in out
    checks_clean(root)


def test_year_new_keeps_an_existing_first_quarter_file(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    q1 = root / "content" / "okrs" / "2028-Q1.yaml"
    q1.write_bytes((root / "content" / "okrs" / "2027-Q1.yaml").read_bytes().replace(b"2027-Q1", b"2028-Q1"))
    before = q1.read_bytes()
    result = run("year", "new", "2028", str(root))
    assert result.exit_code == 0, result.output
    assert q1.read_bytes() == before
    assert "2028-Q1.yaml" not in result.output.split("Changed:")[1].split("Refresh")[0]


def test_year_new_with_a_fiscal_year(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    replace(root / "content" / "deck.yaml", "fiscal_year_start: 1", "fiscal_year_start: 2")
    replace(root / "content" / "charter.md", "valid_through: 2027-12", "valid_through: 2028-01")
    result = run("year", "new", "2028", str(root))
    assert result.exit_code == 0, result.output
    assert "charter.md: valid through 2028-01, before 2028 starts (2028-02-01)" in result.output
    checks_clean(root)


def test_year_new_refuses_an_existing_archive(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    (root / "archive" / "2027").mkdir(parents=True)
    before = tree_hash(root)
    result = run("year", "new", "2028", str(root))
    assert result.exit_code == 1
    assert "archive/2027: error: archive/2027 already exists" in result.output
    assert tree_hash(root) == before


def test_year_new_refuses_a_year_not_after_the_edition(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    result = run("year", "new", "2027", str(root))
    assert result.exit_code == 1
    assert "content/deck.yaml:9:7: error: 2027 is not after this edition's year 2027" in result.output


def test_year_new_refuses_to_skip_a_year_unless_told(tmp_path: Path) -> None:
    """2030 typed for 2028 would move the plan two years on without a word."""
    root = copy_example(tmp_path)
    before = tree_hash(root)
    result = run("year", "new", "2030", str(root))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == ("content/deck.yaml:9:7: error: 2030 is not the next year: after 2027 "
                                             "comes 2028; run `deckgen year new 2028`, or add --skip to go to 2030 "
                                             "anyway")
    assert tree_hash(root) == before
    skipped = run("year", "new", "2030", str(root), "--skip", "--dry-run")
    assert skipped.exit_code == 0, skipped.output


def test_year_new_refuses_content_with_errors(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    replace(root / "content" / "big-rocks.yaml", "    supports: [enterprise-growth]\n", "    supports: [growth]\n")
    before = tree_hash(root)
    result = run("year", "new", "2028", str(root))
    assert result.exit_code == 1
    assert "content/big-rocks.yaml:17:16: error: big rock 'enterprise-narrative' supports 'growth'" in result.output
    assert tree_hash(root) == before


def test_year_new_dry_run_writes_nothing(tmp_path: Path) -> None:
    root = _with_output(copy_example(tmp_path))
    before = tree_hash(root)
    result = run("year", "new", "2028", str(root), "--dry-run")
    assert result.exit_code == 0, result.output
    assert tree_hash(root) == before
    assert "+++ b/content/okrs/2028-Q1.yaml" in result.output and "\n-year: 2027\n+year: 2028\n" in result.output


@pytest.mark.parametrize("failing_call", [1, 2, 4, 6])
def test_year_new_interrupted_leaves_everything_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          failing_call: int) -> None:
    root = _with_output(copy_example(tmp_path))
    before = tree_hash(root)
    calls = []
    rename = os.rename

    def flaky(source: Path, target: Path) -> None:
        calls.append(target)
        if len(calls) == failing_call:
            raise OSError(errno.EIO, "Input/output error", str(source))
        rename(source, target)

    monkeypatch.setattr(os, "rename", flaky)
    result = run("year", "new", "2028", str(root))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert re.search(r"^[a-z][\w/.-]*: error: cannot write: Input/output error; nothing was changed$",
                     result.output, re.M), result.output
    assert tree_hash(root) == before
    assert sorted(p.name for p in root.iterdir()) == ["content", "output"]


def test_year_restore_undoes_year_new_and_keeps_the_new_edition(tmp_path: Path) -> None:
    root = _with_output(copy_example(tmp_path))
    original = tree_hash(root / "content")
    assert run("year", "new", "2028", str(root)).exit_code == 0
    refreshed = tree_hash(root / "content")
    (root / "output").mkdir()
    (root / "output" / "deck.pptx").write_bytes(b"2028 deck")

    before = tree_hash(root)
    dry = run("year", "restore", "2027", str(root), "--dry-run")
    assert dry.exit_code == 0 and tree_hash(root) == before
    assert "move archive/2027/content/ -> content/" in dry.output

    result = run("year", "restore", "2027", str(root))
    assert result.exit_code == 0, result.output
    assert tree_hash(root / "content") == original == tree_hash(EXAMPLE)
    assert (root / "output" / "deck.pptx").read_bytes() == b"built deck"
    assert tree_hash(root / "archive" / "2028" / "content") == refreshed
    assert (root / "archive" / "2028" / "output" / "deck.pptx").read_bytes() == b"2028 deck"
    assert not (root / "archive" / "2027").exists()
    checks_clean(root)


def test_year_restore_refuses_a_missing_archive_or_a_taken_place(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    result = run("year", "restore", "2026", str(root))
    assert result.exit_code == 1
    assert "archive/2026: error: no archived edition for 2026 (expected archive/2026/content/)" in result.output
    assert run("year", "new", "2028", str(root)).exit_code == 0
    (root / "archive" / "2028").mkdir()
    before = tree_hash(root)
    result = run("year", "restore", "2027", str(root))
    assert result.exit_code == 1
    assert "archive/2028: error: archive/2028 already exists" in result.output
    assert tree_hash(root) == before
