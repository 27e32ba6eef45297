"""What the one-pager may contain, enforced on the rendered page whatever its layouts wrote.

A project's page layouts are untrusted (a deck project may come from anyone), and the Content-
Security-Policy cannot stop everything: a ``<meta http-equiv=refresh>`` navigates away despite it,
and a reference outside the page is a leak even if never fetched. So the page is parsed as a
browser would (comments dropped, since ``--!>`` ends one early in browsers), cleaned as a tree and
written again, which leaves no markup for a browser to read differently:

- only the elements of a document, a page and its charts remain; ``script``, ``iframe``, ``object``,
  ``form``, ``base``, ``link``, ``noscript`` and the like go with their content; any other unknown
  element is unwrapped (its text stays, its attributes go);
- ``<head>`` keeps its title, its inline ``<style>`` and the harmless ``<meta>`` (charset,
  viewport, colour scheme, referrer); no ``http-equiv`` survives, so no refresh and no second policy;
- no ``on…`` attribute; a link goes only to ``#`` a place in the page, a picture only comes from a
  ``data:image/`` address; every other address-carrying attribute is dropped;
- CSS (the ``<style>`` and ``style=""``) keeps no ``@import`` and no ``url()`` but ``data:image/``
  and ``#`` ones, however it is escaped; quoted text in it stays as written.
"""
from __future__ import annotations

import re
from typing import Iterator, Optional

from lxml import html as lxml_html
from lxml.etree import ParserError, _Element

#: Elements kept in the body, with their attributes (minus the unsafe ones).
BODY = frozenset("""a abbr article aside b bdi bdo blockquote br caption cite code col colgroup data dd del
details dfn div dl dt em figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i img ins kbd li main mark nav
ol p pre q rp rt ruby s samp section small span strong sub summary sup table tbody td tfoot th thead time tr
u ul var wbr svg g rect circle ellipse line polyline polygon path text tspan title desc defs lineargradient
radialgradient stop clippath symbol marker pattern mask""".split())  # noqa: SIM905 - a word list reads as prose
#: Elements removed with everything inside them, wherever they are.
DANGEROUS = frozenset("""script noscript iframe frame frameset object embed applet param base link meta form
input button textarea select option optgroup datalist output keygen audio video source track picture
portal fencedframe template slot xmp plaintext noembed noframes listing math foreignobject use image
animate animatemotion animatetransform set handler listener discard style""".split())  # noqa: SIM905 - a word list reads as prose
#: Elements a browser never gives content (libxml2 may nest what follows them inside).
VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())  # noqa: SIM905 - a word list reads as prose
HEAD = frozenset({"title", "style", "meta"})
META_NAMES = frozenset({"viewport", "color-scheme", "referrer", "description", "author", "generator"})
#: Attributes that name an address a browser may fetch or go to.
ADDRESSES = frozenset("""href src srcset imagesrcset xlink:href action formaction poster background data
cite longdesc ping manifest codebase archive classid lowsrc dynsrc profile usemap itemtype srcdoc
http-equiv""".split())  # noqa: SIM905 - a word list reads as prose
SAFE_PICTURE = re.compile(r"data:image/(png|jpeg|gif|webp|bmp);", re.IGNORECASE)

_BLANKS = re.compile(r"[\x00-\x20\x7f]+")


def secure_page(html: str) -> Optional[_Element]:
    """The page's document cleaned of anything active or external; None when it has no <head>."""
    try:
        document = lxml_html.document_fromstring(html, parser=lxml_html.HTMLParser(
            remove_comments=True, remove_pis=True, no_network=True, default_doctype=False))
    except ParserError:
        return None
    head = document.find("head")
    if head is None or document.tag != "html":
        return None
    _clean(document, in_head=False)
    return document


def _clean(parent: _Element, in_head: bool) -> None:
    for element in list(parent):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in ("head", "body") and parent.tag == "html":
            _clean_attributes(element)
            _clean(element, in_head=tag == "head")
            continue
        if in_head:
            if tag not in HEAD or (tag == "meta" and not _harmless_meta(element)):
                element.drop_tree()
                continue
            _clean_attributes(element)
            if tag == "style":
                element.text = safe_css(element.text or "")
            continue
        if tag in VOID and tag in DANGEROUS:  # a browser's void element may hold what follows it here
            _clean(element, in_head=False)
            element.drop_tag()
            continue
        if tag in DANGEROUS or not tag:
            element.drop_tree()
            continue
        _clean(element, in_head=False)
        if tag in BODY:
            _clean_attributes(element)
        else:
            element.drop_tag()
    _clean_attributes(parent)


