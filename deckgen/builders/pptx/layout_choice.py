"""Which layout each kind of slide uses, across every master of a template.

A company template may hold several masters (a cover master, a content master), name its layouts
in any language ("Título da Apresentação", "Cover") and leave the layout type out. So a layout is
found, for each slide kind, in this order of evidence:

1. ``deck.yaml``'s ``layouts:`` mapping, when it names one (checked: an unknown name is an
   error listing the layouts that exist, and the layout must have the placeholder the slide needs);
2. the layout type PowerPoint records (``title``, ``secHead``, ``titleOnly``...), which survives
   renaming and translation;
3. the layout's name, matched against the usual names in several languages;
4. its placeholders: a cover has a centred title or a title and subtitle and nothing else; a
   content layout a title and at most one body.

Only a layout with a title placeholder is ever chosen (the title is never drawn over a layout's
sample text or artwork). Among equally good layouts, the one the template's own sample slides used
wins (its first slide is the author's cover), then the one on a master those slides used, then
the first in master and layout order.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Iterator, Optional, cast

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.opc.packuri import PackURI
from pptx.presentation import Presentation
from pptx.shapes.base import BaseShape
from pptx.shapes.placeholder import LayoutPlaceholder
from pptx.shapes.shapetree import BaseShapeFactory
from pptx.slide import SlideLayout

from deckgen.load.template_package import TemplateError

from .prepared import placeholder_ph

KINDS = ("title", "section", "content")
TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_FRAME = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
_BODY = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)

#: Slide kind -> the PowerPoint layout types for it, best first.
LAYOUT_TYPES: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "section": ("secHead",),
    "content": ("titleOnly", "obj", "tx"),
}
#: Slide kind -> layout names for it (lower case, spacing normalised), in the languages Office is
#: most used in; a name matches when it is one of these, or one followed by more words ("Cover 2").
LAYOUT_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title slide", "cover", "cover slide", "cover page", "title page", "opening",
              "titelfolie", "titelseite", "diapositive de titre", "page de titre", "couverture",
              "diapositiva de título", "portada", "diapositiva titolo", "copertina",
              "slide de título", "diapositivo de título", "título da apresentação", "capa",
              "titeldia", "omslag", "slajd tytułowy", "表紙", "タイトル スライド", "标题幻灯片",
              "제목 슬라이드"),
    "section": ("section header", "section title", "section", "chapter", "divider",
                "abschnittsüberschrift", "kapitel", "en-tête de section", "chapitre",
                "encabezado de sección", "intestazione sezione", "cabeçalho da secção",
                "cabeçalho da seção", "sectiekop", "nagłówek sekcji", "セクション見出し", "节标题",
                "구역 머리글"),
    "content": ("title only", "title and content", "title, content", "content", "only title",
                "nur titel", "titel und inhalt", "titre seul", "titre et contenu",
                "solo el título", "título y objetos", "solo titolo", "titolo e contenuto",
                "só título", "apenas título", "somente título", "título e conteúdo",
                "alleen titel", "titel en object", "tylko tytuł", "タイトルのみ", "仅标题",
                "제목만"),
}


class LayoutError(TemplateError):
    """``deck.yaml``'s ``layouts:`` names a layout the template cannot give; ``kind`` says which
    entry, str() says why and which layouts there are."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class LayoutChoice:
    """The layout a slide kind uses, and how it was found (shown by ``deckgen template check``)."""

    layout: SlideLayout
    how: str


def all_layouts(prs: Presentation) -> list[SlideLayout]:
    """Every layout of every master, in master order."""
    return [layout for master in prs.slide_masters for layout in master.slide_layouts]


def layout_label(prs: Presentation, layout: SlideLayout) -> str:
    """The layout's name, with its master's number when another master has a layout of that
    name: the form ``deck.yaml``'s ``layouts:`` accepts, e.g. ``Title Slide (master 2)``."""
    same = [lay for lay in all_layouts(prs) if _norm(lay.name) == _norm(layout.name)]
    if len(same) < 2:
        return layout.name
    return f"{layout.name} (master {_master_number(prs, layout)})"


