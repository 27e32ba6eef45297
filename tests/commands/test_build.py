"""`deckgen build`: a project folder in, the deck (and page) out, written safely."""
from __future__ import annotations

import json
from collections import Counter
import shutil
import zipfile
from pathlib import Path

import pytest

from deckgen.builders.output import MANIFEST_NAME
from deckgen.plan.deck import plan_deck
from deckgen.plan.environment import make_environment
from deckgen.resources import builtin_templates
from tests.support import deckplans
from tests.support.decks import missing_words, notes, open_deck
from tests.support.large_project import large_project, scaled_project
from tests.support.ooxml import validate_pptx, validator_available
from tests.support.plans import planned
from tests.support.projects import EXAMPLE_EPOCH, run
from tests.support.render import pdf_page_count

DECK = "product-marketing-2027-Q1.pptx"
PAGE = "product-marketing-2027-Q1-onepager.html"  # carries the quarter like the deck


def build(root: Path, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from deckgen.cli import main
    return CliRunner().invoke(main, ["build", str(root), *args], env=env or EXAMPLE_EPOCH, catch_exceptions=False)


def test_the_deck_and_the_page_are_written_to_output(example_build: Path) -> None:
    out = example_build / "output"
    assert sorted(p.name for p in out.iterdir()) == sorted([DECK, PAGE, MANIFEST_NAME])
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    assert set(manifest["files"]) == {DECK, PAGE}


def test_the_deck_shows_the_whole_plan_with_notes_everywhere(example_build: Path) -> None:
    data = (example_build / "output" / DECK).read_bytes()
    _, plan = planned(example_build)
    deck = open_deck(data)
    firsts = [s.shapes.title.text for s in deck.slides if not notes(s).startswith("Continued from")]
    assert firsts == [s.title.strip() for s in plan.slides]  # in order, continuations aside
    assert all(notes(s).strip() for s in deck.slides)
    assert missing_words(plan, data) == {}
    props = deck.core_properties
    assert props.title == plan.meta.title and props.author == plan.meta.author


def test_every_chart_keeps_its_data_for_edit_data(example_build: Path) -> None:
    deck = open_deck((example_build / "output" / DECK).read_bytes())
    charts = [s.chart for slide in deck.slides for s in slide.shapes if getattr(s, "has_chart", False)]
    assert len(charts) >= 3
    assert all(c.part.chart_workbook.xlsx_part is not None for c in charts)


@pytest.mark.skipif(not validator_available(), reason="the OOXML validator is not installed")
def test_the_example_deck_is_valid_open_xml(example_build: Path) -> None:
    assert validate_pptx(example_build / "output" / DECK) == []


def test_rendered_the_example_has_a_page_per_slide_and_no_overflow(example_build: Path, render_deck) -> None:  # type: ignore[no-untyped-def]
    data = (example_build / "output" / DECK).read_bytes()
    rendered = render_deck(data)
    assert rendered.pages == len(open_deck(data).slides)
    assert rendered.overflows() == []


def test_the_same_content_and_source_date_give_the_same_bytes(example_build: Path, example_project: Path,
                                                              tmp_path: Path) -> None:
    first = (example_build / "output" / DECK).read_bytes()  # the same content, built in another folder
    assert build(example_project, "--output", str(tmp_path / "again")).exit_code == 0
    assert (tmp_path / "again" / DECK).read_bytes() == first
    later = build(example_project, "--output", str(tmp_path / "later"), env={"SOURCE_DATE_EPOCH": "1800000000"})
    assert later.exit_code == 0 and (tmp_path / "later" / DECK).read_bytes() != first


def test_without_source_date_the_edition_date_stamps_the_files(example_project: Path, tmp_path: Path) -> None:
    assert build(example_project, env={"SOURCE_DATE_EPOCH": ""}).exit_code == 0
    deck = open_deck((example_project / "output" / DECK).read_bytes())
    assert deck.core_properties.created.date().isoformat() == "2027-01-05"  # deck.yaml's date
    info = zipfile.ZipFile(example_project / "output" / DECK).infolist()[0]
    assert info.date_time[:3] == (2027, 1, 5)


def test_a_deck_open_in_powerpoint_is_not_overwritten(example_project: Path) -> None:
    assert build(example_project).exit_code == 0
    out = example_project / "output"
    before = (out / DECK).read_bytes()
    (out / f"~${DECK}").write_bytes(b"lock")
    result = build(example_project, env={"SOURCE_DATE_EPOCH": "1800000000"})
    assert result.exit_code == 3  # a script can tell: built, but not where asked
    assert (out / DECK).read_bytes() == before
    beside = out / "product-marketing-2027-Q1 (deckgen 2).pptx"
    assert beside.is_file() and f"Wrote {beside}" in result.output
    assert "open in another program" in result.output and "--force" in result.output


def test_a_deck_edited_by_hand_is_kept_unless_forced(example_project: Path) -> None:
    assert build(example_project).exit_code == 0
    out = example_project / "output"
    (out / DECK).write_bytes((out / DECK).read_bytes() + b"edited")
    result = build(example_project)
    assert result.exit_code == 3 and "edited by hand" in result.output
    assert (out / DECK).read_bytes().endswith(b"edited")
    assert (out / "product-marketing-2027-Q1 (deckgen 2).pptx").is_file()
    forced = build(example_project, "--force")
    assert forced.exit_code == 0 and not (out / DECK).read_bytes().endswith(b"edited")


def test_a_file_deckgen_never_wrote_is_not_overwritten(example_project: Path) -> None:
    out = example_project / "output"
    out.mkdir()
    (out / DECK).write_bytes(b"someone else's deck")
    result = build(example_project, "--format", "pptx")
    assert "not written by deckgen" in result.output
    assert (out / DECK).read_bytes() == b"someone else's deck"


def test_bad_content_is_reported_and_nothing_is_written(example_project: Path, edit) -> None:  # type: ignore[no-untyped-def]
    edit("deck.yaml", "quarter: 2027-Q1", "quarter: 2027-Q9")
    result = build(example_project)
    assert result.exit_code == 1
    assert "content/deck.yaml:" in result.output
    assert not (example_project / "output").exists()


def test_a_broken_template_is_a_located_error(example_project: Path, edit) -> None:  # type: ignore[no-untyped-def]
    (example_project / "content" / "brand").mkdir()
    (example_project / "content" / "brand" / "broken.potx").write_bytes(b"not a presentation")
    edit("deck.yaml", "# template: brand/northwind-2027.potx", "template: brand/broken.potx")
    result = build(example_project)
    assert result.exit_code == 1
    assert "deck.yaml:" in result.output and "cannot use the template" in result.output
    assert not (example_project / "output").exists()


def test_a_brand_template_gives_its_slide_size(example_project: Path, edit) -> None:  # type: ignore[no-untyped-def]
    (example_project / "content" / "brand").mkdir()
    (example_project / "content" / "brand" / "northwind.potx").write_bytes(deckplans.brand_template(potx=True))
    edit("deck.yaml", "# template: brand/northwind-2027.potx", "template: brand/northwind.potx")
    assert build(example_project, "--format", "pptx").exit_code == 0
    deck = open_deck((example_project / "output" / DECK).read_bytes())
    assert (deck.slide_width, deck.slide_height) == (9144000, 6858000)
    assert deck.slides[0].slide_layout.name == "Cover"


def test_a_user_layout_override_changes_the_deck(example_project: Path) -> None:
    slides = example_project / "templates" / "slides"
    slides.mkdir(parents=True)
    (slides / "wins.xml").write_text(
        '{% extends "slides/base.xml" %}{% block title %}Our finest hour{% endblock %}'
        '{% block body %}<text><p>We won {{ project.wins.items|length }} times.</p></text>{% endblock %}'
        '{% block notes %}<p>Say it with pride.</p>{% endblock %}', encoding="utf-8")
    result = build(example_project, "--format", "pptx")
    assert result.exit_code == 0, result.output
    deck = open_deck((example_project / "output" / DECK).read_bytes())
    [slide] = [s for s in deck.slides if s.shapes.title.text == "Our finest hour"]
    assert "We won 6 times." in [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
    assert notes(slide) == "Say it with pride."


def test_output_folder_and_format_options(example_project: Path, tmp_path: Path) -> None:
    result = build(example_project, "--output", str(tmp_path / "elsewhere"), "--format", "html")
    assert result.exit_code == 0
    assert [p.name for p in (tmp_path / "elsewhere").iterdir() if not p.name.startswith(".")] == [PAGE]
    assert "Checking" in result.output and "Building html" in result.output


def test_a_bad_source_date_is_a_clear_error(example_project: Path) -> None:
    result = build(example_project, env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert result.exit_code == 1 and "SOURCE_DATE_EPOCH" in result.output
    assert "Traceback" not in result.output


def test_pdfs_without_libreoffice_say_what_to_install(example_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(example_project))  # no soffice, no chromium
    result = build(example_project, "--format", "pdf")
    assert result.exit_code == 1
    assert "not found: install it" in result.output and "Traceback" not in result.output
    assert not (example_project / "output").exists()


@pytest.mark.slow  # builds every format, PNG painting of every slide included (2 s of CPU)
def test_format_all_plans_the_deck_once_and_builds_each_format_once(
        example_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pdf format prints the very deck and page the run writes, and the slide pictures
    (svg, png) are drawn from the one plan: nothing is planned or built twice."""
    import deckgen.builders.html as html_builder
    import deckgen.builders.pdf_outputs as pdf_builder
    import deckgen.builders.pptx.outputs as pptx_builder
    import deckgen.builders.svg.outputs as picture_builder
    import deckgen.plan.deck as deck_planner

    calls: Counter[str] = Counter()
    printed: dict[str, bytes] = {}

    def counted(name: str, work):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls[name] += 1
            return work(*args, **kwargs)
        return wrapper

    def printer(name: str):  # type: ignore[no-untyped-def]
        def convert(data: bytes, *_, **__) -> bytes:  # type: ignore[no-untyped-def]
            printed[name] = data
            return b"%PDF " + name.encode()
        return convert

    monkeypatch.setattr(deck_planner, "plan_deck", counted("plan", deck_planner.plan_deck))
    monkeypatch.setattr(pptx_builder, "build_pptx", counted("pptx", pptx_builder.build_pptx))
    monkeypatch.setattr(html_builder, "page_bytes", counted("page", html_builder.page_bytes))
    monkeypatch.setattr(picture_builder, "Drawer", counted("pictures", picture_builder.Drawer))
    monkeypatch.setattr(pdf_builder, "pptx_to_pdf", printer("deck"))
    monkeypatch.setattr(pdf_builder, "html_to_pdf", printer("page"))
    result = build(example_project, "--format", "all")
    assert result.exit_code == 0, result.output
    assert calls == {"plan": 1, "pptx": 1, "page": 1, "pictures": 1}
    out = example_project / "output"
    assert printed == {"deck": (out / DECK).read_bytes(), "page": (out / PAGE).read_bytes()}
    assert (out / "product-marketing-2027-Q1-slides.png").exists() and (out / "product-marketing-2027-Q1-01.svg").exists()


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("chromium") and shutil.which("pdfinfo")),
                    reason="LibreOffice, Chromium or poppler is not installed")
def test_pdfs_print_the_deck_and_the_page(example_project: Path) -> None:
    result = build(example_project, "--format", "pdf")
    assert result.exit_code == 0, result.output
    out = example_project / "output"
    deck_pdf, page_pdf = out / "product-marketing-2027-Q1.pdf", out / "product-marketing-2027-Q1-onepager.pdf"
    assert deck_pdf.read_bytes().startswith(b"%PDF") and page_pdf.read_bytes().startswith(b"%PDF")
    slides = len(open_deck(build_bytes(example_project)).slides)
    assert pdf_page_count(deck_pdf) == slides


def build_bytes(root: Path) -> bytes:
    """The deck ``deckgen build`` would write for ``root`` (same source date)."""
    from datetime import datetime, timezone

    from deckgen.builders import BuildRun
    from deckgen.builders.pptx.outputs import pptx_outputs
    project, env = _project(root)
    [(_, data)] = pptx_outputs(BuildRun(project, env, datetime.fromtimestamp(int(EXAMPLE_EPOCH["SOURCE_DATE_EPOCH"]), timezone.utc)))
    return data


@pytest.mark.slow  # a 34-slide project
def test_a_large_project_builds_and_continues_its_slides(tmp_path: Path) -> None:
    root = large_project(tmp_path / "large")
    result = build(root, "--format", "pptx")
    assert result.exit_code == 0, result.output
    project_plan = plan_deck(*_project(root))
    data = (root / "output" / DECK).read_bytes()
    assert missing_words(project_plan, data) == {}
    titles = [s.shapes.title.text for s in open_deck(data).slides]
    assert sum(t.endswith("(cont.)") for t in titles) >= 5


def test_a_scaled_project_checks_and_grows_every_section(tmp_path: Path) -> None:
    """The benchmarks' generated projects are the example grown N times, every part of it, and
    valid content (a project with errors would measure the error path, not a build)."""
    sizes = {}
    for factor in (1, 2):
        root = scaled_project(tmp_path / f"x{factor}", factor)
        assert run("check", str(root)).exit_code == 0
        project, _ = _project(root)
        sizes[factor] = [len(project.rocks), len(project.okrs.objectives), len(project.previous_okrs.objectives),
                         len(project.wins.items), len(project.asks.items), len(project.intake.requests),
                         len(project.free_slides)]
    assert sizes[2] == [2 * n for n in sizes[1]]


def _project(root: Path):  # type: ignore[no-untyped-def]
    from deckgen.commands.common import require_project
    project, _ = require_project(root)
    return project, make_environment(root, builtin_templates())


def test_check_still_passes_on_the_example(example_project: Path) -> None:
    assert run("check", str(example_project)).exit_code == 0


def test_build_help_documents_its_exit_codes() -> None:
    from click.testing import CliRunner

    from deckgen.cli import main

    shown = CliRunner().invoke(main, ["build", "--help"]).output
    assert "Exit codes:" in shown
    assert "  3  a file was edited by hand or is open (e.g. in PowerPoint), so it was" in shown
