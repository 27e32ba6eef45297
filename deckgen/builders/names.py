"""The output files' names: every file of one edition carries the team and the quarter, so the
deck and the page of 2027-Q1 stay beside those of 2027-Q2 instead of overwriting them."""
from __future__ import annotations

import re
import unicodedata

from deckgen.model.project import Project


def slug(text: str) -> str:
    """``text`` as a file-name part: ASCII lowercase words joined by hyphens ('deck' if none)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "deck"


def deck_stem(project: Project) -> str:
    """``<team>-<quarter>``, e.g. ``product-marketing-2027-Q1``: the deck's and its PDF's name."""
    return f"{slug(project.deck.team)}-{project.deck.quarter}"


def page_name(project: Project) -> str:
    """``<team>-<quarter>-onepager.html``: the page's name (its PDF takes the same stem)."""
    return f"{deck_stem(project)}-onepager.html"