def _harmless_meta(meta: _Element) -> bool:
    names = {name.lower() for name in meta.attrib}
    if "charset" in names:
        return names <= {"charset"}
    return names <= {"name", "content"} and (meta.get("name") or "").lower() in META_NAMES


def _clean_attributes(element: _Element) -> None:
    for name, value in list(element.attrib.items()):
        key = name.lower()
        if key.startswith("on") or key.endswith(("href", "src")) or key in ADDRESSES:
            if not _allowed_address(element.tag, key, value):
                del element.attrib[name]
        elif key == "style" or "url" in value.lower() or "\\" in value:
            cleaned = safe_css(value)
            if cleaned != value:
                del element.attrib[name]


def _allowed_address(tag: str, key: str, value: str) -> bool:
    address = _BLANKS.sub("", value)
    if key.startswith("on"):
        return False
    if key.endswith("href"):
        return address.startswith("#")
    if key == "src":
        return tag == "img" and bool(SAFE_PICTURE.match(address))
    return False


# CSS ---------------------------------------------------------------------------------------------
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\\(.)", re.DOTALL)
_NAME = re.compile(r"-?(?:[A-Za-z_\-\u0080-\U0010ffff]|\\[0-9a-fA-F]{1,6}[ \t\n\r\f]?|\\[^\n0-9a-fA-F])"
                   r"(?:[A-Za-z0-9_\-\u0080-\U0010ffff]|\\[0-9a-fA-F]{1,6}[ \t\n\r\f]?|\\[^\n0-9a-fA-F])*")
FORBIDDEN_FUNCTIONS = frozenset({"image-set", "-webkit-image-set", "image", "element", "cross-fade",
                                 "-webkit-cross-fade", "expression", "src"})
FORBIDDEN_AT_RULES = frozenset({"import", "namespace", "font-face"})


def safe_css(css: str) -> str:
    """``css`` without external references: every ``url()`` not to ``data:image/`` or ``#``, every
    function that fetches (``image-set()``…) and every ``@import`` becomes ``none`` or goes, even
    when spelt with CSS escapes; quoted strings and comments are skipped as a browser skips them."""
    out, index, size = [], 0, len(css)
    while index < size:
        char = css[index]
        if char in "\"'":
            end = _string_end(css, index)
            out.append(css[index:end])
            index = end
        elif css.startswith("/*", index):
            end = css.find("*/", index + 2)
            index = size if end < 0 else end + 2
            out.append(" ")
        elif char == "@" and (name := _NAME.match(css, index + 1)):
            if _unescape(name.group()).lower() in FORBIDDEN_AT_RULES:
                index = _rule_end(css, name.end())
                continue
            out.append(css[index:name.end()])
            index = name.end()
        elif name := _NAME.match(css, index):
            function = _unescape(name.group()).lower()
            if name.end() < size and css[name.end()] == "(":
                end = _call_end(css, name.end() + 1)
                if function == "url" and _safe_url(css[name.end() + 1:end - 1]):
                    out.append(css[index:end])
                elif function == "url" or function in FORBIDDEN_FUNCTIONS:
                    out.append("none")
                else:
                    out.append(css[index:name.end() + 1])
                    end = name.end() + 1
                index = end
            else:
                out.append(css[index:name.end()])
                index = name.end()
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _unescape(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return match.group(2)
    return _ESCAPE.sub(one, text)


def _string_end(css: str, start: int) -> int:
    quote, index = css[start], start + 1
    while index < len(css):
        if css[index] == "\\":
            index += 2
            continue
        if css[index] in (quote, "\n"):
            return index + 1
        index += 1
    return len(css)


def _unquoted(css: str, index: int) -> Iterator[tuple[int, str]]:
    """Each character of ``css`` from ``index`` on that stands outside strings and escapes, with
    its offset: the one scan behind finding where a function call or an at-rule ends."""
    while index < len(css):
        char = css[index]
        if char in "\"'":
            index = _string_end(css, index)
            continue
        if char == "\\":
            index += 2
            continue
        yield index, char
        index += 1


def _call_end(css: str, index: int) -> int:
    """The offset just after the ``)`` closing a function's arguments (strings skipped)."""
    depth = 1
    for at, char in _unquoted(css, index):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return at + 1
    return len(css)


def _rule_end(css: str, index: int) -> int:
    """The end of an at-rule: its ``;``, or its ``{…}`` block."""
    depth = 0
    for at, char in _unquoted(css, index):
        if char == ";" and depth == 0:
            return at + 1
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth <= 0:
                return at + 1
    return len(css)


def _safe_url(argument: str) -> bool:
    address = _unescape(argument).strip().strip("\"'").strip()
    address = _BLANKS.sub("", address)
    return address.startswith("#") or bool(SAFE_PICTURE.match(address))
