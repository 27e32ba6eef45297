"""What a shape inherits: a placeholder's position, text frame and text styles come from its
layout's placeholder, then the master's, then the master's text styles and the theme's fonts.

PowerPoint resolves every property along this chain; so does LibreOffice, so the picture must
too, or a brand template's titles come out in the wrong size, colour and place.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional, overload

from lxml import etree

from .colors import Palette, qn
from .scene import Scene

_TITLES = ("title", "ctrTitle")
_BODIES = ("body", "subTitle", "obj", "")
_STYLE_OF = {"title": "titleStyle", "ctrTitle": "titleStyle", "body": "bodyStyle",
             "subTitle": "bodyStyle", "obj": "bodyStyle", "": "bodyStyle"}


@dataclass
class Context:
    """Everything a slide's drawing reads besides the slide itself."""

    palette: Palette
    fonts: dict[str, str]            # '+mj-lt' → the theme's heading font, '+mn-lt' → body
    layout: etree._Element           # p:sldLayout
    master: etree._Element           # p:sldMaster
    default_text: Optional[etree._Element]  # p:presentation/p:defaultTextStyle
    scene: Scene
    part: Any                        # the part whose relationships the shapes drawn now use
    charts: dict[str, Any] = field(default_factory=dict)

    def family(self, typeface: Optional[str]) -> str:
        face = typeface or "+mn-lt"
        return self.fonts.get(face[:6], face) if face.startswith("+") else face


def placeholder(shape: etree._Element) -> Optional[etree._Element]:
    """The shape's ``p:ph``, if it is a placeholder."""
    nv = shape[0] if len(shape) else None
    return nv.find(f"{qn('p:nvPr')}/{qn('p:ph')}") if nv is not None else None


def ph_type(ph: etree._Element) -> str:
    return str(ph.get("type", "obj"))


def _matches(ph: etree._Element, other: etree._Element, by_idx: bool) -> bool:
    kind, theirs = ph_type(ph), ph_type(other)
    if kind in _TITLES or theirs in _TITLES:
        return kind in _TITLES and theirs in _TITLES
    if by_idx:
        return bool(ph.get("idx", "0") == other.get("idx", "0"))
    same_family = kind in _BODIES and theirs in _BODIES
    return kind == theirs or same_family


def _find(tree_owner: etree._Element, ph: etree._Element, by_idx: bool) -> Optional[etree._Element]:
    tree = tree_owner.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    for shape in tree.iter(qn("p:sp")) if tree is not None else []:
        theirs = placeholder(shape)
        if theirs is not None and _matches(ph, theirs, by_idx):
            return shape
    return None


def inherited(ctx: Context, shape: etree._Element, owner: str) -> list[etree._Element]:
    """The shapes ``shape`` inherits from, nearest first (none for a plain shape). ``owner``
    says whose shape it is: a layout's inherits from the master only, a master's from nothing."""
    ph = placeholder(shape)
    if ph is None or owner == "master":
        return []
    found = []
    if owner == "slide":
        on_layout = _find(ctx.layout, ph, by_idx=True)
        if on_layout is None:
            on_layout = _find(ctx.layout, ph, by_idx=False)
        if on_layout is not None:
            found.append(on_layout)
    on_master = _find(ctx.master, ph, by_idx=False)
    if on_master is not None:
        found.append(on_master)
    return found


def first(elements: list[Optional[etree._Element]], path: str) -> Optional[etree._Element]:
    """The first of ``elements`` that has a child at ``path`` (e.g. 'p:spPr/a:xfrm'), that child."""
    for element in elements:
        if element is not None:
            found = element.find(_qpath(path))
            if found is not None:
                return found
    return None


def _qpath(path: str) -> str:
    return "/".join(qn(part) for part in path.split("/"))


def level_styles(ctx: Context, shape: etree._Element, parents: list[etree._Element],
                 level: int) -> list[etree._Element]:
    """The ``a:lvlNpPr`` elements that style a paragraph at ``level`` (0-based), nearest first:
    the shape's list style, its parents', then the master's text style for its kind."""
    tag = f"a:lvl{level + 1}pPr"
    found = [first([s], f"p:txBody/a:lstStyle/{tag}") for s in (shape, *parents)]
    ph = placeholder(shape)
    master_styles = ctx.master.find(qn("p:txStyles"))
    if ph is not None and master_styles is not None:
        style = master_styles.find(qn(f"p:{_STYLE_OF.get(ph_type(ph), 'otherStyle')}"))
        found.append(style.find(qn(tag)) if style is not None else None)
    elif ctx.default_text is not None:
        found.append(ctx.default_text.find(qn(tag)))
    return [f for f in found if f is not None]


@overload
def attr(elements: list[etree._Element], name: str, default: str) -> str: ...
@overload
def attr(elements: list[etree._Element], name: str, default: None = None) -> Optional[str]: ...
def attr(elements: list[etree._Element], name: str, default: Optional[str] = None) -> Optional[str]:
    """The first value of attribute ``name`` along ``elements``."""
    for element in elements:
        value: Optional[str] = element.get(name)
        if value is not None:
            return value
    return default
