"""PDFs through Chromium and LibreOffice, and clear errors when either is missing."""
from __future__ import annotations

import io
import re
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen.builders.pdf import ConversionFailed, ProgramMissing, html_to_pdf, pptx_to_pdf, stamp, with_paper

PAGE = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<style>@page { size: 100mm 100mm; margin: 0 } body { margin: 0 } div { height: 90mm }</style></head>
<body><div>one</div><div>two</div></body></html>"""


EDITION = datetime(2027, 1, 5, 9, 30, tzinfo=timezone.utc)


def pages_in(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def media_box(pdf: bytes) -> tuple[float, float]:
    found = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert found, "no MediaBox"
    return float(found.group(1)), float(found.group(2))


@pytest.mark.parametrize("convert, program, package", [
    (lambda: html_to_pdf(PAGE), "chromium", "chromium"),
    (lambda: pptx_to_pdf(b"PK"), "soffice", "libreoffice-impress"),
])
def test_missing_program_is_named_with_how_to_install_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                         convert, program: str, package: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ProgramMissing) as caught:
        convert()
    assert str(caught.value) == (f"'{program}' not found: install it with apt-get install {package} "
                                 "(or put it on PATH) to make PDFs")


def test_paper_size_is_added_last_and_checked() -> None:
    assert with_paper(PAGE, "A4").endswith(b"</html><style>@page { size: A4; }</style>\n")
    assert with_paper(PAGE, "letter").endswith(b"<style>@page { size: letter; }</style>\n")
    with pytest.raises(ValueError, match="unknown paper 'legal'"):
        with_paper(PAGE, "legal")


def test_stamp_sets_dates_and_derives_the_file_id_keeping_every_offset() -> None:
    chromium = b"<</CreationDate (D:20261123190847+02'00')\n/ModDate (D:20261123190847+02'00')>>"
    libreoffice = (b"<</CreationDate(D:20261123190858Z')>> trailer <</ID [ <160C8EE14C104F44CCA1F13C6C168AE1>\n"
                   b"<160C8EE14C104F44CCA1F13C6C168AE1> ]\n/DocChecksum /A481EEC734E4E9B47BE61619C3B7AFC0\n>>")
    later = libreoffice.replace(b"190858", b"190901").replace(b"160C8E", b"EECAD7").replace(b"A481EE", b"C06C28")
    stamped = stamp(chromium, EDITION)
    assert stamped == b"<</CreationDate (D:20270105093000+00'00')\n/ModDate (D:20270105093000+00'00')>>"
    assert stamp(libreoffice, EDITION) == stamp(later, EDITION) != libreoffice
    assert len(stamp(libreoffice, EDITION)) == len(libreoffice)
    assert b"(D:20270105093000Z')" in stamp(libreoffice, EDITION)
    local = EDITION.astimezone(timezone(timedelta(hours=-5)))
    assert stamp(chromium, local) == stamped
    assert stamp(chromium, None) == chromium


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_chromium_prints_with_the_pages_css_and_the_paper_asked_for() -> None:
    own = html_to_pdf(PAGE)
    assert own.startswith(b"%PDF") and pages_in(own) == 2
    assert media_box(own) == pytest.approx((283.46, 283.46), abs=1)  # 100 mm, to whole device pixels
    a4 = html_to_pdf(PAGE, "a4")
    assert pages_in(a4) == 1 and media_box(a4) == pytest.approx((595.0, 842.0), abs=1)
    assert media_box(html_to_pdf(PAGE, "letter")) == pytest.approx((612, 792), abs=1)
    assert html_to_pdf(PAGE, created=EDITION) == html_to_pdf(PAGE, created=EDITION)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_a_deck_slide_for_slide() -> None:
    deck = Presentation()
    for title in ("First slide", "Second slide"):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = title
    data = io.BytesIO()
    deck.save(data)
    pdf = pptx_to_pdf(data.getvalue(), EDITION)
    assert pdf.startswith(b"%PDF") and pages_in(pdf) == 2
    assert pptx_to_pdf(data.getvalue(), EDITION) == pdf  # reproducible with a fixed time


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_file_libreoffice_cannot_read_is_a_conversion_error() -> None:
    with pytest.raises(ConversionFailed, match="soffice made no PDF"):
        pptx_to_pdf(b"this is not a presentation")
