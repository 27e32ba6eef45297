"""Cutting Markdown bodies into the parts the format gives meaning to.

Strategy sections are the ``## `` headings; wins and asks are the top-level bullets. Both keep the
line each part starts on. Rendering Markdown is the plan stage's job, not this one's.
"""
from __future__ import annotations

import re

from .project import Markdown, Section

BULLET = re.compile(r"^([-*+]|\d+[.)])\s+")
FENCE = re.compile(r"^(```|~~~)")
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<path>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\[([^\]]*)\]")
DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*<?([^\s>]+)>?")


def _outside_fences(lines: list[str]) -> list[bool]:
    inside = False
    flags = []
    for line in lines:
        if FENCE.match(line.lstrip()):
            inside = not inside
            flags.append(False)
        else:
            flags.append(not inside)
    return flags


def split_sections(body: Markdown) -> tuple[Markdown, list[Section]]:
    """The summary (text before the first ``## ``) and one Section per ``## `` heading."""
    lines = body.text.split("\n")
    starts = [i for i, (line, ok) in enumerate(zip(lines, _outside_fences(lines), strict=True))
              if ok and line.startswith("## ")]
    summary = _block(lines[: starts[0] if starts else len(lines)], body.path, body.line)
    sections = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        title = lines[start][3:].strip().rstrip("#").strip()
        sections.append(Section(title, _block(lines[start + 1 : end], body.path, body.line + start + 1)))
    return summary, sections


def _block(lines: list[str], path: str, line: int) -> Markdown:
    """Lines without the blank ones around them, starting on the line where their text starts."""
    first = next((i for i, text in enumerate(lines) if text.strip()), len(lines))
    last = max((i for i, text in enumerate(lines) if text.strip()), default=first - 1)
    return Markdown("\n".join(lines[first : last + 1]), path, line + first)


def split_items(body: Markdown) -> list[Markdown]:
    """Top-level bullets, each with its nested lines dedented under it."""
    items: list[list[str]] = []
    first_lines: list[int] = []
    lines = body.text.split("\n")
    for index, (line, ok) in enumerate(zip(lines, _outside_fences(lines), strict=True)):
        match = BULLET.match(line) if ok else None
        if match:
            items.append([line[match.end():]])
            first_lines.append(body.line + index)
        elif items and not line.startswith("#"):
            items[-1].append(line)  # nested lines, blank lines and lazy continuations
    return [Markdown(_dedent(item), body.path, first) for item, first in zip(items, first_lines, strict=True)]


def _dedent(lines: list[str]) -> str:
    head, rest = lines[0], lines[1:]
    while rest and not rest[-1].strip():
        rest.pop()
    indents = [len(line) - len(line.lstrip()) for line in rest if line.strip()]
    cut = min(indents) if indents else 0
    return "\n".join([head] + [line[cut:] for line in rest]).strip()


def image_references(body: Markdown) -> list[tuple[str, int, int]]:
    """Each image path the Markdown names, with its line and the column where the path starts:
    inline (``![x](path)``) or by reference (``![x][ref]`` and its ``[ref]: path`` line)."""
    found = []
    lines = body.text.split("\n")
    used = {label for label, _, _ in _reference_images(lines)}
    for index, line in enumerate(lines):
        for match in IMAGE.finditer(line):
            found.append((match.group("path"), body.line + index, match.start("path") + 1))
        definition = DEFINITION.match(line)
        if definition and _label(definition.group(1)) in used:
            found.append((definition.group(2), body.line + index, definition.start(2) + 1))
    return found


def images_without_alt(body: Markdown) -> list[tuple[str, int, int]]:
    """Each image written with no alternative text (``![](path)``, ``![][ref]``) outside code:
    the image as written, its line and column. A screen reader, and PowerPoint's Accessibility
    Checker, need words for a picture; without them the deck marks it decorative, as an empty
    ``alt`` means in HTML."""
    lines = body.text.split("\n")
    return [(match.group(0), body.line + index, match.start() + 1)
            for index, (line, ok) in enumerate(zip(lines, _outside_fences(lines), strict=True)) if ok
            for pattern in (IMAGE, REFERENCE_IMAGE) for match in pattern.finditer(line)
            if not match.group("alt").strip()]


def undefined_images(body: Markdown) -> list[tuple[str, int]]:
    """Reference-style images (``![x][ref]``) whose reference is not defined in the same body (an
    item or a section is rendered alone): the written text and its line."""
    lines = body.text.split("\n")
    defined = {_label(m.group(1)) for line in lines if (m := DEFINITION.match(line))}
    return [(written, body.line + index) for label, index, (written, _) in _reference_images(lines)
            if label not in defined]


def _reference_images(lines: list[str]) -> list[tuple[str, int, tuple[str, int]]]:
    """(label, line index, (text as written, column)) of each ``![alt][ref]`` and ``![alt][]``."""
    return [(_label(match.group(2) or match.group(1)), index, (match.group(0), match.start() + 1))
            for index, (line, ok) in enumerate(zip(lines, _outside_fences(lines), strict=True)) if ok
            for match in REFERENCE_IMAGE.finditer(line)]


def _label(text: str) -> str:
    """A reference label as Markdown matches it: case and runs of spaces do not count."""
    return " ".join(text.lower().split())
