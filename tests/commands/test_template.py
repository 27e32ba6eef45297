"""`deckgen template check FILE`, and a project's brand template and ``layouts:`` as `check` and
`build` report them: one clear line with file, line and column, never a traceback."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.util import Inches

from deckgen.cli import main
from tests.support.checking import at, diagnostics
from tests.support.decks import open_deck
from tests.support.projects import replace
from tests.support.templates import corpus_params, template

TEMPLATE_LINE = "# template: brand/northwind-2027.potx"


def with_template(root: Path, name: str, layouts: str = "") -> Path:
    """``root``'s deck.yaml pointed at the corpus template ``name``, with a ``layouts:`` block."""
    shutil.copy(template(name).path, root / "content" / name)
    replace(root / "content" / "deck.yaml", TEMPLATE_LINE, f"template: {name}\n{layouts}")
    return root


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


# deckgen template check ----------------------------------------------------------------------------
@pytest.mark.parametrize("corpus_template", corpus_params())
def test_every_corpus_template_is_explained(corpus_template) -> None:  # type: ignore[no-untyped-def]
    code, out = cli("template", "check", str(corpus_template.path))
    assert code == 0, out
    for kind in ("title slides", "section slides", "content slides"):
        assert f"  {kind}: '" in out
    assert "slide size: " in out and "headings font: " in out and "placeholders found: title" in out


def test_it_says_why_each_layout_was_chosen_and_what_it_lacks() -> None:
    code, out = cli("template", "check", str(template("lo-midnightblue.pptx").path))
    assert code == 0
    assert "  title slides: 'Title Slide (master 2)', by its name\n" in out
    assert "  content slides: 'Title Only (master 1)', by its type 'titleOnly'\n" in out
    assert "    missing: slide number: the number is drawn on the grid\n" in out
    assert "masters: 3, layouts: 36" in out


def test_what_is_dropped_as_unsafe_is_listed() -> None:
    code, out = cli("template", "check", str(template("derived-risky.pptx").path))
    assert code == 0
    assert "warning: left out of decks as unsafe: an external link to http://example.com/tracking-pixel.png" in out
    assert out.count("left out of decks as unsafe") == 5


def test_a_broken_template_is_one_error_and_exit_1(tmp_path: Path) -> None:
    broken = tmp_path / "brand.pptx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    code, out = cli("template", "check", str(broken))
    assert code == 1
    assert out.strip().splitlines() == [
        f"{broken}: error: deckgen cannot use this template: it is not a PowerPoint file "
        "(File is not a zip file)"]
    code, out = cli("template", "check", str(tmp_path / "missing.pptx"))
    assert code == 1 and out.count("\n") == 1 and "cannot read it" in out


def test_a_layouts_entry_can_be_tried_and_is_checked() -> None:
    path = str(template("pandoc-reference.pptx").path)
    code, out = cli("template", "check", path, "--layout", "content=Title and Content")
    assert code == 0 and "  content slides: 'Title and Content', named in deck.yaml\n" in out
    code, out = cli("template", "check", path, "--layout", "title=Portada")
    assert code == 1 and "the template has no layout named 'Portada'; it has 'Title Slide', " in out
    code, out = cli("template", "check", path, "--layout", "cover=Blank")
    assert code == 2 and "'cover' is not a slide kind" in out


# In a project: check and build ------------------------------------------------------------------
def test_check_warns_of_what_is_dropped_at_the_template_line(example_project: Path) -> None:
    with_template(example_project, "derived-risky.pptx")
    where = at(example_project, "deck.yaml", "template: derived-risky.pptx", "derived-risky.pptx")
    found = [d for d in diagnostics(example_project) if "left out of the deck" in d]
    assert len(found) == 5
    assert f"{where}: warning: the template's an external link to file:///etc/passwd " \
           f"(ppt/slideLayouts/slideLayout6.xml) is left out of the deck" in found


def test_a_malformed_template_fails_check_and_build_with_one_line(example_project: Path) -> None:
    (example_project / "content" / "brand.pptx").write_bytes(b"PK\x05\x06" + bytes(18))
    replace(example_project / "content" / "deck.yaml", TEMPLATE_LINE, "template: brand.pptx")
    where = at(example_project, "deck.yaml", "template: brand.pptx", "brand.pptx")
    expected = f"{where}: error: cannot use the template 'brand.pptx': it has no presentation part"
    assert [d for d in diagnostics(example_project) if "error" in d] == [
        expected + " (is it a PowerPoint file?)"]
    code, out = cli("build", str(example_project))
    assert code == 1 and expected in out and "Traceback" not in out
    assert not (example_project / "output").exists()


