"""OKR scoring on the usual 0.0–1.0 scale, and the status each score means.

Computed here once, so the deck, the page and the terminal always agree.
"""
from __future__ import annotations

from enum import Enum
from statistics import fmean
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from .content import KeyResult

ON_TRACK = 0.7
AT_RISK = 0.4


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
    if kr.baseline is None or kr.target is None:
        return 1.0 if kr.done else 0.0
    if kr.current is None or kr.target == kr.baseline:
        return 0.0
    share = (kr.current - kr.baseline) / (kr.target - kr.baseline)
    return min(1.0, max(0.0, share))


def mean_score(scores: Iterable[float]) -> float:
    values = list(scores)
    return fmean(values) if values else 0.0


def status_of(score: float) -> Status:
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
