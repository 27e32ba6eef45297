"""The one-pager: the model's numbers arranged for one page, rendered through the page layouts.

Everything the page shows is computed here or in the model (scores, statuses, shares); the Jinja
layouts under ``templates/page/`` only arrange and format it, and draw the charts as inline SVG
from these numbers. Content reaches the layouts as data: text is autoescaped, Markdown arrives as
sanitised Markup from :func:`render_html`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Optional

from jinja2 import Environment
from lxml import html as lxml_html
from markupsafe import Markup, escape

from ..diagnostics import Position
from ..model.content import Alignment, BigRock, KeyResult, Objective, OkrFile, Person, Priority
from ..model.project import ONE_OFFS, Markdown, Project
from ..model.scoring import Status, status_of
from .context import template_context
from .environment import render
from .layout import _where, layout_errors
from .formatting import number, percent, score
from .markdown import render_html
from .palette import deck_colours, font_stack
from .status import ALIGNMENT_LIKE, STATUS_LOOKS

TEMPLATE = "page/onepager.html"
LANG = "en"
SELF_REFERENCE = ("a page layout extends or includes itself: to change part of the built-in page, "
                  "extend \"page/base.html\" and replace its blocks")


@dataclass(frozen=True)
class Mark:
    """A status as the reader sees it: a colour key, and always a symbol and a label with it."""

    key: str
    label: str
    symbol: str


ALIGNMENT = {name: Mark(name, STATUS_LOOKS[name].label, STATUS_LOOKS[name].symbol)
             for name in ALIGNMENT_LIKE}
#: Where the one-off share sits against its budget (the model's ``one_off_position``).
#: Its symbols are the status table's, as on every other mark.
BUDGET_MARKS = {"within": Mark("on-track", "Within budget", Status.ON_TRACK.symbol),
                "above": Mark("at-risk", "Above budget", Status.AT_RISK.symbol),
                "below": Mark("at-risk", "Below budget", Status.AT_RISK.symbol)}


def status_mark(status: Status) -> Mark:
    return Mark(status.value, status.label, status.symbol)


@dataclass(frozen=True)
class Ranked:
    """A company priority with its rank (1 = most important)."""

    rank: int
    priority: Priority


@dataclass(frozen=True)
class RockView:
    rank: int
    rock: BigRock
    priorities: list[Ranked]
    alignment: list[tuple[Alignment, Mark]]
    owner: Optional[Person]


@dataclass(frozen=True)
class ObjectiveView:
    objective: Objective
    rock: Optional[RockView]
    score: float
    mark: Mark
    key_results: list[tuple[KeyResult, Mark]]


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: ``value`` on the chart's scale, ``text`` its direct label."""

    label: str
    value: float
    text: str
    key: str  # the colour: a status key, or 'primary' / 'accent'
    spoken: str = ""  # the value in words for the description, when ``text`` has symbols


@dataclass(frozen=True)
class Chart:
    """A bar chart's data and the words that stand in for it (the SVG's title and description).

    ``band`` is an optional (low, high, label) range drawn behind the last bar, e.g. a budget.
    """

    id: str
    title: str
    desc: str
    bars: list[Bar]
    maximum: float
    band: Optional[tuple[float, float, str]] = None


def describe(lead: str, bars: list[Bar]) -> str:
    return f"{lead}: " + "; ".join(f"{bar.label}: {bar.spoken or bar.text}" for bar in bars) + "."


@dataclass(frozen=True)
class QuarterView:
    okrs: OkrFile
    label: str
    objectives: list[ObjectiveView]
    score: float
    mark: Mark

    @property
    def chart(self) -> Chart:
        """The objective scores: one bar per objective on the 0–1 scale, coloured by status."""
        bars = [Bar(view.objective.title, view.score, f"{score(view.score)} {view.mark.symbol} {view.mark.label}",
                    view.mark.key, f"{score(view.score)}, {view.mark.label.lower()}")
                for view in self.objectives]
        return Chart("scores-chart", f"Objective scores, {self.label}",
                     describe("Score of each objective, on a scale of 0.0 to 1.0", bars), bars, 1.0)


@dataclass(frozen=True)
class TeamView:
    people: list[Person]
    leader: Optional[Person]
    allocation: Optional[Chart]
    one_off_share: Optional[float]
    budget: tuple[float, float]
    budget_text: str
    budget_mark: Optional[Mark]


def plan_page(project: Project, env: Environment) -> str:
    """The one-pager's HTML as the layouts render it; the html builder makes it final bytes.

    A mistake in a layout (usually a user's override) is a LayoutError naming its file and line,
    reported like a content problem, as the slide layouts' are.
    """
    context = page_context(project)
    with layout_errors(project, SELF_REFERENCE):
        return render(env, TEMPLATE, context)


