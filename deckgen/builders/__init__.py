"""Output builders: turn the planned deck into files (PowerPoint, HTML, PDF, pictures).

A builder returns its files' bytes and writes none of them (the PDF builders run LibreOffice and
Chromium in a private temporary folder); the build command writes them all at once through
:mod:`deckgen.builders.output`, so that a failure never leaves a half-written file and a
hand-edited output is never silently overwritten.

:data:`FORMATS` is the registry ``deckgen build --format`` reads (its choices and its help): a
format's name, where its builder is, and what it makes. A builder is a function
``(run: BuildRun) -> [(file name, bytes)]``, named as ``module:function`` and imported only when
asked for, so that building the page never loads python-pptx and ``deckgen --help`` loads
nothing. Adding a format is one line here. A :class:`BuildRun` builds each format at most once
and plans the deck once: the pdf format prints the very pptx and html files the run wrote.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Callable, NamedTuple, TypeVar, cast

if TYPE_CHECKING:
    from jinja2 import Environment

    from ..model.project import Project
    from ..plan.slides import DeckPlan

T = TypeVar("T")
Outputs = list[tuple[str, bytes]]
OutputBuilder = Callable[["BuildRun"], Outputs]


class Format(NamedTuple):
    """An output format: where its builder is (``module:function``) and what it makes."""

    builder: str
    makes: str


FORMATS: dict[str, Format] = {
    "pptx": Format("deckgen.builders.pptx.outputs:pptx_outputs", "the editable deck"),
    "html": Format("deckgen.builders.html:html_outputs", "the one-pager"),
    "pdf": Format("deckgen.builders.pdf_outputs:pdf_outputs", "the deck and the one-pager printed "
                  "(LibreOffice, Chromium)"),
    "svg": Format("deckgen.builders.svg.outputs:svg_outputs", "a picture of each slide"),
    "png": Format("deckgen.builders.svg.outputs:png_outputs", "a picture of each slide and a contact sheet"),
}

#: What ``deckgen build`` writes when no ``--format`` is given.
DEFAULT_FORMATS = ("pptx", "html")


def output_builder(name: str) -> OutputBuilder:
    """The builder of format ``name`` (a key of :data:`FORMATS`)."""
    module, _, function = FORMATS[name].builder.partition(":")
    builder: OutputBuilder = getattr(importlib.import_module(module), function)
    return builder


@dataclass
class BuildRun:
    """One build's inputs, and what its formats share, made once: the deck's plan, each
    format's files, and anything else a builder keeps for another (the slides' pictures)."""

    project: Project
    env: Environment
    created: datetime
    _kept: dict[str, object] = field(default_factory=dict, repr=False)

    def once(self, key: str, make: Callable[[], T]) -> T:
        """``make()``, called the first time ``key`` is asked for in this run."""
        if key not in self._kept:
            self._kept[key] = make()
        return cast(T, self._kept[key])

    def outputs(self, name: str) -> Outputs:
        """Format ``name``'s files, built the first time they are asked for."""
        return self.once(f"format {name}", lambda: output_builder(name)(self))

    def deck_plan(self) -> DeckPlan:
        """The deck's plan, planned the first time it is asked for."""
        from ..plan.deck import plan_deck

        return self.once("deck plan", lambda: plan_deck(self.project, self.env))
