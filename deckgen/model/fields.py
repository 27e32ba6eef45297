"""Field types of the content format, shared by every file's schema.

Each is an ``Annotated`` type so pydantic validates it, reports it by path, and writes it into the
JSON Schema that editors use.
"""
from __future__ import annotations

import math
import re
from datetime import date
from typing import Annotated

from pydantic import BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema
from pydantic import BaseModel as _BaseModel

from .quarters import MONTH_PATTERN, QUARTER_PATTERN

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Strict(_BaseModel):
    """Every content mapping: unknown keys are errors, and the model is read-only once built."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _percent(value: object) -> object:
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


Text = Annotated[str, StringConstraints(min_length=1)]
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN),
               Field(description="a short slug: lowercase letters, digits and hyphens")]
QuarterName = Annotated[str, StringConstraints(pattern=QUARTER_PATTERN),
                        Field(description="a fiscal quarter, e.g. 2027-Q1")]
Month = Annotated[str, StringConstraints(pattern=MONTH_PATTERN), Field(description="a month, e.g. 2027-01")]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$"),
                   Field(description="a hex colour, e.g. #1F4E79")]
Number = Annotated[float, Field(allow_inf_nan=False)]
Fraction = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
Percent = Annotated[
    float,
    BeforeValidator(_percent),
    Field(ge=0, le=100, allow_inf_nan=False),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0, "maximum": 100},
                              {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%?\s*$"}]}),
]
Date = Annotated[date, BeforeValidator(_iso_date), WithJsonSchema({"type": "string", "format": "date"})]


def is_id(text: str) -> bool:
    return re.match(ID_PATTERN, text) is not None
