"""How numbers read in every output: one place, so the deck and the page print the same figures."""
from __future__ import annotations

from datetime import date
from typing import Optional

from ..model.content import KeyResult

PREFIX_UNITS = {"$", "€", "£", "¥"}


def number(value: Optional[float]) -> str:
    """1200 → '1,200'; 0.25 → '0.25'; no trailing zeros, no false precision."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def with_unit(value: Optional[float], unit: Optional[str]) -> str:
    if value is None:
        return "—"
    text = number(value)
    if not unit:
        return text
    if unit in PREFIX_UNITS:
        return f"{unit}{text}"
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}"


def score(value: Optional[float]) -> str:
    """Scores on the 0.0–1.0 scale with one decimal."""
    return "—" if value is None else f"{value:.1f}"


def percent(value: Optional[float]) -> str:
    """Shares without false precision: 12.857 → '13%'."""
    return "—" if value is None else f"{value:.0f}%"


def fraction(value: Optional[float]) -> str:
    """A 0–1 figure (a confidence) as a percentage: 0.6 → '60%'."""
    return "—" if value is None else percent(100 * value)


WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count(value: int, singular: str = "", plural: Optional[str] = None) -> str:
    """How many, as a title says it: 'four big rocks', 'one objective', '12 key results', 'three'."""
    amount = WORDS[value] if 0 <= value < len(WORDS) else f"{value:,}"
    if not singular:
        return amount
    return f"{amount} {singular if value == 1 else plural or singular + 's'}"


def target(kr: KeyResult) -> str:
    """'32% → 40%' for a numeric key result, 'Milestone' for one that is done or not."""
    if kr.baseline is None or kr.target is None:
        return "Milestone"
    return f"{with_unit(kr.baseline, kr.unit)} → {with_unit(kr.target, kr.unit)}"


def progress(kr: KeyResult) -> str:
    """Where a key result stands: its current value, or done / not done."""
    if kr.baseline is None or kr.target is None:
        return "Done" if kr.done else "Not done"
    return with_unit(kr.current, kr.unit)


def long_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


FILTERS = {
    "number": number,
    "with_unit": with_unit,
    "score": score,
    "percent": percent,
    "fraction": fraction,
    "count": count,
    "target": target,
    "progress": progress,
    "long_date": long_date,
}
