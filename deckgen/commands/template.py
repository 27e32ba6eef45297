"""`deckgen template check FILE`, and the template's diagnostics in every `check` and `build`.

A brand team runs ``template check`` on a new template before anyone builds with it: it reads
the template as deckgen will (untrusted, see ``builders/pptx/template.py``), then says which
layout each slide kind will use and why, which placeholders those layouts have and lack, the
slide size, masters and theme fonts, and what was dropped as unsafe. It exits 1 on what would
break a deck (a template deckgen cannot read, or a ``layouts:`` entry it cannot satisfy).

In a project, the same reading turns into diagnostics on ``deck.yaml``'s ``template`` and
``layouts`` lines, so ``deckgen check`` reports them before a build would fail.
"""
from __future__ import annotations

from pathlib import Path
from typing import Mapping, Optional

from ..builders.pptx.base import template_fonts
from ..builders.pptx.layout_choice import (KINDS, LayoutChoice, LayoutError, all_layouts,
                                           choose_layouts, layout_label, ph_type, placeholders)
from ..builders.pptx.freearea import obstacles, overlapping
from ..builders.pptx import text
from ..builders.pptx.design import TYPE
from ..builders.pptx.layouts import frame_for, slide_size
from ..builders.pptx.template import BrandTemplate, open_template
from ..load.template_package import TemplateError
from ..diagnostics import Position, Reporter
from ..load.files import MAX_ASSET_BYTES
from ..model.project import Project
from ..model.contrast import contrast
from ..plan.colour_check import template_problems
from ..plan.palette import DeckColours, deck_colours
from ..plan.slides import Theme

#: What each slide kind puts in which placeholder, and where it goes without one.
_NEEDS: dict[str, tuple[tuple[str, tuple[str, ...], str], ...]] = {
    "title": (("title", ("TITLE", "CENTER_TITLE"), "required"),
              ("subtitle", ("SUBTITLE", "BODY"), "the subtitle is drawn in the body area")),
    "section": (("title", ("TITLE", "CENTER_TITLE"), "required"),),
    "content": (("title", ("TITLE", "CENTER_TITLE"), "required"),
                ("footer", ("FOOTER",), "the footer is drawn on the grid"),
                ("slide number", ("SLIDE_NUMBER",), "the number is drawn on the grid")),
}
_NAMES = {"title": "title slides", "section": "section slides", "content": "content slides"}


def read_template(data: bytes, layouts: Mapping[str, str]) -> tuple[BrandTemplate, dict[str, LayoutChoice]]:
    """The template opened and its layouts chosen; TemplateError or LayoutError otherwise."""
    brand = open_template(data)
    return brand, choose_layouts(brand.prs, layouts, brand.sample_layouts)


def template_diagnostics(project: Project, reporter: Reporter) -> None:
    """Report the project's brand template: an error where it cannot be used or ``layouts:``
    cannot be satisfied, a warning for each thing dropped from it as unsafe."""
    source = project.sources.get("deck.yaml")
    if source is None:
        return
    wanted = project.deck.layouts.model_dump(exclude_none=True)
    if not project.template:
        for kind in wanted:
            reporter.warning("layouts: applies to a brand template (template:), and there is none",
                             source.position(("layouts", kind)))
        return
    where = source.position(("template",))
    try:
        brand, chosen = read_template(project.template, wanted)
    except LayoutError as exc:
        reporter.error(str(exc), source.position(("layouts", exc.kind)))
        return
    except TemplateError as exc:
        reporter.error(f"cannot use the template '{project.deck.template}': {exc}", where)
        return
    for item in brand.dropped:
        reporter.warning(f"the template's {item} is left out of the deck", where)
    theme = project.deck.theme
    colours = deck_colours(theme.primary, theme.accent, project.template)
    for problem in [*template_problems(colours, _parts(chosen)), *_room(brand, chosen)]:
        reporter.warning(problem, where)


def _parts(chosen: Mapping[str, LayoutChoice]) -> set[str]:
    """The part names of the layouts the deck will use."""
    return {str(choice.layout.part.partname) for choice in chosen.values()}


