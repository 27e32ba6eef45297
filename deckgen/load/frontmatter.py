"""Markdown files: YAML front matter between ``---`` lines, then the Markdown body."""
from __future__ import annotations

from ..diagnostics import Position, Reporter
from .source import Document, Source
from .yaml_source import parse_yaml

FENCE = "---"
CLOSERS = {"---", "..."}


def split_front_matter(text: str, path: str, reporter: Reporter) -> Document | None:
    """Separate front matter from body, keeping body line numbers true to the file."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return Document(Source(path, {}), text, 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in CLOSERS:
            break
    else:
        reporter.error(
            "front matter opened here is never closed: add a line '---' after it",
            Position(path, 1, 1),
        )
        return None
    front_text = "\n".join(lines[1:index])
    source = parse_yaml(front_text, path, reporter, line_offset=1)
    if source is None:
        return None
    if source.data is None:
        source.data = {}
    body = "\n".join(lines[index + 1 :])
    return Document(source, body, index + 2, has_front_matter=True)
