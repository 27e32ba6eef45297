"""Tests for deckgen.builders.pptx.wrap (and the font measurement under it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from deckgen.builders.pptx import fonts, wrap as wrapping
from deckgen.builders.pptx.wrap import (
    CELL_MARGINS,
    HEIGHT_SAFETY,
    WIDTH_SAFETY,
    Insets,
    Paragraph,
    row_height,
    text_height,
    wrap,
)

FAMILY = "Calibri"
LOREM = (
    "Our platform cuts reporting time by half for mid-market finance teams, "
    "with connectors to every major ERP and a forecasting model tuned on their own data. "
)


# --- fonts ----------------------------------------------------------------------------------

def test_text_width_grows_with_text_size_and_weight() -> None:
    base = fonts.text_width("Hello world", FAMILY, 18)
    assert base > 0
    assert fonts.text_width("Hello world!", FAMILY, 18) > base
    assert fonts.text_width("Hello world", FAMILY, 36) == pytest.approx(2 * base)
    assert fonts.text_width("", FAMILY, 18) == 0.0


def test_bold_is_wider_when_a_bold_face_exists() -> None:
    if fonts.font_file(FAMILY, bold=True) in (None, fonts.font_file(FAMILY)):
        pytest.skip("no separate bold face installed")
    assert fonts.text_width("Hello world", FAMILY, 18, bold=True) > fonts.text_width(
        "Hello world", FAMILY, 18
    )


def test_calibri_is_measured_with_a_metric_compatible_font() -> None:
    path = fonts.font_file("Calibri")
    if path is None:
        pytest.skip("no font files at all on this machine")
    assert path.stem.lower().startswith(("carlito", "calibri", "dejavu"))


def test_wide_cjk_characters_count_at_least_one_em() -> None:
    assert fonts.text_width("中文字", FAMILY, 10) >= 30.0


def test_no_font_file_falls_back_to_half_an_em(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "font_file", lambda family, bold=False: None)
    assert fonts.text_width("abcd", "Nonexistent Sans", 10) == pytest.approx(20.0)
    assert fonts.line_height("Nonexistent Sans", 10) == pytest.approx(12.0)
    assert wrap("abcd efgh", "Nonexistent Sans", 10, 25) == ["abcd", "efgh"]


def test_folder_scan_finds_fonts_without_fontconfig(monkeypatch: pytest.MonkeyPatch) -> None:
    with_fc = fonts.font_file("Arial")
    monkeypatch.setattr(fonts, "_fc_match_path", lambda: None)
    fonts.clear_cache()
    try:
        without_fc = fonts.font_file("Arial")
    finally:
        fonts.clear_cache()
    assert without_fc == with_fc


def test_line_height_is_at_least_single_spacing() -> None:
    assert fonts.line_height(FAMILY, 10) >= 12.0


# --- wrap -----------------------------------------------------------------------------------

def test_wrap_keeps_every_line_within_the_width() -> None:
    lines = wrap(LOREM, FAMILY, 18, 200)
    assert len(lines) > 3
    assert all(fonts.text_width(line, FAMILY, 18) <= 200 for line in lines)
    assert " ".join(lines).split() == LOREM.split()


@pytest.mark.parametrize("family", ["Calibri", "Arial", "Cambria"])
def test_wrapping_by_word_advances_breaks_where_measuring_whole_lines_does(
        family: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines are measured as the sum of their words' advances; that must break exactly where
    measuring each candidate line whole does, kerned pairs and long words included."""
    texts = [LOREM * 3, "AVATAR Tomorrow, To Wa. V.A.T. \"quoted\" (yes) -- y'all " * 6,
             "x" * 200 + " then short words after a word too long for the line",
             "  leading spaces,  double  spaces and trailing ones  ",
             "“Quoted” — café, naïve ‘Ärger’ Œuvre … Ýes " * 5,
             "On track · Head of Sales", "", "   ", " AV To"]  # lines that fit whole
    assert fonts.word_advances(family) is not None  # the fast way is the one under test
    for text in texts:
        for width in (30.0, 95.5, 210.0, 480.0):
            fast = wrap(text, family, 13.5, width)
            with monkeypatch.context() as whole:
                whole.setattr(wrapping, "word_advances", lambda *_: None)
                assert wrap(text, family, 13.5, width) == fast



def test_the_space_joining_two_words_is_measured_once_per_font() -> None:
    """A joint (what "b c" adds beyond "b" and "c", kerned) is kept per font measured: the
    regular and the bold face keep their own, and each is the one measuring it whole gives."""
    regular, bold = fonts.word_advances(FAMILY), fonts.word_advances(FAMILY, bold=True)
    assert regular is not None and bold is not None
    for advance, heavy in ((regular, False), (bold, True)):
        wrapping._words.__wrapped__("Tab. AV To", 0, 10, FAMILY, heavy)  # not a cached answer
        joints = wrapping._joints(advance)
        assert joints[". A"] == advance(". A") - advance(".") - advance("A")
    assert wrapping._joints(regular) is not wrapping._joints(bold)

