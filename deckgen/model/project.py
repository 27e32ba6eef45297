"""The typed project: every file's model plus what the outputs need, computed once."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional

from ..load.source import Source
from .content import (BigRock, CharterFront, CompanyFile, DeckFile, IntakeFile, OkrFile, Person,
                      Pillar, Priority, TeamFile)
from .quarters import Quarter

ONE_OFFS = "one-offs"
BUDGET_TOLERANCE = 1e-6  # shares are sums of floats: 15.000000001 is 15


@dataclass(frozen=True)
class Markdown:
    """Markdown text and where it starts, so images resolve and messages point at the right line."""

    text: str
    path: str
    line: int = 1


@dataclass(frozen=True)
class Section:
    title: str
    body: Markdown


@dataclass(frozen=True)
class Charter:
    front: CharterFront
    body: Markdown


@dataclass(frozen=True)
class Strategy:
    pillars: list[Pillar]
    summary: Markdown
    sections: list[Section]


@dataclass(frozen=True)
class Items:
    """wins.md or asks.md: one item per top-level bullet."""

    items: list[Markdown]
    period: Optional[str] = None


@dataclass(frozen=True)
class FreeSlide:
    name: str
    title: str
    after: Optional[str]
    body: Markdown


@dataclass
class Project:
    """A complete, checked deck project: the single source for every output."""

    root: Path
    deck: DeckFile
    charter: Charter
    company: CompanyFile
    rocks: list[BigRock]
    strategy: Strategy
    team: TeamFile
    quarters: dict[str, OkrFile]
    edition_date: date
    wins: Optional[Items] = None
    asks: Optional[Items] = None
    intake: Optional[IntakeFile] = None
    free_slides: list[FreeSlide] = field(default_factory=list)
    assets: dict[str, bytes] = field(default_factory=dict)
    template: Optional[bytes] = None
    sources: dict[str, Source] = field(default_factory=dict)
    #: Only while checking a project with errors: the files that could not be typed at all (their
    #: parts above are None, and the rules that need them wait), and, per file path, the ids and
    #: names of list entries left out for their errors (other files may still name them). Both
    #: name files as rules do: 'team.yaml', 'okrs/2027-Q1'.
    unread: frozenset[str] = frozenset()
    left_out: dict[str, frozenset[str]] = field(default_factory=dict)

    def complete(self, file: str) -> bool:
        """Whether every entry of ``file`` is in the model (no entry left out for its errors)."""
        return file not in self.left_out and file not in self.unread

    # Quarters ------------------------------------------------------------------------------------
    @property
    def quarter(self) -> Quarter:
        return Quarter.parse(self.deck.quarter)

    @property
    def okrs(self) -> OkrFile:
        """The quarter ahead, whose OKRs the deck presents."""
        return self.quarters[self.deck.quarter]

    @property
    def previous_okrs(self) -> Optional[OkrFile]:
        """The quarter behind, whose results are shown when its file exists."""
        return self.quarters.get(str(self.quarter.previous()))

    # Look-ups ------------------------------------------------------------------------------------
    def priority(self, priority_id: str) -> Optional[Priority]:
        return next((p for p in self.company.priorities if p.id == priority_id), None)

    def rock(self, rock_id: str) -> Optional[BigRock]:
        return next((r for r in self.rocks if r.id == rock_id), None)

    def person(self, name: str) -> Optional[Person]:
        return next((p for p in self.team.people if p.name == name), None)

    def rocks_supporting(self, priority_id: str) -> list[BigRock]:
        return [r for r in self.rocks if priority_id in r.supports]

    def reports(self, name: Optional[str]) -> list[Person]:
        """Who reports to ``name``; with None, the people at the top of the structure."""
        return [p for p in self.team.people if p.reports_to == name]

    def asset(self, markdown_or_file: str, reference: str) -> Optional[bytes]:
        """The bytes of an image named in a content file, resolved relative to that file."""
        return self.assets.get(asset_key(markdown_or_file, reference))

    # Time allocation -----------------------------------------------------------------------------
    def allocation_totals(self) -> dict[str, float]:
        """Percent-points of people's time per big rock id (in rock order) and one-offs."""
        totals = {r.id: 0.0 for r in self.rocks}
        totals[ONE_OFFS] = 0.0
        for person in self.team.people:
            for key, share in person.allocation.items():
                totals[key] = totals.get(key, 0.0) + share
        return totals

    def allocation_shares(self) -> dict[str, float]:
        """The share (0–100) of the team's allocated time per big rock and one-offs."""
        totals = self.allocation_totals()
        whole = sum(totals.values())
        return {key: (100 * value / whole if whole else 0.0) for key, value in totals.items()}

    @property
    def one_off_share(self) -> Optional[float]:
        """Percent of all allocated time kept for one-offs; None when nobody has an allocation."""
        if not any(p.allocation for p in self.team.people):
            return None
        return self.allocation_shares()[ONE_OFFS]

    @property
    def rock_share(self) -> Optional[float]:
        """Percent of all allocated time on the big rocks together; None when nobody has an allocation."""
        share = self.one_off_share
        return None if share is None else 100.0 - share

    @property
    def one_off_position(self) -> Optional[str]:
        """Where the one-off share sits against ``one_off_budget``: 'below', 'within' or 'above'."""
        share = self.one_off_share
        if share is None:
            return None
        low, high = self.team.one_off_budget
        if share < low - BUDGET_TOLERANCE:
            return "below"
        return "above" if share > high + BUDGET_TOLERANCE else "within"


def asset_key(content_file: str, reference: str) -> str:
    """The project-relative key of a file named from a content file (``content/x.md`` + ``images/a.png``)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(content_file), reference))
