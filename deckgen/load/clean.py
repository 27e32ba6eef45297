"""Text made safe for XML and for shaping, once, where it is read.

Every later stage may take any string of the project as fit for an XML document (the deck's
parts, the page) and for the text shaper that measures it. XML 1.0 forbids control characters,
lone surrogates and U+FFFE/U+FFFF; the other Unicode noncharacters and the C1 controls are
invisible and break shaping; NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR end lines in some
programs and not others. So the loader removes them, and turns the three separators into spaces,
in the files' text (and a Markdown body's numeric character references to them, ``&#1;``) and in
the values YAML escapes make (``"\\x01"``, ``"\\ud800"``), warning where text changed.
"""
from __future__ import annotations

import functools
import re
from typing import Any, Callable, Optional

from ..diagnostics import Position, Reporter
from .source import Loc, Source

SEPARATORS = "\x85\u2028\u2029"
_NONCHARACTERS = "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0x10000, 0x110000, 0x10000))
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                    f"{_NONCHARACTERS}]")
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
MAX_WARNINGS = 5  # lines warned about per file; the last warning counts the rest


def unsafe(char: str) -> bool:
    return bool(UNSAFE.match(char))


def clean(text: str) -> str:
    """``text`` without the characters no deck can hold; separators become spaces."""
    return UNSAFE.sub(lambda m: " " if m.group() in SEPARATORS else "", text)


def describe(char: str) -> str:
    code = ord(char)
    kind = ("a line separator" if char in SEPARATORS else "a lone surrogate" if 0xD800 <= code <= 0xDFFF
            else "a noncharacter" if code >= 0xFDD0 else "a control character")
    return f"U+{code:04X} ({kind})"


def clean_file_text(text: str, shown: str, reporter: Reporter, markdown: bool = False) -> str:
    """A whole file's text cleaned, with a warning at each line it changed (the first few).

    In Markdown, numeric character references to such characters are removed too: they would
    become the very characters once the Markdown is rendered.
    """
    if _safe(text) and not (markdown and _REFERENCE.search(text)):
        return text  # nearly every file: one scan of the whole text instead of one per line
    lines = text.split("\n")
    changed = 0
    for number, line in enumerate(lines, 1):
        found = _first_unsafe(line, markdown)
        if found is None:
            continue
        changed += 1
        if changed <= MAX_WARNINGS:
            column, char = found
            reporter.warning(f"{describe(char)} removed: it cannot be shown in a deck"
                             + (" (turned into a space)" if char in SEPARATORS else ""),
                             Position(shown, number, column + 1))
        lines[number - 1] = _clean_line(line, markdown)
    if changed > MAX_WARNINGS:
        reporter.warning(f"{changed - MAX_WARNINGS} more lines held characters that cannot be shown in a deck; "
                         "they were removed", Position(shown))
    return "\n".join(lines) if changed else text


def _safe(text: str) -> bool:
    """Whether ``text`` holds no UNSAFE character. No UNSAFE character is printable, and asking
    whether the text but its line ends and tabs is printable is some 15x faster than the search
    (whose class reaches past the BMP), which then only decides for text that is not."""
    return text.replace("\n", "").replace("\t", "").replace("\r", "").isprintable() or UNSAFE.search(text) is None


def _first_unsafe(line: str, markdown: bool) -> Optional[tuple[int, str]]:
    found = [(match.start(), match.group()) for match in [UNSAFE.search(line)] if match]
    if markdown:
        found += [(match.start(), chr(code)) for match in _REFERENCE.finditer(line)
                  if (code := _code(match)) is not None and _refused(code)]
    return min(found) if found else None


def _clean_line(line: str, markdown: bool) -> str:
    line = clean(line)
    if markdown:
        line = _REFERENCE.sub(lambda m: "" if (code := _code(m)) is not None and _refused(code) else m.group(), line)
    return line


def _code(match: re.Match[str]) -> Optional[int]:
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    return code if code <= 0x10FFFF else None


def _refused(code: int) -> bool:
    """A code point a character reference must not bring back (NUL becomes U+FFFD in HTML: fine)."""
    return code != 0 and unsafe(chr(code))


def clean_values(source: Source, reporter: Reporter) -> None:
    """Clean the strings YAML escapes made (``"\\x07"``) in place, warning at each value changed.

    Keys are cleaned too, so that no message quoting one carries a character a terminal or an
    XML file cannot take.
    """
    source.data = _walk(source.data, (), source, reporter)


def _walk(value: Any, loc: Loc, source: Source, reporter: Reporter) -> Any:
    if isinstance(value, str):
        return _cleaned(value, lambda: source.position(loc), reporter)
    if isinstance(value, list):
        return [_walk(item, loc + (index,), source, reporter) for index, item in enumerate(value)]
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            clean_key = _cleaned(key, functools.partial(source.key_position, loc + (key,)), reporter)
            if clean_key != key and clean_key not in value:
                _move(source, loc + (key,), loc + (clean_key,))
            else:
                clean_key = key if clean_key in result else clean_key
            result[clean_key] = _walk(item, loc + (clean_key,), source, reporter)
        return result
    return value


def _cleaned(text: str, where: Callable[[], Position], reporter: Reporter) -> str:
    if text.isprintable():  # no UNSAFE character is printable, and this asks 20x faster
        return text
    match = UNSAFE.search(text)
    if match is None:
        return text
    reporter.warning(f"{describe(match.group())} removed: it cannot be shown in a deck", where())
    return clean(text)


def _move(source: Source, old: Loc, new: Loc) -> None:
    """Positions recorded under a key's old spelling, moved to its cleaned one."""
    for table in (source.values, source.keys):
        for loc in [loc for loc in table if loc[:len(old)] == old]:
            table[new + loc[len(old):]] = table.pop(loc)
