"""How numbers read in every output: one place, so the deck and the page print the same figures."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Callable, Optional

from ..model.content import KeyResult
from ..model.scoring import score_text, shown_score

if TYPE_CHECKING:
    from ..model.changes import FieldChange

PREFIX_UNITS = {"$", "€", "£", "¥"}
MINUS = "\u2212"  # a true minus sign: a hyphen reads as a dash and breaks a line
COMPACT_FROM = 100_000  # from six digits on, "1.2M" reads faster than "1,234,567"
SCALES = ((1e9, "B"), (1e6, "M"), (1e3, "K"))  # largest first
INVARIANT = frozenset({"series", "species", "news", "means", "kudos"})  # plural-looking, yet singular


def number(value: Optional[float]) -> str:
    """1200 → '1,200'; 0.25 → '0.25'; -5 → '−5'; no trailing zeros, no false precision."""
    if value is None:
        return "—"
    return _signed(value, _digits(abs(value), 2))


def figures(values: list[float], exact: bool = False) -> list[str]:
    """Numbers read together (a baseline and its target), without units. When the largest reaches
    six digits each is written in thousands, millions or billions with one decimal ('1.2M'), more
    only where two different values would otherwise read the same; ``exact`` keeps every digit."""
    if exact or max(abs(v) for v in values) < COMPACT_FROM:
        return [number(v) for v in values]
    for decimals in (1, 2, 3):
        shown = [_signed(v, _compact(abs(v), decimals)) for v in values]
        if len(set(shown)) == len(set(values)):
            return shown
    return [number(v) for v in values]


def with_unit(value: Optional[float], unit: Optional[str], exact: bool = False) -> str:
    """A figure with its unit: '$1.2M', '32%', '400 accounts', '1 briefing'."""
    if value is None:
        return "—"
    return _united(figures([value], exact)[0], value, unit)


def singular(unit: str) -> str:
    """The unit for exactly one: the regular plural of its last word undone ('briefings' →
    'briefing', 'opportunities' → 'opportunity', 'launches' → 'launch', 'MQLs' → 'MQL'). A unit
    that is no plain plural word stays as written ('%', 'NPS', 'ms', 'hours per week', 'series')."""
    head, space, word = unit.rpartition(" ")
    if len(word) < 3 or not word.isalpha() or not word.endswith("s") or word.endswith(("ss", "us", "is")) \
            or word.lower() in INVARIANT:
        return unit
    if word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith(("ches", "shes", "sses", "xes", "zes")):
        word = word[:-2]
    else:
        word = word[:-1]
    return f"{head}{space}{word}"


def _united(shown: str, value: float, unit: Optional[str]) -> str:
    """``shown`` (the figure for ``value``) with ``unit``: a currency before it, '%' after it, a
    word after a space, singular for exactly one. The sign leads: '−$5'."""
    if not unit:
        return shown
    if unit in PREFIX_UNITS:
        return f"{MINUS}{unit}{shown[1:]}" if shown.startswith(MINUS) else f"{unit}{shown}"
    if unit.startswith("%"):
        return f"{shown}{unit}"
    return f"{shown} {singular(unit) if abs(value) == 1 else unit}"


def _signed(value: float, digits: str) -> str:
    """``digits`` (of the magnitude) with a minus sign when ``value`` is negative and shows as non-zero."""
    return f"{MINUS}{digits}" if value < 0 and any(c in "123456789" for c in digits) else digits


def _digits(magnitude: float, decimals: int) -> str:
    """A magnitude with thousands separators and at most ``decimals`` decimals, trailing zeros dropped."""
    if float(magnitude).is_integer():
        return f"{int(magnitude):,}"
    return f"{magnitude:,.{decimals}f}".rstrip("0").rstrip(".")


def _compact(magnitude: float, decimals: int) -> str:
    """A magnitude in the largest scale it reaches once rounded: 1,234,567 → '1.2M', 150,000 →
    '150K', 999,999 → '1M'; under a thousand as it is."""
    for size, letter in SCALES:
        scaled = round(magnitude / size, decimals)
        if scaled >= 1:
            return _digits(scaled, decimals) + letter
    return _digits(magnitude, decimals)


def score(value: Optional[float]) -> str:
    """Scores on the 0.0–1.0 scale as the model's one rule writes them (one decimal; '0.96' for a
    score short of 1.0 that would round to it), so a status always matches the score beside it."""
    return "—" if value is None else score_text(value)


def score_value(value: float) -> float:
    """A score as shown, for a chart's data: its labels then read as the tables do."""
    return shown_score(value)


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


def target(kr: KeyResult, exact: bool = False) -> str:
    """'32% → 40%', '$1.2M → $2.3M', '1 → 5 briefings' (a word unit once, after the target) for a
    numeric key result; 'Milestone' for one that is done or not. ``exact`` keeps every digit."""
    if kr.baseline is None or kr.target is None:
        return "Milestone"
    baseline, goal = figures([kr.baseline, kr.target], exact)
    word = bool(kr.unit) and kr.unit not in PREFIX_UNITS and not (kr.unit or "").startswith("%")
    start = baseline if word else _united(baseline, kr.baseline, kr.unit)
    return f"{start} → {_united(goal, kr.target, kr.unit)}"


def progress(kr: KeyResult) -> str:
    """Where a key result stands: its current value, or done / not done."""
    if kr.is_milestone:
        return "Done" if kr.done else "Not done"
    return with_unit(kr.current, kr.unit)


def change(moved: FieldChange) -> str:
    """One field that moved, as `deckgen diff` and the changes slide write it: 'target 39% → 42%',
    'baseline $18,000 → $20,000', 'owner Ann → Bo', 'status aligned → pending'."""
    old, new = moved.old, moved.new
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (old, new)):
        before, after = figures([old, new])
        return f"{moved.field} {_united(before, old, moved.unit)} → {_united(after, new, moved.unit)}"
    return f"{moved.field} {_value(old)} → {_value(new)}"


def _value(value: object) -> str:
    """A non-numeric field value: a list as its items, nothing as '(none)'."""
    if value is None:
        return "(none)"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value) or "(none)"
    return number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)


def long_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


FILTERS: dict[str, Callable[..., Any]] = {
    "number": number,
    "with_unit": with_unit,
    "score": score,
    "score_value": score_value,
    "percent": percent,
    "fraction": fraction,
    "count": count,
    "target": target,
    "progress": progress,
    "long_date": long_date,
    "change": change,
}
