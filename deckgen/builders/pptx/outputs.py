"""The ``pptx`` output format: the project planned, then built into one deck file."""
from __future__ import annotations

from deckgen.model.project import Project
from deckgen.plan.context import theme

from .. import BuildRun, Outputs
from ..names import deck_stem
from .base import template_fonts
from .deck import build_pptx
from .design import Fonts
from .template import open_template


def pptx_outputs(run: BuildRun) -> Outputs:
    """The deck, planned by the run's layouts and stamped with its time."""
    return [(f"{deck_stem(run.project)}.pptx", build_pptx(run.deck_plan(), run.created))]


def measured_fonts(project: Project) -> list[str]:
    """Which font measured each of the deck's fonts that is not installed (the template's theme
    fonts, else deck.yaml's): said once per build, since a stand-in that renders differently
    from the real font is why text may fit differently in PowerPoint."""
    given = theme(project)
    fonts = (template_fonts(open_template(project.template).prs, given) if project.template
             else Fonts(given.font, given.heading_font))
    return fonts.stand_ins()