def layout_position(project: Project, env: Environment) -> Position:
    """Where the page's top layout is: the user's override or the built-in one."""
    return _where(project, env.get_template(TEMPLATE).filename, 0)


def page_context(project: Project) -> dict[str, Any]:
    """The context the deck's layouts get (the same labels and figures), plus the page's views."""
    shared = template_context(project)
    theme, rocks, previous = shared["theme"], rock_views(project), shared["previous_okrs"]
    return {
        **shared, "lang": LANG,
        "palette": deck_colours(theme.primary, theme.accent, project.template).page,
        "body_font": font_stack(theme.font),
        "heading_font": font_stack(theme.heading_font), "mission": project.charter.front.mission,
        "rocks": rocks, "ahead": quarter_view(shared["okrs"], shared["quarter_label"], rocks),
        "behind": quarter_view(previous, shared["previous_label"], rocks) if previous else None,
        "team": team_view(project, shared["leader"]),
        "asks": [markdown(project, item) for item in project.asks.items] if project.asks else [],
        "markdown": lambda body: markdown(project, body),
    }


def markdown(project: Project, body: Markdown) -> Markup:
    """Sanitised HTML of a Markdown body; its pictures become data: URIs from the project's assets."""
    return unlinked(render_html(body, lambda ref: project.asset(body.path, ref)))


def unlinked(html: Markup) -> Markup:
    """``html`` with every link turned into its text followed by its address in brackets.

    The page makes no reference outside itself, not even a link a reader might click by mistake
    in a forwarded email; the address stays readable, so nothing the author wrote is lost.
    """
    fragment = lxml_html.fragment_fromstring(str(html) or "<p></p>", create_parent="div")
    for anchor in list(fragment.iter("a")):
        address = anchor.get("href", "").removeprefix("mailto:")
        anchor.attrib.clear()
        anchor.tag = "span"
        if address and anchor.text_content().strip() != address:
            anchor.tail = f" ({address})" + (anchor.tail or "")
    inner = "".join(lxml_html.tostring(child, encoding="unicode") for child in fragment)
    return Markup((escape(fragment.text) if fragment.text else "") + inner)


def rock_views(project: Project) -> list[RockView]:
    ranks = {p.id: n for n, p in enumerate(project.company.priorities, 1)}
    return [
        RockView(
            rank=n, rock=rock,
            priorities=[Ranked(ranks[pid], p) for pid in rock.supports if (p := project.priority(pid))],
            alignment=[(a, ALIGNMENT[a.status]) for a in rock.alignment],
            owner=project.person(rock.owner) if rock.owner else None,
        )
        for n, rock in enumerate(project.rocks, 1)
    ]


def quarter_view(okrs: OkrFile, label: str, rocks: list[RockView]) -> QuarterView:
    by_id = {view.rock.id: view for view in rocks}
    objectives = [
        ObjectiveView(o, by_id.get(o.rock), o.progress, status_mark(okrs.status(o)),
                      [(kr, status_mark(okrs.status(kr))) for kr in o.key_results])
        for o in okrs.objectives
    ]
    return QuarterView(okrs, label, objectives, okrs.progress, status_mark(status_of(okrs.progress)))


def team_view(project: Project, leader: Optional[Person]) -> TeamView:
    low, high = project.team.one_off_budget
    share = project.one_off_share
    return TeamView(
        people=list(project.team.people), leader=leader,
        allocation=allocation_chart(project) if share is not None else None,
        one_off_share=share, budget=(low, high), budget_text=f"{number(low)}–{number(high)}%",
        budget_mark=BUDGET_MARKS.get(project.one_off_position or ""),
    )


def allocation_chart(project: Project) -> Chart:
    """Share of the team's time per big rock (in priority order), then one-offs against their budget."""
    shares = project.allocation_shares()
    bars = [Bar(rock.title, shares[rock.id], percent(shares[rock.id]), "primary") for rock in project.rocks]
    bars.append(Bar("One-off requests", shares[ONE_OFFS], percent(shares[ONE_OFFS]), "accent"))
    low, high = project.team.one_off_budget
    budget = f"one-off budget {number(low)}–{number(high)}%"
    maximum = 10 * max(1, math.ceil(max([high, *(bar.value for bar in bars)]) / 10))
    return Chart("allocation-chart", "Where the team's time goes",
                 describe(f"Share of the team's allocated time ({budget})", bars), bars, maximum,
                 (low, high, budget[0].upper() + budget[1:]))
