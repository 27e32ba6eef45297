"""Slide markup, the text half: inline formatting, paragraphs, text boxes and speaker notes."""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable, Optional, Union

from lxml import etree

from .markdown import SAFE_LINK
from .markup_values import SPACE, Parser, attrs, children, choice, error, level, literal, plain
from .slides import Element, Paragraph, Run, Text

COLORS = ("primary", "accent", "muted")
Style = dict[str, Any]
Flow = list[Union[Paragraph, Element]]


def link(href: str) -> Optional[str]:
    """Only web and mail links survive; any other scheme (javascript:, file:) keeps its text, unlinked."""
    return href if SAFE_LINK.match(href) else None


INLINE: dict[str, Callable[[etree._Element, Style], Style]] = {
    "b": lambda node, style: {**style, "bold": True, **attrs(node, {})},
    "i": lambda node, style: {**style, "italic": True, **attrs(node, {})},
    "code": lambda node, style: {**style, "code": True, **attrs(node, {})},
    "a": lambda node, style: {**style, **attrs(node, {"href": link}, ("href",))},
    "span": lambda node, style: {**style, **attrs(node, {"color": choice(*COLORS)}, ("color",))},
}
FIELDS = {"href": "link"}  # markup attribute → Run field, where the names differ



def runs(node: etree._Element, style: Optional[Style] = None) -> list[Run]:
    """The inline content of ``node`` as runs; whitespace collapses as in HTML, <br/> breaks the line."""
    style = style or {}
    fields = {FIELDS.get(key, key): value for key, value in style.items()}
    found = [Run(SPACE.sub(" ", node.text), **fields)] if node.text else []
    for child in node:
        if child.tag == "br":
            attrs(child, {})
            found.append(Run("\n", **fields))
        elif child.tag in INLINE:
            found += runs(child, INLINE[child.tag](child, style))
        else:
            raise error(child, f"<{child.tag}> cannot go inside a paragraph (expected text and: "
                               f"{', '.join('<' + t + '>' for t in [*INLINE, 'br'])})")
        if child.tail:
            found.append(Run(SPACE.sub(" ", child.tail), **fields))
    return found


def paragraph(node: etree._Element, **given: Any) -> Paragraph:
    """A paragraph of inline content, trimmed so that a layout's indentation never reaches the slide."""
    if len(node) == 0:  # plain text, most cells and notes: one run, trimmed
        own = SPACE.sub(" ", node.text).strip(" ") if node.text else ""
        return Paragraph((Run(own),) if own else (), **given)
    found = runs(node)
    last = len(found) - 1
    kept: list[Run] = []
    for index, run in enumerate(found):
        trimmed = run.text
        if index == 0 or found[index - 1].text == "\n":
            trimmed = trimmed.lstrip(" ")
        if index == last or found[index + 1].text == "\n":
            trimmed = trimmed.rstrip(" ")
        if trimmed:
            kept.append(run if trimmed == run.text else replace(run, text=trimmed))
    return Paragraph(tuple(kept), **given)


def flow(parser: Parser, node: etree._Element, extra: tuple[str, ...] = ()) -> Flow:
    """Paragraphs and elements in order: <p> children and Markdown references merged, or else the
    node's own inline text as one paragraph. Children named in ``extra`` are left to the caller."""
    wanted = ("p", "markdown", *extra)
    if not any(child.tag in wanted for child in node):
        own = paragraph(node)
        return [own] if own.runs else []
    found: Flow = []
    for child in children(node, wanted):
        if child.tag == "p":
            found.append(paragraph(child, **attrs(child, {"kind": literal(Paragraph, "kind"), "level": level})))
        elif child.tag == "markdown":
            for element in markdown(parser, child):
                found += element.paragraphs if isinstance(element, Text) else [element]
    return found


def only_paragraphs(node: etree._Element, found: Flow) -> list[Paragraph]:
    paragraphs = []
    for item in found:
        if not isinstance(item, Paragraph):
            raise error(node, f"<{node.tag}> holds only text, but a Markdown body in it brought a "
                              f"{type(item).__name__.lower()}")
        paragraphs.append(item)
    return paragraphs


def text(parser: Parser, node: etree._Element) -> list[Element]:
    """Paragraphs in one box; a table or picture from a Markdown body splits the box around it."""
    given = attrs(node, {"style": literal(Text, "style"), "heading": plain})
    style, heading = given.get("style", "body"), given.get("heading")
    box: Optional[Text] = Text([], style, heading) if heading else None
    out: list[Element] = [box] if box is not None else []
    for item in flow(parser, node):
        if isinstance(item, Paragraph):
            if box is None:
                box = Text([], style)
                out.append(box)
            box.paragraphs.append(item)
        else:
            out.append(item)
            box = None
    return out


def markdown(parser: Parser, node: etree._Element) -> list[Element]:
    """A Markdown body's elements, registered by ``{{ markdown(...) }}``, in place of the reference."""
    attrs(node, {"ref": plain}, ("ref",))
    return parser.reference(node)


def notes(parser: Parser, node: etree._Element) -> str:
    """Speaker notes are plain text: one line per paragraph, bullets marked, numbered items counted
    (a run of them at one level), levels indented."""
    lines: list[str] = []
    counters: dict[int, int] = {}
    for p in only_paragraphs(node, flow(parser, node)):
        counters = {lvl: n for lvl, n in counters.items() if lvl <= p.level}
        if p.kind == "number":
            counters[p.level] = counters.get(p.level, 0) + 1
            mark = f"{counters[p.level]}. "
        else:
            counters.pop(p.level, None)
            mark = "• " if p.kind == "bullet" else ""
        lines.append("    " * p.level + mark + p.text)
    return "\n".join(lines)
