"""The ``pptx`` output format: the project planned, then built into one deck file."""
from __future__ import annotations

from datetime import datetime

from jinja2 import Environment

from deckgen.model.project import Project
from deckgen.plan.context import theme
from deckgen.plan.deck import plan_deck

from ..names import deck_stem
from .base import template_fonts
from .deck import build_pptx
from .design import Fonts
from .template import open_template


def pptx_outputs(project: Project, env: Environment, created: datetime) -> list[tuple[str, bytes]]:
    """The deck, planned by the layouts in ``env`` and stamped ``created``."""
    return [(f"{deck_stem(project)}.pptx", build_pptx(plan_deck(project, env), created))]


def measured_fonts(project: Project) -> list[str]:
    """Which font measured each of the deck's fonts that is not installed (the template's theme
    fonts, else deck.yaml's): said once per build, since a stand-in that renders differently
    from the real font is why text may fit differently in PowerPoint."""
    given = theme(project)
    fonts = (template_fonts(open_template(project.template).prs, given) if project.template
             else Fonts(given.font, given.heading_font))
    return fonts.stand_ins()
