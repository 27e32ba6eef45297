"""From raw data to a typed file model, with every pydantic error turned into a located diagnostic."""
from __future__ import annotations

from typing import Any, TypeVar

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
