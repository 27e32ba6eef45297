"""The files a project makes: their names come from its content and must be names a disk takes."""
from __future__ import annotations

import unicodedata

from ..project import Project
from .base import Report, needs

#: Characters of the team's name that reach the deck's file name (``<team>-<quarter>.pptx``). A file
#: name has at most 255 bytes, and deckgen adds the quarter, " (deckgen 2)" beside a file it must
#: not overwrite, and a temporary name's prefix and suffix while writing.
MAX_NAME_IN_FILE = 100


@needs("deck.yaml", about="the deck's file name")
def file_name_fits(project: Project, report: Report) -> None:
    """The team's name, as the file name keeps it (ASCII letters and digits), is not too long."""
    kept = len(unicodedata.normalize("NFKD", project.deck.team).encode("ascii", "ignore"))
    if kept > MAX_NAME_IN_FILE:
        report.error("deck.yaml", ("team",),
                     f"team: the name is {kept} characters long and names the deck's file; a file name "
                     f"takes at most {MAX_NAME_IN_FILE} of them: shorten it")


RULES = [file_name_fits]
