"""WCAG contrast, readable shades, and the theme rule that warns about unreadable text colours."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from deckgen.commands.common import check_project
from deckgen.model.contrast import (BLACK, NEAR_BLACK, TEXT_MINIMUM, WHITE, contrast, luminance,
                                    readable, text_on, tint)

EXAMPLE = Path(__file__).resolve().parents[2] / "content"


def test_contrast_matches_wcag_reference_values() -> None:
    assert contrast(BLACK, WHITE) == pytest.approx(21.0)
    assert contrast(WHITE, WHITE) == pytest.approx(1.0)
    assert contrast("#777777", WHITE) == pytest.approx(4.48, abs=0.01)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)
    assert contrast("#1F3A5F", "#FFFFFF") == contrast("#FFFFFF", "#1f3a5f")
    assert luminance("#FF0000") == pytest.approx(0.2126)


def test_bad_colour_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="#1F3A5F"):
        luminance("red")


@pytest.mark.parametrize("background", ["#1F3A5F", "#F28C28", "#FFD700", "#777777", "#00FF00",
                                        "#0000FF", "#FFFFFF", "#000000", "#808080", "#5A5A5A"])
def test_text_on_any_background_reads(background: str) -> None:
    assert contrast(text_on(background), background) >= TEXT_MINIMUM


def test_text_on_prefers_white_on_dark_and_near_black_on_light() -> None:
    assert text_on("#1F3A5F") == WHITE
    assert text_on("#FFD700") == NEAR_BLACK


@pytest.mark.parametrize("colour", ["#FFD700", "#F28C28", "#FFFFFF", "#00FF00", "#1F3A5F"])
@pytest.mark.parametrize("background", [WHITE, "#F4F6F8", "#10202F", BLACK])
def test_readable_shade_passes_and_keeps_passing_colours(colour: str, background: str) -> None:
    shade = readable(colour, background)
    assert contrast(shade, background) >= TEXT_MINIMUM
    if contrast(colour, background) >= TEXT_MINIMUM:
        assert shade == colour


def test_tint_is_lighter() -> None:
    assert luminance(tint("#1F3A5F", 0.9)) > luminance("#1F3A5F")
    assert tint("#000000", 1.0) == WHITE


def _project_with_primary(tmp_path: Path, primary: str) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "content")
    deck = tmp_path / "content" / "deck.yaml"
    deck.write_text(deck.read_text(encoding="utf-8").replace('primary: "#1B3A5C"', f'primary: "{primary}"'),
                    encoding="utf-8")
    return tmp_path


def test_example_theme_raises_no_contrast_warning() -> None:
    checked = check_project(EXAMPLE.parent)
    assert not [d for d in checked.reporter.diagnostics if "contrast" in d.message]


def test_light_primary_is_a_warning_at_its_line(tmp_path: Path) -> None:
    root = _project_with_primary(tmp_path, "#FFD700")
    checked = check_project(root)
    found = [d for d in checked.reporter.warnings if "contrast" in d.message]
    assert len(found) == 1
    text = str(found[0])
    line = next(n for n, written in enumerate((root / "content/deck.yaml").read_text().splitlines(), 1)
                if "primary:" in written)
    assert text.startswith(f"content/deck.yaml:{line}:")
    assert "#FFD700" in text and "1.4:1" in text and "4.5:1" in text
    assert checked.project is not None  # a warning, not an error
