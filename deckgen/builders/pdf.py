"""PDFs for sharing: the one-pager printed by headless Chromium, the deck converted by LibreOffice.

Both programs are optional: a machine without them still builds the HTML page and the deck, and
asking for a PDF says which program is missing and how to install it. Each run works on files in
a private temporary folder, with its own browser or office profile, so nothing the user has open
(a browser session, a LibreOffice window) is touched or can interfere, and nothing is left behind.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional, Sequence

from ..errors import DeckgenError

TIMEOUT = 180  # seconds; a first LibreOffice start on a cold machine is slow
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
SOFFICE_NAMES = ("soffice", "libreoffice")
PAPER_SIZES = {"a4": "A4", "letter": "letter"}


class ProgramMissing(DeckgenError):
    """A program a PDF needs is not installed; str() names it and says how to install it."""


class ConversionFailed(DeckgenError):
    """The program ran but made no PDF; str() carries what it said."""


def find_program(names: Sequence[str], package: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise ProgramMissing(f"'{names[0]}' not found: install it with apt-get install {package} "
                         f"(or put it on PATH) to make PDFs")


def html_to_pdf(html: bytes, paper: Optional[str] = None, created: Optional[datetime] = None) -> bytes:
    """The page printed as Chromium prints it, with the page's print CSS.

    ``paper`` ('a4' or 'letter') fixes the sheet size; by default the page's own ``@page`` rule
    and Chromium's default paper decide. ``created`` stamps the PDF (see :func:`stamp`).
    """
    chromium = find_program(CHROMIUM_NAMES, "chromium")
    with tempfile.TemporaryDirectory(prefix="deckgen-pdf-") as folder:
        work = Path(folder)
        page = work / "page.html"
        page.write_bytes(with_paper(html, paper) if paper else html)
        target = work / "page.pdf"
        _run([chromium, *chromium_flags(work / "profile"), "--no-pdf-header-footer",
              f"--print-to-pdf={target}", page.as_uri()], target, "chromium")
        return stamp(target.read_bytes(), created)


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


def pptx_to_pdf(pptx: bytes, created: Optional[datetime] = None) -> bytes:
    """The deck as LibreOffice Impress exports it to PDF, stamped with ``created`` (see :func:`stamp`)."""
    soffice = find_program(SOFFICE_NAMES, "libreoffice-impress")
    with tempfile.TemporaryDirectory(prefix="deckgen-pdf-") as folder:
        work = Path(folder)
        deck = work / "deck.pptx"
        deck.write_bytes(pptx)
        target = work / "deck.pdf"
        profile = (work / "profile").as_uri()
        _run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
              "--convert-to", "pdf", "--outdir", str(work), str(deck)], target, "soffice")
        return stamp(target.read_bytes(), created)


PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)\d{14}([^)]*)\)")
PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
PDF_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")  # LibreOffice's, made from the clock too


def stamp(pdf: bytes, created: Optional[datetime]) -> bytes:
    """``pdf`` with its dates set to ``created`` (UTC) and its file ID derived from its content.

    Both programs write the wall clock into the PDF, and LibreOffice a file ID and checksum made
    from it; with a build's fixed time (SOURCE_DATE_EPOCH) in their place, the same deck gives
    the same bytes.
    Every replacement has the length of what it replaces, so the PDF's byte offsets stay valid.
    Without ``created`` the PDF is returned as the program wrote it.
    """
    if created is None:
        return pdf
    utc = created.astimezone(timezone.utc) if created.tzinfo else created
    digits = utc.strftime("%Y%m%d%H%M%S").encode("ascii")

    def date(match: re.Match[bytes]) -> bytes:
        zone = match.group(2)
        utc_zone = b"+00'00'"[: len(zone)] if zone[:1] in (b"+", b"-") and len(zone) <= 7 else zone
        return match.group(1) + digits + utc_zone + b")"

    dated = PDF_DATE.sub(date, pdf)
    masked = PDF_CHECKSUM.sub(b"/DocChecksum /", PDF_ID.sub(b"/ID [<><>", dated))
    digest = hashlib.sha256(masked).hexdigest().upper().encode("ascii") * 4

    def derived(match: re.Match[bytes]) -> bytes:
        whole = match.group(0)
        for group in range(1, len(match.groups()) + 1):
            whole = whole.replace(match.group(group), digest[: len(match.group(group))], 1)
        return whole

    return PDF_CHECKSUM.sub(derived, PDF_ID.sub(derived, dated))


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
