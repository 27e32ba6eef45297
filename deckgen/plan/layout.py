"""Rendering one slide layout into its slides, and naming the layout's own line when that fails.

A layout's mistakes (a Jinja error, XML that is not well-formed, an element the markup does not
know) are reported like content problems: ``templates/slides/okrs.xml:12: error: ...``. The line
is the template's, not the rendered text's: when the markup is bad, the layout is rendered once
more, recording which template line produced each piece of output.
"""
from __future__ import annotations

import re
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Optional

from jinja2 import Environment, Template, TemplateSyntaxError
from markupsafe import Markup

from ..diagnostics import ContentError, Position, Reporter, relative
from ..model.project import Markdown, Project
from .environment import LayoutLimit, UnsafeTemplate
from .markdown import to_elements
from .markup import MarkupError, Registry, parse_slides
from .slides import Element, Paragraph, Picture, Slide, Text


class LayoutError(ContentError):
    """A layout that cannot render, or renders bad slide markup; shown as one diagnostic line."""

    def __init__(self, message: str, position: Position) -> None:
        reporter = Reporter()
        reporter.error(message, position)
        super().__init__(reporter)
        self.message, self.position = message, position

    def __str__(self) -> str:
        return str(self.reporter.diagnostics[0])


def render_slides(env: Environment, name: str, kind: str, context: dict[str, Any], project: Project) -> list[Slide]:
    """Slide ``kind`` as layout ``name`` plans it (one slide, or several); LayoutError names the
    layout's line when it fails."""
    registry = Registry()
    scope = {**context, **helpers(registry, project)}
    with layout_errors(project):
        template = env.get_template(name)
        markup = template.render(scope)
    try:
        return parse_slides(markup, kind, registry)
    except MarkupError as problem:
        located = _Trace(template, {**context, **helpers(Registry(), project)}, project)
        where = located.position(problem.line, problem.column)
        raise LayoutError(located.relined(problem.message, where), where) from None


@contextmanager
def layout_errors(project: Project, self_reference: Optional[str] = None) -> Iterator[None]:
    """Turn a layout's failure while rendering into a LayoutError naming the layout's file and line.

    The deck's slide layouts and the page's layouts are often a user's overrides, so their
    mistakes are reported like content problems, the same way for both: a syntax error at its
    line, any other error (an undefined name, a bad filter) at the innermost layout line of its
    traceback. An error with no layout line in it is deckgen's own and propagates unchanged.
    ``self_reference``, when given, replaces the RecursionError of a layout that extends or
    includes itself with advice on how to override it.
    """
    try:
        yield
    except UnsafeTemplate as problem:
        raise LayoutError(problem.reason, _where(project, problem.filename, 0)) from None
    except TemplateSyntaxError as problem:
        raise LayoutError(problem.message or str(problem), _where(project, problem.filename, problem.lineno)) \
            from None
    except Exception as problem:
        where = _template_frame(problem, project)
        if where is None and isinstance(problem, LayoutLimit) and problem.filename:
            where = _where(project, problem.filename, 0)
        if where is None:
            raise
        if self_reference is not None and isinstance(problem, RecursionError):
            raise LayoutError(self_reference, where) from None
        kind = "" if isinstance(problem, LayoutLimit) else f"{type(problem).__name__}: "
        raise LayoutError(f"{kind}{problem}", where) from None


def helpers(registry: Registry, project: Project) -> dict[str, Any]:
    """The template functions that hand pre-built elements to the markup by reference."""
    def markdown(body: Markdown, item: bool = False) -> Markup:
        """A Markdown body's elements; ``item=True`` makes it one item of a list (wins, asks)."""
        elements = to_elements(body, lambda ref: project.asset(body.path, ref))
        return registry.reference("markdown", as_item(elements) if item else elements)

    def picture(data: Optional[bytes], alt: str = "") -> Markup:
        return registry.reference("picture", [Picture(data, alt)]) if data else Markup("")

    return {"markdown": markdown, "picture": picture}


