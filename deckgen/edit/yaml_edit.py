"""Round-trip YAML editing: change a value and leave every other byte of the file as it was.

ruamel.yaml's round-trip mode keeps comments, key order, quoting and blank lines, but it stores
every comment and blank line *after* the value it follows: the lines between two entries hang on
the deepest last value of the first. Deleting or inserting an entry therefore has to move those
lines by hand, or a comment that introduced the next key would vanish or land in the wrong
place. The helpers here do that, so the commands can think in keys and items.

The dump settings (indentation, line width) are chosen per file: the first candidate whose dump
of the unchanged file is byte-identical to it. When none is, the edit is applied to the file's
own text as a line patch (see ``_patched``), so formatting the dumper cannot reproduce is kept.
"""
from __future__ import annotations

import difflib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import ScalarString
from ruamel.yaml.tokens import CommentToken
from ruamel.yaml.util import load_yaml_guess_indent

from ..load.yaml_source import tolerating_tabs

BOM = "\ufeff"
_BREAK = re.compile(r"\r\n|\r|\n")
WIDTH = 100_000  # never re-wrap a long line
INDENTS = [(2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (3, 3, 0)]


def _yaml(indent: tuple[int, int, int]) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


@dataclass
class YamlFile:
    """One YAML file loaded for editing; ``text()`` is the file as it would be written.

    The file is parsed from ``normal``: its lines joined by ``\n``, with the tabs ruamel cannot
    read as white space read as spaces (same lengths). The edit is then written back onto the
    file's own ``lines``, so each line the edit does not change keeps its bytes: its line break
    (CR, LF or CRLF, mixed or not), trailing white space, tabs and comments.
    """

    path: Path
    original: str
    data: Any
    yaml: YAML
    exact: bool
    lines: list[tuple[str, str]]  # (text, line break) of each line of the file, without the BOM
    normal: str
    bom: bool = False

    @classmethod
    def load(cls, path: Path) -> "YamlFile":
        raw = path.read_bytes().decode("utf-8")
        return cls.parse(raw, path)

    @classmethod
    def parse(cls, raw: str, path: Path) -> "YamlFile":
        bom = raw.startswith(BOM)
        body = raw[1:] if bom else raw
        lines = split_lines(body)
        normal, data = _normal(lines)
        yaml, exact = _settings_for(normal, data)
        return cls(path, raw, data, yaml, exact, lines, normal, bom)

    def text(self) -> str:
        """The file's new text: the edit applied to the file's own lines."""
        baseline = self.normal if self.exact else _dump(self.yaml, self.yaml.load(self.normal))
        return (BOM if self.bom else "") + _patched(self.lines, baseline, _dump(self.yaml, self.data))

    def entry_text(self, mapping: CommentedMap, key: str) -> str:
        """``key: value  # comment`` as the file writes it, when the entry is one line of it;
        else ``key: value`` with the value as read."""
        position: tuple[int, int] = mapping.lc.key(key)
        line, column = position
        value_line = mapping.lc.value(key)[0]
        if value_line == line and not isinstance(mapping[key], (CommentedMap, CommentedSeq)):
            following = self.lines[line + 1][0] if line + 1 < len(self.lines) else ""
            continued = following.strip() and not following.lstrip().startswith("#") and \
                len(following) - len(following.lstrip()) > column
            if not continued:
                return self.lines[line][0][column:].rstrip("\r\n")
        return f"{key}: {mapping[key]}"

    @property
    def changed(self) -> bool:
        return self.text() != self.original


def _normal(lines: list[tuple[str, str]]) -> tuple[str, Any]:
    """The text to parse and its data: lines joined by LF, without trailing white space where
    that changes no value (it matters only in block scalars), tabs ruamel rejects read as spaces."""
    read = _yaml(INDENTS[0]).load
    text, data = tolerating_tabs("".join(line + ("\n" if end else "") for line, end in lines), read)
    try:
        stripped, same = tolerating_tabs("".join(line.rstrip(" \t") + ("\n" if end else "") for line, end in lines),
                                         read)
    except YAMLError:
        return text, data
    return (stripped, same) if same == data else (text, data)


def split_lines(text: str) -> list[tuple[str, str]]:
    """``text`` as (line, line break) pairs; YAML breaks lines at LF, CRLF and CR only."""
    lines = []
    start = 0
    for match in _BREAK.finditer(text):
        lines.append((text[start:match.start()], match.group()))
        start = match.end()
    if start < len(text):
        lines.append((text[start:], ""))
    return lines


def _settings_for(text: str, data: Any) -> tuple[YAML, bool]:
    """The dump settings that reproduce ``text`` (whose data is ``data``) exactly, and whether
    any does. Loading does not depend on them, so ``data`` is dumped with each in turn."""
    candidates = list(INDENTS)
    try:
        _, indent, block_seq = load_yaml_guess_indent(text)
        if indent and block_seq is not None:
            candidates[:0] = [(2, indent, block_seq), (indent, indent, block_seq)]
    except Exception:  # guessing is only a hint; the fixed candidates still apply
        pass
    for indent in candidates:
        yaml = _yaml(indent)
        if _dump(yaml, data) == text:
            return yaml, True
    return _yaml(candidates[0]), False


def _patched(own: list[tuple[str, str]], baseline: str, edited: str) -> str:
    """Merge the edit (``baseline`` -> ``edited``) into the file's ``own`` lines.

    ``baseline`` is the dumper's rendering of the unchanged file; it may differ from the file in
    form (trailing white space, a dropped anchor, spacing the dumper does not reproduce). The
    baseline is cut into segments: a line the file has too, or a stretch where the two differ
    (with the file's lines for it); segments an edit falls across are joined. A segment the edit
    leaves alone is written as the file has it; one it changes is written from ``edited`` (see
    ``_rewritten``). So formatting can only be lost where the edit is.
    """
    base, new = baseline.split("\n")[:-1], edited.split("\n")[:-1]
    opcodes = difflib.SequenceMatcher(None, base, new, autojunk=False).get_opcodes()
    inside = {i for tag, i1, i2, _, _ in opcodes if tag != "equal" for i in range(i1 + 1, i2)}
    starts = [len(new)] * (len(base) + 1)  # where each base line's stretch starts in ``new``;
    for tag, i1, i2, j1, _ in opcodes:  # what an edit inserts between two lines ends the stretch before
        for i in range(i1, i2 if tag == "equal" else min(i1 + 1, i2)):
            starts[i] = j1 + (i - i1)
    starts[0] = 0
    common = max(("\n", "\r\n", "\r"), key=[end for _, end in own].count)
    result: list[tuple[str, str]] = []
    for b1, b2, o1, o2 in _segments(base, own, inside):
        lines = new[starts[b1]:starts[b2]]
        if lines == base[b1:b2]:
            result += own[o1:o2]
        else:
            result += _rewritten(lines, own[o1:o2], result[-1][1] if result else "", common)
    return _joined(result, common)


def _joined(lines: list[tuple[str, str]], common: str) -> str:
    """The lines as text. A line without a break gets one when another follows; an empty line
    right after one ending in CR (a line between them was removed) takes CR too, or the two
    breaks would read as one CRLF and the empty line would vanish."""
    out = []
    previous = ""
    for k, (text, end) in enumerate(lines):
        ending = common if not end and k + 1 < len(lines) else end
        if previous.endswith("\r") and not text and ending.startswith("\n"):
            ending = "\r"
        out.append(text + ending)
        previous = ending
    return "".join(out)


def _segments(base: list[str], own: list[tuple[str, str]], inside: set[int]) -> list[tuple[int, int, int, int]]:
    """``(base start, base end, own start, own end)`` stretches in order, cut only at boundaries
    not ``inside`` an edit: each line the two share alone, each stretch where they differ."""
    cuts: list[tuple[int, int]] = [(0, 0)]
    matched = _matches([line.rstrip(" \t") for line in base], [text.rstrip(" \t") for text, _ in own])
    for b, o in sorted(matched.items()):
        cuts += [(b, o), (b + 1, o + 1)]
    cuts.append((len(base), len(own)))
    segments: list[tuple[int, int, int, int]] = []
    start = cuts[0]
    for cut in cuts[1:]:
        if cut == start or cut[0] in inside:
            continue
        segments.append((start[0], cut[0], start[1], cut[1]))
        start = cut
    return segments


def _rewritten(lines: list[str], kept: list[tuple[str, str]], before: str, common: str) -> list[tuple[str, str]]:
    """An edited stretch: ``lines`` replace the file's ``kept`` lines. One that is a kept line
    (but for trailing white space) stays as the file has it; the others take the line break of
    the kept line at their place, else of the line before, else the most common one."""
    same = _matches([line.rstrip(" \t") for line in lines], [text.rstrip(" \t") for text, _ in kept])
    fallback = before or common
    return [kept[same[k]] if k in same else (line, kept[k][1] if k < len(kept) and kept[k][1] else fallback)
            for k, line in enumerate(lines)]


def _matches(a: list[str], b: list[str]) -> dict[int, int]:
    """Which line of ``b`` each line of ``a`` is, where the two agree (a longest common match)."""
    found: dict[int, int] = {}
    for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            found[block.a + k] = block.b + k
    return found


# Values -----------------------------------------------------------------------------------------
def set_value(mapping: CommentedMap, key: str, value: Any) -> None:
    """Replace a value, keeping the quoting style of the text it replaces and its comments."""
    old = mapping.get(key)
    if isinstance(old, ScalarString) and isinstance(value, str) and not isinstance(value, ScalarString):
        value = type(old)(value)
    mapping[key] = value


def insert_after(mapping: CommentedMap, after: str, key: str, value: Any) -> None:
    """Add ``key`` right below ``after``: the lines that followed ``after`` now follow ``key``."""
    keys = list(mapping)
    slot = _entry_slot(mapping, after)
    eol, following = _split(_get(slot))
    _set(slot, _join(eol, ""))
    mapping.insert(keys.index(after) + 1, key, value)
    _set(_entry_slot(mapping, key), _join("", following))


def delete_key(mapping: CommentedMap, key: str, parent: Optional[tuple[Any, Any]] = None) -> None:
    """Remove an entry with the comment lines that introduce it; keep the lines that follow it."""
    keys = list(mapping)
    _remove(mapping, keys.index(key), key, parent)


def remove_item(seq: CommentedSeq, index: int, parent: Optional[tuple[Any, Any]] = None) -> None:
    """Remove a list item the same way; ``parent`` is ``(mapping, key)`` holding the list."""
    _remove(seq, index, index, parent)


def comment_out(mapping: CommentedMap, key: str, entry: str) -> None:
    """Turn the entry into the comment ``# <entry>`` at the same place and indentation.

    ``entry`` is the entry's text as the file has it (see ``YamlFile.entry_text``), so that its
    quoting and its end-of-line comment are kept in the comment.
    """
    keys = list(mapping)
    index = keys.index(key)
    column = mapping.lc.key(key)[1] if key in mapping.lc.data else 0
    _, following = _split(_get(_entry_slot(mapping, key)))
    line = _pre_lines(mapping, key) + " " * column + f"# {entry}\n"
    del mapping[key]
    mapping.ca.items.pop(key, None)
    if index == 0:
        _prepend_before_first(mapping, None, line + following)
        return
    prev = _entry_slot(mapping, keys[index - 1])
    eol, before = _split(_get(prev))
    _set(prev, _join(eol, before + line + following))


def _remove(container: Any, index: int, key: Any, parent: Optional[tuple[Any, Any]]) -> None:
    _, following = _split(_get(_entry_slot(container, key)))
    del container[key]
    if isinstance(container, CommentedMap):
        container.ca.items.pop(key, None)
    if index > 0:
        prev_key = list(container)[index - 1] if isinstance(container, CommentedMap) else index - 1
        prev = _entry_slot(container, prev_key)
        eol, _ = _split(_get(prev))
        _set(prev, _join(eol, following))
    elif len(container):
        _prepend_before_first(container, parent, following)
    elif parent is not None:
        owner, owner_key = parent
        slot = _entry_slot(owner, owner_key)
        eol, before = _split(_get(slot))
        _set(slot, _join(eol, before + following))


def _prepend_before_first(container: Any, parent: Optional[tuple[Any, Any]], lines: str) -> None:
    """Comment lines that must now precede the first entry: they hang on the parent key."""
    lines = lines.lstrip("\n")
    if not lines or parent is None:
        return
    owner, owner_key = parent
    entry = owner.ca.items.setdefault(owner_key, [None, None, None, None])
    tokens = entry[3] or []
    for line in lines.splitlines(True):
        stripped = line.strip()
        if not stripped:
            if tokens:
                tokens[-1].value += "\n"
            continue
        tokens.append(CommentToken(stripped + "\n", CommentMark(len(line) - len(line.lstrip())), None))
    entry[3] = tokens


# Comment slots ----------------------------------------------------------------------------------
Slot = tuple[Any, Any, int]


def _pre_lines(mapping: CommentedMap, key: str) -> str:
    """Comment lines kept on the key itself (ruamel puts them there after a flow collection)."""
    entry = mapping.ca.items.get(key)
    tokens = entry[1] if entry and len(entry) > 1 and entry[1] else []
    return "".join(" " * token.start_mark.column + token.value for token in tokens)


def _is_block(node: Any) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq)) and len(node) > 0 and not node.fa.flow_style()


