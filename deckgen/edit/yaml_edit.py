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
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import ScalarString
from ruamel.yaml.tokens import CommentToken
from ruamel.yaml.util import load_yaml_guess_indent

BOM = "\ufeff"
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
    """One YAML file loaded for editing; ``text()`` is the file as it would be written."""

    path: Path
    original: str
    data: Any
    yaml: YAML
    exact: bool
    bom: bool = False
    crlf: bool = False

    @classmethod
    def load(cls, path: Path) -> "YamlFile":
        raw = path.read_bytes().decode("utf-8")
        return cls.parse(raw, path)

    @classmethod
    def parse(cls, raw: str, path: Path) -> "YamlFile":
        bom = raw.startswith(BOM)
        body = raw[1:] if bom else raw
        crlf = "\r\n" in body
        body = body.replace("\r\n", "\n")
        yaml, exact = _settings_for(body)
        return cls(path, raw, yaml.load(body), yaml, exact, bom, crlf)

    def text(self) -> str:
        """The file's new text, with its byte-order mark and line ends as they were."""
        body = self.original[1:] if self.bom else self.original
        body = body.replace("\r\n", "\n")
        dumped = _dump(self.yaml, self.data)
        if not self.exact:
            dumped = _patched(body, _dump(self.yaml, self.yaml.load(body)), dumped)
        if self.crlf:
            dumped = dumped.replace("\n", "\r\n")
        return (BOM if self.bom else "") + dumped

    @property
    def changed(self) -> bool:
        return self.text() != self.original


def _settings_for(text: str) -> tuple[YAML, bool]:
    """The dump settings that reproduce ``text`` exactly, and whether any does."""
    candidates = list(INDENTS)
    try:
        _, indent, block_seq = load_yaml_guess_indent(text)
        if indent and block_seq is not None:
            candidates[:0] = [(2, indent, block_seq), (indent, indent, block_seq)]
    except Exception:  # noqa: BLE001 - guessing is only a hint; the fixed candidates still apply
        pass
    first = None
    for indent in candidates:
        yaml = _yaml(indent)
        data = yaml.load(text)
        if _dump(yaml, data) == text:
            return yaml, True
        first = first or yaml
    assert first is not None
    return first, False


def _patched(text: str, baseline: str, edited: str) -> str:
    """Apply the change from ``baseline`` to ``edited`` onto ``text``, where lines match.

    ``baseline`` is the dumper's rendering of the unchanged file: lines it renders differently
    from ``text`` but that the edit does not touch keep the user's form. When an edited line has
    no counterpart in ``text``, the whole dump is the safe answer.
    """
    own, base, new = text.splitlines(True), baseline.splitlines(True), edited.splitlines(True)
    to_own: dict[int, int] = {}
    for block in difflib.SequenceMatcher(None, base, own, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            to_own[block.a + k] = block.b + k
    result: list[str] = []
    cursor = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, base, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if any(k not in to_own for k in range(i1, i2)):
            return edited
        start = to_own[i1] if i2 > i1 else _own_before(to_own, i1, len(own))
        end = to_own[i2 - 1] + 1 if i2 > i1 else start
        if start < cursor or start < 0:
            return edited
        result += own[cursor:start] + new[j1:j2]
        cursor = end
    return "".join(result + own[cursor:])


def _own_before(to_own: dict[int, int], index: int, length: int) -> int:
    """The user's line that an insertion before baseline line ``index`` goes before; -1: unknown."""
    if index in to_own:
        return to_own[index]
    if index - 1 in to_own:
        return to_own[index - 1] + 1
    return length if not to_own and index == 0 else -1


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


def comment_out(mapping: CommentedMap, key: str, rendered: str) -> None:
    """Turn ``key: value`` into the comment ``# key: value`` at the same place and indentation."""
    keys = list(mapping)
    index = keys.index(key)
    column = mapping.lc.key(key)[1] if key in mapping.lc.data else 0
    _, following = _split(_get(_entry_slot(mapping, key)))
    line = _pre_lines(mapping, key) + " " * column + f"# {key}: {rendered}\n"
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
