"""From raw data to a typed file model, with every pydantic error turned into a located diagnostic."""
from __future__ import annotations

from dataclasses import dataclass
import re
import typing
from typing import Any, Generic, Optional, TypeVar

from pydantic import BaseModel, ValidationError

from ..diagnostics import Reporter
from ..load.source import Source
from .fields import AS_WRITTEN
from ..suggest import closest, did_you_mean

M = TypeVar("M", bound=BaseModel)
WRITTEN = {AS_WRITTEN: True}  # content as typed: a person key written empty is an error

EXPECTED = {
    "string_type": "expected text",
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "finite_number": "expected a finite number",
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
    "date_from_datetime_parsing": "expected a date like 2027-01-05",
    "date_from_datetime_inexact": "expected a date like 2027-01-05",
    "date_parsing": "expected a date like 2027-01-05",
    "date_type": "expected a date like 2027-01-05",
    "list_type": "expected a list",
    "tuple_type": "expected a list of two numbers",
    "dict_type": "expected a mapping of keys to values",
    "model_type": "expected a mapping of keys to values",
    "model_attributes_type": "expected a mapping of keys to values",
}


def validate(model: type[M], source: Source, reporter: Reporter) -> M | None:
    """The file's model, or None after reporting every error in it."""
    data = {} if source.data is None else source.data
    try:
        return model.model_validate(data, context=WRITTEN)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            _report(model, source, error, reporter)
        return None


MAX_ROUNDS = 25  # each round leaves out one more broken part; deeper than this, give the file up
NAMING_KEYS = ("id", "name")  # what other files call a list entry by
ANY_NAME = "*"  # among the names left out: an entry whose name itself is broken, so any name may be it


@dataclass
class Salvaged(Generic[M]):
    """What validated of a broken file: its model without the broken parts, the positions of that
    model's own paths, and, when list entries were left out, their ids and names (other files may
    name them); None when no entry was left out, only keys."""

    model: M
    source: Source
    left_out: Optional[frozenset[str]]


def salvage(model: type[M], source: Source) -> Optional[Salvaged[M]]:
    """The file's model with each broken part left out, so rules across files still check the rest.

    An error leaves out the nearest list entry around it (a person, a key result, an alignment),
    whole, so that no rule sees half an entry and reports an echo of the first error (a key result
    whose misspelt `targt` was dropped would have "a baseline but no target"). With no list around
    it, or for a person key left empty (``owner:``, which means what leaving it out means), the
    key goes and its default applies, or, when the key is required, its mapping goes in turn.
    None when the file's top level itself is broken: then nothing in it can be relied on.
    """
    dropped: set[tuple[Any, ...]] = set()
    unnamed = False  # an entry left out for its id or name: what others call it is not known
    for _ in range(MAX_ROUNDS):
        origin: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        data = _without({} if source.data is None else source.data, dropped, (), (), origin)
        try:
            typed = model.model_validate(data, context=WRITTEN)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            more = {origin[_drop_point(error, data)] for error in errors}
            if () in more or more <= dropped:
                return None
            dropped |= more
            unnamed = unnamed or any(error["loc"][-1:] in [(key,) for key in NAMING_KEYS] for error in errors)
            continue
        names = _names(source.data, dropped)
        return Salvaged(typed, _moved(source, data, origin),
                        names | {ANY_NAME} if names is not None and unnamed else names)
    return None


def _without(value: Any, dropped: set[tuple[Any, ...]], old: tuple[Any, ...], new: tuple[Any, ...],
             origin: dict[tuple[Any, ...], tuple[Any, ...]]) -> Any:
    """``value`` without the parts at ``dropped`` (original paths); ``origin`` maps each new path
    to its original one, since leaving out a list entry moves the entries after it."""
    origin[new] = old
    if isinstance(value, dict):
        return {k: _without(v, dropped, old + (k,), new + (k,), origin)
                for k, v in value.items() if old + (k,) not in dropped}
    if isinstance(value, list):
        kept = [i for i in range(len(value)) if old + (i,) not in dropped]
        return [_without(value[i], dropped, old + (i,), new + (j,), origin) for j, i in enumerate(kept)]
    return value


