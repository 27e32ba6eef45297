"""The one-pager's final bytes: the rendered page, locked down by a Content-Security-Policy.

The layouts (built-in or the user's) decide what the page says; this builder decides what it may
do. Whatever a layout contains, the page is cleaned of scripts, refreshes and external references
(:mod:`.html_safety`), and the policy goes first in ``<head>``, before anything it could govern,
forbidding every request and every script: only inline styles and ``data:`` pictures work, so the
page fetches nothing when opened and nothing active runs even if something slipped through. No
clock is read: the same content gives the same bytes.
"""
from __future__ import annotations

from jinja2 import Environment
from lxml import html as lxml_html

from ..errors import DeckgenError
from ..model.project import Project
from ..plan.layout import LayoutError
from ..plan.page import TEMPLATE, layout_position, plan_page
from . import BuildRun, Outputs
from .html_safety import secure_page
from .names import page_name

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
DOCTYPE = "<!DOCTYPE html>"


class PageLayoutError(DeckgenError):
    """A page layout (usually a user's override) cannot make a page; str() says what to fix."""


def page_bytes(project: Project, env: Environment) -> bytes:
    """The self-contained one-pager, UTF-8, with Unix newlines; LayoutError names a broken layout."""
    try:
        return finalize(plan_page(project, env))
    except PageLayoutError as problem:
        raise LayoutError(str(problem), layout_position(project, env)) from None


def finalize(html: str) -> bytes:
    """``html`` made safe (see :mod:`.html_safety`), with the policy as the first element of its
    ``<head>``: nothing a layout writes can come before it or undo it."""
    document = secure_page(html)
    if document is None:
        raise PageLayoutError(f"the page layout '{TEMPLATE}' makes a page without a <head> element: "
                              "a page needs <html><head>…</head><body>…</body></html>")
    head = document.find("head")
    policy = lxml_html.Element("meta", {"http-equiv": "Content-Security-Policy", "content": CSP})
    policy.tail, head.text = head.text, "\n"
    head.insert(0, policy)
    page = lxml_html.tostring(document, encoding="unicode", method="html", doctype=DOCTYPE)
    return f"{page}\n".replace("\r\n", "\n").encode("utf-8")


def html_outputs(run: BuildRun) -> Outputs:
    """The build's ``html`` format: one file (with no timestamp: the run's time is not used)."""
    return [(page_name(run.project), page_bytes(run.project, run.env))]
