"""Fonts that are not installed are measured with what renders them: a metric-compatible clone
(Carlito for Calibri, Liberation for Arial), else the face fontconfig substitutes, which is what
LibreOffice draws, widened by a margin; each such stand-in is said once in the build's output."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from deckgen.builders.pptx import fonts
from deckgen.builders.pptx.design import Fonts

needs_fontconfig = pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig is not installed")
TEXT = "Results by quarter and owner"


def rendered_with(family: str) -> str:
    return subprocess.run(["fc-match", "-f", "%{family}", family], capture_output=True, text=True,
                          check=True).stdout.split(",")[0]


@needs_fontconfig
@pytest.mark.parametrize("family", ["Calibri Light", "Aptos", "Aptos Display"])
def test_a_font_without_a_clone_is_measured_with_what_renders_it_and_a_margin(family: str) -> None:
    if fonts._locate(family, False) is not None:
        pytest.skip(f"{family} itself is installed here")
    assert fonts.stand_in(family) == rendered_with(family) != "Carlito"
    plain = fonts.text_width(TEXT, rendered_with(family), 20)
    assert fonts.text_width(TEXT, family, 20) == pytest.approx(plain * fonts.STAND_IN_MARGIN)
    assert fonts.text_width(TEXT, family, 20) > fonts.text_width(TEXT, "Calibri", 20) * 1.1


@needs_fontconfig
def test_a_clone_measures_exactly() -> None:
    if fonts._locate("Carlito", False) is None or fonts._locate("Calibri", False) is not None:
        pytest.skip("needs Carlito without Calibri")
    assert fonts.stand_in("Calibri") == "Carlito" and fonts.margin("Calibri") == 1.0
    assert fonts.text_width(TEXT, "Calibri", 20) == fonts.text_width(TEXT, "Carlito", 20)


@needs_fontconfig
def test_stand_ins_are_reported_once_per_font() -> None:
    if fonts._locate("Aptos", False) is not None:
        pytest.skip("Aptos itself is installed here")
    lines = Fonts(body="Aptos", heading="Aptos").stand_ins()
    assert lines == [f"font 'Aptos' is not installed: measured with {rendered_with('Aptos')} "
                     f"(the font that renders it here, widths +4%)"]
    assert Fonts(body="DejaVu Sans", heading="DejaVu Sans").stand_ins() == []


@needs_fontconfig
def test_wrapping_keeps_the_margin() -> None:
    """Wrapping measures word by word (wrap.py): each line, measured whole with the margin, fits."""
    from deckgen.builders.pptx.wrap import wrap

    text = "Our platform cuts reporting time by half for mid-market finance teams " * 3
    lines = wrap(text, "Aptos", 20, 300)
    assert len(lines) > 3 and all(fonts.text_width(line, "Aptos", 20) <= 300 for line in lines)


@needs_fontconfig
def test_fontconfig_answers_are_kept_between_runs_until_a_font_folder_changes(
        tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Each fc-match is a process; a later run asks the cache folder instead, unless fonts were
    installed or removed since (their folder's time changed)."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    monkeypatch.setattr(fonts, "FONT_DIRS", (folder,))
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counted(args, **kw):  # type: ignore[no-untyped-def]
        calls.append(args)
        return real_run(args, **kw)

    monkeypatch.setattr(fonts.subprocess, "run", counted)

    def run_anew() -> str | None:  # a new process: nothing remembered in memory
        fonts.clear_cache()
        return fonts.stand_in("Aptos")

    first = run_anew()
    asked = len(calls)
    assert asked > 0
    assert run_anew() == first and len(calls) == asked  # answered from the cache folder
    (folder / "new-font.ttf").write_bytes(b"")  # "installs" a font: the folder's time changes
    assert run_anew() == first and len(calls) == 2 * asked
