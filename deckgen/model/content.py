"""The schema of each content file, as the format page defines it (version 1).

These classes check types, required keys and unknown keys of one file at a time. Rules that need
more than one file (laddering, people, allocations) live in ``rules``; scores in ``scoring``.
Docstrings and field descriptions are what an editor shows on hover, through `deckgen schema`.
"""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import Field, field_validator, model_validator

from .scoring import Status, key_result_score, key_result_status, mean_score, status_of
from .fields import (Colour, Date, Fraction, Id, Month, Number, Percent, PersonName, QuarterName, Strict,
                     Text, strip_percent)

DEFAULT_PRIMARY = "#1F3A5F"
DEFAULT_ACCENT = "#E07A1F"
DEFAULT_FONT = "Calibri"


# deck.yaml ---------------------------------------------------------------------------------------
class Leader(Strict):
    """Who presents the deck."""

    name: Text = Field(description="person: a name from team.yaml")
    title: Text = Field(description="their job title, e.g. Director, Product Marketing")


class Theme(Strict):
    """The deck's colours and fonts (a brand template, where given, leads)."""

    primary: Colour = Field(DEFAULT_PRIMARY, description="the colour of structure: titles, rules, tables")
    accent: Colour = Field(DEFAULT_ACCENT, description="the colour of emphasis")
    font: Text = Field(DEFAULT_FONT, description="the body font; one PowerPoint has everywhere")
    heading_font: Optional[Text] = Field(None, description="the titles' font; default: font")


class Layouts(Strict):
    """Which layout of the brand template each kind of slide uses, by the layout's name as
    PowerPoint shows it (`deckgen template check` lists them). Leave one out and deckgen picks it
    by the layout's type, name and placeholders."""

    title: Optional[Text] = Field(None, description="the cover's layout, e.g. Title Slide")
    section: Optional[Text] = Field(None, description="the layout of section slides")
    content: Optional[Text] = Field(
        None, description="the layout of every other slide; it needs a title placeholder")


class SlideText(Strict):
    """A generated slide's title or subtitle, replaced from content."""

    title: Optional[Text] = Field(
        None, description="replaces the generated title, which then leads the subtitle (its facts stay)")
    subtitle: Optional[Text] = Field(None, description="replaces the generated subtitle")


class DeckFile(Strict):
    team: Text = Field(description="the team's name, e.g. Product Marketing")
    company: Text = Field(description="the company's name")
    year: int = Field(ge=1900, le=2999, description="the plan (fiscal) year")
    quarter: QuarterName = Field(description="the quarter ahead, whose OKRs the deck presents")
    leader: Leader
    audience: list[Text] = Field([], description="who the deck is for, e.g. [CMO, Head of Sales]")
    date: Optional[Date] = Field(None, description="edition date; default: the build date")
    confidentiality: Optional[Text] = Field(None, description="a footer label on every slide")
    fiscal_year_start: int = Field(
        1, ge=1, le=12, description="the month (1-12) the fiscal year starts in; 1: calendar quarters")
    theme: Theme = Theme()
    template: Optional[Text] = Field(
        None, description="a .pptx or .potx giving the deck its brand, relative to deck.yaml")
    layouts: Layouts = Field(Layouts(), description="which of the template's layouts to use")
    slides: Optional[list[Text]] = Field(
        None, description="which slides, in which order, by slide name (slides/NAME for a free-form "
        "slide); default: every slide that has content")
    titles: dict[Text, SlideText] = Field(
        {}, description="slide name (or team-structure, team-time) → {title, subtitle} replacing the "
        "generated ones; a title naming another quarter or a past year is a warning")


# charter.md --------------------------------------------------------------------------------------
class Approval(Strict):
    """Who approved the charter, and when."""

    by: Text = Field(description="who approved it, e.g. Rachel Goldberg, CMO")
    on: Date = Field(description="when, e.g. 2026-12-14")


