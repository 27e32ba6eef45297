"""OKR scoring on the usual 0.0–1.0 scale, and the status each score means.

Computed here once, so the deck, the page and the terminal always agree. The one rule: a score is
shown at one decimal (OKR grades are read that way) and its status follows the score *as shown*,
so "0.7" is always on track and never sits beside "0.7 at risk". A score short of 1.0 never shows
as "1.0" (it shows two decimals, cut: 0.96), so a committed result that fell short never reads as met.
"""
from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import Enum
from statistics import fmean
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from .content import KeyResult

ON_TRACK = 0.7
AT_RISK = 0.4
_TENTH, _HUNDREDTH = Decimal("0.1"), Decimal("0.01")


class Status(str, Enum):
    """A score's meaning. Each carries a label and a symbol so that colour is never alone."""

    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"
    MISSED = "missed"

    @property
    def label(self) -> str:
        return {"on-track": "On track", "at-risk": "At risk", "off-track": "Off track",
                "missed": "Missed (committed)"}[self.value]

    @property
    def symbol(self) -> str:
        return {"on-track": "●", "at-risk": "▲", "off-track": "■", "missed": "✕"}[self.value]


def key_result_score(kr: "KeyResult") -> float:
    """A hand-set score wins; a milestone is 1 or 0; a numeric one is its clamped share of the way."""
    if kr.score is not None:
        return kr.score
    if kr.is_milestone:
        return 1.0 if kr.done else 0.0
    assert kr.baseline is not None and kr.target is not None  # what is_milestone said
    if kr.current is None or kr.target == kr.baseline:
        return 0.0
    share = (kr.current - kr.baseline) / (kr.target - kr.baseline)
    return min(1.0, max(0.0, share))


def mean_score(scores: Iterable[float]) -> float:
    values = list(scores)
    return fmean(values) if values else 0.0


def _shown(score: float) -> Decimal:
    """The score as every output writes it: one decimal, half up on the number as typed (0.65 →
    0.7, not the binary float's 0.6); a score short of 1.0 that would round to it keeps two
    decimals, cut (0.96, 0.999 → 0.99)."""
    typed = Decimal(repr(float(score)))
    tenth = typed.quantize(_TENTH, rounding=ROUND_HALF_UP)
    if tenth >= 1 > typed:
        return typed.quantize(_HUNDREDTH, rounding=ROUND_DOWN)
    return tenth


def shown_score(score: float) -> float:
    """The score's value as shown; every status is decided on it."""
    return float(_shown(score))


def score_text(score: float) -> str:
    """The score as text, the one way every output writes it: '0.7', '1.0', '0.96'."""
    return str(_shown(score))


def status_of(score: float) -> Status:
    """The band of the score as shown: 0.65 shows as 0.7 and is on track."""
    score = shown_score(score)
    if score >= ON_TRACK:
        return Status.ON_TRACK
    if score >= AT_RISK:
        return Status.AT_RISK
    return Status.OFF_TRACK


def key_result_status(kr: "KeyResult", closed: bool) -> Status:
    """In a closed quarter a committed key result below 1.0 is a miss, whatever its score."""
    score = key_result_score(kr)
    if closed and kr.commitment == "committed" and score < 1.0:
        return Status.MISSED
    return status_of(score)