def test_wrap_breaks_a_word_longer_than_the_line() -> None:
    lines = wrap("Supercalifragilisticexpialidocious ok", FAMILY, 18, 80)
    assert "".join(lines[:-1]) == "Supercalifragilisticexpialidocious"
    assert lines[-1] == "ok"
    assert all(fonts.text_width(line, FAMILY, 18) <= 80 for line in lines)


def test_wrap_breaks_cjk_text_between_characters() -> None:
    text = "これは日本語のテキストです。改行が必要です。"
    lines = wrap(text, FAMILY, 12, 60)
    assert len(lines) > 1
    assert "".join(lines) == text


def test_wrap_honours_line_breaks_and_empty_text() -> None:
    assert wrap("a\n\nb", FAMILY, 12, 100) == ["a", "", "b"]
    assert wrap("", FAMILY, 12, 100) == [""]


# --- text_height ----------------------------------------------------------------------------

def test_text_height_counts_wrapped_lines_spacing_indent_and_space_before() -> None:
    lines = len(wrap(LOREM, FAMILY, 14, (400 - 14.4) * WIDTH_SAFETY))
    base = text_height([LOREM], FAMILY, 14, 400)
    assert lines > 1 and base == pytest.approx(lines * fonts.line_height(FAMILY, 14))
    assert text_height([LOREM], FAMILY, 14, 400, line_spacing=1.5) == pytest.approx(1.5 * base)
    assert text_height([Paragraph(LOREM, space_before_pt=6)], FAMILY, 14, 400) == pytest.approx(base + 6)
    assert text_height([Paragraph(LOREM, level=4)], FAMILY, 14, 400) > base
    assert text_height([LOREM], FAMILY, 14, 400, insets=Insets(90, 90, 0, 0)) > base


# --- row_height -----------------------------------------------------------------------------

def test_row_height_is_set_by_the_tallest_cell() -> None:
    one_line = row_height(["Short", "Also short"], [120, 120], FAMILY, 12)
    expected = (fonts.line_height(FAMILY, 12) + CELL_MARGINS.top + CELL_MARGINS.bottom)
    assert one_line == pytest.approx(expected / HEIGHT_SAFETY)
    taller = row_height(["Short", LOREM], [120, 120], FAMILY, 12)
    assert taller > 3 * one_line / 2
    with pytest.raises(ValueError):
        row_height(["a", "b"], [100], FAMILY, 12)



def test_row_height_measures_each_cell_in_its_own_weight() -> None:
    texts, widths = ["Short", LOREM], [120, 120]
    mixed = row_height(texts, widths, FAMILY, 12, bold=(True, False))
    assert mixed == max(row_height([t], [w], FAMILY, 12, bold=b)
                        for t, w, b in zip(texts, widths, (True, False), strict=True))
    assert row_height(texts, widths, FAMILY, 12, bold=(True, True)) == row_height(texts, widths, FAMILY, 12, bold=True)

# --- font metrics kept between runs ------------------------------------------------------------

def test_measured_advances_are_read_back_without_loading_the_font(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fonts.clear_cache()
    before = fonts.text_width("Positioning for the enterprise tier", FAMILY, 18)
    lines = wrap(LOREM, FAMILY, 18, 200)
    fonts.save_metrics()
    fonts.clear_cache()  # as a new run starts

    def no_font(_: Path) -> None:
        raise AssertionError("loaded the font instead of reading its advances")
    monkeypatch.setattr(fonts, "_pil_font", no_font)
    assert fonts.text_width("Positioning for the enterprise tier", FAMILY, 18) == before
    assert wrap(LOREM, FAMILY, 18, 200) == lines
    monkeypatch.undo()
    fonts.clear_cache()


def test_a_changed_font_file_is_another_entry(tmp_path: Path) -> None:
    font = tmp_path / "font.ttf"
    font.write_bytes(fonts.font_file(FAMILY).read_bytes())
    entry = fonts._metrics_entry(font)
    os.utime(font, ns=(1, 1))
    assert entry is not None and fonts._metrics_entry(font) not in (None, entry)


def test_an_unusable_cache_folder_still_measures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    fonts.clear_cache()
    assert fonts.text_width("Hello", FAMILY, 10) > 0
    fonts.save_metrics()
    fonts.clear_cache()


def test_a_box_narrower_than_nothing_still_wraps() -> None:
    """A template's 0-wide placeholder leaves a negative width once insets are taken: wrapping
    puts a character a line instead of looking for a line that never fits."""
    assert [line for line in wrap("abc de", FAMILY, 12, -5) if line] == ["a", "b", "c", "d", "e"]