def test_a_layouts_mapping_picks_the_layouts(example_project: Path, tmp_path: Path) -> None:
    with_template(example_project, "pandoc-reference.pptx",
                  'layouts:\n  title: "title slide"\n  content: Title and Content\n')
    assert [d for d in diagnostics(example_project) if "error" in d] == []
    code, out = cli("build", str(example_project), "--format", "pptx", "-o", str(tmp_path / "out"))
    assert code == 0, out
    deck = open_deck(next((tmp_path / "out").glob("*.pptx")).read_bytes())
    used = [s.slide_layout.name for s in deck.slides]
    assert used[0] == "Title Slide" and set(used[1:]) == {"Title and Content"}


def test_an_unknown_layout_name_is_an_error_naming_those_that_exist(example_project: Path) -> None:
    with_template(example_project, "derived-two-masters.pptx", "layouts:\n  title: Título\n")
    where = at(example_project, "deck.yaml", "  title: Título", "Título")
    errors = [d for d in diagnostics(example_project) if "error" in d]
    assert errors == [f"{where}: error: the template has no layout named 'Título'; it has "
                      "'Title and Content', 'Two Content', 'Comparison', 'Title Only', 'Blank', "
                      "'Content with Caption', 'Picture with Caption', 'Title and Vertical Text', "
                      "'Vertical Title and Text', 'Cover', 'Chapter'"]


def test_a_layout_without_a_title_placeholder_is_refused(example_project: Path) -> None:
    with_template(example_project, "pandoc-reference.pptx", "layouts:\n  content: Blank\n")
    where = at(example_project, "deck.yaml", "  content: Blank", "Blank")
    [error] = [d for d in diagnostics(example_project) if "error" in d]
    assert error.startswith(f"{where}: error: layout 'Blank' has no title placeholder, which a "
                            "content slide needs; layouts with one: 'Title Slide', ")


@pytest.mark.slow  # the example built on four masters of artwork; test_a_layouts_mapping_picks_the_layouts is the fast one
def test_a_layout_is_named_with_its_master_when_masters_share_names(example_project: Path,
                                                                  tmp_path: Path) -> None:
    with_template(example_project, "lo-focus.pptx", 'layouts:\n  title: "Title Slide (master 3)"\n')
    assert [d for d in diagnostics(example_project) if "error" in d] == []
    code, out = cli("build", str(example_project), "--format", "pptx", "-o", str(tmp_path / "out"))
    assert code == 0, out
    deck = open_deck(next((tmp_path / "out").glob("*.pptx")).read_bytes())
    cover = deck.slides[0].slide_layout
    assert cover.name == "Title Slide" and cover.slide_master == deck.slide_masters[2]


def test_layouts_without_a_template_is_a_warning(example_project: Path) -> None:
    replace(example_project / "content" / "deck.yaml", TEMPLATE_LINE, "layouts:\n  title: Cover\n")
    where = at(example_project, "deck.yaml", "  title: Cover", "Cover")
    assert diagnostics(example_project) == [
        f"{where}: warning: layouts: applies to a brand template (template:), and there is none"]


def _cover_subtitle_box(height_in: float) -> bytes:
    """python-pptx's default template with its Title Slide's subtitle box ``height_in`` high."""
    prs = Presentation(io.BytesIO(template("python-pptx-default.pptx").data))
    cover = prs.slide_layouts.get_by_name("Title Slide")
    subtitle = next(ph for ph in cover.placeholders if ph.placeholder_format.type.name == "SUBTITLE")
    subtitle.height = Inches(height_in)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("height_in", "warned"), [(0.6, True), (1.75, False)])
def test_a_cover_subtitle_box_too_small_for_a_typical_cover_is_a_warning(
        height_in: float, warned: bool, tmp_path: Path) -> None:
    path = tmp_path / "brand.pptx"
    path.write_bytes(_cover_subtitle_box(height_in))
    code, out = cli("template", "check", str(path))
    assert code == 0
    assert ("warning: the cover's subtitle box (7.0 x 0.6 in) is too small for a typical cover's 4 "
            "lines at 14 pt" in out) is warned, out


def test_titles_the_logo_cannot_be_kept_off_are_a_warning() -> None:
    code, out = cli("template", "check", str(template("lo-beehive.pptx").path))
    assert "warning: layout 'Title Slide (master 1)' leaves too little room to keep titles off 18 of " in out
    code, out = cli("template", "check", str(template("derived-logo.pptx").path))
    assert "too little room" not in out  # the logos sit in corners: titles and content keep off them


def test_it_says_where_content_gets_a_panel_and_what_a_title_is_drawn_on() -> None:
    code, out = cli("template", "check", str(template("lo-focus.pptx").path))
    assert code == 0
    assert out.count("the artwork under the body is many-coloured: content is drawn on a plain #FFFFFF panel") == 3
    assert "template title #000000 on #EA7500 (7.0:1)" in out
    code, out = cli("template", "check", str(template("derived-logo.pptx").path))
    assert "panel" not in out and " on #" not in out.split("brand colours")[1].split("\n")[1]
