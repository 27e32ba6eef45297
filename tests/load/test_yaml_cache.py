"""Parsed YAML kept in the cache folder: the same Source as a fresh parse, never a stale or broken
one, never a lost diagnostic, and never a failure when the folder is unusable."""
from __future__ import annotations

from pathlib import Path

import pytest

from deckgen import cache
from deckgen.diagnostics import Reporter
from deckgen.load import yaml_source
from deckgen.load.yaml_source import parse_yaml

TEXT = "team: Product Marketing\npeople:\n  - name: Maya\n    focus: [a, b]\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "deckgen" / "yaml"


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise AssertionError("parsed again instead of read from the cache")
    monkeypatch.setattr(yaml_source, "_parse", fail)


def test_a_clean_document_is_read_back_from_the_cache(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = parse_yaml(TEXT, "team.yaml", Reporter())
    assert len(list(folder.iterdir())) == 1
    _no_parsing(monkeypatch)
    again = parse_yaml(TEXT, "team.yaml", Reporter())
    assert again == first and again is not first
    assert again.position(("people", 0, "focus", 1)).line == 4


def test_another_text_path_or_offset_is_another_entry(folder: Path) -> None:
    parse_yaml(TEXT, "team.yaml", Reporter())
    parse_yaml(TEXT + "extra: 1\n", "team.yaml", Reporter())
    parse_yaml(TEXT, "other.yaml", Reporter())
    parse_yaml(TEXT, "team.yaml", Reporter(), line_offset=1)
    assert len(list(folder.iterdir())) == 4
    assert parse_yaml(TEXT, "team.yaml", Reporter(), line_offset=1).position(("team",)).line == 2


def test_a_document_with_problems_is_parsed_and_reported_every_time(folder: Path) -> None:
    broken = "team: [unclosed\n"
    for _ in range(2):
        reporter = Reporter()
        assert parse_yaml(broken, "deck.yaml", reporter) is None
        assert [str(d.position) for d in reporter.errors] == ["deck.yaml:1:7"]  # where the unclosed bracket opens
    assert not folder.exists() or not list(folder.iterdir())


def test_a_broken_entry_is_a_miss(folder: Path) -> None:
    first = parse_yaml(TEXT, "team.yaml", Reporter())
    for entry in folder.iterdir():
        entry.write_bytes(b"not a pickle")
    assert parse_yaml(TEXT, "team.yaml", Reporter()) == first


def test_an_unusable_cache_folder_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    source = parse_yaml(TEXT, "team.yaml", Reporter())
    assert source is not None and source.data["people"][0]["focus"] == ["a", "b"]
    assert cache.read("yaml", "anything") is None


def test_a_document_cleaned_or_over_a_cap_is_reported_every_time(folder: Path) -> None:
    """The cache keeps a document as cleaned and checked, so only one with nothing to say: one
    whose text was cleaned, or a value over a cap, is parsed and reported again on every run."""
    cleaned = 'team: "Product\\aMarketing"\n'
    too_long = f"team: {'x' * 1_001}\n"
    for _ in range(2):
        reporter = Reporter()
        source = parse_yaml(cleaned, "deck.yaml", reporter)
        assert source is not None and source.data == {"team": "ProductMarketing"}
        assert [d.message for d in reporter.warnings] == ["U+0007 (a control character) removed: it cannot be "
                                                          "shown in a deck"]
        reporter = Reporter()
        parse_yaml(too_long, "deck.yaml", reporter)
        assert [str(d.position) for d in reporter.errors] == ["deck.yaml:1:7"]
    assert not folder.exists() or not list(folder.iterdir())
