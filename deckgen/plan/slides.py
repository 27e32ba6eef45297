"""The slide plan: what each slide says, in a vocabulary of elements the pptx builder lays out.

Layouts (Jinja) produce this plan; the builder turns it into shapes and knows nothing of content.
Every element is plain data, so a plan can be compared, printed and tested without PowerPoint.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Optional, Union

from .palette import DeckColours, deck_colours

Align = Literal["left", "center", "right"]
StatusName = Literal["on-track", "at-risk", "off-track", "missed", "aligned", "pending", "concerns"]


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting. ``color`` names a theme role ('accent', 'muted')."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: Optional[str] = None
    color: Optional[str] = None


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    kind: Literal["text", "bullet", "number", "heading"] = "text"
    level: int = 0

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class Text:
    """Paragraphs in one box. ``style`` picks a type size: lead (the mission), body, caption, big (a figure)."""

    paragraphs: list[Paragraph]
    style: Literal["lead", "body", "caption", "big"] = "body"
    heading: Optional[str] = None


@dataclass
class Cell:
    paragraphs: list[Paragraph]
    align: Align = "left"
    status: Optional[StatusName] = None


@dataclass
class Row:
    cells: list[Cell]
    group: bool = False  # a row that heads a group (e.g. a big rock) and spans the table
    #: a row that heads the rows after it, up to the next heading or group row (an objective over
    #: its key results): it never ends a slide, and a slide that continues its rows repeats it
    heading: bool = False


@dataclass
class Table:
    """A native table. Long tables continue on '(cont.)' slides with the header repeated."""

    header: list[Cell]
    rows: list[Row]
    widths: list[float] = field(default_factory=list)  # relative column widths


@dataclass
class Series:
    name: str
    values: list[float]
    statuses: list[Optional[StatusName]] = field(default_factory=list)  # per point colour, by status


@dataclass
class Chart:
    """A native, editable chart. ``reference`` draws a labelled line (e.g. the one-off budget);
    with ``reference_category`` (a category's index) it marks that category's bar only, so no
    other bar is read against it."""

    kind: Literal["bar", "column", "stacked-bar", "doughnut"]
    title: str
    categories: list[str]
    series: list[Series]
    number_format: str = "0"
    maximum: Optional[float] = None
    reference: Optional[tuple[str, float]] = None
    reference_category: Optional[int] = None


@dataclass
class Picture:
    data: bytes
    alt: str


@dataclass
class Badge:
    text: str
    status: Optional[StatusName] = None


@dataclass
class Card:
    title: str
    subtitle: Optional[str] = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    badges: list[Badge] = field(default_factory=list)


@dataclass
class Cards:
    cards: list[Card]


@dataclass
class OrgNode:
    key: str
    title: str
    subtitle: Optional[str] = None
    detail: Optional[str] = None
    parent: Optional[str] = None
    picture: Optional["Picture"] = None  # the person's photo, when team.yaml gives one


@dataclass
class OrgChart:
    nodes: list[OrgNode]


@dataclass
class LadderItem:
    key: str
    title: str
    detail: Optional[str] = None


@dataclass
class Ladder:
    """Company priorities (left) and big rocks (right) with a connector per 'supports' link."""

    priorities: list[LadderItem]
    rocks: list[LadderItem]
    links: list[tuple[str, str]]  # (rock key, priority key)


@dataclass
class Column:
    elements: list["Element"]
    heading: Optional[str] = None
    weight: float = 1.0


@dataclass
class Columns:
    """Side-by-side regions of the slide body, widths by weight."""

    columns: list[Column]


Element = Union[Text, Table, Chart, Picture, Cards, OrgChart, Ladder, Columns]


@dataclass
class Slide:
    """One planned slide. ``kind`` is its slide name (``okrs``, ``slides/launch-calendar``)."""

    kind: str
    title: str
    elements: list[Element] = field(default_factory=list)
    subtitle: Optional[str] = None
    layout: Literal["title", "content", "section"] = "content"
    notes: str = ""


@dataclass(frozen=True)
class Theme:
    primary: str
    accent: str
    font: str
    heading_font: str


@dataclass(frozen=True)
class Meta:
    """Core properties of the deck file, from the content, never from a template's leftovers."""

    title: str
    author: str
    subject: str
    keywords: str


@dataclass
class DeckPlan:
    slides: list[Slide]
    theme: Theme
    meta: Meta
    footer: str
    template: Optional[bytes] = None
    #: deck.yaml's ``layouts:``: slide kind ("title", "section", "content") -> layout name.
    layouts: dict[str, str] = field(default_factory=dict)

    @property
    def colours(self) -> DeckColours:
        """The deck's palettes, from the template's colours or else the theme's (worked out once)."""
        return deck_colours(self.theme.primary, self.theme.accent, self.template)
