"""YAML 1.2 to plain data, where text stays text.

We compose the YAML into nodes and build the data ourselves instead of letting a constructor guess
types: a plain scalar is always the string the user typed (``no``, ``0755``, ``1:30``,
``2027-01-05``), except the YAML null forms. The model then reads each field as its declared
type, so a text field is never a boolean and a number field still parses ``30``.

ruamel.yaml is imported only when a document is parsed, not read from the cache folder: most
runs read every file unchanged since the last one, and importing it is a twentieth of a ``check``.
"""
from __future__ import annotations

import functools
import pickle
import re
import warnings
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

from .. import cache
from ..diagnostics import Level, Position, Reporter
from .clean import clean_values
from .limits import check_values
from .source import Loc, Source

if TYPE_CHECKING:
    from ruamel.yaml.error import MarkedYAMLError, StreamMark
    from ruamel.yaml.nodes import MappingNode, Node, ScalarNode

NULLS = {"", "~", "null", "Null", "NULL"}
MAX_VALUES = 100_000
MAX_DEPTH = 50


class _Abort(Exception):
    """Stops building a document that cannot be turned into data (cycle, bomb, bad key)."""

    def __init__(self, message: str, node: Node) -> None:
        super().__init__(message)
        self.node = node


def parse_yaml(text: str, path: str, reporter: Reporter, line_offset: int = 0) -> Source | None:
    """Parse one YAML document, its text values cleaned (:mod:`.clean`) and held to the caps
    (:mod:`.limits`); report problems at ``path`` with lines shifted by ``line_offset``.

    A document that parses, cleans and checks without a word to say is kept in the cache folder
    (see :mod:`deckgen.cache`) as it then is, named by its text, path, offset and the code that
    makes it: the parser is pure Python, the cleaning and the checks walk every value, and most
    runs read files unchanged since the last one."""
    entry = cache.name(_parser_code(), path, str(line_offset), text)
    kept = cache.read("yaml", entry)
    if kept is not None:
        try:
            found = pickle.loads(kept)
        except Exception:  # an entry that does not load is a miss, whatever it holds
            found = None
        if isinstance(found, Source):
            return found
    own = Reporter()
    source = _parse(text, path, own, line_offset)
    if source is not None:
        clean_values(source, own)
        check_values(source, own)
    for said in own.diagnostics:
        report = {Level.ERROR: reporter.error, Level.WARNING: reporter.warning}.get(said.level, reporter.note)
        report(said.message, said.position)
    if source is not None and not own.diagnostics:
        cache.write("yaml", entry, pickle.dumps(source, protocol=pickle.HIGHEST_PROTOCOL))
    return source


@functools.lru_cache(maxsize=1)
def _parser_code() -> bytes:
    """What a parsed document depends on besides its text: this module, :class:`Source`, the
    cleaning and the caps, and ruamel's version (its ``__init__.py``, which holds it, read
    without importing ruamel)."""
    from . import clean as clean_module
    from . import limits as limits_module
    from . import source as source_module

    return cache.code(__file__, source_module.__file__, clean_module.__file__, limits_module.__file__,
                      cache.library_file("ruamel.yaml", "__init__.py"))


def _parse(text: str, path: str, reporter: Reporter, line_offset: int) -> Source | None:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError, YAMLWarning
    from ruamel.yaml.reader import ReaderError

    source = Source(path, lines={n + 1 + line_offset: line for n, line in enumerate(text.split("\n"))})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", YAMLWarning)  # e.g. a reused anchor: valid YAML 1.2
            root = _compose(text)
    except MarkedYAMLError as exc:
        message, line, col = explain_syntax(exc, text.split("\n"))
        reporter.error(message, Position(path, line + line_offset, col))
        return None
    except ReaderError as exc:
        line, col = _line_col(text, exc.position)
        reporter.error(f"character U+{exc.character:04X} is not allowed in YAML; remove it",
                       Position(path, line + line_offset, col))
        return None
    except RecursionError:
        reporter.error(f"document is nested deeper than {MAX_DEPTH} levels", Position(path, 1 + line_offset))
        return None
    except (YAMLError, ValueError) as exc:
        reporter.error(f"YAML syntax error: {_first_line(exc)}", Position(path, 1 + line_offset))
        return None
    if root is None:
        return source
    builder = _Builder(source, reporter, line_offset)
    try:
        source.data = builder.build(root, ())
    except _Abort as abort:
        reporter.error(abort.args[0], builder.position(abort.node))
        return None
    return source


@functools.lru_cache(maxsize=64)
def _compose(text: str) -> Node | None:
    """The node tree of ``text``. Kept for texts seen lately: composing is most of a load, and
    a process that loads the project again after an edit (``deckgen serve``) meets the same
    texts in every file but the one edited. Nodes are only read, never changed, after this."""
    from ruamel.yaml import YAML

    node: Node | None = tolerating_tabs(text, YAML(typ="safe", pure=True).compose)[1]
    return node