def _drop_point(error: Any, data: Any) -> tuple[Any, ...]:
    """The path of the part to leave out for ``error`` (see ``salvage``)."""
    path: list[Any] = []
    lists: list[int] = []  # lengths of ``path`` that end at a list entry
    current = data
    for part in error["loc"]:
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
            lists.append(len(path) + 1)
        else:
            continue  # a schema-only step (a union's branch) or the missing key itself
        path.append(part)
    if error["type"] == "empty_text" or not lists:
        return tuple(path)  # the key (an empty person key means what leaving it out means), or the
        # mapping a required key is missing from
    return tuple(path[:lists[-1]])


def _moved(source: Source, data: Any, origin: dict[tuple[Any, ...], tuple[Any, ...]]) -> Source:
    """A Source of ``data`` whose paths find the positions the original parts were written at."""
    moved = Source(source.path, data, lines=source.lines)
    for new, old in origin.items():
        if old in source.values:
            moved.values[new] = source.values[old]
        if old in source.keys:
            moved.keys[new] = source.keys[old]
    return moved


def _names(data: Any, dropped: set[tuple[Any, ...]]) -> Optional[frozenset[str]]:
    entries = [loc for loc in dropped if loc and isinstance(loc[-1], int)]
    if not entries:
        return None
    names: set[str] = set()
    for loc in entries:
        entry = data
        for part in loc:
            entry = entry[part]
        if isinstance(entry, dict):
            names.update(v for k, v in entry.items() if k in NAMING_KEYS and isinstance(v, str))
    return frozenset(names)


def _report(model: type[BaseModel], source: Source, error: Any, reporter: Reporter) -> None:
    loc = tuple(part for part in error["loc"] if part not in SCHEMA_STEPS)
    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        reporter.error(_unknown_key(model, loc, key), source.key_position(loc))
        return
    if kind == "missing":
        key = loc[-1]
        if not loc[:-1] and source.path.endswith(".md") and not source.values:
            message = (f"required key '{key}' is missing (the front matter is missing or empty: put the keys "
                       f"between two '---' lines at the top)")
        elif loc[:-1]:
            message = f"{describe(loc[:-1], source.data)} has no '{key}', which is required: add '{key}: …'"
        else:
            message = f"required key '{key}' is missing: add a line '{key}: …'"
        reporter.error(message, source.position(loc[:-1]))
        return
    empty = error.get("input") is None  # an empty value has no text of its own: point at its key
    where = source.key_position(loc) if empty else source.position(loc)
    fix = _message(error, _field_at(model, loc), str(loc[-1]) if loc else "", source.line(where.line))
    joint = " " if fix.startswith("is empty") else ": "  # "theme.primary is empty, …"
    reporter.error(f"{describe(loc, source.data)}{joint}{fix}", where)


SCHEMA_STEPS = {"function-after", "function-before", "function-wrap", "tagged-union"}
EMPTY_KINDS = {"string_type", "empty_text", "float_type", "int_type", "date_type", "bool_type",
               "literal_error", "string_pattern_mismatch", "list_type", "model_type", "dict_type"}


def _message(error: Any, field: Any, key: str, line: str) -> str:
    """What is wrong with the value and how to write it, built from what was typed where it helps."""
    got = error.get("input")
    shown = "" if isinstance(got, (dict, list)) else ", got nothing" if got is None else f", got '{got}'"
    typed = _typed_hint(error["type"], got, field, key, line)
    if typed is not None:
        return typed
    rule = _rule_hint(error, field, key, shown)
    return rule if rule is not None else _size_or_own(error, shown)


def _typed_hint(kind: str, got: Any, field: Any, key: str, line: str) -> Optional[str]:
    """The fix read off what was typed: nothing, a list written without brackets, a percentage."""
    if got is None and kind in EMPTY_KINDS:
        return _empty(key, line, kind == "empty_text")
    if kind == "list_type" and isinstance(got, str):
        items = [part.strip() for part in got.split(",") if part.strip()]
        return f"expected a list: write it in brackets, {key}: [{', '.join(items)}]"
    percent = _percent_number(got) if kind in ("float_parsing", "int_parsing") else None
    if percent is not None and _bounds(field) == (0, 1):
        return f"a number from 0 to 1 is needed: write {percent / 100:g} for {got.strip()}"
    if percent is not None:
        return f"'{got}' is a percentage: write {percent:g} and give the key result unit: \"%\""
    return None


