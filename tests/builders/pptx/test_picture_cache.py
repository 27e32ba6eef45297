"""Re-encoded pictures kept in the cache folder: the same bytes as a fresh encoding, another entry
for another width, a damaged entry encoded again, and no failure when the folder is unusable."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from deckgen.builders.pptx import pictures
from deckgen.builders.pptx.pictures import reencode


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.linear_gradient("L").resize((width, height)).convert("RGB").save(out, "PNG")
    return out.getvalue()


PICTURE = _png(600, 300)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    reencode.cache_clear()  # the in-process cache would answer before the folder is read
    return tmp_path / "cache" / "deckgen" / pictures.ENCODED


def _no_encoding(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> bytes:
        raise AssertionError("encoded again instead of read from the cache")
    monkeypatch.setattr(pictures, "_encoded", fail)


def test_an_encoded_picture_is_read_back_from_the_cache(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = reencode(PICTURE, 400)
    assert Image.open(io.BytesIO(fresh)).size == (400, 200)
    assert len(list(folder.iterdir())) == 1
    reencode.cache_clear()
    _no_encoding(monkeypatch)
    assert reencode(PICTURE, 400) == fresh


def test_another_width_or_picture_is_another_entry(folder: Path) -> None:
    reencode(PICTURE, 400)
    reencode(PICTURE, 300)
    reencode(_png(601, 300), 400)
    assert len(list(folder.iterdir())) == 3


def test_a_damaged_entry_is_encoded_again(folder: Path) -> None:
    fresh = reencode(PICTURE, 400)
    for entry in folder.iterdir():
        entry.write_bytes(entry.read_bytes()[:-10])  # a truncated picture must never reach a slide
    reencode.cache_clear()
    assert reencode(PICTURE, 400) == fresh


def test_an_unusable_cache_folder_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    reencode.cache_clear()
    assert Image.open(io.BytesIO(reencode(PICTURE, 400))).size == (400, 200)
