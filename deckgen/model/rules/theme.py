"""deck.yaml's theme: colours that text is written in must be readable on the page."""
from __future__ import annotations

from ..contrast import TEXT_MINIMUM, WHITE, contrast, readable
from ..project import Project
from .base import Report, needs


@needs("deck.yaml", about="the primary colour is readable")
def primary_readable(project: Project, report: Report) -> None:
    """Titles and headings are set in the primary colour on white; WCAG asks 4.5:1 of text."""
    primary = project.deck.theme.primary
    ratio = contrast(primary, WHITE)
    if ratio < TEXT_MINIMUM:
        report.warning("deck.yaml", ("theme", "primary"),
                       f"theme primary {primary} has a contrast of {ratio:.1f}:1 on white, below the "
                       f"{TEXT_MINIMUM}:1 text needs: titles and headings in it are hard to read "
                       f"(the one-pager uses the darker {readable(primary, WHITE)} instead); "
                       f"choose a darker primary")


RULES = [primary_readable]
