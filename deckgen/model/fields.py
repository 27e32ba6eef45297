"""Field types of the content format, shared by every file's schema.

Each is an ``Annotated`` type so pydantic validates it, reports it by path, and writes it into the
JSON Schema that editors use.
"""
from __future__ import annotations

import math
import re
from datetime import date
from typing import Annotated, Any, get_args

from pydantic import (AfterValidator, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationInfo,
                      WithJsonSchema, field_validator)
from pydantic_core import PydanticCustomError
from pydantic import BaseModel as _BaseModel

from .quarters import MONTH_PATTERN, QUARTER_PATTERN

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MAX_NUMBER = 1e12  # the largest figure, either sign
FIRST_YEAR, LAST_YEAR = 1900, 2999  # as deck.yaml's year


class Strict(_BaseModel):
    """Every content mapping: unknown keys are errors, and the model is read-only once built.

    ``defer_build``: a model's validator is built when it first validates, not when deckgen is
    imported, so a command pays only for the files it reads (``check`` of a project without an
    intake file never builds that schema; building them all costs a tenth of ``check``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    @field_validator("*", mode="before")
    @classmethod
    def _person_is_not_empty(cls, value: Any, info: ValidationInfo) -> Any:
        """A person key written with nothing after it (``owner:``) is a slip, not "nobody": left
        alone it shows as a blank cell. Leaving the key out is how to say "nobody"."""
        if value is not None:  # every field of every model passes here: the common case first
            return value
        field = cls.model_fields.get(info.field_name or "")
        written = bool(info.context and info.context.get(AS_WRITTEN))  # not None passed in code
        if written and field is not None and _names_a_person(field.annotation):
            raise PydanticCustomError("empty_text", "is empty: write a name from team.yaml, or delete the line")
        return value


#: Validation context key: the data is content as the user wrote it (see ``validate``).
AS_WRITTEN = "as_written"


class _PersonMark:
    """Marks the text type of a "person" key (a name from team.yaml)."""


def _names_a_person(annotation: Any) -> bool:
    return any(isinstance(meta, _PersonMark) for meta in getattr(annotation, "__metadata__", ())) or any(
        _names_a_person(arg) for arg in get_args(annotation))


def strip_percent(value: object) -> object:
    """``22%`` as ``22``: a percentage may be written with its sign."""
    if isinstance(value, str):
        stripped = value.strip()
        return stripped[:-1].strip() if stripped.endswith("%") else stripped
    return value


def _iso_date(value: object) -> object:
    """Only ``2027-01-05``: pydantic alone would also read ``0`` or ``86400`` as a Unix time."""
    if isinstance(value, str) and not re.match(r"^\d{4}-\d{2}-\d{2}$", value.strip()):
        raise ValueError(f"expected a date like 2027-01-05, got '{value}'")
    return value


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("expected a finite number")
    return value


def _shown(value: float) -> float:
    """A figure a deck can show and add up: 1e308 hours would sum to infinity."""
    if abs(value) > MAX_NUMBER:
        raise ValueError(f"expected a number between -{MAX_NUMBER:,.0f} and {MAX_NUMBER:,.0f}; a deck shows no "
                         "bigger figure")
    return value


def _year(value: object) -> object:
    """A date, month or quarter in years a plan can be about (quarter arithmetic runs a year past)."""
    year = value.year if isinstance(value, date) else int(str(value)[:4])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"expected a year from {FIRST_YEAR} to {LAST_YEAR}, got {year}")
    return value


def _not_blank(value: str) -> str:
    """Text of spaces only shows as nothing: a slide without its title, a nameless entry."""
    if value and not value.strip():
        raise ValueError("expected text, got only spaces")
    return value


Text = Annotated[str, StringConstraints(min_length=1), AfterValidator(_not_blank)]
#: A "person" key: a name from team.yaml; written empty, it is an error.
PersonName = Annotated[str, StringConstraints(min_length=1), _PersonMark()]
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN),
               Field(description="a short slug: lowercase letters, digits and hyphens")]
QuarterName = Annotated[str, StringConstraints(pattern=QUARTER_PATTERN),
                        Field(description="a fiscal quarter, e.g. 2027-Q1"), AfterValidator(_year)]
Month = Annotated[str, StringConstraints(pattern=MONTH_PATTERN), Field(description="a month, e.g. 2027-01"),
                  AfterValidator(_year)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$"),
                   Field(description="a hex colour, e.g. #1F4E79")]
Number = Annotated[float, Field(allow_inf_nan=False), AfterValidator(_shown)]
Fraction = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
Percent = Annotated[
    float,
    BeforeValidator(strip_percent),
    Field(ge=0, le=100, allow_inf_nan=False),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0, "maximum": 100},
                              {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%?\s*$"}]}),
]
Date = Annotated[date, BeforeValidator(_iso_date), AfterValidator(_year),
                 WithJsonSchema({"type": "string", "format": "date"})]


def is_id(text: str) -> bool:
    return re.match(ID_PATTERN, text) is not None