Parsed = TypeVar("Parsed")
_BLANKS = re.compile(r"[ \t]*")
_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_BLOCK_HEADER = re.compile(r"(^|[\s:-])[|>][-+0-9]*[ \t]*(#.*)?$")
_RETRIES = 64


def tolerating_tabs(text: str, parse: Callable[[str], Parsed]) -> tuple[str, Parsed]:
    """``parse(text)``, where a tab used as white space before a comment or the end of a line is
    read as a space; the text parsed (same length, same lines) and what ``parse`` returned.

    YAML 1.2 allows tabs there (``year: 2027<TAB># edition``), but ruamel's scanner stops at
    them. Tabs ending a line are read as spaces up front, but in block scalars (``|``, ``>``),
    where they are content; a tab the scanner still stops at, before a comment, is replaced and
    the text parsed again (a bounded number of times), so a tab inside a value stays a tab.
    """
    from ruamel.yaml.scanner import ScannerError

    text = _trailing_tabs_as_spaces(text)
    for _ in range(_RETRIES):
        try:
            return text, parse(text)
        except ScannerError as exc:
            mark = exc.problem_mark
            if mark is None or "'\\t'" not in str(exc.problem) or not 0 <= mark.index < len(text):
                raise
            start = mark.index
            while start > 0 and text[start - 1] in " \t":
                start -= 1
            blanks = _BLANKS.match(text, mark.index)
            end = blanks.end() if blanks else mark.index
            if text[mark.index] != "\t" or (end < len(text) and text[end] not in "#\r\n"):
                raise
            text = text[:start] + " " * (end - start) + text[end:]
    return text, parse(text)


def _trailing_tabs_as_spaces(text: str) -> str:
    if "\t" not in text:
        return text
    out = []
    block: int | None = None  # the indentation of a block scalar's header while in its content
    for match in _LINE.finditer(text):
        line, brk = match.groups()
        if not line and not brk:
            break
        indent = len(line) - len(line.lstrip(" "))
        if block is not None and (not line.strip() or indent > block):
            out.append(line + brk)
            continue
        block = None
        kept = line.rstrip(" \t")
        if "\t" in line[len(kept):]:
            line = kept + " " * (len(line) - len(kept))
        if _BLOCK_HEADER.search(kept):
            block = indent
        out.append(line + brk)
    return "".join(out)


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or ["invalid YAML"])[0]