def template_error_diagnostics(project: Project, error: TemplateError) -> Reporter:
    """A TemplateError raised while building, as diagnostics on deck.yaml."""
    reporter = Reporter()
    source = project.sources.get("deck.yaml")
    if isinstance(error, LayoutError) and source is not None:
        reporter.error(str(error), source.position(("layouts", error.kind)))
    else:
        where = source.position(("template",)) if source is not None else Position("deck.yaml")
        reporter.error(f"cannot use the template '{project.deck.template}': {error}", where)
    return reporter


# deckgen template check -------------------------------------------------------------------------
def run_template_check(path: Path, layouts: Optional[Mapping[str, str]] = None) -> tuple[list[str], int]:
    """The report on the template at ``path`` and the exit code (1: it would break a deck)."""
    shown = str(path)
    try:
        if path.stat().st_size > MAX_ASSET_BYTES:
            return [f"{shown}: error: it is larger than {MAX_ASSET_BYTES // 2**20} MiB"], 1
        data = path.read_bytes()
    except OSError as exc:
        return [f"{shown}: error: cannot read it: {exc.strerror or exc}"], 1
    try:
        brand, chosen = read_template(data, layouts or {})
    except LayoutError as exc:
        return [f"{shown}: error: layouts: {exc.kind}: {exc}"], 1
    except TemplateError as exc:
        return [f"{shown}: error: deckgen cannot use this template: {exc}"], 1
    colours = deck_colours("#1F3A5F", "#F28C28", data)
    lines = [f"{shown}: a template deckgen can use", *_describe(brand, chosen), *_colours(colours, chosen)]
    lines += [f"{shown}: warning: {w}" for w in _warnings(brand, chosen)]
    lines += [f"{shown}: warning: {w}" for w in template_problems(colours, _parts(chosen))]
    lines += [f"{shown}: warning: {w}" for w in _room(brand, chosen)]
    return lines, 0


def _describe(brand: BrandTemplate, chosen: dict[str, LayoutChoice]) -> list[str]:
    prs = brand.prs
    width, height = (prs.slide_width or 0) / 914400, (prs.slide_height or 0) / 914400
    lines = [f"  slide size: {width:.2f} x {height:.2f} in ({_ratio(width, height)})",
             f"  masters: {len(prs.slide_masters)}, layouts: {len(all_layouts(prs))}"]
    for kind in KINDS:
        choice = chosen[kind]
        lines.append(f"  {_NAMES[kind]}: '{layout_label(prs, choice.layout)}', {choice.how}")
        found, missing = _placeholders(kind, choice)
        lines.append(f"    placeholders found: {', '.join(found) or 'none'}")
        lines += [f"    missing: {what}: {effect}" for what, effect in missing]
    fonts = template_fonts(prs, Theme("#000000", "#000000", "Calibri", "Calibri"))
    lines += [f"  {role} font: {family}" for role, family in (("headings", fonts.heading), ("body", fonts.body))]
    return lines + [f"    {note}" for note in fonts.stand_ins()]


def _colours(colours: DeckColours, chosen: Mapping[str, LayoutChoice]) -> list[str]:
    """The brand colours, and for each slide kind its layout's background, the template's own
    title and body colours there, and the colour deckgen sets its text in, with their contrast."""
    lines = [f"  brand colours: primary {colours.primary}, accent {colours.accent}"]
    if colours.template is None:  # never: deck_colours was given the template's bytes
        return lines
    for kind in KINDS:
        part = str(chosen[kind].layout.part.partname)
        found, drawn = colours.template.layout(part), colours.for_layout(part)
        if found is None:
            continue
        lines.append(f"  {_NAMES[kind]} colours: background {found.background}; template title "
                     f"{found.title}{_on(found.title_background, found.background)} "
                     f"({contrast(found.title, found.title_background):.1f}:1), body "
                     f"{found.body} ({contrast(found.body, found.background):.1f}:1); deckgen's text "
                     f"{drawn.text} ({contrast(drawn.text, drawn.background):.1f}:1)")
        if colours.panel(part):
            lines.append(f"    the artwork under the body is many-coloured: content is drawn on a plain "
                         f"{drawn.background} panel")
    return lines