def has_title(layout: SlideLayout) -> bool:
    return any(ph_type(ph) in TITLES for ph in placeholders(layout))


def choose_layouts(prs: Presentation, wanted: Mapping[str, str] = {},  # read only
                   samples: Sequence[str] = ()) -> dict[str, LayoutChoice]:
    """The layout for each of :data:`KINDS`; ``wanted`` is deck.yaml's mapping, ``samples`` the
    part names of the layouts the template's sample slides used (see the module doc).

    Raises :class:`LayoutError` for a mapping entry the template cannot satisfy.
    """
    chosen = {kind: _named(prs, kind, wanted[kind]) for kind in KINDS if wanted.get(kind)}
    for kind in KINDS:
        if kind not in chosen:
            found = _best(prs, kind, samples)
            chosen[kind] = found or _fallback(prs, kind, chosen, samples)
    return chosen


def _named(prs: Presentation, kind: str, name: str) -> LayoutChoice:
    """The layout deck.yaml names for ``kind``: by name or by ``Name (master N)``."""
    qualified = re.fullmatch(r"(.*?)\s*\(master (\d+)\)\s*", name)
    base, master = (qualified.group(1), int(qualified.group(2))) if qualified else (name, None)
    for layout in all_layouts(prs):
        if _norm(layout.name) == _norm(base) and master in (None, _master_number(prs, layout)):
            if not has_title(layout):
                titled = ", ".join(f"'{layout_label(prs, lay)}'" for lay in all_layouts(prs)
                                   if has_title(lay))
                raise LayoutError(kind, f"layout '{name}' has no title placeholder, which a {kind} "
                                        f"slide needs; layouts with one: {titled or 'none'}")
            return LayoutChoice(layout, "named in deck.yaml")
    names = ", ".join(f"'{layout_label(prs, lay)}'" for lay in all_layouts(prs))
    raise LayoutError(kind, f"the template has no layout named '{name}'; it has {names}")


def _best(prs: Presentation, kind: str, samples: Sequence[str]) -> Optional[LayoutChoice]:
    """The best layout for ``kind`` by type, name or placeholders; None when none fits."""
    ranked = []
    for order, layout in enumerate(all_layouts(prs)):
        if not has_title(layout):
            continue
        tier = _tier(kind, layout)
        if tier is not None:
            ranked.append(((tier[0], _sample_rank(prs, kind, layout, samples), order), layout, tier[1]))
    if not ranked:
        return None
    _, layout, how = min(ranked, key=lambda item: item[0])
    return LayoutChoice(layout, how)


def _tier(kind: str, layout: SlideLayout) -> Optional[tuple[float, str]]:
    """How strongly ``layout`` looks made for ``kind`` (lower is stronger), and why; None when
    it does not look made for it at all."""
    types = [ph_type(ph) for ph in placeholders(layout) if ph_type(ph) not in _FRAME]
    if kind == "content" and {PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.SUBTITLE} & set(types):
        return None  # a cover, whatever its type says (LibreOffice types its cover "tx")
    kind_of = layout._element.get("type", "")
    if kind_of in LAYOUT_TYPES[kind]:
        return LAYOUT_TYPES[kind].index(kind_of) / 10, f"by its type '{kind_of}'"
    named = _name_rank(kind, layout.name)
    if named is not None:
        return 1 + named / 1000, "by its name"
    others = [t for t in types if t not in TITLES]
    if kind == "title" and (PP_PLACEHOLDER.CENTER_TITLE in types
                            or (others and set(others) == {PP_PLACEHOLDER.SUBTITLE})):
        return 2, "by its placeholders (a cover's title and subtitle)"
    body_only = all(t in _BODY for t in others) and len(others) <= 1
    if kind == "content" and body_only:
        return 2 + len(others) / 10, "by its placeholders (a title and at most one body)"
    return None


