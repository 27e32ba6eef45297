"""Output builders: turn the planned deck into files (PowerPoint, HTML, PDF).

Builders are pure until they write; writing goes through :mod:`deckgen.builders.output` so that a
failure never leaves a half-written file and a hand-edited output is never silently overwritten.

:data:`FORMATS` is the registry ``deckgen build --format`` reads: a format's name and where its
builder is, a function ``(project, env, created) -> [(file name, bytes)]``. Builders are named as
``module:function`` and imported only when asked for, so that building the page never loads
python-pptx and ``deckgen --help`` loads nothing. Adding a format is one line here.
"""
from __future__ import annotations

import importlib
from datetime import datetime
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from jinja2 import Environment

    from ..model.project import Project

Outputs = list[tuple[str, bytes]]
OutputBuilder = Callable[["Project", "Environment", datetime], Outputs]

FORMATS: dict[str, str] = {
    "pptx": "deckgen.builders.pptx.outputs:pptx_outputs",
    "html": "deckgen.builders.html:html_outputs",
    "pdf": "deckgen.builders.pdf_outputs:pdf_outputs",
    "svg": "deckgen.builders.svg.outputs:svg_outputs",
    "png": "deckgen.builders.svg.outputs:png_outputs",
}


def output_builder(name: str) -> OutputBuilder:
    """The builder of format ``name`` (a key of :data:`FORMATS`)."""
    module, _, function = FORMATS[name].partition(":")
    return getattr(importlib.import_module(module), function)
