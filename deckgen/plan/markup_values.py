"""Slide markup, the checking half: attribute values and which children an element may hold.

Each converter turns an attribute's text into the plan's value or raises ValueError with a message
for the layout's author; choices come from the plan's own Literal types, so the markup and the
plan never drift apart.
"""
from __future__ import annotations

import functools
import math
import re
from typing import Any, Callable, Mapping, Protocol, get_args, get_type_hints

from lxml import etree

from ..errors import DeckgenError
from .slides import Element

SPACE = re.compile(r"[ \t\r\n]+")


class MarkupError(DeckgenError):
    """Bad slide markup at ``line`` of the rendered text; the caller maps it to the layout's line."""

    def __init__(self, message: str, line: int, column: int = 0) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class Parser(Protocol):
    """What element constructors ask of the parser: nested elements, and registered ones by reference."""

    def elements(self, node: etree._Element) -> list[Element]: ...

    def reference(self, node: etree._Element) -> list[Element]: ...


Convert = Callable[[str], Any]


def choice(*values: str) -> Callable[[str], str]:
    def convert(text: str) -> str:
        if text not in values:
            raise ValueError(f"'{text}' is not one of: {', '.join(values)}")
        return text
    return convert


@functools.lru_cache(maxsize=None)
def literal(cls: type, name: str) -> Convert:
    """A choice among the values the plan's type allows for ``cls.name``, so both never drift apart.
    Cached: reading a class's type hints evaluates all its annotations, and every cell asks."""
    def strings(hint: Any) -> list[str]:
        return [a for a in get_args(hint) if isinstance(a, str)] + [
            s for a in get_args(hint) if not isinstance(a, str) for s in strings(a)]
    return choice(*strings(get_type_hints(cls)[name]))


def number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"'{text}' is not a finite number")
    return value


def flag(text: str) -> bool:
    return choice("true", "false")(text) == "true"


def level(text: str) -> int:
    return int(choice("0", "1", "2")(text))


def weights(text: str) -> list[float]:
    return [number(part) for part in text.split()]


def plain(text: str) -> str:
    return text


def attrs(node: etree._Element, spec: Mapping[str, Convert], required: tuple[str, ...] = ()) -> dict[str, Any]:
    """The attributes of ``node`` converted by ``spec``, keyed as Python names (``number-format`` →
    ``number_format``); an attribute outside ``spec``, a bad value or a missing required one is an error."""
    found: dict[str, Any] = {}
    for name, value in node.items():  # the pairs at once, without the attrib proxy lxml makes
        if name not in spec:
            allowed = ", ".join(spec) or "none"
            raise error(node, f"<{node.tag}> has no attribute '{name}' (allowed: {allowed})")
        try:
            found[name.replace("-", "_")] = spec[name](value)
        except ValueError as problem:
            raise error(node, f"<{node.tag} {name}>: {problem}") from None
    for name in required:
        if node.get(name) is None:
            raise error(node, f"<{node.tag}> needs a '{name}' attribute")
    return found


def error(node: etree._Element, message: str) -> MarkupError:
    return MarkupError(message, node.sourceline or 0)


def children(node: etree._Element, allowed: tuple[str, ...]) -> list[etree._Element]:
    """Child elements, all of the allowed names; text between them must be only whitespace."""
    found = list(node)
    for child in found:
        if child.tag not in allowed:
            raise error(child, f"<{child.tag}> cannot go inside <{node.tag}> (expected: {_names(allowed)})")
    if (node.text and not node.text.isspace()) or any(child.tail and not child.tail.isspace() for child in found):
        stray = (node.text or "") + "".join(child.tail or "" for child in found)
        raise error(node, f"text '{clip(stray.strip())}' directly inside <{node.tag}>; "
                          f"put it in one of {_names(allowed)}")
    return found


def _names(allowed: tuple[str, ...]) -> str:
    return ", ".join(f"<{a}>" for a in allowed)


def clip(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def plain_text(node: etree._Element) -> str:
    """The text of an element that holds nothing but text (a title, a category)."""
    for child in node:
        raise error(child, f"<{node.tag}> holds plain text, not <{child.tag}>")
    return SPACE.sub(" ", node.text or "").strip()


