"""Tests for deckgen.builders.output: atomic writes and the no-overwrite guard."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from deckgen.builders import output
from deckgen.builders.output import (
    MANIFEST_NAME,
    OverwriteRefused,
    check_overwrite,
    record_written,
    write_atomic,
    write_output,
)


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
    write_atomic(target, b"built")
    record_written(target, b"built")
    assert check_overwrite(target) is None
    manifest = json.loads((tmp_path / MANIFEST_NAME).read_text())
    assert set(manifest["files"]) == {"deck.pptx"}


def test_a_hand_edited_file_is_protected(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    write_atomic(target, b"built")
    record_written(target, b"built")
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
    write_atomic(target, b"built")
    record_written(target, b"built")
    (tmp_path / lock_name).write_bytes(b"")
    reason = check_overwrite(target)
    assert reason is not None and lock_name in reason


def test_manifest_records_each_file_separately(tmp_path: Path) -> None:
    for name, data in (("deck.pptx", b"d"), ("one-pager.html", b"h")):
        write_output(tmp_path / name, data)
    (tmp_path / "one-pager.html").write_bytes(b"edited")
    assert check_overwrite(tmp_path / "deck.pptx") is None
    assert check_overwrite(tmp_path / "one-pager.html") is not None


def test_a_corrupt_manifest_protects_rather_than_allows(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    write_output(target, b"built")
    (tmp_path / MANIFEST_NAME).write_text("{not json")
    assert check_overwrite(target) is not None
    write_output(target, b"rebuilt", force=True)
    assert check_overwrite(target) is None


def test_write_output_refuses_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    write_output(target, b"v1")
    write_output(target, b"v2")
    target.write_bytes(b"hand edit")
    with pytest.raises(OverwriteRefused, match="changed"):
        write_output(target, b"v3")
    assert target.read_bytes() == b"hand edit"
    write_output(target, b"v3", force=True)
    assert target.read_bytes() == b"v3"
    assert check_overwrite(target) is None
