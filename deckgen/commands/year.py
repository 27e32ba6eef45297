"""`deckgen year new | restore`: the yearly refresh, and its way back.

``year new YEAR`` archives the current edition under ``archive/<its year>/`` (a copy of
``content/``, and ``output/`` moved there when present, since it was built for that edition),
then edits the content for the new year:
- ``deck.yaml``: ``year`` becomes YEAR and ``quarter`` YEAR-Q1; a ``date`` line is commented out
  (``# date: 2027-01-05``), since last year's edition date is wrong for the new deck and the
  build date applies until a new one is set;
- ``big-rocks.yaml``: every alignment goes back to ``status: pending``; its ``on`` and ``note``
  described last year's review and are dropped (they stay in the archive);
- ``okrs/YEAR-Q1.yaml``: created from the last quarter like ``okr new`` when it does not exist, so
  the project checks right away.
It then prints the refresh checklist. ``year restore YEAR`` puts an archived edition back: the
current ``content/`` and ``output/`` are set aside under ``archive/<their year>/`` first, so
nothing is lost, and ``archive/YEAR`` is emptied into place.
"""
from __future__ import annotations

from pathlib import Path

from ..edit.transaction import Transaction
from ..edit.yaml_edit import YamlFile, comment_out, delete_key, set_value
from ..lock import locked
from ..model import Project, Quarter
from ..model.quarters import month_end
from .carry_over import carry_over
from .common import require_project
from .editing import CONTENT, apply, at, okr_path, path_position, refuse
from .okr import carry_over_report, latest_before

ARCHIVE = "archive"
OUTPUT = "output"


def archive_dir(root: Path, year: int) -> Path:
    return root / ARCHIVE / str(year)


# year new ---------------------------------------------------------------------------------------
@locked("year new")
def run_new(root: Path, year: int, dry_run: bool, skip: bool = False) -> list[str]:
    """Archive the edition, move the content to ``year`` (the next year unless ``skip``: 2030 typed
    for 2028 would otherwise pass), print the refresh checklist."""
    project, _ = require_project(root)
    old = project.deck.year
    if year <= old:
        raise refuse(f"{year} is not after this edition's year {old}", at(project, "deck.yaml", ("year",)))
    if year != old + 1 and not skip:
        raise refuse(f"{year} is not the next year: after {old} comes {old + 1}; run `deckgen year new "
                     f"{old + 1}`, or add --skip to go to {year} anyway", at(project, "deck.yaml", ("year",)))
    archive = archive_dir(root, old)
    if archive.exists():
        raise refuse(f"{ARCHIVE}/{old} already exists: the {old} edition was archived before; move "
                     "it away or restore it with `deckgen year restore`", path_position(archive, root))
    quarter = f"{year}-Q1"
    transaction = Transaction(root)
    transaction.copy(root / CONTENT, archive / CONTENT)
    if (root / OUTPUT).exists():
        transaction.move(root / OUTPUT, archive / OUTPUT)
    transaction.write(root / CONTENT / "deck.yaml", _new_deck(root, year, quarter))
    transaction.write(root / CONTENT / "big-rocks.yaml", _pending_rocks(root))
    lines = [f"{project.deck.team}: {old} → {year}", ""]
    if not okr_path(root, quarter).exists():
        source = latest_before(project, Quarter.parse(quarter))
        result = carry_over(okr_path(root, source.quarter), source, quarter, project.rocks)
        transaction.write(okr_path(root, quarter), result.text)
        lines += carry_over_report(source, quarter, result) + [""]
    lines += apply(transaction, dry_run)
    return lines + ["", *checklist(project, year)]


def _new_deck(root: Path, year: int, quarter: str) -> str:
    deck = YamlFile.load(root / CONTENT / "deck.yaml")
    set_value(deck.data, "year", year)
    set_value(deck.data, "quarter", quarter)
    if "date" in deck.data:
        comment_out(deck.data, "date", deck.entry_text(deck.data, "date"))
    return deck.text()