def _rule_hint(error: Any, field: Any, key: str, shown: str) -> Optional[str]:
    """The rule the value broke, in words: its type, its choices, its form, its range."""
    kind = error["type"]
    if kind in EXPECTED:
        return EXPECTED[kind] + shown
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", error["ctx"]["expected"])
        return f"expected {error['ctx']['expected']}{shown}{did_you_mean(str(error.get('input')), options)}"
    if kind == "string_pattern_mismatch":
        return _pattern(error["ctx"]["pattern"], str(error.get("input")), key)
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return _range(_bounds(field), error.get("ctx", {})) + shown
    return None


def _size_or_own(error: Any, shown: str) -> str:
    """Too few entries, an empty text, or the check's own message (pydantic's, reworded)."""
    kind = error["type"]
    if kind == "too_short" and isinstance(error.get("input"), (list, dict)):
        least = error["ctx"]["min_length"]
        return "needs at least one entry: add one" if least == 1 else f"needs at least {least} entries"
    if kind == "string_too_short":
        return "is empty: write it"
    if kind in ("value_error", "empty_text"):
        return str(error["ctx"]["error"]) if "error" in error.get("ctx", {}) else str(error["msg"])
    return str(error["msg"]).replace("Input should be", "expected") + shown


def _empty(key: str, line: str, optional: bool) -> str:
    """An empty value (``optional``: of a person key); when a '#' follows the key, the value was taken
    for a comment."""
    after = line.split(":", 1)[1].strip() if ":" in line else ""
    if after.startswith("#"):
        value = after.split()[0]
        return f"is empty, because '#' starts a comment in YAML: put the value in quotes, {key}: \"{value}\""
    return "is empty: write a name from team.yaml, or delete the line" if optional else "is empty: write it"


def _percent_number(text: Any) -> Optional[float]:
    if not isinstance(text, str):
        return None
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%\s*", text)
    return float(match.group(1)) if match else None


def _pattern(pattern: str, got: str, key: str) -> str:
    """A value not in its form, with the form, and the value rewritten in it where that is clear."""
    if "#[0-9A-Fa-f]" in pattern:
        if re.fullmatch(r"[0-9A-Fa-f]{6}", got.strip()):
            return f"a colour is '#' and six hex digits, in quotes: {key}: \"#{got.strip()}\""
        return f"'{got}' is not a colour: write '#' and six hex digits, in quotes, e.g. {key}: \"#1F4E79\""
    if "Q[1-4]" in pattern:
        match = re.fullmatch(r"\s*(?:(\d{4})\s*-?\s*Q([1-4])|Q([1-4])\s*-?\s*(\d{4}))\s*", got, re.IGNORECASE)
        example = f"{match.group(1) or match.group(4)}-Q{match.group(2) or match.group(3)}" if match else "2027-Q1"
        return f"'{got}' is not a quarter: write it like {example}"
    if "0[1-9]" in pattern:
        return f"'{got}' is not a month: write it like 2027-01 (the year, then the month from 01 to 12)"
    if "[a-z0-9]+" in pattern:
        slug = re.sub(r"[^a-z0-9]+", "-", got.lower()).strip("-")
        example = f", e.g. '{slug}'" if slug and slug != got else ""
        return f"'{got}' is not an id: use lowercase letters, digits and hyphens{example}"
    return f"'{got}' is not in the expected form ({pattern})"


def _range(bounds: tuple[Optional[float], Optional[float]], ctx: dict[str, Any]) -> str:
    low = bounds[0] if bounds[0] is not None else ctx.get("ge", ctx.get("gt"))
    high = bounds[1] if bounds[1] is not None else ctx.get("le", ctx.get("lt"))
    if (low, high) == (0, 1):
        return "expected a number from 0 to 1 (e.g. 0.8 for 80%)"
    if low is not None and high is not None:
        return f"expected a number from {low:g} to {high:g}"
    return f"expected a number of {low:g} or more" if low is not None else f"expected a number of {high:g} or less"


