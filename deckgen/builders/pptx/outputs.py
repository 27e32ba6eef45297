"""The ``pptx`` output format: the project planned, then built into one deck file."""
from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from jinja2 import Environment

from deckgen.model.project import Project
from deckgen.plan.context import theme
from deckgen.plan.deck import plan_deck

from .base import template_fonts
from .deck import build_pptx
from .design import Fonts
from .template import open_template


def slug(text: str) -> str:
    """``text`` as a file-name part: ASCII lowercase words joined by hyphens ('deck' if none)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "deck"


def deck_stem(project: Project) -> str:
    """``<team>-<quarter>``, e.g. ``product-marketing-2027-Q1``: the deck's and its PDF's name."""
    return f"{slug(project.deck.team)}-{project.deck.quarter}"


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
