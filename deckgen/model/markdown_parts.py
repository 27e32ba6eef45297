"""Cutting Markdown bodies into the parts the format gives meaning to.

Strategy sections are the ``## `` headings; wins and asks are the top-level bullets. Both keep the
line each part starts on. Rendering Markdown is the plan stage's job, not this one's.
"""
from __future__ import annotations

import re

from .project import Markdown, Section

BULLET = re.compile(r"^([-*+]|\d+[.)])\s+")
FENCE = re.compile(r"^(```|~~~)")
IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


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
    starts = [i for i, (line, ok) in enumerate(zip(lines, _outside_fences(lines)))
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
    for index, (line, ok) in enumerate(zip(lines, _outside_fences(lines))):
        match = BULLET.match(line) if ok else None
        if match:
            items.append([line[match.end():]])
            first_lines.append(body.line + index)
        elif items and not line.startswith("#"):
            items[-1].append(line)  # nested lines, blank lines and lazy continuations
    return [Markdown(_dedent(item), body.path, first) for item, first in zip(items, first_lines)]


def _dedent(lines: list[str]) -> str:
    head, rest = lines[0], lines[1:]
    while rest and not rest[-1].strip():
        rest.pop()
    indents = [len(l) - len(l.lstrip()) for l in rest if l.strip()]
    cut = min(indents) if indents else 0
    return "\n".join([head] + [l[cut:] for l in rest]).strip()


def image_references(body: Markdown) -> list[tuple[str, int, int]]:
    """Each image path the Markdown names, with its line and the column where the path starts."""
    found = []
    for index, line in enumerate(body.text.split("\n")):
        for match in IMAGE.finditer(line):
            found.append((match.group(1), body.line + index, match.start(1) + 1))
    return found
