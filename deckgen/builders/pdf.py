"""PDFs for sharing: the one-pager printed by headless Chromium, the deck converted by LibreOffice.

Both programs are optional: a machine without them still builds the HTML page and the deck, and
asking for a PDF says which program is missing and how to install it. Each run works on files in
a private temporary folder, with its own browser or office profile, so nothing the user has open
(a browser session, a LibreOffice window) is touched or can interfere, and nothing is left behind.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional, Sequence

TIMEOUT = 180  # seconds; a first LibreOffice start on a cold machine is slow
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
SOFFICE_NAMES = ("soffice", "libreoffice")
PAPER_SIZES = {"a4": "A4", "letter": "letter"}


class ProgramMissing(Exception):
    """A program a PDF needs is not installed; str() names it and says how to install it."""


class ConversionFailed(Exception):
    """The program ran but made no PDF; str() carries what it said."""


def find_program(names: Sequence[str], package: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise ProgramMissing(f"'{names[0]}' not found: install it with apt-get install {package} "
                         f"(or put it on PATH) to make PDFs")


def html_to_pdf(html: bytes, paper: Optional[str] = None) -> bytes:
    """The page printed as Chromium prints it, with the page's print CSS.

    ``paper`` ('a4' or 'letter') fixes the sheet size; by default the page's own ``@page`` rule
    and Chromium's default paper decide.
    """
    chromium = find_program(CHROMIUM_NAMES, "chromium")
    with tempfile.TemporaryDirectory(prefix="deckgen-pdf-") as folder:
        work = Path(folder)
        page = work / "page.html"
        page.write_bytes(with_paper(html, paper) if paper else html)
        target = work / "page.pdf"
        _run([chromium, *chromium_flags(work / "profile"), "--no-pdf-header-footer",
              f"--print-to-pdf={target}", page.as_uri()], target, "chromium")
        return target.read_bytes()


def chromium_flags(profile: Path) -> list[str]:
    """Headless, offline, with a throwaway profile: no sync, no updates, no first-run screens."""
    return ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}"]


def with_paper(html: bytes, paper: str) -> bytes:
    """``html`` with an ``@page`` size rule after everything else, so it wins over the page's own.

    A style element after ``</html>`` is moved into the body by every HTML parser and applies.
    """
    size = PAPER_SIZES.get(paper.lower())
    if size is None:
        raise ValueError(f"unknown paper '{paper}': expected one of {', '.join(PAPER_SIZES)}")
    return html + f"<style>@page {{ size: {size}; }}</style>\n".encode("ascii")


def pptx_to_pdf(pptx: bytes) -> bytes:
    """The deck as LibreOffice Impress exports it to PDF."""
    soffice = find_program(SOFFICE_NAMES, "libreoffice-impress")
    with tempfile.TemporaryDirectory(prefix="deckgen-pdf-") as folder:
        work = Path(folder)
        deck = work / "deck.pptx"
        deck.write_bytes(pptx)
        target = work / "deck.pdf"
        profile = (work / "profile").as_uri()
        _run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
              "--convert-to", "pdf", "--outdir", str(work), str(deck)], target, "soffice")
        return target.read_bytes()


def _run(command: list[str], target: Path, name: str) -> None:
    env = {**os.environ, "HOME": str(target.parent)}  # nothing is written to the user's home
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, env=env,
                              stdin=subprocess.DEVNULL, check=False)
    except subprocess.TimeoutExpired as error:
        raise ConversionFailed(f"{name} did not finish within {TIMEOUT} s") from error
    if not target.is_file() or target.stat().st_size == 0:
        said = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
        raise ConversionFailed(f"{name} made no PDF (exit code {done.returncode})"
                               + (f": {said[-800:]}" if said else ""))
