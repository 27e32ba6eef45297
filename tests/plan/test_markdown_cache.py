"""A body's HTML kept in the cache folder: the same HTML as a fresh conversion, one entry per
text, a broken entry a miss, and a run reading only kept bodies never imports Python-Markdown."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from deckgen.plan import markdown

TEXT = "A *body* with a list:\n\n- one\n- two\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    markdown.to_html_source.cache_clear()
    yield tmp_path / "cache" / "deckgen" / "markdown"
    markdown.to_html_source.cache_clear()


def _no_converting(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail() -> None:
        raise AssertionError("converted again instead of read from the cache")
    monkeypatch.setattr(markdown, "_converter", fail)


def test_a_body_is_read_back_from_the_cache(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = markdown.to_html_source(TEXT)
    assert "<table>" in first and len(list(folder.iterdir())) == 1
    markdown.to_html_source.cache_clear()
    _no_converting(monkeypatch)
    assert markdown.to_html_source(TEXT) == first


def test_another_text_is_another_entry(folder: Path) -> None:
    markdown.to_html_source(TEXT)
    markdown.to_html_source(TEXT + "\nmore\n")
    assert len(list(folder.iterdir())) == 2


def test_a_broken_entry_is_a_miss(folder: Path) -> None:
    first = markdown.to_html_source(TEXT)
    markdown.to_html_source.cache_clear()
    for entry in folder.iterdir():
        entry.write_bytes(b"\xff not UTF-8")
    assert markdown.to_html_source(TEXT) == first


def test_an_unwritable_folder_converts_as_without_a_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    markdown.to_html_source.cache_clear()
    try:
        assert "<em>body</em>" in markdown.to_html_source(TEXT)
    finally:
        markdown.to_html_source.cache_clear()