def as_item(elements: list[Element]) -> list[Element]:
    """A Markdown body as one bullet: its first paragraph is the bullet, its lists nest under it."""
    out: list[Element] = []
    first = True
    for element in elements:
        if isinstance(element, Text):
            paragraphs = []
            for p in element.paragraphs:
                if p.kind in ("bullet", "number"):
                    paragraphs.append(Paragraph(p.runs, p.kind, min(p.level + 1, 2)))
                else:
                    paragraphs.append(Paragraph(p.runs, "bullet" if first else p.kind, p.level))
                first = False
            out.append(Text(paragraphs, element.style, element.heading))
        else:
            out.append(element)
    return out


def _where(project: Project, filename: Optional[str], line: Optional[int]) -> Position:
    return Position(relative(Path(filename), project.root) if filename else "templates", line or 0)


def _template_frame(problem: BaseException, project: Project) -> Optional[Position]:
    """The innermost layout line in the traceback (Jinja rewrites its frames to template lines)."""
    for frame in reversed(traceback.extract_tb(problem.__traceback__)):
        if not frame.filename.endswith(".py") and not frame.filename.startswith("<"):
            return _where(project, frame.filename, frame.lineno)
    return None


class _Trace:
    """The rendered text again, each piece tagged with the template file and line it came from."""

    def __init__(self, template: Template, scope: dict[str, Any], project: Project) -> None:
        self.project = project
        self.pieces: list[tuple[int, str, Optional[str], int]] = []
        self.text = ""
        for chunk, filename, line in _generate(template, scope):
            self.pieces.append((len(self.text), chunk, filename, line))
            self.text += chunk

    def position(self, line: int, column: int = 0) -> Position:
        """Where rendered ``line`` (1-based) and ``column`` came from in the layouts."""
        lines = self.text.split("\n")
        line = max(1, min(line, len(lines)))
        start = sum(len(text) + 1 for text in lines[: line - 1])
        row = lines[line - 1]
        offset = start + (column - 1 if column > 0 else len(row) - len(row.lstrip()))
        for begin, chunk, filename, first in reversed(self.pieces):
            if begin <= offset and filename:
                return _where(self.project, filename, first + chunk[: offset - begin].count("\n"))
        return Position("templates", line)

    def relined(self, message: str, where: Position) -> str:
        """Rendered line numbers quoted in a parser message, rewritten as the layouts' lines."""
        def swap(match: re.Match[str]) -> str:
            found = self.position(int(match.group(1)))
            return f"line {found.line}" if found.path == where.path else f"{found}"
        return re.sub(r"\bline (\d+)", swap, message)


def _generate(template: Template, scope: dict[str, Any]) -> Iterator[tuple[str, Optional[str], int]]:
    """Each piece of output with the template file and line that wrote it.

    Jinja renders through nested generators (one per block, parent and include); the innermost
    one's frame, mapped through the compiled template's line table, is the line that wrote it.
    """
    outer = template.generate(scope)
    for chunk in outer:
        inner = outer
        while getattr(inner, "gi_yieldfrom", None) is not None:
            inner = inner.gi_yieldfrom  # type: ignore[attr-defined]  # typeshed's Generator lacks it
        frame = getattr(inner, "gi_frame", None)
        source = frame.f_globals.get("__jinja_template__") if frame else None
        if not isinstance(source, Template) or frame is None:
            yield chunk, None, 0
            continue
        line = source.get_corresponding_lineno(frame.f_lineno)
        yield chunk, source.filename, _exact_line(source, chunk, line)


def _exact_line(source: Template, chunk: str, line: int) -> int:
    """Literal text starts where it is found in the file, at or just after the line Jinja reports."""
    if isinstance(chunk, Markup) or not source.filename or not chunk:
        return line
    try:
        text = Path(source.filename).read_text(encoding="utf-8")
    except OSError:
        return line
    lines = text.split("\n")
    start = sum(len(row) + 1 for row in lines[: max(line - 1, 0)])
    found = text.find(chunk, start)
    exact = text.count("\n", 0, found) + 1 if found >= 0 else line
    return exact if line <= exact <= line + 1 else line