def explain_syntax(exc: MarkedYAMLError, lines: list[str]) -> tuple[str, int, int]:
    """The parser's complaint in words a content writer can act on, with the fix, and the 1-based line
    and column to show it at (in ``lines``, the document's text): the commonest slips are a colon or
    a leading '@', '`', '*', '&' or '%' in unquoted text, indentation, a tab, and an unclosed quote or
    bracket. The checks run in order, the most telling first."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 0)
    problem, context = exc.problem or exc.context or "invalid YAML", exc.context or ""
    start = exc.context_mark
    explained = (_explain_problem(problem, lines, line, col) or _explain_unclosed(context, start, lines)
                 or _explain_start(problem, context, start, lines, (line, col)))
    if explained:
        return explained
    if "expected <block end>" in problem:
        return (_INDENT + " (keys of one mapping, and the '-' of one list, start in the same column; a "
                "line of text that continues the one above goes in quotes with it)", line, col)
    if context and start and exc.problem and start.line + 1 != line:
        return f"{problem} ({context} that began on line {start.line + 1})", line, col
    return problem, line, col


Explained = Optional[tuple[str, int, int]]


def _explain_problem(problem: str, lines: list[str], line: int, col: int) -> Explained:
    """A tab, a second document, or a colon where YAML does not expect one."""
    if "'\\t'" in problem or "'\t'" in problem:
        return "a tab character; YAML allows only spaces here: replace it with spaces, or quote the text", line, col
    if "another document" in problem:
        return ("a second YAML document starts here; a content file holds one ('---' ends front matter "
                "in Markdown, and is not needed in a YAML file)", line, col)
    if "mapping values are not allowed" in problem:
        return _colon_or_indent(lines, line, col)
    return None


def _explain_unclosed(context: str, start: Optional[StreamMark], lines: list[str]) -> Explained:
    """A quote or a bracket opened at ``start`` and never closed."""
    if start is None:
        return None
    if "quoted scalar" in context:
        quote = lines[start.line][start.column] if start.line < len(lines) else '"'
        return (f"the {quote} opened here is never closed: add the closing {quote} at the end of the text",
                start.line + 1, start.column + 1)
    if "flow sequence" in context or "flow mapping" in context:
        bracket, closing = ("[", "]") if "sequence" in context else ("{", "}")
        return (f"the '{bracket}' opened here is not closed: close it with '{closing}' after its last "
                f"item (and put an item holding a comma, colon or bracket in quotes)", start.line + 1,
                start.column + 1)
    return None


def _explain_start(problem: str, context: str, start: Optional[StreamMark], lines: list[str],
                   at: tuple[int, int]) -> Explained:
    """Text that starts with a character YAML reads as syntax, or a line without its ':'."""
    line, col = at
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if "anchor" in context and start:  # '& co': the '&' starts a YAML anchor
        line, col, text = start.line + 1, start.column + 1, lines[start.line]
    if "cannot start any token" in problem or "undefined alias" in problem or "anchor" in context:
        first = text[col - 1:col] if col else ""
        return (f"text cannot start with '{first}' in YAML: put it in quotes: {_quoted(text)}", line, col)
    if "simple key" in context and start:
        return ("this line has no ':': write it as 'key: value', or, if it continues the text of the line "
                "above, put that whole text in quotes on one line", start.line + 1, start.column + 1)
    return None


_INDENT = "check the indentation of this line against the one above"


def _colon_or_indent(lines: list[str], line: int, col: int) -> tuple[str, int, int]:
    """'mapping values are not allowed here': a second ': ' in a line's text, or a line indented
    deeper than the value above it (which YAML reads as that value going on)."""
    text = lines[line - 1]
    indent = len(text) - len(text.lstrip(" "))
    first_colon = text.find(":", indent)
    if first_colon != -1 and first_colon + 1 < col:  # the complaint is at a later colon on the line
        value_at = first_colon + 1 + len(text[first_colon + 1:]) - len(text[first_colon + 1:].lstrip())
        key = text[indent:first_colon].lstrip("- ").strip()
        return (f"the text after '{key}:' holds ': ', which YAML reads as a new key: put the text in quotes: "
                f"{_quoted(text)}", line, value_at + 1)
    above = next((n for n in range(line - 1, 0, -1)
                  if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")), None)
    if above is None:
        return _INDENT, line, indent + 1
    above_indent = len(lines[above - 1]) - len(lines[above - 1].lstrip(" "))
    return (f"{_INDENT}: it starts in column {indent + 1}, line {above} in column {above_indent + 1} (a line "
            f"set deeper than a value continues that value)", line, indent + 1)


def _quoted(text: str) -> str:
    """``key: value`` (or ``- value``) with the value in double quotes, as the fix to show."""
    body = text.strip()
    prefix = ""
    if body.startswith("- "):
        prefix, body = "- ", body[2:].lstrip()
    colon = body.find(": ")
    if colon != -1 and not body.startswith(("'", '"')):
        prefix, body = prefix + body[:colon + 2], body[colon + 2:].strip()
    escaped = body.replace("\\", "\\\\").replace('"', '\\"')
    return f'{prefix}"{escaped}"'


def _line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


class _Builder:
    def __init__(self, source: Source, reporter: Reporter, line_offset: int) -> None:
        self.source = source
        self.reporter = reporter
        self.offset = line_offset
        self.count = 0
        self.active: set[int] = set()

    def where(self, node: Node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.offset, node.start_mark.column + 1

    def position(self, node: Node) -> Position:
        line, col = self.where(node)
        return Position(self.source.path, line, col)

    def build(self, node: Node, loc: Loc) -> Any:
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

        self.count += 1
        if self.count > MAX_VALUES:
            raise _Abort(f"document has more than {MAX_VALUES} values (an alias bomb?)", node)
        if len(loc) > MAX_DEPTH:
            raise _Abort(f"document is nested deeper than {MAX_DEPTH} levels", node)
        if id(node) in self.active:
            anchor = getattr(node, "anchor", None) or "…"
            raise _Abort(f"the value anchored here as '&{anchor}' contains the alias '*{anchor}' to "
                         f"itself, so it never ends", node)
        self.source.values[loc] = self.where(node)
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
            if isinstance(node, MappingNode):
                return self.mapping(node, loc)
        finally:
            self.active.discard(id(node))
        raise _Abort("unsupported YAML node", node)

    @staticmethod
    def scalar(node: ScalarNode) -> str | None:
        if node.style is None and node.value in NULLS:
            return None
        if node.tag == "tag:yaml.org,2002:null":
            return None
        return str(node.value)

    def mapping(self, node: MappingNode, loc: Loc) -> dict[str, Any]:
        from ruamel.yaml.nodes import ScalarNode

        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _Abort("a mapping key must be a plain value, not a list or mapping", key_node)
            key = self.scalar(key_node)
            key = "" if key is None else key
            line, col = self.where(key_node)
            if key in first_seen:
                self.reporter.error(
                    f"duplicate key '{key}' (first defined on line {first_seen[key]})",
                    Position(self.source.path, line, col),
                )
                continue
            first_seen[key] = line
            self.source.keys[loc + (key,)] = (line, col)
            result[key] = self.build(value_node, loc + (key,))
        return result