def _pending_rocks(root: Path) -> str:
    rocks = YamlFile.load(root / CONTENT / "big-rocks.yaml")
    for rock in rocks.data["big_rocks"]:
        for alignment in rock.get("alignment") or []:
            set_value(alignment, "status", "pending")
            for key in ("on", "note"):
                if key in alignment:
                    delete_key(alignment, key)
    return rocks.text()


def checklist(project: Project, year: int) -> list[str]:
    """What a person must do for the new year: the tool cannot decide these."""
    start = Quarter(year, 1).start(project.deck.fiscal_year_start)
    items = []
    valid = project.charter.front.valid_through
    if valid and month_end(valid) < start:
        items.append(f"charter.md: valid through {valid}, before {year} starts ({start}): "
                     "review the charter and have it approved again")
    elif not valid:
        items.append("charter.md: has no `valid_through`: confirm the charter still holds for the year")
    items.append(f"company.yaml: refresh the company priorities from the {year} company plan"
                 + (f" (now: {project.company.source})" if project.company.source else ""))
    ranked = ", ".join(f"{i}. {r.id}" for i, r in enumerate(project.rocks, 1))
    items.append(f"big-rocks.yaml: re-rank the big rocks for {year} (now {ranked}); update outcomes")
    for person in project.team.stakeholders:
        who = f"{person.name} ({person.role})" if person.name else person.role
        cadence = f", {person.cadence}" if person.cadence else ""
        items.append(f"meet {who}{cadence}: review the big rocks and record their alignment")
    items.append(f"okrs/{year}-Q1.yaml: write the first quarter's OKRs")
    items.append("team.yaml: update people, roles and time allocations")
    behind = Quarter(year, 1).previous()
    items.append("strategy.md: rewrite it for " + str(year) + " (it was written for " + str(project.deck.year) + ")")
    if project.wins is not None:
        items.append(f"wins.md: the wins of {behind} (now {project.wins.period or 'no `period`'})")
    if project.asks is not None:
        items.append(f"asks.md: what you need from your stakeholders in {year}")
    if project.intake is not None:
        items.append(f"intake.yaml: the requests of {behind}")
    items += [f"slides/{slide.name}.md: '{slide.title}': update it for {year}, or remove it"
              for slide in project.free_slides]
    return [f"Refresh checklist for {year}:"] + [f"  [ ] {item}" for item in items]


# year restore -----------------------------------------------------------------------------------
@locked("year restore")
def run_restore(root: Path, year: int, dry_run: bool) -> list[str]:
    """Put the archived ``year`` edition back; the current one goes to the archive first."""
    project, _ = require_project(root)
    archive = archive_dir(root, year)
    if not (archive / CONTENT).is_dir():
        raise refuse(f"no archived edition for {year} (expected {ARCHIVE}/{year}/{CONTENT}/)",
                     path_position(archive, root))
    require_project(archive)
    current = project.deck.year
    aside = archive_dir(root, current)
    if aside.exists():
        raise refuse(f"{ARCHIVE}/{current} already exists, so the current {current} edition cannot be "
                     "set aside there: move one of them away first", path_position(aside, root))
    transaction = Transaction(root)
    transaction.move(root / CONTENT, aside / CONTENT)
    if (root / OUTPUT).exists():
        transaction.move(root / OUTPUT, aside / OUTPUT)
    transaction.move(archive / CONTENT, root / CONTENT)
    if (archive / OUTPUT).exists():
        transaction.move(archive / OUTPUT, root / OUTPUT)
    transaction.prune(archive)
    lines = apply(transaction, dry_run)
    if not dry_run and not archive.exists():
        lines.append(f"  removed the empty {ARCHIVE}/{year}/")
    return [f"Restoring the {year} edition; the {current} edition is set aside.", ""] + lines
