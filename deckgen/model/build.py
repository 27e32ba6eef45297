"""Stage 2, model: raw data to a typed, checked Project, with every problem reported."""
from __future__ import annotations

from datetime import date
from typing import Mapping, Optional, TypeVar

from pydantic import BaseModel

from ..diagnostics import Position, Reporter
from ..load import Document, RawProject, Source, read_asset
from ..load.project import MARKDOWN_FILES, YAML_FILES
from . import rules
from .content import (AsksFront, BigRocksFile, CharterFront, CompanyFile, DeckFile, IntakeFile,
                      OkrFile, SlideFront, StrategyFront, TeamFile, WinsFront)
from .images import picture_problem
from .markdown_parts import image_references, images_without_alt, split_items, split_sections, undefined_images
from .project import Charter, FreeSlide, Items, Markdown, Project, Strategy, asset_key
from .validate import salvage, validate

M = TypeVar("M", bound=BaseModel)
REQUIRED = {**YAML_FILES, **MARKDOWN_FILES}


def build_project(raw: RawProject, reporter: Reporter, today: date) -> Optional[Project]:
    """The checked Project; None when any file had errors.

    A file with errors is still used for the rules across files, without its broken parts
    (``validate.salvage``), so one run reports every problem it can know; a rule whose input could
    not be read at all waits, and says so once. Only a project without errors is returned.
    """
    typed = _Typed(reporter)
    deck = typed.yaml(DeckFile, raw.yaml, "deck.yaml")
    company = typed.yaml(CompanyFile, raw.yaml, "company.yaml")
    rocks = typed.yaml(BigRocksFile, raw.yaml, "big-rocks.yaml")
    team = typed.yaml(TeamFile, raw.yaml, "team.yaml")
    intake = typed.yaml(IntakeFile, raw.yaml, "intake.yaml")
    charter_front = typed.front(CharterFront, raw.markdown, "charter.md")
    strategy_front = typed.front(StrategyFront, raw.markdown, "strategy.md")
    wins_front = typed.front(WinsFront, raw.markdown, "wins.md")
    asks_front = typed.front(AsksFront, raw.markdown, "asks.md")
    quarters = {name: typed.yaml(OkrFile, raw.okrs, name, "okrs/") for name in raw.okrs}
    slides = {name: typed.front(SlideFront, raw.slides, name, "slides/") for name in raw.slides}
    files = {"deck.yaml": deck, "company.yaml": company, "big-rocks.yaml": rocks, "team.yaml": team,
             "intake.yaml": intake, "charter.md": charter_front, "strategy.md": strategy_front,
             "wins.md": wins_front, "asks.md": asks_front}
    unread = {name for name, part in files.items()
              if part is None and (name in raw.yaml or name in raw.markdown or REQUIRED[name])}
    missing = {name for name in unread if name not in raw.yaml and name not in raw.markdown}
    unread |= {f"okrs/{name}" for name, okrs in quarters.items() if okrs is None}
    unread |= {f"slides/{name}" for name, front in slides.items() if front is None}
    project = Project(
        root=raw.root, deck=deck, company=company,  # type: ignore[arg-type]  # None only in `unread`
        charter=_charter(raw.markdown.get("charter.md"), charter_front),  # type: ignore[arg-type]  # ditto
        rocks=list(rocks.big_rocks) if rocks else [], team=team,  # type: ignore[arg-type]  # ditto
        strategy=_strategy(raw.markdown.get("strategy.md"), strategy_front),  # type: ignore[arg-type]  # ditto
        quarters={k: v for k, v in quarters.items() if v},
        edition_date=(deck.date if deck else None) or today, intake=intake,
        wins=_items(raw.markdown.get("wins.md"), wins_front),
        asks=_items(raw.markdown.get("asks.md"), asks_front),
        free_slides=[_free_slide(name, raw.slides[name], front) for name, front in slides.items() if front],
        sources=_sources(raw, typed.sources), unread=frozenset(unread), left_out=typed.left_out,
    )
    _load_assets(project, reporter)
    rules.check(project, reporter, quiet=missing)
    return None if unread or typed.broken else project


