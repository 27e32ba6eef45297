"""Sizes no deck can use, refused where the project is read, so that `check` passing means `build`
passes (and in seconds: laying out text costs more than linear time in its length).

A slide shows a title of a line or two and a few short paragraphs; the deck continues a long body
on more slides, but not without end. These caps sit far above any real content and far below what
makes the build crawl or fail: a 100,000-character word, a name of 1,000 lines, 3,000 combining
marks on one letter, a table of 1,000 columns, a file of 380,000 words.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..diagnostics import Position, Reporter
from .source import Loc, Source

MAX_VALUE_CHARS = 1_000  # characters in one YAML text value (a title, a name, a sentence)
MAX_VALUE_LINES = 20  # lines in one
MAX_WORD = 120  # characters in one word, with no space to break the line at (300 hangs a table)
MAX_MARKS = 30  # combining marks on one character (Unicode's stream-safe text allows 30)
MAX_MARKDOWN_WORDS = 5_000  # words in the body of one Markdown file
MAX_TABLE_COLUMNS = 12  # columns of a Markdown table
MAX_NESTING = 8  # levels of lists and quotes inside each other

_WORD = re.compile(r"\S+")
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|^\s*\[[^\]]+\]:\s*\S+")
_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$")
_NESTED = re.compile(r"^((?:\s*>)+)|^(\s*)(?:[-*+]|\d+[.)])\s")


def check_values(source: Source, reporter: Reporter) -> None:
    """Each text value of a YAML document within the caps (its position when not)."""
    _walk(source.data, (), source, reporter)


def _walk(value: Any, loc: Loc, source: Source, reporter: Reporter) -> None:
    if isinstance(value, str):
        problem = _too_long(value) or _marks(value) or _long_word(value)
        if problem:
            reporter.error(problem, source.position(loc))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(item, loc + (index,), source, reporter)
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk(item, loc + (key,), source, reporter)


def _too_long(text: str) -> str | None:
    if len(text) > MAX_VALUE_CHARS:
        return f"this text is {len(text):,} characters long; a deck shows at most {MAX_VALUE_CHARS:,} in one value"
    lines = text.count("\n") + 1
    if lines > MAX_VALUE_LINES:
        return f"this text has {lines:,} lines; a deck shows at most {MAX_VALUE_LINES} in one value"
    return None


def _marks(text: str) -> str | None:
    if len(text) <= MAX_MARKS or text.isascii():  # most text: no run of marks can be too long
        return None
    run = longest = 0
    for char in text:
        run = run + 1 if unicodedata.combining(char) or unicodedata.category(char) == "Me" else 0
        longest = max(longest, run)
    if longest > MAX_MARKS:
        return f"{longest:,} combining marks on one character; text can be laid out with at most {MAX_MARKS}"
    return None


def _long_word(text: str) -> str | None:
    if len(text) <= MAX_WORD:  # most values: no word in them can be too long
        return None
    word = max(_WORD.findall(_LINK_TARGET.sub("]", text)), key=len, default="")
    if len(word) > MAX_WORD:
        return (f"a word of {len(word):,} characters ('{word[:20]}…'); a line can only break between words, "
                f"so a word has at most {MAX_WORD}")
    return None


def check_markdown(body: str, path: str, first_line: int, reporter: Reporter) -> None:
    """A Markdown body within the caps: each problem at its line (and column)."""
    words = 0
    for number, line in enumerate(body.split("\n"), first_line):
        words += len(_WORD.findall(line))
        problem = _marks(line) or _long_word(line) or _table(line) or _nesting(line)
        if problem:
            reporter.error(problem, Position(path, number))
    if words > MAX_MARKDOWN_WORDS:
        reporter.error(f"the text is {words:,} words long; a deck shows at most {MAX_MARKDOWN_WORDS:,} words "
                       "from one file", Position(path, first_line))


def _table(line: str) -> str | None:
    if not _DELIMITER_ROW.match(line):
        return None
    columns = line.strip().strip("|").count("|") + 1
    if columns > MAX_TABLE_COLUMNS:
        return f"a table of {columns:,} columns; a slide shows at most {MAX_TABLE_COLUMNS}"
    return None


def _nesting(line: str) -> str | None:
    match = _NESTED.match(line)
    if match is None:
        return None
    depth = match.group(1).count(">") if match.group(1) else len(match.group(2).expandtabs(4)) // 4 + 1
    if depth > MAX_NESTING:
        return f"lists or quotes nested {depth} levels deep; a slide shows at most {MAX_NESTING}"
    return None
