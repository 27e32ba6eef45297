"""Markdown, rendered once by Python-Markdown, then handed to each output in its own form.

Raw HTML in content is never markup: Python-Markdown's HTML handlers are removed so that it comes
out as escaped text, and the page's HTML is sanitised by nh3 as a second line of defence. For
slides the same HTML is walked into plan elements (paragraphs, runs, tables, pictures).

Python-Markdown's HTML of a body is kept in the cache folder (see :mod:`deckgen.cache`): most
runs convert bodies unchanged since the last one, and a run that converts none never imports
Python-Markdown (a tenth of the example's planning) nor nh3 (only the page uses it).
"""
from __future__ import annotations

import base64
import functools
import re
from typing import TYPE_CHECKING, Callable, Literal, Optional

from lxml import html as lxml_html
from markupsafe import Markup

from .. import cache
from ..model.project import Markdown
from .slides import Align, Cell, Element, Paragraph, Picture, Row, Run, Table, Text

if TYPE_CHECKING:
    import markdown as md_lib
    from lxml import etree

SAFE_LINK = re.compile(r"^(https?:|mailto:|#)", re.IGNORECASE)
IMAGE_TYPES = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg", b"GIF8": "image/gif"}
TAGS = {"p", "strong", "em", "b", "i", "code", "pre", "a", "ul", "ol", "li", "table", "thead",
        "tbody", "tr", "th", "td", "h1", "h2", "h3", "h4", "h5", "h6", "img", "br", "blockquote", "hr"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"style"},
              "td": {"style"}}
Resolve = Callable[[str], Optional[bytes]]


@functools.lru_cache(maxsize=1024)
def to_html_source(text: str) -> str:
    """Python-Markdown's output for ``text``, with raw HTML kept as text. Remembered: the slides
    and the page convert the same bodies, and a live preview rebuilds mostly unchanged ones; and
    kept in the cache folder, named by the text and the code that converts it, for the next run."""
    entry = cache.name(_converter_code(), text)
    kept = cache.read("markdown", entry)
    if kept is not None:
        return kept.decode("utf-8")
    converter = _converter()
    converter.reset()
    html: str = converter.convert(text)
    cache.write("markdown", entry, html.encode("utf-8"))
    return html


@functools.lru_cache(maxsize=1)
def _converter_code() -> bytes:
    """What a body's HTML depends on besides its text: this module (the converter's settings) and
    Python-Markdown's version (its ``__meta__.py``, read without importing it)."""
    return cache.code(__file__, cache.library_file("markdown", "__meta__.py"))


@functools.lru_cache(maxsize=1)
def _converter() -> md_lib.Markdown:
    """One converter for every body (reset before each): building one costs more than most
    conversions. The extensions are Python-Markdown's own, given as objects: named, they would be
    looked up among every installed package's entry points, where another package could answer
    for the name and the HTML kept in the cache would no longer follow from its key."""
    import markdown as md_lib
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension

    converter = md_lib.Markdown(extensions=[TableExtension(), SaneListExtension()], output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


def image_mime(data: bytes) -> Optional[str]:
    return next((mime for magic, mime in IMAGE_TYPES.items() if data.startswith(magic)), None)


def data_uri(data: bytes) -> Optional[str]:
    mime = image_mime(data)
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}" if mime else None


def render_html(body: Markdown, resolve: Resolve) -> Markup:
    """Sanitised HTML for the page; pictures become data: URIs, nothing else leaves the page."""
    fragment = lxml_html.fragment_fromstring(to_html_source(body.text) or "<p></p>", create_parent="div")
    for img in fragment.iter("img"):
        data = resolve(img.get("src", ""))
        uri = data_uri(data) if data else None
        img.set("src", uri or "")
    for anchor in fragment.iter("a"):
        if not SAFE_LINK.match(anchor.get("href", "")):
            anchor.attrib.pop("href", None)
    inner = "".join(lxml_html.tostring(child, encoding="unicode") for child in fragment)
    inner = (fragment.text or "") + inner
    import nh3  # the page's alone: the slides never sanitise HTML

    clean = nh3.clean(inner, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https", "mailto", "data"},
                      attribute_filter=_attribute_filter, link_rel="noopener noreferrer")
    return Markup(clean)


def _attribute_filter(tag: str, attribute: str, value: str) -> Optional[str]:
    if attribute == "src":
        return value if value.startswith(("data:image/png", "data:image/jpeg", "data:image/gif")) else None
    if attribute == "href":
        return value if SAFE_LINK.match(value) else None
    if attribute == "style":
        return value if re.fullmatch(r"text-align: (left|right|center);", value) else None
    return value


