"""Build a project's one-pager as `deckgen build` does, and read it back as a browser would."""
from __future__ import annotations

import re
from pathlib import Path

from lxml import html as lxml_html

from deckgen.builders.html import page_bytes
from deckgen.commands.common import check_project
from deckgen.model.project import Project
from deckgen.plan.environment import make_environment
from deckgen.resources import builtin_templates


def checked(root: Path) -> Project:
    """The project at ``root``, which must have no errors."""
    result = check_project(root)
    assert result.project is not None, [str(d) for d in result.reporter.errors]
    return result.project


def build_page(root: Path) -> bytes:
    """The final bytes of ``root``'s one-pager, through the user's templates and the built-in ones."""
    return page_bytes(checked(root), make_environment(root, builtin_templates()))


def parse(page: bytes) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(page.decode("utf-8"))


def text(element: lxml_html.HtmlElement) -> str:
    """The element's text as a reader sees it: whitespace collapsed."""
    return re.sub(r"\s+", " ", element.text_content()).strip()