def _name_rank(kind: str, name: str) -> Optional[int]:
    """The place in :data:`LAYOUT_NAMES` of the first name ``name`` matches, or None."""
    name = _norm(name)
    return next((n for n, known in enumerate(LAYOUT_NAMES[kind])
                 if name == known or name.startswith(known + " ")), None)


def _sample_rank(prs: Presentation, kind: str, layout: SlideLayout, samples: Sequence[str]) -> int:
    """0: a sample slide of this kind used the layout; 1: one used its master; 2: neither. The
    template's first slide stands for its cover, the others for content."""
    used = list(samples[:1]) if kind == "title" else list(samples[1:])
    if str(layout.part.partname) in used:
        return 0
    masters = {_master_of(prs, part) for part in used}
    return 1 if layout.slide_master.part.partname in masters else 2


def _master_of(prs: Presentation, partname: str) -> Optional[PackURI]:
    for layout in all_layouts(prs):
        if str(layout.part.partname) == partname:
            return layout.slide_master.part.partname
    return None


def _fallback(prs: Presentation, kind: str, chosen: dict[str, LayoutChoice],
              samples: Sequence[str]) -> LayoutChoice:
    """No layout fits ``kind``: a title or section slide takes the content layout; content takes
    the titled layout with fewest other placeholders, else the emptiest layout of all."""
    if kind != "content":
        content = chosen.get("content") or _best(prs, "content", samples)
        if content is not None:
            return LayoutChoice(content.layout, "as content (no layout made for it)")
    layouts = all_layouts(prs)
    titled = [lay for lay in layouts if has_title(lay)]
    if titled:
        return LayoutChoice(min(titled, key=lambda lay: len(_others(lay))),
                            "the titled layout with the fewest other placeholders")
    return LayoutChoice(min(layouts, key=lambda lay: len(lay.shapes)),
                        "no layout has a title placeholder: the emptiest one")


def _others(layout: SlideLayout) -> list[LayoutPlaceholder]:
    return [ph for ph in placeholders(layout) if ph_type(ph) not in (*TITLES, *_FRAME)]


def _master_number(prs: Presentation, layout: SlideLayout) -> int:
    masters = [m.part.partname for m in prs.slide_masters]
    return masters.index(layout.slide_master.part.partname) + 1


def ph_type(shape: BaseShape) -> Optional[PP_PLACEHOLDER]:
    """The placeholder's type (an untyped placeholder is a content "object" one), read from its
    ``p:ph`` as python-pptx's ``placeholder_format.type`` reads it, without its XPath query."""
    ph = placeholder_ph(shape._element)
    if ph is None:
        raise ValueError("shape is not a placeholder")
    kind: Optional[PP_PLACEHOLDER] = ph.type
    return kind


def placeholders(layout: SlideLayout) -> list[LayoutPlaceholder]:
    """The layout's placeholders, as python-pptx's ``layout.placeholders`` holds them, found by
    walking its shape tree's children (python-pptx queries each shape by XPath, twice), and as
    a list: python-pptx declares ``LayoutPlaceholders.__iter__`` as a callable attribute, which
    mypy cannot iterate over directly."""
    parent = layout.placeholders
    return [LayoutPlaceholder(element, parent) if element.tag == _SP else cast(
        LayoutPlaceholder, BaseShapeFactory(element, parent))
        for element, _ in placeholder_elements(layout.shapes._spTree)]


def placeholder_elements(tree: etree._Element) -> Iterator[tuple[etree._Element, etree._Element]]:
    """Each placeholder shape in the shape tree ``tree`` with its ``p:ph``, in order: what
    python-pptx's ``placeholders`` of a slide, layout or master hold, read from the children."""
    for element in tree.iterchildren(*_SHAPE_TAGS):
        ph = placeholder_ph(element)
        if ph is not None:
            yield element, ph


_SP = qn("p:sp")
_SHAPE_TAGS = tuple(qn(f"p:{tag}") for tag in ("sp", "grpSp", "graphicFrame", "cxnSp", "pic", "contentPart"))


def _norm(name: str) -> str:
    return re.sub(r"[\s_\-]+", " ", name).strip().lower()