def _bounds(field: Any) -> tuple[Optional[float], Optional[float]]:
    """The field's lowest and highest allowed numbers, from its constraints (on the field, or on its
    type, ``Optional[Fraction]`` included)."""
    low = high = None
    for item in _constraints(field):
        low = item.ge if getattr(item, "ge", None) is not None else low
        high = item.le if getattr(item, "le", None) is not None else high
    return low, high


def _constraints(field: Any) -> list[Any]:
    if field is None:
        return []
    found = list(getattr(field, "metadata", None) or [])
    pending = [getattr(field, "annotation", None)]
    while pending:
        annotation = pending.pop()
        for meta in getattr(annotation, "__metadata__", ()):
            found += [meta, *(getattr(meta, "metadata", None) or [])]
        pending += list(typing.get_args(annotation))
    return found


SINGULAR = {"objectives": "objective", "key_results": "key result", "big_rocks": "big rock",
            "people": "person", "priorities": "priority", "stakeholders": "stakeholder",
            "requests": "request", "alignment": "alignment", "approved": "approval", "pillars": "pillar"}
#: An entry of these is known by its own name; of the others (alignment, approval) the name of the
#: entry they belong to is said too.
ON_THEIR_OWN = {"objective", "key result", "big rock", "person", "priority", "stakeholder", "request",
                "pillar"}
ENTRY_NAMES = ("id", "name", "title", "stakeholder", "role", "by", "ask")


def describe(loc: tuple[Any, ...], data: Any) -> str:
    """A place users recognise, named as their content names it: ``key result 'Win rate', confidence``
    rather than ``objectives[2].key_results[0].confidence``."""
    named: list[str] = []  # entries named so far, outermost first
    keys: list[str] = []  # keys since the last named entry
    current = data
    for index, part in enumerate(loc):
        value = _child(current, part)
        if isinstance(part, int):
            list_key = keys.pop() if keys else ""
            kind = SINGULAR.get(list_key)
            if kind is None:
                keys.append(f"{list_key} (entry {part + 1})")
            else:
                if kind in ON_THEIR_OWN:
                    named = []
                named.append(f"{kind} {_entry_name(value, loc[index + 1:index + 2], part)}")
                keys = []
        elif keys and keys[-1] == "allocation":
            keys[-1] = f"allocation for '{part}'"
        else:
            keys.append(str(part))
        current = value
    return ", ".join([*named, ".".join(keys)] if keys else named) or "file"


def _child(value: Any, part: Any) -> Any:
    if isinstance(value, dict):
        return value.get(part)
    if isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
        return value[part]
    return None


def _entry_name(entry: Any, broken: tuple[Any, ...], index: int) -> str:
    """'Win rate' by the entry's id, name or title (not by the key that is wrong), else its number."""
    if isinstance(entry, dict):
        for key in ENTRY_NAMES:
            if (key,) != broken and isinstance(entry.get(key), str) and entry[key].strip():
                return f"'{entry[key].strip()}'"
    return str(index + 1)


def _field_at(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    """The pydantic field ``loc`` ends at, for its constraints; None when it is not a model field."""
    current: Any = model
    field = None
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return field  # a key inside a mapping field (allocation): that field's values
        field = _field_by_key(current, str(part))
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return field


def _unknown_key(model: type[BaseModel], loc: tuple[Any, ...], key: str) -> str:
    fields = _fields_at(model, loc[:-1])
    close = closest(key, fields)
    if close:
        return f"unknown key '{key}' (did you mean '{close}'?)"
    if fields:
        return f"unknown key '{key}': remove it, or use a known key: {', '.join(fields)}"
    return f"unknown key '{key}': remove it"


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed where ``loc`` points, by walking the model's annotations."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = _field_by_key(current, str(part))
        if field is None:
            return []
        current = _inner_model(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _field_by_key(model: type[BaseModel], key: str) -> Any:
    for name, field in model.model_fields.items():
        if key in (name, field.alias):
            return field
    return None


def _inner_model(annotation: Any) -> Any:
    """The model class inside ``list[X]``, ``Optional[X]`` and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
