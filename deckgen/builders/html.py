"""The one-pager's final bytes: the rendered page, locked down by a Content-Security-Policy.

The layouts (built-in or the user's) decide what the page says; this builder decides what it may
do. Whatever a layout contains, the policy goes first in ``<head>``, before anything it could
govern, and forbids every request and every script: only inline styles and ``data:`` pictures
work, so the page fetches nothing when opened and nothing active runs even if something slipped
through sanitising. No clock is read: the same content gives the same bytes.
"""
from __future__ import annotations

from datetime import datetime
from html.parser import HTMLParser
from typing import Optional

from jinja2 import Environment

from ..model.project import Project
from ..plan.layout import LayoutError
from ..plan.page import TEMPLATE, layout_position, plan_page

FILE_NAME = "onepager.html"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'


class PageLayoutError(Exception):
    """A page layout (usually a user's override) cannot make a page; str() says what to fix."""


def page_bytes(project: Project, env: Environment) -> bytes:
    """The self-contained one-pager, UTF-8, with Unix newlines; LayoutError names a broken layout."""
    try:
        return finalize(plan_page(project, env))
    except PageLayoutError as problem:
        raise LayoutError(str(problem), layout_position(project, env)) from None


def finalize(html: str) -> bytes:
    """``html`` with the policy as the first element of its ``<head>``."""
    end = _head_start_end(html)
    if end is None:
        raise PageLayoutError(f"the page layout '{TEMPLATE}' makes a page without a <head> element: "
                              "a page needs <html><head>…</head><body>…</body></html>")
    page = html[:end] + "\n" + CSP_META + html[end:]
    return page.replace("\r\n", "\n").encode("utf-8")


def html_outputs(project: Project, env: Environment, created: Optional[datetime] = None) -> list[tuple[str, bytes]]:
    """The build's ``html`` format: one file. ``created`` is unused: the page carries no timestamp."""
    return [(FILE_NAME, page_bytes(project, env))]


def _head_start_end(html: str) -> Optional[int]:
    """The offset just after the ``<head>`` start tag, found as a browser would (not in comments)."""
    finder = _HeadFinder()
    finder.feed(html)
    finder.close()
    if finder.found is None:
        return None
    (line, col), tag = finder.found
    offset = sum(len(text) + 1 for text in html.split("\n")[: line - 1]) + col
    return offset + len(tag)


class _HeadFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Optional[tuple[tuple[int, int], str]] = None  # (line, col), the tag as written

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        if tag == "head" and self.found is None:
            self.found = self.getpos(), self.get_starttag_text() or ""