class CharterFront(Strict):
    mission: Text = Field(description="one or two sentences: who the team serves and what changes")
    owns: list[Text] = Field(description="what the team owns outright")
    partners_on: list[Text] = Field([], description="what it contributes to but another team owns")
    does_not_own: list[Text] = Field([], description="what it passes on")
    valid_through: Optional[Month] = Field(
        None, description="the month the charter runs to; past it, deckgen warns")
    approved: list[Approval] = Field([], description="who approved the charter, and when")


# company.yaml ------------------------------------------------------------------------------------
class Priority(Strict):
    """A company priority, as the company plan states it."""

    id: Id = Field(description="a short slug that big rocks name in `supports`")
    title: Text = Field(description="the priority as the company states it")
    measure: Optional[Text] = Field(None, description="how the company will know it worked")
    owner: Optional[Text] = Field(None, description="text: the executive accountable for it")


class CompanyFile(Strict):
    source: Optional[Text] = Field(None, description="where these priorities come from")
    priorities: list[Priority] = Field(min_length=1, description="most important first")


# big-rocks.yaml ----------------------------------------------------------------------------------
class Alignment(Strict):
    """Where one key stakeholder stands on a big rock, and since when."""

    stakeholder: Text = Field(description="text: who, e.g. Head of Sales")
    status: Literal["aligned", "pending", "concerns"]
    on: Optional[Date] = Field(None, description="when they said so; over 90 days old is a warning")
    note: Optional[Text] = None


class BigRock(Strict):
    """One of the team's annual objectives."""

    id: Id = Field(description="a short slug that OKRs (`rock`), allocations and intake name")
    title: Text = Field(description="the objective, stated as an outcome")
    why: Optional[Text] = Field(None, description="why it matters to the company, in one sentence")
    supports: list[Id] = Field(min_length=1, description="ids of company priorities in company.yaml")
    outcomes: list[Text] = Field([], description="what will be true by year end, measurably")
    owner: Optional[PersonName] = Field(None, description="person: a name from team.yaml")
    alignment: list[Alignment] = Field([], description="where each key stakeholder stands on it")


class BigRocksFile(Strict):
    big_rocks: list[BigRock] = Field(description="most important first; three or four")


# strategy.md -------------------------------------------------------------------------------------
class Pillar(Strict):
    """One idea the strategy stands on."""

    title: Text
    summary: Optional[Text] = Field(None, description="the pillar in a sentence")


class StrategyFront(Strict):
    pillars: list[Pillar] = Field([], description="the two to five ideas the strategy stands on")


# team.yaml ---------------------------------------------------------------------------------------
class Stakeholder(Strict):
    """Someone the team serves."""

    role: Text = Field(description="e.g. CMO, Head of Sales")
    name: Optional[Text] = Field(None, description="text: their name")
    cadence: Optional[Text] = Field(None, description="how often the team meets them")
    cares_about: Optional[Text] = Field(None, description="what they judge the team by")


class Person(Strict):
    """A member of the team."""

    name: Text = Field(description="unique; every person field in the content names people by it")
    role: Text = Field(description="the job title")
    reports_to: Optional[PersonName] = Field(None, description="person: a name from team.yaml")
    focus: list[Text] = Field([], description="what this person works on")
    partners: list[Text] = Field([], description="who they work with most, outside the team")
    photo: Optional[Text] = Field(None, description="path to a picture, relative to team.yaml")
    allocation: dict[str, Percent] = Field(
        {}, description="big rock id or 'one-offs' → percent of this person's time")


class TeamFile(Strict):
    people: list[Person] = Field(min_length=1, description="the team")
    stakeholders: list[Stakeholder] = Field([], description="who the team serves")
    one_off_budget: tuple[Percent, Percent] = Field(
        (10.0, 15.0), description="[min, max] percent of the team's time kept for one-off requests")

    @field_validator("one_off_budget")
    @classmethod
    def _budget_ordered(cls, budget: tuple[float, float]) -> tuple[float, float]:
        low, high = budget
        if low > high:
            raise ValueError(f"the minimum {low:g} is above the maximum {high:g}")
        return budget