def _entry_slot(container: Any, key: Any) -> Slot:
    """Where the lines after an entry are kept: on its deepest last scalar."""
    value = container[key]
    if _is_block(value):
        last = list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1
        return _entry_slot(value, last)
    return (container, key, 2 if isinstance(container, CommentedMap) else 0)


def _get(slot: Slot) -> Optional[str]:
    container, key, pos = slot
    entry = container.ca.items.get(key)
    token = entry[pos] if entry and len(entry) > pos else None
    return token.value if token is not None else None


def _set(slot: Slot, value: Optional[str]) -> None:
    container, key, pos = slot
    entry = container.ca.items.get(key)
    if value is None:
        if entry is not None:
            entry[pos] = None
        return
    if entry is None:
        entry = container.ca.items[key] = [None, None, None, None]
    if entry[pos] is None:
        entry[pos] = CommentToken(value, CommentMark(0), None)
    else:
        entry[pos].value = value


def _split(value: Optional[str]) -> tuple[str, str]:
    """A slot's text as (end-of-line comment, whole lines that follow it)."""
    if not value:
        return "", ""
    if value.startswith("\n"):
        return "", value[1:]
    eol, _, rest = value.partition("\n")
    return eol, rest


def _join(eol: str, following: str) -> Optional[str]:
    if not eol and not following:
        return None
    return (eol if eol else "") + "\n" + following