# Slides ------------------------------------------------------------------------------------------
def to_elements(body: Markdown, resolve: Resolve) -> list[Element]:
    """Plan elements for a slide: runs of paragraphs become Text, tables Table, pictures Picture."""
    source = to_html_source(body.text)
    if not source.strip():
        return []
    fragment = lxml_html.fragment_fromstring(source, create_parent="div")
    walker = _Walker(resolve)
    for child in fragment:
        walker.block(child)
    return walker.finish()


class _Walker:
    def __init__(self, resolve: Resolve) -> None:
        self.resolve = resolve
        self.elements: list[Element] = []
        self.paragraphs: list[Paragraph] = []

    def finish(self) -> list[Element]:
        self._flush()
        return self.elements

    def _flush(self) -> None:
        if self.paragraphs:
            self.elements.append(Text(self.paragraphs))
            self.paragraphs = []

    def _emit(self, element: Element) -> None:
        self._flush()
        self.elements.append(element)

    def block(self, node: etree._Element) -> None:
        tag = node.tag
        if tag in ("ul", "ol"):
            self._list(node, "bullet" if tag == "ul" else "number", 0)
        elif tag == "table":
            self._emit(_table(node))
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.paragraphs.append(Paragraph(tuple(runs(node)), "heading"))
        elif tag == "p" and len(node) == 1 and node[0].tag == "img" and not (node.text or "").strip():
            self._picture(node[0])
        elif tag == "hr":
            self._flush()
        else:
            for img in node.iter("img"):
                self._picture(img)
            text_runs = runs(node, italic=tag == "blockquote", code=tag == "pre")
            if "".join(r.text for r in text_runs).strip():
                self.paragraphs.append(Paragraph(tuple(text_runs)))

    def _picture(self, img: etree._Element) -> None:
        data = self.resolve(img.get("src", ""))
        if data:
            self._emit(Picture(data, img.get("alt", "")))

    def _list(self, node: etree._Element, kind: Literal["bullet", "number"], level: int) -> None:
        for item in node:
            if item.tag != "li":
                continue
            nested = [c for c in item if c.tag in ("ul", "ol")]
            own = runs(item, skip={"ul", "ol"})
            self.paragraphs.append(Paragraph(tuple(own), kind, min(level, 2)))
            for sub in nested:
                self._list(sub, "bullet" if sub.tag == "ul" else "number", level + 1)


def runs(node: etree._Element, bold: bool = False, italic: bool = False, code: bool = False,
         link: Optional[str] = None, skip: frozenset[str] | set[str] = frozenset()) -> list[Run]:
    """The text of ``node`` as runs, formatting inherited from enclosing tags."""
    found: list[Run] = []
    if node.text:
        found.append(Run(_space(node.text), bold, italic, code, link))
    for child in node:
        if child.tag in skip or not isinstance(child.tag, str):
            pass
        elif child.tag == "br":
            found.append(Run("\n", bold, italic, code, link))
        elif child.tag != "img":
            href = child.get("href") if child.tag == "a" else None
            found += runs(child, bold or child.tag in ("strong", "b"), italic or child.tag in ("em", "i"),
                          code or child.tag == "code",
                          (href if href and SAFE_LINK.match(href) else None) or link)
        if child.tail:
            found.append(Run(_space(child.tail), bold, italic, code, link))
    return _trim(found)


def _space(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _trim(found: list[Run]) -> list[Run]:
    if found:
        found[0] = Run(found[0].text.lstrip(), *_style(found[0]))
        found[-1] = Run(found[-1].text.rstrip(), *_style(found[-1]))
    return [r for r in found if r.text]


def _style(run: Run) -> tuple[bool, bool, bool, Optional[str]]:
    return run.bold, run.italic, run.code, run.link


def _table(node: etree._Element) -> Table:
    rows = [tr for tr in node.iter("tr")]
    cells = [[_cell(td) for td in tr if td.tag in ("td", "th")] for tr in rows]
    width = max((len(r) for r in cells), default=0)
    cells = [r + [Cell([])] * (width - len(r)) for r in cells]
    header, body = (cells[0], cells[1:]) if rows and rows[0].find("th") is not None else ([], cells)
    return Table(header, [Row(r) for r in body])


def _cell(node: etree._Element) -> Cell:
    style = node.get("style", "")
    align: Align = "right" if "right" in style else "center" if "center" in style else "left"
    return Cell([Paragraph(tuple(runs(node)))], align)
