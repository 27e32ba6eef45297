"""From raw data to a typed file model, with every pydantic error turned into a located diagnostic."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, Optional, TypeVar

from pydantic import BaseModel, ValidationError

from ..diagnostics import Reporter
from ..load.source import Source
from ..suggest import closest

M = TypeVar("M", bound=BaseModel)

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
        return model.model_validate(data)
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
    it, the key goes and its default applies, or, when the key is required, its mapping goes in
    turn. None when the file's top level itself is broken: then nothing in it can be relied on.
    """
    dropped: set[tuple[Any, ...]] = set()
    unnamed = False  # an entry left out for its id or name: what others call it is not known
    for _ in range(MAX_ROUNDS):
        origin: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        data = _without({} if source.data is None else source.data, dropped, (), (), origin)
        try:
            typed = model.model_validate(data)
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
    return tuple(path[:lists[-1]]) if lists else tuple(path)  # else the key, or the mapping it is missing from


def _moved(source: Source, data: Any, origin: dict[tuple[Any, ...], tuple[Any, ...]]) -> Source:
    """A Source of ``data`` whose paths find the positions the original parts were written at."""
    moved = Source(source.path, data)
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
    names = set()
    for loc in entries:
        entry = data
        for part in loc:
            entry = entry[part]
        if isinstance(entry, dict):
            names.update(v for k, v in entry.items() if k in NAMING_KEYS and isinstance(v, str))
    return frozenset(names)


def _report(model: type[BaseModel], source: Source, error: Any, reporter: Reporter) -> None:
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        reporter.error(_unknown_key(model, loc, key), source.key_position(loc))
        return
    if kind == "missing":
        where = f" in {_describe(loc[:-1])}" if loc[:-1] else ""
        if not loc[:-1] and source.path.endswith(".md") and not source.values:
            where = " (the front matter is missing or empty: put the keys between two '---' lines at the top)"
        reporter.error(f"missing required key '{loc[-1]}'{where}", source.position(loc[:-1]))
        return
    empty = error.get("input") is None  # an empty value has no text of its own: point at its key
    reporter.error(f"{_describe(loc)}: {_message(error)}",
                   source.key_position(loc) if empty else source.position(loc))


def _message(error: Any) -> str:
    kind = error["type"]
    got = error.get("input")
    shown = "" if isinstance(got, (dict, list)) else ", got nothing" if got is None else f", got '{got}'"
    if kind in EXPECTED:
        return EXPECTED[kind] + shown
    if kind == "literal_error":
        return f"expected {error['ctx']['expected']}{shown}"
    if kind == "string_pattern_mismatch":
        return f"'{got}' is not in the expected form ({_pattern_hint(error['ctx']['pattern'])})"
    if kind == "too_short" and isinstance(got, (list, dict)):
        return f"needs at least {error['ctx']['min_length']} item(s)"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    return str(error["msg"]).replace("Input should be", "expected") + shown


def _pattern_hint(pattern: str) -> str:
    hints = {"Q[1-4]": "a quarter like 2027-Q1", "0[1-9]": "a month like 2027-01",
             "[a-z0-9]+": "an id: lowercase letters, digits and hyphens",
             "#[0-9A-Fa-f]": "a colour like #1F4E79"}
    return next((hint for key, hint in hints.items() if key in pattern), pattern)


def _describe(loc: tuple[Any, ...]) -> str:
    """A path users recognise: ``big_rocks[2].supports[0]``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part in {"function-after", "function-before", "tagged-union"}:
            continue
        else:
            text += f".{part}" if text else str(part)
    return text or "file"


def _unknown_key(model: type[BaseModel], loc: tuple[Any, ...], key: str) -> str:
    fields = _fields_at(model, loc[:-1])
    close = closest(key, fields)
    hint = f" (did you mean '{close}'?)" if close else f"; known keys: {', '.join(fields)}" if fields else ""
    return f"unknown key '{key}'{hint}"


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