MEASURES = ("baseline", "target", "current")  # a numeric key result's values, in its unit


# okrs/QUARTER.yaml -------------------------------------------------------------------------------
class KeyResult(Strict):
    """A key result: numeric (baseline, target, current) or a milestone (done)."""

    title: Text
    owner: Optional[PersonName] = Field(None, description="person: a name from team.yaml")
    note: Optional[Text] = Field(None, description="context; say why for a missed committed result")
    confidence: Optional[Fraction] = Field(
        None, description="0-1: how likely it is to be met, kept apart from progress")
    commitment: Literal["aspirational", "committed"] = Field(
        "aspirational", description="committed: expected in full; less in a closed quarter is a miss")
    score: Optional[Fraction] = Field(None, description="a hand-set score replacing the computed one")
    baseline: Optional[Number] = Field(None, description="numeric: the value at the start")
    target: Optional[Number] = Field(None, description="numeric: the value to reach; not the baseline")
    current: Optional[Number] = Field(None, description="numeric: the value now")
    unit: Optional[Text] = Field(None, description="e.g. %, $, deals")
    direction: Optional[Literal["up", "down"]] = Field(
        None, description="default: the way from baseline to target")
    done: Optional[bool] = Field(None, description="milestone: true or false")

    @model_validator(mode="before")
    @classmethod
    def _percent_values(cls, data: Any) -> Any:
        """With ``unit: "%"``, values may carry the sign, as percentages may everywhere: ``current: 38%``."""
        if isinstance(data, dict) and isinstance(data.get("unit"), str) and data["unit"].strip() == "%":
            return {key: strip_percent(value) if key in MEASURES else value for key, value in data.items()}
        return data

    @property
    def is_milestone(self) -> bool:
        """The one rule for a key result's kind: numeric only with both a baseline and a target
        to measure between, a milestone (done or not) otherwise. Scoring, the deck, the report
        and the commands all ask this; check reports a key result with only one of the two."""
        return self.baseline is None or self.target is None

    @property
    def progress(self) -> float:
        """The score, 0.0–1.0: hand-set, else computed."""
        return key_result_score(self)


class Objective(Strict):
    """An objective for the quarter, laddering up to a big rock."""

    id: Id = Field(description="unique in the quarter")
    title: Text
    rock: Id = Field(description="the big rock id this objective ladders up to")
    owner: Optional[PersonName] = Field(None, description="person: a name from team.yaml")
    key_results: list[KeyResult] = Field(min_length=1, description="two to four; over five is a warning")
    retro: Optional[Text] = Field(None, description="what the quarter taught, for a closed quarter")

    @property
    def progress(self) -> float:
        """The mean of the key results' scores."""
        return mean_score(kr.progress for kr in self.key_results)


class OkrFile(Strict):
    quarter: QuarterName = Field(description="must match the file name, e.g. 2027-Q1")
    state: Literal["planned", "active", "closed"] = Field(
        "planned", description="closed: scored as final")
    headline: Optional[Text] = Field(
        None, description="the results slide's title once this is the quarter behind, replacing the "
        "generated one (which then moves to the subtitle, so a miss still shows); `okr new` drops it")
    objectives: list[Objective] = Field(min_length=1, description="over five is a warning")

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
    period: Optional[QuarterName] = Field(None, description="the quarter these wins come from")


class AsksFront(Strict):
    pass


class IntakeRequest(Strict):
    """One inbound request and how it was triaged."""

    date: Date = Field(description="when it came in")
    from_: Optional[Text] = Field(None, alias="from", description="text: who asked")
    ask: Text = Field(description="the request, in a line")
    outcome: Text = Field(description="a big rock id, 'one-off' or 'declined'")
    hours: Optional[Number] = Field(None, ge=0, description="the time it took")


class IntakeFile(Strict):
    requests: list[IntakeRequest] = Field([], description="inbound requests, in any order")


class SlideFront(Strict):
    title: Text = Field(description="the slide's title")
    after: Optional[Text] = Field(
        None, description="the slide this one follows when deck.yaml has no slides list")
