"""`deckgen okr status | close | new`: the quarterly OKR update.

``close`` picks, without a QUARTER, the quarter behind when its file exists and is not closed
yet (the usual case: the deck already presents the new quarter), else the quarter ahead (closing
it before ``okr new``). ``new`` starts QUARTER from the latest quarter file before it (see
``carry_over`` for the rules) and moves ``deck.yaml``'s ``quarter`` to it; it refuses to cross
into another fiscal year, which is ``deckgen year new``'s job.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Optional

from ..diagnostics import Position, Reporter
from ..edit.transaction import Transaction
from ..edit.yaml_edit import YamlFile, insert_after, set_value
from ..lock import locked
from ..model import Project, Quarter
from ..model.content import OkrFile
from ..model.rules import periods
from ..model.rules.base import Report
from ..model.scoring import score_text
from .carry_over import CarryOver, carry_over
from .common import require_project
from .editing import apply, at, okr_path, refuse, refuse_all
from .okr_report import attention, quarter_heading, quarter_lines


# status -----------------------------------------------------------------------------------------
def run_status(root: Path) -> list[str]:
    """The quarter ahead and the quarter behind, then what needs attention."""
    project, _ = require_project(root)
    lines = [f"{project.deck.company} · {project.deck.team} · {project.deck.year}", ""]
    found = []
    for title, okrs in (("Quarter behind", project.previous_okrs), ("Quarter ahead", project.okrs)):
        if okrs is None:
            lines += [f"{title}: {project.quarter.previous()}: no OKR file", ""]
            continue
        lines += [quarter_heading(title, okrs, project), *quarter_lines(okrs), ""]
        found += attention(project, okrs)
    lines.append("Needs attention:" if found else "Needs attention: nothing.")
    lines += [f"  {item}" for item in found]
    return lines


# close ------------------------------------------------------------------------------------------
def default_to_close(project: Project) -> str:
    """The quarter behind if it has a file and is still open, else the quarter ahead."""
    behind = project.previous_okrs
    if behind is not None and not behind.closed:
        return behind.quarter
    return project.deck.quarter


@locked("okr close")
def run_close(root: Path, quarter: Optional[str], dry_run: bool) -> list[str]:
    """Check every numeric result is final, set ``state: closed``, and report the scores."""
    project, _ = require_project(root)
    quarter = quarter or default_to_close(project)
    okrs = _quarter_file(project, quarter)
    missing = _missing_finals(project, okrs)
    if missing:
        raise refuse_all(missing)
    lines = [quarter_heading("Closing", okrs.model_copy(update={"state": "closed"}), project)]
    lines += quarter_lines(okrs.model_copy(update={"state": "closed"}))
    lines += _misses_without_note(project, okrs)
    if okrs.closed:
        return lines + ["", f"{quarter} is already closed; nothing to change."]
    path = okr_path(root, quarter)
    document = YamlFile.load(path)
    if "state" in document.data:
        set_value(document.data, "state", "closed")
    else:
        insert_after(document.data, "quarter", "state", "closed")
    transaction = Transaction(root)
    transaction.write(path, document.text())
    return lines + [""] + apply(transaction, dry_run)


def _quarter_file(project: Project, quarter: str) -> OkrFile:
    if quarter not in project.quarters:
        known = ", ".join(sorted(project.quarters)) or "none"
        raise refuse(f"no OKR file for {quarter} (quarters: {known})", at(project, f"okrs/{quarter}"))
    return project.quarters[quarter]


def _missing_finals(project: Project, okrs: OkrFile) -> list[tuple[str, Position]]:
    file = f"okrs/{okrs.quarter}"
    missing = []
    for o_index, objective in enumerate(okrs.objectives):
        for k_index, kr in enumerate(objective.key_results):
            if not kr.is_milestone and kr.current is None and kr.score is None:
                where = at(project, file, ("objectives", o_index, "key_results", k_index))
                missing.append((f"key result '{kr.title}' has no final `current`: add it, or a "
                                f"hand-set `score` with a `note`, before closing {okrs.quarter}", where))
    return missing


def _misses_without_note(project: Project, okrs: OkrFile) -> list[str]:
    file = f"okrs/{okrs.quarter}"
    lines = []
    for o_index, objective in enumerate(okrs.objectives):
        for k_index, kr in enumerate(objective.key_results):
            if kr.commitment == "committed" and kr.progress < 1.0 and not kr.note:
                where = at(project, file, ("objectives", o_index, "key_results", k_index))
                lines.append(f"  {where}: committed key result '{kr.title}' scored "
                             f"{score_text(kr.progress)}, a miss, with no `note`: say why")
    return ["", "Committed key results missed without a note:", *lines] if lines else []


# new --------------------------------------------------------------------------------------------
@locked("okr new")
def run_new(root: Path, quarter: str, dry_run: bool, edition: Optional[date] = None,
            skip: bool = False) -> list[str]:
    """Start QUARTER from the last quarter's unfinished OKRs and make it the quarter ahead; with
    ``edition``, move deck.yaml's edition ``date`` to it. Then say what still describes the old
    quarter (the period checks, run as if the new quarter were already the deck's)."""
    project, _ = require_project(root)
    target = _new_quarter(project, quarter, skip)
    path = okr_path(root, quarter)
    if path.exists():
        raise refuse(f"okrs/{quarter}.yaml already exists; okr new never overwrites a quarter file "
                     f"(to present it, set `quarter: {quarter}` in deck.yaml)", at(project, f"okrs/{quarter}"))
    source = latest_before(project, target)
    result = carry_over(okr_path(root, source.quarter), source, quarter, project.rocks)
    deck = YamlFile.load(root / "content" / "deck.yaml")
    set_value(deck.data, "quarter", quarter)
    if edition is not None:
        if "date" in deck.data:
            set_value(deck.data, "date", edition)
        else:
            insert_after(deck.data, "quarter", "date", edition)
    transaction = Transaction(root)
    transaction.write(path, result.text)
    transaction.write(root / "content" / "deck.yaml", deck.text())
    lines = carry_over_report(source, quarter, result) + [""] + apply(transaction, dry_run)
    return lines + _edition_date(project, edition) + still_describing(project, quarter, edition) \
        + _next_steps(project, source, quarter)


def _edition_date(project: Project, edition: Optional[date]) -> list[str]:
    """Whether the edition date moved: the title slide and every footer show it."""
    if edition is not None:
        return ["", f"The edition date is now {edition} (it was {project.deck.date or 'the build date'})."]
    if project.deck.date is None:
        return []
    return ["", f"The edition date was not moved: deck.yaml still says {project.deck.date}, which the title "
                "slide and every footer show. Set `date:` for this edition, or run with --date YYYY-MM-DD."]


def still_describing(project: Project, quarter: str, edition: Optional[date] = None) -> list[str]:
    """The period checks as they will read once ``quarter`` is the deck's quarter (and ``edition``
    its date): every file still describing the old quarter, with file and line."""
    deck = project.deck.model_copy(update={"quarter": quarter, **({"date": edition} if edition else {})})
    reporter = Reporter()
    moved = replace(project, deck=deck)
    for rule in periods.RULES:
        rule(moved, Report(moved, reporter))
    found = [f"  {d.position}: {d.message}" for d in reporter.sorted()]
    return ["", f"Still describing the quarter before {quarter}:", *found] if found else []


def _new_quarter(project: Project, quarter: str, skip: bool = False) -> Quarter:
    """The quarter to start: after the current one, the next one unless ``skip`` (a typo such as
    2027-Q4 for 2027-Q2 would otherwise move the deck two quarters on without a word)."""
    target = Quarter.parse(quarter)
    where = at(project, "deck.yaml", ("quarter",))
    if target <= project.quarter:
        raise refuse(f"{quarter} is not after the current quarter {project.quarter}", where)
    if target.year != project.deck.year:
        raise refuse(f"{quarter} is in fiscal year {target.year} and this deck is for "
                     f"{project.deck.year}: start the new year with `deckgen year new {target.year}`",
                     at(project, "deck.yaml", ("year",)))
    following = project.quarter.next()
    if target != following and not skip:
        raise refuse(f"{quarter} is not the next quarter: after {project.quarter} comes {following}; run "
                     f"`deckgen okr new {following}`, or add --skip to start {quarter} anyway", where)
    return target


def latest_before(project: Project, quarter: Quarter) -> OkrFile:
    """The last quarter file before ``quarter`` (the deck's quarter file always qualifies)."""
    earlier = [name for name in project.quarters if Quarter.parse(name) < quarter]
    return project.quarters[max(earlier, key=Quarter.parse)]


def carry_over_report(source: OkrFile, quarter: str, result: CarryOver) -> list[str]:
    lines = [f"{quarter} starts from {source.quarter}:"]
    if not source.closed:
        lines.append(f"  note: {source.quarter} is {source.state}, not closed: its `current` values "
                     f"may not be final (run `deckgen okr close {source.quarter}` once they are)")
    lines += [f"  carried over  {item}" for item in result.carried]
    lines += [f"  done, dropped {item}" for item in result.dropped]
    lines += [f"  cleared       {item}" for item in result.cleared]
    if result.drafted:
        lines.append(f"  every key result of {source.quarter} was met: okrs/{quarter}.yaml holds one "
                     "draft objective per big rock to rewrite")
    return lines


def _next_steps(project: Project, source: OkrFile, quarter: str) -> list[str]:
    steps = [f"review okrs/{quarter}.yaml: add new objectives and key results, set `confidence`"]
    if project.wins is not None:
        steps.append(f"update wins.md (its `period` is the quarter behind, {Quarter.parse(quarter).previous()})")
    if project.asks is not None:
        steps.append("review asks.md for the new quarter")
    return ["", "Next:"] + [f"  - {step}" for step in steps]
