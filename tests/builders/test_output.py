"""Tests for deckgen.builders.output: atomic writes and the no-overwrite guard."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from deckgen.builders import output
from deckgen.builders.output import MANIFEST_NAME, check_overwrite, write_atomic, write_outputs
from deckgen.edit.transaction import WriteError


def test_write_atomic_creates_folders_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "output" / "deck.pptx"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["deck.pptx"]


def test_write_atomic_keeps_the_old_file_when_the_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]  # no temp file left behind


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_write_atomic_keeps_the_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_new_file_may_be_written(tmp_path: Path) -> None:
    assert check_overwrite(tmp_path / "deck.pptx") is None


def test_a_file_deckgen_wrote_may_be_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    write_outputs(tmp_path, [(target.name, b"built")])
    assert check_overwrite(target) is None
    manifest = json.loads((tmp_path / MANIFEST_NAME).read_text())
    assert set(manifest["files"]) == {"deck.pptx"}


def test_a_hand_edited_file_is_protected(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    write_outputs(tmp_path, [(target.name, b"built")])
    target.write_bytes(b"built, then edited in PowerPoint")
    reason = check_overwrite(target)
    assert reason is not None and "changed" in reason


def test_a_file_deckgen_never_wrote_is_protected(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"someone else's deck")
    reason = check_overwrite(target)
    assert reason is not None and "not written by deckgen" in reason


@pytest.mark.parametrize("lock_name", ["~$deck.pptx", ".~lock.deck.pptx#"])
def test_a_file_open_in_an_office_suite_is_protected(tmp_path: Path, lock_name: str) -> None:
    target = tmp_path / "deck.pptx"
    write_outputs(tmp_path, [(target.name, b"built")])
    (tmp_path / lock_name).write_bytes(b"")
    reason = check_overwrite(target)
    assert reason is not None and lock_name in reason


def test_manifest_records_each_file_separately(tmp_path: Path) -> None:
    write_outputs(tmp_path, [("deck.pptx", b"d"), ("one-pager.html", b"h")])
    (tmp_path / "one-pager.html").write_bytes(b"edited")
    assert check_overwrite(tmp_path / "deck.pptx") is None
    assert check_overwrite(tmp_path / "one-pager.html") is not None


def test_a_corrupt_manifest_protects_rather_than_allows(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    write_outputs(tmp_path, [(target.name, b"built")])
    (tmp_path / MANIFEST_NAME).write_text("{not json")
    assert check_overwrite(target) is not None
    write_outputs(tmp_path, [(target.name, b"rebuilt")], force=True)
    assert check_overwrite(target) is None


def test_a_protected_file_is_written_beside_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    write_outputs(tmp_path, [("deck.pptx", b"v1")])
    write_outputs(tmp_path, [("deck.pptx", b"v2")])
    target.write_bytes(b"hand edit")
    [line], kept = write_outputs(tmp_path, [("deck.pptx", b"v3")])
    assert kept == [target]
    assert "changed since deckgen wrote it" in line and "Wrote " in line
    assert target.read_bytes() == b"hand edit"
    assert (tmp_path / "deck (deckgen 2).pptx").read_bytes() == b"v3"
    write_outputs(tmp_path, [("deck.pptx", b"v3")], force=True)
    assert target.read_bytes() == b"v3"
    assert check_overwrite(target) is None


def test_files_and_manifest_are_written_together_or_not_at_all(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    write_outputs(tmp_path, [("deck.pptx", b"old deck"), ("page.html", b"old page")])
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    rename = os.rename
    calls = []

    def failing(source: object, target: object) -> None:
        calls.append(target)
        if len(calls) == 4:  # deck.pptx and page.html replaced, the manifest not yet
            raise OSError(errno.EIO, "Input/output error", str(source))
        rename(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rename", failing)
    with pytest.raises(WriteError) as raised:
        write_outputs(tmp_path, [("deck.pptx", b"new deck"), ("page.html", b"new page")])
    assert raised.value.undone and raised.value.path in ("deck.pptx", "page.html", MANIFEST_NAME)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_stale_temporary_files_of_killed_builds_are_removed(tmp_path: Path) -> None:
    (tmp_path / ".deck.pptx.k3j_9x2a.tmp").write_bytes(b"half a deck")
    (tmp_path / f".{MANIFEST_NAME}.abcdefgh.tmp").write_bytes(b"{")
    (tmp_path / ".notes.txt.abcdefgh.tmp").write_bytes(b"not deckgen's")
    write_outputs(tmp_path, [("deck.pptx", b"deck")])
    assert sorted(p.name for p in tmp_path.iterdir()) == [".deckgen-manifest.json", ".notes.txt.abcdefgh.tmp",
                                                          "deck.pptx"]
