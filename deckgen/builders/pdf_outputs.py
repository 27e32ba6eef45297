"""The ``pdf`` output format: the deck as LibreOffice prints it and the page as Chromium does.

Both are made from the run's ``pptx`` and ``html`` files (built once: the same bytes the run
writes when it builds those formats too), so the PDFs show exactly those files. The conversions
live in :mod:`deckgen.builders.pdf`; a missing program raises its ``ProgramMissing`` with the
install hint.
"""
from __future__ import annotations

from pathlib import PurePath

from . import BuildRun, Outputs
from .pdf import html_to_pdf, pptx_to_pdf


def pdf_outputs(run: BuildRun) -> Outputs:
    """``<deck>.pdf`` and ``<page>.pdf``, named after the files they print."""
    found: Outputs = []
    for name, data in run.outputs("pptx"):
        found.append((_pdf_name(name), pptx_to_pdf(data, run.created)))
    for name, data in run.outputs("html"):
        found.append((_pdf_name(name), html_to_pdf(data, created=run.created)))
    return found


def _pdf_name(name: str) -> str:
    return str(PurePath(name).with_suffix(".pdf"))
