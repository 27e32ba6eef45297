"""The ``pdf`` output format: the deck as LibreOffice prints it and the page as Chromium does.

Both are made from the same bytes the ``pptx`` and ``html`` formats write, so the PDFs show
exactly those files. The conversions live in :mod:`deckgen.builders.pdf`; a missing program
raises its ``ProgramMissing`` with the install hint.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import PurePath

from jinja2 import Environment

from deckgen.model.project import Project

from .html import html_outputs
from .pdf import html_to_pdf, pptx_to_pdf
from .pptx.outputs import pptx_outputs


def pdf_outputs(project: Project, env: Environment, created: datetime) -> list[tuple[str, bytes]]:
    """``<deck>.pdf`` and ``<page>.pdf``, named after the files they print."""
    found: list[tuple[str, bytes]] = []
    for name, data in pptx_outputs(project, env, created):
        found.append((_pdf_name(name), pptx_to_pdf(data, created)))
    for name, data in html_outputs(project, env, created):
        found.append((_pdf_name(name), html_to_pdf(data, created=created)))
    return found


def _pdf_name(name: str) -> str:
    return str(PurePath(name).with_suffix(".pdf"))
