"""Transactions: all changes or none, even when the commit is interrupted half-way."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from deckgen.edit import transaction as transaction_module
from deckgen.edit.transaction import Transaction, WriteError
from tests.support.projects import tree_hash


def _project(tmp_path: Path) -> Path:
    (tmp_path / "content" / "okrs").mkdir(parents=True)
    (tmp_path / "content" / "deck.yaml").write_text("year: 2027\n")
    (tmp_path / "content" / "okrs" / "2027-Q1.yaml").write_text("quarter: 2027-Q1\n")
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "deck.pptx").write_bytes(b"pptx")
    return tmp_path


def _transaction(root: Path) -> Transaction:
    transaction = Transaction(root)
    transaction.copy(root / "content", root / "archive" / "2027" / "content")
    transaction.move(root / "output", root / "archive" / "2027" / "output")
    transaction.write(root / "content" / "deck.yaml", "year: 2028\n")
    transaction.write(root / "content" / "okrs" / "2028-Q1.yaml", "quarter: 2028-Q1\n")
    return transaction


def test_commit_applies_every_change(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _transaction(root).commit()
    assert (root / "content" / "deck.yaml").read_text() == "year: 2028\n"
    assert (root / "content" / "okrs" / "2028-Q1.yaml").read_text() == "quarter: 2028-Q1\n"
    assert (root / "archive" / "2027" / "content" / "deck.yaml").read_text() == "year: 2027\n"
    assert (root / "archive" / "2027" / "output" / "deck.pptx").read_bytes() == b"pptx"
    assert not (root / "output").exists()
    assert not [p for p in root.rglob("*") if p.name.endswith((".deckgen-new", ".deckgen-old"))]


def test_summary_and_diffs_describe_without_writing(tmp_path: Path) -> None:
    root = _project(tmp_path)
    before = tree_hash(root)
    transaction = _transaction(root)
    assert transaction.summary() == [
        "copy content/ -> archive/2027/content/", "move output/ -> archive/2027/output/",
        "updated content/deck.yaml", "created content/okrs/2028-Q1.yaml"]
    diffs = transaction.diffs()
    assert diffs[0].splitlines() == ["--- a/content/deck.yaml", "+++ b/content/deck.yaml", "@@ -1 +1 @@",
                                     "-year: 2027", "+year: 2028"]
    assert diffs[1].startswith("--- /dev/null\n+++ b/content/okrs/2028-Q1.yaml\n")
    assert tree_hash(root) == before


@pytest.mark.parametrize("failing_call", [1, 2, 3, 4, 5])
def test_interrupted_commit_leaves_everything_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        failing_call: int) -> None:
    root = _project(tmp_path)
    before = tree_hash(root)
    calls = []

    rename = os.rename

    def flaky(source: Path, target: Path) -> None:
        calls.append(source)
        if len(calls) == failing_call:
            raise OSError(errno.ENOSPC, "No space left on device", str(source))
        rename(source, target)

    monkeypatch.setattr(os, "rename", flaky)
    with pytest.raises(WriteError, match="No space left on device") as raised:
        _transaction(root).commit()
    assert raised.value.undone and "deckgen-" not in str(raised.value.path)
    assert tree_hash(root) == before
    assert not (root / "archive").exists()


def test_failure_while_staging_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path)
    before = tree_hash(root)

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("cannot copy")

    monkeypatch.setattr(transaction_module.shutil, "copytree", broken)
    with pytest.raises(WriteError, match="cannot write archive/2027/content/: cannot copy"):
        _transaction(root).commit()
    assert tree_hash(root) == before


def test_copy_or_move_never_replaces(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "archive" / "2027").mkdir(parents=True)
    (root / "archive" / "2027" / "content").mkdir()
    before = tree_hash(root)
    with pytest.raises(FileExistsError, match="archive/2027/content already exists"):
        _transaction(root).commit()
    assert tree_hash(root) == before


def test_a_move_may_fill_a_place_an_earlier_move_freed(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "old").mkdir()
    (root / "old" / "deck.yaml").write_text("year: 2026\n")
    transaction = Transaction(root)
    transaction.move(root / "content", root / "aside")
    transaction.move(root / "old", root / "content")
    transaction.commit()
    assert (root / "content" / "deck.yaml").read_text() == "year: 2026\n"
    assert (root / "aside" / "deck.yaml").read_text() == "year: 2027\n"


def test_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    root = _project(tmp_path)
    deck = root / "content" / "deck.yaml"
    deck.chmod(0o640)
    transaction = Transaction(root)
    transaction.write(deck, "year: 2028\n")
    transaction.commit()
    assert deck.stat().st_mode & 0o777 == 0o640


def test_writing_the_same_text_is_no_change(tmp_path: Path) -> None:
    root = _project(tmp_path)
    transaction = Transaction(root)
    transaction.write(root / "content" / "deck.yaml", "year: 2027\n")
    assert transaction.summary() == [] and transaction.diffs() == []