class _Typed:
    """Types each file, reporting its errors; keeps what validated of a broken file for the rules."""

    def __init__(self, reporter: Reporter) -> None:
        self.reporter = reporter
        self.broken = False
        self.sources: dict[str, Source] = {}
        self.left_out: dict[str, frozenset[str]] = {}

    def yaml(self, model: type[M], files: Mapping[str, Optional[Source]], name: str,
             folder: str = "") -> Optional[M]:
        """The model of file ``folder + name``, its single-file rules already run (they need no
        other file); for a file with errors, the model of what validated of it."""
        source = files.get(name)
        if source is None:
            return None
        found = validate(model, source, self.reporter)
        if found is None:
            self.broken = True
            salvaged = salvage(model, source)
            if salvaged is None:
                return None
            found, source = salvaged.model, salvaged.source
            self.sources[source.path] = source
            if salvaged.left_out is not None:
                self.left_out[folder + name] = salvaged.left_out
        rules.check_file(found, source, self.reporter, self.left_out.get(folder + name, frozenset()))
        return found

    def front(self, model: type[M], files: Mapping[str, Optional[Document]], name: str,
              folder: str = "") -> Optional[M]:
        doc = files.get(name)
        return self.yaml(model, {name: doc.front}, name, folder) if doc is not None else None


def _body(doc: Document) -> Markdown:
    return Markdown(doc.body, doc.path, doc.body_line)


def _charter(doc: Optional[Document], front: Optional[CharterFront]) -> Optional[Charter]:
    return Charter(front, _body(doc)) if doc and front else None


def _strategy(doc: Optional[Document], front: Optional[StrategyFront]) -> Optional[Strategy]:
    if doc is None or front is None:
        return None
    summary, sections = split_sections(_body(doc))
    return Strategy(list(front.pillars), summary, sections)


def _items(doc: Optional[Document], front: Optional[WinsFront | AsksFront]) -> Optional[Items]:
    if doc is None or front is None:
        return None
    return Items(split_items(_body(doc)), getattr(front, "period", None))


def _free_slide(name: str, doc: Optional[Document], front: SlideFront) -> FreeSlide:
    assert doc is not None  # a front was typed from it
    return FreeSlide(name, front.title, front.after, _body(doc))


def _sources(raw: RawProject, salvaged: dict[str, Source]) -> dict[str, Source]:
    """Each file's positions by the name rules use: 'deck.yaml', 'charter.md', 'okrs/2027-Q1'; for
    a file with errors, those of what validated of it (its list entries may have moved up)."""
    found: dict[str, Source] = {k: v for k, v in raw.yaml.items() if v}
    found.update({k: v.front for k, v in raw.markdown.items() if v})
    found.update({f"okrs/{k}": v for k, v in raw.okrs.items() if v})
    found.update({f"slides/{k}": v.front for k, v in raw.slides.items() if v})
    return {name: salvaged.get(source.path, source) for name, source in found.items()}


def _markdowns(project: Project) -> list[Markdown]:
    bodies = [project.charter.body] if project.charter else []
    if project.strategy:
        bodies += [project.strategy.summary, *(s.body for s in project.strategy.sections)]
    for items in (project.wins, project.asks):
        bodies += items.items if items else []
    bodies += [s.body for s in project.free_slides]
    return bodies


def _load_assets(project: Project, reporter: Reporter) -> None:
    """Read every picture the content names, and the brand template, so no later stage reads files."""
    for body in _markdowns(project):
        for reference, line, col in image_references(body):
            _asset(project, body.path, reference, Position(body.path, line, col), reporter)
        for written, line, col in images_without_alt(body):
            reporter.warning(f"picture '{written}' has no alternative text: write what it shows between "
                             "the brackets, for screen readers and PowerPoint's Accessibility Checker (the "
                             "deck marks it decorative)", Position(body.path, line, col))
        for written, line in undefined_images(body):
            reporter.warning(f"picture '{written}' names a reference not defined in this part, so it would not "
                             "show: add its '[label]: path' line next to it, or write ![text](path)",
                             Position(body.path, line))
    team = project.sources.get("team.yaml")
    for index, person in enumerate(project.team.people if project.team else []):
        if person.photo and team:
            _asset(project, team.path, person.photo, team.position(("people", index, "photo")), reporter)
    deck = project.sources.get("deck.yaml")
    if project.deck and project.deck.template and deck:
        where = deck.position(("template",))
        if not project.deck.template.lower().endswith((".pptx", ".potx")):
            reporter.error(f"template '{project.deck.template}' must be a .pptx or .potx file", where)
        else:
            found = _asset(project, deck.path, project.deck.template, where, reporter, picture=False)
            project.template = found


def _asset(project: Project, base: str, reference: str, where: Position, reporter: Reporter,
           picture: bool = True) -> Optional[bytes]:
    """The bytes of a file the content names (a picture unless told), after checking it."""
    if "://" in reference or reference.startswith(("data:", "/")):
        reporter.error(f"'{reference}': pictures must be files inside the project, named by a relative path",
                       where)
        return None
    found = read_asset(project.root, project.root / base, reference, where, reporter)
    if found is None:
        return None
    problem = picture_problem(reference, found[1]) if picture else None
    if problem:
        reporter.error(problem, where)
        return None
    project.assets[asset_key(base, reference)] = found[1]
    return found[1]
