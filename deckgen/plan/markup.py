"""Slide markup: the small XML language layouts render, parsed into the plan's elements.

A layout (``templates/slides/NAME.xml``) renders this XML with autoescape on, so a value from the
content arrives as escaped text: it can never open an element, add an attribute or become template
code. Markdown bodies and pictures, already turned into plan elements, enter as references
(``<markdown ref="3"/>``) to a per-render :class:`Registry`. The vocabulary is a table of element
names to small constructors (``markup_text``, ``markup_elements``); each checks its attributes and
children, so a typo in a user's layout is an error naming its line, not a silently missing box.
A layout renders one ``<slide>``, or ``<slides>`` holding several when its content makes more than
one point (the team's structure, then where its time goes): each gets its own title and notes.
``docs/slide-markup.md`` lists the vocabulary for layout authors.
"""
from __future__ import annotations

import re
from typing import Callable

from lxml import etree
from markupsafe import Markup

from . import markup_elements as el
from .markup_text import markdown, notes, text
from .markup_values import MarkupError, Parser, attrs, children, error, literal, plain_text
from .slides import Element, Slide

#: Characters XML 1.0 cannot carry; content holding one loses it rather than breaking the slide.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True,
                      remove_pis=True)
ELEMENTS: dict[str, Callable[[Parser, etree._Element], list[Element]]] = {
    "text": text, "markdown": markdown, "picture": el.picture, "table": el.table, "chart": el.chart,
    "cards": el.cards, "orgchart": el.orgchart, "ladder": el.ladder, "columns": el.columns,
}
PARTS = ("title", "subtitle", "body", "notes")

__all__ = ["ELEMENTS", "MarkupError", "Registry", "parse_slides"]


class Registry:
    """Plan elements built in Python during one render, handed to the markup by number."""

    def __init__(self) -> None:
        self.entries: list[list[Element]] = []

    def reference(self, tag: str, elements: list[Element]) -> Markup:
        """The markup that stands for ``elements``: ``<markdown ref="N"/>`` or ``<picture ref="N"/>``."""
        self.entries.append(elements)
        return Markup(f'<{tag} ref="{len(self.entries) - 1}"/>')


class _Parser:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def elements(self, node: etree._Element) -> list[Element]:
        found: list[Element] = []
        for child in children(node, tuple(ELEMENTS)):
            found += ELEMENTS[child.tag](self, child)
        return found

    def reference(self, node: etree._Element) -> list[Element]:
        ref = node.get("ref", "")
        if not ref.isdigit() or int(ref) >= len(self.registry.entries):
            raise error(node, f'<{node.tag} ref="{ref}"/> refers to nothing: write '
                              f"{{{{ {node.tag}(...) }}}} instead")
        return self.registry.entries[int(ref)]


def parse_slides(markup: str, kind: str, registry: Registry) -> list[Slide]:
    """The slides a layout's rendered markup describes; MarkupError names the rendered line."""
    try:
        root = etree.fromstring(NOT_XML.sub("", markup), XML)
    except etree.XMLSyntaxError as problem:
        message = re.sub(r", line \d+, column \d+$", "", str(problem.msg))
        line, column = problem.position
        raise MarkupError(f"the slide markup is not well-formed XML: {message}", line, column) from None
    if root.getroottree().docinfo.doctype:
        raise MarkupError("slide markup cannot declare a DOCTYPE (nor entities)", 1)
    if root.tag == "slides":
        attrs(root, {})
        found = [_slide(node, kind, registry) for node in children(root, ("slide",))]
        if not found:
            raise error(root, "<slides> holds no <slide>")
        return found
    if root.tag != "slide":
        raise error(root, f"a layout renders one <slide> or <slides>, not <{root.tag}>")
    return [_slide(root, kind, registry)]


def _slide(root: etree._Element, kind: str, registry: Registry) -> Slide:
    layout = attrs(root, {"layout": literal(Slide, "layout")})
    parts: dict[str, etree._Element] = {}
    for child in children(root, PARTS):
        if child.tag in parts:
            raise error(child, f"a slide has one <{child.tag}>")
        parts[child.tag] = child
        attrs(child, {})
    title = plain_text(parts["title"]) if "title" in parts else ""
    if not title:
        raise error(parts.get("title", root), "the slide has no title: the layout's title block is empty")
    parser = _Parser(registry)
    return Slide(kind=kind, title=title, **layout,
                 subtitle=plain_text(parts["subtitle"]) or None if "subtitle" in parts else None,
                 elements=parser.elements(parts["body"]) if "body" in parts else [],
                 notes=notes(parser, parts["notes"]) if "notes" in parts else "")
