"""Stage 2, model: raw data to a typed, checked Project, with every problem reported."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Optional

from ..diagnostics import Position, Reporter
from ..load import Document, RawProject, Source, read_asset
from . import rules
from .content import (AsksFront, BigRocksFile, CharterFront, CompanyFile, DeckFile, IntakeFile,
                      OkrFile, SlideFront, StrategyFront, TeamFile, WinsFront)
from .markdown_parts import image_references, split_items, split_sections
from .project import Charter, FreeSlide, Items, Markdown, Project, Strategy, asset_key
from .validate import validate


def build_project(raw: RawProject, reporter: Reporter, today: date) -> Optional[Project]:
    """The checked Project; None when a required file could not be read or typed.

    Rules across files run only once every file has its model: a rule on half a project would
    report errors that are only echoes of the first.
    """
    deck = _typed(DeckFile, raw.yaml.get("deck.yaml"), reporter)
    company = _typed(CompanyFile, raw.yaml.get("company.yaml"), reporter)
    rocks = _typed(BigRocksFile, raw.yaml.get("big-rocks.yaml"), reporter)
    team = _typed(TeamFile, raw.yaml.get("team.yaml"), reporter)
    intake = _typed(IntakeFile, raw.yaml.get("intake.yaml"), reporter)
    charter = _charter(raw.markdown.get("charter.md"), reporter)
    strategy = _strategy(raw.markdown.get("strategy.md"), reporter)
    wins = _items(raw.markdown.get("wins.md"), WinsFront, reporter)
    asks = _items(raw.markdown.get("asks.md"), AsksFront, reporter)
    quarters = {name: _typed(OkrFile, src, reporter) for name, src in raw.okrs.items()}
    slides = [_free_slide(name, doc, reporter) for name, doc in raw.slides.items()]
    parts = [deck, company, rocks, team, charter, strategy]
    optional_failed = ("intake.yaml" in raw.yaml and intake is None) or any(
        v is None for v in [*quarters.values(), *slides]) or any(
        name in raw.markdown and item is None for name, item in (("wins.md", wins), ("asks.md", asks)))
    if any(part is None for part in parts) or optional_failed:
        return None
    assert deck and company and rocks and team and charter and strategy
    project = Project(
        root=raw.root, deck=deck, charter=charter, company=company, rocks=list(rocks.big_rocks),
        strategy=strategy, team=team, quarters={k: v for k, v in quarters.items() if v},
        edition_date=deck.date or today, wins=wins, asks=asks, intake=intake,
        free_slides=[s for s in slides if s], sources=_sources(raw),
    )
    _load_assets(project, reporter)
    rules.check(project, reporter)
    return project


def _typed(model, source: Optional[Source], reporter: Reporter):  # type: ignore[no-untyped-def]
    """The file's model, its single-file rules already run (they need no other file)."""
    typed = validate(model, source, reporter) if source is not None else None
    if typed is not None and source is not None:
        rules.check_file(typed, source, reporter)
    return typed


def _body(doc: Document) -> Markdown:
    return Markdown(doc.body, doc.path, doc.body_line)


def _charter(doc: Optional[Document], reporter: Reporter) -> Optional[Charter]:
    if doc is None:
        return None
    front = validate(CharterFront, doc.front, reporter)
    return Charter(front, _body(doc)) if front else None


def _strategy(doc: Optional[Document], reporter: Reporter) -> Optional[Strategy]:
    if doc is None:
        return None
    front = validate(StrategyFront, doc.front, reporter)
    if front is None:
        return None
    summary, sections = split_sections(_body(doc))
    return Strategy(list(front.pillars), summary, sections)


def _items(doc: Optional[Document], front_model: type, reporter: Reporter) -> Optional[Items]:
    if doc is None:
        return None
    front = validate(front_model, doc.front, reporter)
    if front is None:
        return None
    return Items(split_items(_body(doc)), getattr(front, "period", None))


def _free_slide(name: str, doc: Optional[Document], reporter: Reporter) -> Optional[FreeSlide]:
    if doc is None:
        return None
    front = validate(SlideFront, doc.front, reporter)
    return FreeSlide(name, front.title, front.after, _body(doc)) if front else None


def _sources(raw: RawProject) -> dict[str, Source]:
    """Each file's positions by the name rules use: 'deck.yaml', 'charter.md', 'okrs/2027-Q1'."""
    found: dict[str, Source] = {k: v for k, v in raw.yaml.items() if v}
    found.update({k: v.front for k, v in raw.markdown.items() if v})
    found.update({f"okrs/{k}": v for k, v in raw.okrs.items() if v})
    found.update({f"slides/{k}": v.front for k, v in raw.slides.items() if v})
    return found


def _markdowns(project: Project) -> list[Markdown]:
    bodies = [project.charter.body, project.strategy.summary]
    bodies += [s.body for s in project.strategy.sections]
    for items in (project.wins, project.asks):
        bodies += items.items if items else []
    bodies += [s.body for s in project.free_slides]
    return bodies


def _load_assets(project: Project, reporter: Reporter) -> None:
    """Read every picture the content names, and the brand template, so no later stage reads files."""
    for body in _markdowns(project):
        for reference, line in image_references(body):
            _asset(project, body.path, reference, Position(body.path, line), reporter)
    team = project.sources.get("team.yaml")
    for index, person in enumerate(project.team.people):
        if person.photo and team:
            _asset(project, team.path, person.photo, team.position(("people", index, "photo")), reporter)
    deck = project.sources.get("deck.yaml")
    if project.deck.template and deck:
        where = deck.position(("template",))
        if not project.deck.template.lower().endswith((".pptx", ".potx")):
            reporter.error(f"template '{project.deck.template}' must be a .pptx or .potx file", where)
        else:
            found = _asset(project, deck.path, project.deck.template, where, reporter)
            project.template = found


def _asset(project: Project, base: str, reference: str, where: Position,
           reporter: Reporter) -> Optional[bytes]:
    if "://" in reference or reference.startswith(("data:", "/")):
        reporter.error(f"'{reference}': pictures must be files inside the project, named by a relative path",
                       where)
        return None
    found = read_asset(project.root, project.root / base, reference, where, reporter)
    if found is None:
        return None
    project.assets[asset_key(base, reference)] = found[1]
    return found[1]