def _on(ground: str, background: str) -> str:
    """' on #RRGGBB' where a title is drawn on its own fill, not on the slide's background."""
    return "" if ground == background else f" on {ground}"


def _room(brand: BrandTemplate, chosen: Mapping[str, LayoutChoice]) -> list[str]:
    """Where a layout leaves too little room: marks (logos, art) its title, subtitle or content
    cannot keep off, a body under a third of the slide's height, a cover subtitle box too small
    for a typical cover's lines."""
    prs, found = brand.prs, []
    size = slide_size(prs)
    layouts = {str(c.layout.part.partname): c.layout for c in chosen.values()}
    for layout in layouts.values():
        frame, marks = frame_for(prs, layout), obstacles(layout, size)
        label = layout_label(prs, layout)
        for what, box in (("content", frame.body), ("titles", frame.title), ("subtitles", frame.subtitle)):
            covered = overlapping(box, marks) if box is not None else []
            if covered:
                found.append(f"layout '{label}' leaves too little room to keep {what} off {len(covered)} "
                             f"of its pictures or shapes: slides on it are drawn over them")
        if frame.body.h < size[1] / 3:
            found.append(f"layout '{label}' leaves only {frame.body.h / 72:.1f} in of height for content "
                         f"(of {size[1] / 72:.1f} in): long slides continue on many more slides")
    return found + _cover_subtitle(brand, chosen["title"])


#: The lines of a typical cover's subtitle (the example's): edition, author, audience, date.
TYPICAL_COVER = ("Northwind Analytics · OKRs for 2027-Q1 (Jan–Mar 2027)",
                 "Maya Okafor, Director, Product Marketing", "For CMO, Head of Sales, Head of Product",
                 "January 5, 2027")


def _cover_subtitle(brand: BrandTemplate, cover: LayoutChoice) -> list[str]:
    """A warning when the cover's subtitle box cannot hold :data:`TYPICAL_COVER` at the type
    scale's smallest subtitle size (the builder then sets it smaller still, down to 11 pt)."""
    frame = frame_for(brand.prs, cover.layout)
    if frame.subtitle is None:
        return []
    fonts = template_fonts(brand.prs, Theme("#000000", "#000000", "Calibri", "Calibri"))
    floor, box = TYPE["subtitle"].floor, frame.subtitle
    lines = [text.plain(line, "line") for line in TYPICAL_COVER]
    needed = text.height(lines, fonts.body_measure, floor, box.w)
    if needed <= box.h:
        return []
    return [f"the cover's subtitle box ({box.w / 72:.1f} x {box.h / 72:.1f} in) is too small for a "
            f"typical cover's {len(lines)} lines at {floor:g} pt (they need {needed / 72:.1f} in): "
            f"such a subtitle is set below {floor:g} pt; make the box taller in the template's title layout"]


def _placeholders(kind: str, choice: LayoutChoice) -> tuple[list[str], list[tuple[str, str]]]:
    types = {getattr(ph_type(ph), "name", "") for ph in placeholders(choice.layout)}
    found = [what for what, wanted, _ in _NEEDS[kind] if types & set(wanted)]
    missing = [(what, effect) for what, wanted, effect in _NEEDS[kind] if not types & set(wanted)]
    return found, missing


def _warnings(brand: BrandTemplate, chosen: dict[str, LayoutChoice]) -> list[str]:
    found = [f"left out of decks as unsafe: {item}" for item in brand.dropped]
    for kind in KINDS:
        if ("title", "required") in [(w, e) for w, e in _placeholders(kind, chosen[kind])[1]]:
            found.append(f"no layout has a title placeholder: {_NAMES[kind]} get their title in a "
                         "text box, which may sit over the layout's artwork")
    return found


def _ratio(width: float, height: float) -> str:
    for name, value in (("16:9", 16 / 9), ("4:3", 4 / 3), ("16:10", 16 / 10)):
        if abs(width / height - value) < 0.01:
            return name
    return f"{width / height:.2f}:1"
