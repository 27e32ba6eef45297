"""The schema of each content file, as the format page defines it (version 1).

These classes check types, required keys and unknown keys of one file at a time. Rules that need
more than one file (laddering, people, allocations) live in ``rules``; scores in ``scoring``.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, model_validator

from .scoring import Status, key_result_score, key_result_status, mean_score, status_of
from .fields import Colour, Date, Fraction, Id, Month, Number, Percent, QuarterName, Strict, Text

DEFAULT_PRIMARY = "#1F3A5F"
DEFAULT_ACCENT = "#E07A1F"
DEFAULT_FONT = "Calibri"


# deck.yaml ---------------------------------------------------------------------------------------
class Leader(Strict):
    name: Text = Field(description="person: a name from team.yaml")
    title: Text


class Theme(Strict):
    primary: Colour = DEFAULT_PRIMARY
    accent: Colour = DEFAULT_ACCENT
    font: Text = DEFAULT_FONT
    heading_font: Optional[Text] = None


class DeckFile(Strict):
    team: Text
    company: Text
    year: int = Field(ge=1900, le=2999)
    quarter: QuarterName = Field(description="the quarter ahead, whose OKRs the deck presents")
    leader: Leader
    audience: list[Text] = []
    date: Optional[Date] = Field(None, description="edition date; default: the build date")
    confidentiality: Optional[Text] = None
    fiscal_year_start: int = Field(1, ge=1, le=12)
    theme: Theme = Theme()
    template: Optional[Text] = Field(None, description="a .pptx or .potx giving the deck its brand")
    slides: Optional[list[Text]] = None


# charter.md --------------------------------------------------------------------------------------
class Approval(Strict):
    by: Text
    on: Date


class CharterFront(Strict):
    mission: Text
    owns: list[Text]
    partners_on: list[Text] = []
    does_not_own: list[Text] = []
    valid_through: Optional[Month] = None
    approved: list[Approval] = []


# company.yaml ------------------------------------------------------------------------------------
class Priority(Strict):
    id: Id
    title: Text
    measure: Optional[Text] = None
    owner: Optional[Text] = None


class CompanyFile(Strict):
    source: Optional[Text] = None
    priorities: list[Priority] = Field(min_length=1)


# big-rocks.yaml ----------------------------------------------------------------------------------
class Alignment(Strict):
    stakeholder: Text
    status: Literal["aligned", "pending", "concerns"]
    on: Optional[Date] = None
    note: Optional[Text] = None


class BigRock(Strict):
    id: Id
    title: Text
    why: Optional[Text] = None
    supports: list[Id] = Field(min_length=1)
    outcomes: list[Text] = []
    owner: Optional[Text] = Field(None, description="person: a name from team.yaml")
    alignment: list[Alignment] = []


class BigRocksFile(Strict):
    big_rocks: list[BigRock]


# strategy.md -------------------------------------------------------------------------------------
class Pillar(Strict):
    title: Text
    summary: Optional[Text] = None


class StrategyFront(Strict):
    pillars: list[Pillar] = []


# team.yaml ---------------------------------------------------------------------------------------
class Stakeholder(Strict):
    role: Text
    name: Optional[Text] = None
    cadence: Optional[Text] = None
    cares_about: Optional[Text] = None


class Person(Strict):
    name: Text
    role: Text
    reports_to: Optional[Text] = Field(None, description="person: a name from team.yaml")
    focus: list[Text] = []
    partners: list[Text] = []
    photo: Optional[Text] = Field(None, description="path to a picture, relative to team.yaml")
    allocation: dict[str, Percent] = Field(
        {}, description="big rock id or 'one-offs' → percent of this person's time")


class TeamFile(Strict):
    people: list[Person] = Field(min_length=1)
    stakeholders: list[Stakeholder] = []
    one_off_budget: tuple[Percent, Percent] = (10.0, 15.0)

    @model_validator(mode="after")
    def _budget_ordered(self) -> "TeamFile":
        low, high = self.one_off_budget
        if low > high:
            raise ValueError(f"one_off_budget [{low:g}, {high:g}]: the minimum is above the maximum")
        return self


# okrs/QUARTER.yaml -------------------------------------------------------------------------------
class KeyResult(Strict):
    title: Text
    owner: Optional[Text] = Field(None, description="person: a name from team.yaml")
    note: Optional[Text] = None
    confidence: Optional[Fraction] = None
    commitment: Literal["aspirational", "committed"] = "aspirational"
    score: Optional[Fraction] = Field(None, description="a hand-set score replacing the computed one")
    baseline: Optional[Number] = None
    target: Optional[Number] = None
    current: Optional[Number] = None
    unit: Optional[Text] = None
    direction: Optional[Literal["up", "down"]] = None
    done: Optional[bool] = None

    @property
    def is_milestone(self) -> bool:
        return self.baseline is None and self.target is None

    @property
    def progress(self) -> float:
        """The score, 0.0–1.0: hand-set, else computed."""
        return key_result_score(self)


class Objective(Strict):
    id: Id
    title: Text
    rock: Id = Field(description="the big rock id this objective ladders up to")
    owner: Optional[Text] = Field(None, description="person: a name from team.yaml")
    key_results: list[KeyResult] = Field(min_length=1)
    retro: Optional[Text] = None

    @property
    def progress(self) -> float:
        """The mean of the key results' scores."""
        return mean_score(kr.progress for kr in self.key_results)


class OkrFile(Strict):
    quarter: QuarterName
    state: Literal["planned", "active", "closed"] = "planned"
    objectives: list[Objective] = Field(min_length=1)

    @property
    def closed(self) -> bool:
        return self.state == "closed"

    @property
    def progress(self) -> float:
        return mean_score(o.progress for o in self.objectives)

    def status(self, item: "KeyResult | Objective") -> Status:
        """Status of a key result (misses count in a closed quarter) or of an objective."""
        if isinstance(item, KeyResult):
            return key_result_status(item, self.closed)
        return status_of(item.progress)


# wins.md, asks.md, intake.yaml, slides/NAME.md ---------------------------------------------------
class WinsFront(Strict):
    period: Optional[QuarterName] = None


class AsksFront(Strict):
    pass


class IntakeRequest(Strict):
    date: Date
    from_: Optional[Text] = Field(None, alias="from")
    ask: Text
    outcome: Text = Field(description="a big rock id, 'one-off' or 'declined'")
    hours: Optional[Number] = Field(None, ge=0)


class IntakeFile(Strict):
    requests: list[IntakeRequest] = []


class SlideFront(Strict):
    title: Text
    after: Optional[Text] = Field(None, description="the slide this one follows")
