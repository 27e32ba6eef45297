"""A brand template's colours as PowerPoint resolves them: what each layout draws behind a slide,
and the colour its title and body text come out in.

A theme names twelve colours (``dk1``, ``lt1``, ``accent1``…), but a slide never uses them
directly: text asks for ``tx1`` and the background for ``bg1``, and the master's colour map
(``<p:clrMap bg1="dk1" tx1="lt1">`` on a dark template) says which theme colour each means; a
layout may override the map (``p:clrMapOvr``). The background is the layout's own, else the
master's: a solid or gradient fill, a picture, or a reference into the theme's background fills
(``p:bgRef idx="1001"``) tinted by its colour. A picture or filled shape drawn by the master or
layout is background too: what counts is the colour under the body placeholder (and under the title,
for the title's colour). Text colours come from the title and body placeholders' list styles, then the
master's text styles (``p:txStyles``), then ``tx1``.

Only the package's XML is read (through ``load/template_package.py``, which reads every template
with the same caps and safe parser), never python-pptx, so the plan and ``check`` can read it;
the pptx builder reads the answers by layout part name.
"""
from __future__ import annotations

import io
import posixpath
from dataclasses import dataclass, field
from typing import Iterator, Optional

from lxml import etree

from ..load.template_package import TemplateError, parse_xml, unpack
from ..model.colour_modifiers import modified, scrgb
from ..model.contrast import BLACK, LARGE_MINIMUM, WHITE, contrast

_NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
#: The colour map PowerPoint assumes when a master has none.
DEFAULT_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2", **{
    s: s for s in ("accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink")}}
#: Placeholder types that hold a slide's body text (a typeless one is a body placeholder).
_BODY = ("body", "obj", "subTitle", None)
#: Placeholder types that hold a slide's title.
_TITLES = ("title", "ctrTitle")
#: Slot names a slide's shapes use; each is a theme colour through the colour map.
SLIDE_SLOTS = tuple(DEFAULT_MAP)
#: Points a side of the grid the body box is sampled on for artwork under it.
PANEL_GRID = 5
#: Artwork under the body in this many colours or more, on which neither black nor white text
#: reaches large text's contrast everywhere, gets a panel; one band or mark across the body
#: (two colours) is left to the text colours and the free area.
PANEL_COLOURS = 3
_PRESET = {"black": "#000000", "white": "#FFFFFF", "red": "#FF0000", "green": "#008000",
           "blue": "#0000FF", "yellow": "#FFFF00", "gray": "#808080", "grey": "#808080",
           "navy": "#000080", "darkBlue": "#00008B", "darkGray": "#A9A9A9", "ltGray": "#D3D3D3"}


@dataclass(frozen=True)
class LayoutColours:
    """One layout as a slide on it looks: background, the slot colours, its text colours."""

    part: str  # the layout's part name, '/ppt/slideLayouts/slideLayout2.xml'
    name: str
    master: str  # the master's part name
    background: str  # '#RRGGBB', as drawn (a picture's average colour)
    slots: dict[str, str] = field(compare=False)  # 'tx1', 'bg1', 'accent1'… → '#RRGGBB'
    title: str = "#000000"  # the colour the layout's title placeholder sets text in
    title_background: str = "#FFFFFF"  # what the title is drawn on (its own fill, or the slide)
    body: str = "#000000"  # the colour of body text (the master's body style)
    #: what the title is drawn on when the pptx builder moves it to the master's title box (a
    #: LibreOffice template whose layouts all copy one title box: ``layouts._master_title``)
    master_title_background: str = "#FFFFFF"
    #: the artwork under the body shows more than one colour (LibreOffice's Focus: red, orange,
    #: yellow... freeforms), so no one text colour reads on it: slides draw a plain panel in
    #: ``background`` (then the slide's own background) behind their content
    panel: bool = False
    #: the artwork under the layout's title box is many-coloured (Focus's freeforms run under its
    #: titles too): the title is drawn on a plain panel in the slide's background, so
    #: ``title_background`` is that background
    title_panel: bool = False
    #: the same for the master's title box (where the pptx builder may move the title)
    master_title_panel: bool = False


@dataclass(frozen=True)
class TemplateColours:
    """Every layout of every master, in the template's order; the first master's theme colours."""

    scheme: dict[str, str]  # 'dk1', 'lt1', 'accent1'… → '#RRGGBB'
    layouts: tuple[LayoutColours, ...]

    def layout(self, part: str) -> Optional[LayoutColours]:
        return next((lay for lay in self.layouts if lay.part == part), None)


def read_template_colours(data: bytes) -> Optional[TemplateColours]:
    """The colours of the template ``data`` (a .pptx/.potx); None when it cannot be read (the
    builder reports a broken template)."""
    try:
        package = _Package(unpack(data))
        masters = list(package.masters())
        layouts = tuple(lay for master in masters for lay in master.layouts(package))
    except (TemplateError, KeyError, ValueError):
        return None
    return TemplateColours(masters[0].scheme, layouts) if masters else None


class _Package:
    """Parts of a zip package by name, parsed once, and their relationships."""

    def __init__(self, parts: dict[str, bytes]) -> None:
        self.parts = parts
        self.names = set(parts)
        self._xml: dict[str, etree._Element] = {}
        #: each picture part's average colour, worked out once however many shapes show it
        self.averages: dict[str, Optional[str]] = {}

    def xml(self, part: str) -> etree._Element:
        if part not in self._xml:
            self._xml[part] = parse_xml(part, self.parts[part.lstrip("/")])
        return self._xml[part]

    def related(self, part: str, kind: str) -> list[str]:
        """Part names ``part`` links to by a relationship whose type ends in ``/kind``, in order."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if rels.lstrip("/") not in self.names:
            return []
        found = []
        for rel in self.xml(rels).findall("rel:Relationship", _NS):
            if rel.get("Type", "").endswith("/" + kind) and rel.get("TargetMode") != "External":
                found.append(posixpath.normpath(posixpath.join(folder, rel.get("Target", ""))))
        return [p for p in found if p.lstrip("/") in self.names]

    def target(self, part: str, rid: str) -> Optional[str]:
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if rels.lstrip("/") not in self.names:
            return None
        for rel in self.xml(rels).findall("rel:Relationship", _NS):
            if rel.get("Id") == rid and rel.get("TargetMode") != "External":
                path = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
                return path if path.lstrip("/") in self.names else None
        return None

    def main(self) -> str:
        root = self.xml("/_rels/.rels")
        for rel in root.findall("rel:Relationship", _NS):
            if rel.get("Type", "").endswith("/officeDocument"):
                return "/" + str(rel.get("Target", "")).lstrip("/")
        raise KeyError("no main part")

    def masters(self) -> Iterator["_Master"]:
        main = self.main()
        size = self.xml(main).find("p:sldSz", _NS)
        area = (int(size.get("cx")), int(size.get("cy"))) if size is not None else (12192000, 6858000)
        for part in self.related(main, "slideMaster"):
            themes = self.related(part, "theme")
            if themes:
                yield _Master(part, self.xml(part), themes[0], self.xml(themes[0]), area)


class _Master:
    def __init__(self, part: str, root: etree._Element, theme_part: str, theme: etree._Element,
                 area: tuple[int, int]) -> None:
        self.part, self.root, self.area = part, root, area
        self.theme_part, self.theme = theme_part, theme
        self.scheme = _scheme(theme)
        clr_map = root.find("p:clrMap", _NS)
        self.map = {**DEFAULT_MAP, **(dict(clr_map.attrib) if clr_map is not None else {})}

    def layouts(self, package: _Package) -> Iterator[LayoutColours]:
        for part in package.related(self.part, "slideLayout"):
            yield self._layout(package, part, package.xml(part))

    def _layout(self, package: _Package, part: str, root: etree._Element) -> LayoutColours:
        override = root.find("p:clrMapOvr/a:overrideClrMapping", _NS)
        colour_map = {**self.map, **(dict(override.attrib) if override is not None else {})}
        slots = {slot: self.scheme.get(colour_map.get(slot, slot), "#000000") for slot in SLIDE_SLOTS}
        resolve = _Resolver({**self.scheme, **slots})
        title_box = _first_box(root, _TITLES) or _first_box(self.root, ("title",))
        master_title_box = _first_box(self.root, ("title",))
        body_box = _first_box(root, _BODY) or _first_box(self.root, ("body",))
        body_at = _middle(body_box) if body_box else (self.area[0] // 2, self.area[1] // 2)
        surface = self._surface(package, part, root, resolve)
        panel = surface.many_coloured_under(body_box)
        background = surface.background if panel else surface.at(body_at)
        title_fill = _placeholder_fill(root, _TITLES, resolve) or _placeholder_fill(
            self.root, ("title",), resolve)
        title_panel = title_fill is None and surface.many_coloured_under(title_box)
        master_title_panel = title_fill is None and surface.many_coloured_under(master_title_box)
        under_title = surface.background if title_panel else surface.under(title_box, background)
        under_master_title = surface.background if master_title_panel else surface.under(
            master_title_box, under_title)
        cs_ld = root.find("p:cSld", _NS)
        return LayoutColours(
            part=part, name=cs_ld.get("name", "") if cs_ld is not None else "", master=self.part,
            background=background, slots=slots, title=self._text(root, resolve, _TITLES, "p:titleStyle"),
            title_background=title_fill or under_title, body=self._text(root, resolve, _BODY, "p:bodyStyle"),
            master_title_background=title_fill or under_master_title, panel=panel,
            title_panel=title_panel, master_title_panel=master_title_panel)

    def _surface(self, package: _Package, part: str, root: etree._Element, resolve: "_Resolver") -> "_Surface":
        """What a slide of this layout shows under its own text: the layout's filled shapes and
        pictures, then the master's (unless the layout hides them), then the background."""
        layers = [_filled_shapes(package, part, root, resolve)]
        if root.get("showMasterSp", "1") not in ("0", "false"):
            layers.append(_filled_shapes(package, self.part, self.root, resolve))
        return _Surface(tuple(layers), self._background(package, part, root, resolve))

    def _background(self, package: _Package, part: str, root: etree._Element, resolve: "_Resolver") -> str:
        """The slide background of this layout: the layout's, the master's, ``bg1``."""
        for source, tree in ((part, root), (self.part, self.root)):
            bg = tree.find("p:cSld/p:bg", _NS)
            colour = _bg_colour(package, source, bg, resolve, self.theme, self.theme_part) if bg is not None else None
            if colour is not None:
                return colour
        return resolve.slot("bg1") or WHITE

    def _text(self, root: etree._Element, resolve: "_Resolver", kinds: tuple[Optional[str], ...],
              style: str) -> str:
        """The colour a placeholder of ``kinds`` sets its first level in, as PowerPoint inherits it:
        layout placeholder, master placeholder, master text style, ``tx1``."""
        for tree in (root, self.root):
            for ph in _placeholders(tree, kinds):
                found = ph.find("p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr", _NS)
                colour = resolve.fill(found) if found is not None else None
                if colour:
                    return colour
        found = self.root.find(f"p:txStyles/{style}/a:lvl1pPr/a:defRPr", _NS)
        return (resolve.fill(found) if found is not None else None) or resolve.slot("tx1") or "#000000"


def _scheme(theme: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    scheme = theme.find(".//a:clrScheme", _NS)
    for slot in scheme if scheme is not None else []:
        colour = next(iter(slot), None)
        value = _Resolver({}).colour(colour) if colour is not None else None
        if value:
            found[etree.QName(slot).localname] = value
    return found


def _placeholders(tree: etree._Element, kinds: tuple[Optional[str], ...]) -> list[etree._Element]:
    """Placeholder shapes of ``tree`` whose type is one of ``kinds`` (None: a typeless one, which
    is a body placeholder)."""
    found = []
    for sp in tree.iterfind(".//p:sp", _NS):
        ph = sp.find("p:nvSpPr/p:nvPr/p:ph", _NS)
        if ph is not None and ph.get("type") in kinds:
            found.append(sp)
    return found


def _placeholder_fill(tree: etree._Element, kinds: tuple[str, ...], resolve: "_Resolver") -> Optional[str]:
    for sp in _placeholders(tree, kinds):
        sp_pr = sp.find("p:spPr", _NS)
        colour = resolve.fill(sp_pr) if sp_pr is not None else None
        if colour is not None:
            return colour
    return None


def _middle(box: tuple[int, int, int, int]) -> tuple[int, int]:
    """The centre (EMU) of ``box``."""
    return box[0] + box[2] // 2, box[1] + box[3] // 2


def _many_coloured(colours: set[str]) -> bool:
    """Whether ``colours`` (what lies under the body) are too many and too varied for one text
    colour: :data:`PANEL_COLOURS` or more, and neither black nor white reads on all of them."""
    return len(colours) >= PANEL_COLOURS and not any(
        all(contrast(ink, ground) >= LARGE_MINIMUM for ground in colours) for ink in (BLACK, WHITE))


def _first_box(tree: etree._Element, kinds: tuple[Optional[str], ...]) -> Optional[tuple[int, int, int, int]]:
    """The box (EMU) of the first placeholder of ``kinds`` in ``tree`` that has a position."""
    return next((box for sp in _placeholders(tree, kinds) if (box := _box(sp)) is not None), None)


def _box(shape: etree._Element) -> Optional[tuple[int, int, int, int]]:
    off, ext = shape.find("p:spPr/a:xfrm/a:off", _NS), shape.find("p:spPr/a:xfrm/a:ext", _NS)
    if off is None or ext is None:
        return None
    return int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0))


#: A placeholder-free shape's box (EMU) and the colour it paints.
_Filled = tuple[tuple[int, int, int, int], str]


def _filled_shapes(package: _Package, part: str, tree: etree._Element, resolve: "_Resolver") -> tuple[_Filled, ...]:
    """The pictures and filled shapes of ``tree`` (placeholders aside) with a position, in
    drawing order, each with its colour: resolved once, however many points are sampled."""
    found = []
    for shape in tree.iterfind("p:cSld/p:spTree/*", _NS):
        if shape.find("*/p:nvPr/p:ph", _NS) is not None:
            continue
        box = _box(shape)
        colour = _shape_colour(package, part, shape, resolve) if box is not None else None
        if box is not None and colour is not None:
            found.append((box, colour))
    return tuple(found)


@dataclass(frozen=True)
class _Surface:
    """What a slide of one layout shows under its own text, read from the package once, so that
    sampling a box at many points (for panels) costs a scan of boxes, not a walk of the XML."""

    layers: tuple[tuple[_Filled, ...], ...]  # the layout's shapes, then the master's
    background: str

    def at(self, point: tuple[int, int]) -> str:
        """The colour at ``point`` (EMU): the topmost shape there of the first layer that has
        one, else the background."""
        for layer in self.layers:
            hits = [colour for box, colour in layer if _contains(box, point)]
            if hits:
                return hits[-1]
        return self.background

    def under(self, box: Optional[tuple[int, int, int, int]], default: str) -> str:
        """The colour at the middle of ``box`` (EMU); ``default`` when there is no box."""
        return self.at(_middle(box)) if box else default

    def many_coloured_under(self, box: Optional[tuple[int, int, int, int]]) -> bool:
        """Whether the artwork under ``box`` (a placeholder's, EMU), sampled on a grid of
        :data:`PANEL_GRID` points a side, is too many-coloured for one text colour, so that
        text there needs a plain panel."""
        if box is None:
            return False
        x, y, w, h = box
        steps = [(i + 0.5) / PANEL_GRID for i in range(PANEL_GRID)]
        return _many_coloured({self.at((x + round(w * fx), y + round(h * fy))) for fx in steps for fy in steps})


def _contains(box: tuple[int, int, int, int], point: tuple[int, int]) -> bool:
    return box[0] <= point[0] <= box[0] + box[2] and box[1] <= point[1] <= box[1] + box[3]


def _shape_colour(package: _Package, part: str, shape: etree._Element, resolve: "_Resolver") -> Optional[str]:
    blip = shape.find("p:blipFill/a:blip", _NS)
    if blip is not None:
        return _picture_colour(package, part, blip)
    sp_pr = shape.find("p:spPr", _NS)
    return resolve.fill(sp_pr) if sp_pr is not None else None


def _bg_colour(package: _Package, part: str, bg: etree._Element, resolve: "_Resolver",
               theme: etree._Element, theme_part: str) -> Optional[str]:
    """A ``p:bg``'s colour: its own fill properties, or the theme fill its ``p:bgRef`` names."""
    props = bg.find("p:bgPr", _NS)
    if props is not None:
        blip = props.find("a:blipFill/a:blip", _NS)
        return _picture_colour(package, part, blip) if blip is not None else resolve.fill(props)
    ref = bg.find("p:bgRef", _NS)
    if ref is None:
        return None
    index = int(ref.get("idx", "0") or 0)
    holder = next(iter(ref), None)
    placeholder_colour = resolve.colour(holder) if holder is not None else None
    styles = "a:bgFillStyleLst" if index >= 1001 else "a:fillStyleLst"
    fills = theme.find(f".//a:fmtScheme/{styles}", _NS)
    position = index - 1001 if index >= 1001 else index - 1
    if fills is None or not 0 <= position < len(fills):
        return placeholder_colour
    chosen = fills[position]
    if etree.QName(chosen).localname == "blipFill":
        blip = chosen.find("a:blip", _NS)
        return _picture_colour(package, theme_part, blip) if blip is not None else placeholder_colour
    holder_fill = etree.Element("holder")
    holder_fill.append(chosen.__copy__())
    return _Resolver(resolve.slots, placeholder_colour).fill(holder_fill) or placeholder_colour


def _picture_colour(package: _Package, part: str, blip: etree._Element) -> Optional[str]:
    """A picture's average colour (Pillow reads PNG, JPEG, GIF, BMP; other formats give None)."""
    target = package.target(part, blip.get(f"{{{_NS['r']}}}embed", ""))
    if target is None:
        return None
    if target not in package.averages:
        package.averages[target] = _average_colour(package.parts[target.lstrip("/")])
    return package.averages[target]


def _average_colour(data: bytes) -> Optional[str]:
    """The average colour of the opaque pixels of the picture ``data``."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.draft("RGB", (64, 64))
            small = image.convert("RGBA").resize((16, 16))
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    raw = small.tobytes()  # RGBA, four bytes a pixel
    seen = [tuple(raw[i:i + 3]) for i in range(0, len(raw), 4) if raw[i + 3] > 127]
    if not seen:
        return None
    r, g, b = (round(sum(c[i] for c in seen) / len(seen)) for i in range(3))
    return f"#{r:02X}{g:02X}{b:02X}"


class _Resolver:
    """DrawingML colour elements → '#RRGGBB', with slot names and the placeholder colour known."""

    def __init__(self, slots: dict[str, str], placeholder: Optional[str] = None) -> None:
        self.slots, self.placeholder = slots, placeholder

    def slot(self, name: str) -> Optional[str]:
        return self.slots.get(name)

    def fill(self, props: etree._Element) -> Optional[str]:
        """The colour a fill (solid, gradient: the average of its stops; pattern: its
        foreground and background mixed) paints, for the first fill ``props`` holds."""
        for child in props:
            kind = etree.QName(child).localname
            if kind == "solidFill":
                return self.colour(next(iter(child), None))
            if kind == "gradFill":
                stops = [self.colour(next(iter(gs), None)) for gs in child.iterfind("a:gsLst/a:gs", _NS)]
                return _average([s for s in stops if s])
            if kind == "pattFill":
                parts = [self.colour(next(iter(c), None)) for c in child]
                return _average([p for p in parts if p])
            if kind == "noFill":
                return None
        return None

    def colour(self, element: Optional[etree._Element]) -> Optional[str]:
        if element is None:
            return None
        kind, value = etree.QName(element).localname, element.get("val", "")
        base: Optional[str] = None
        if kind == "srgbClr":
            base = "#" + value.upper() if len(value) == 6 else None
        elif kind == "sysClr":
            last = element.get("lastClr", "")
            base = "#" + last.upper() if len(last) == 6 else {"window": "#FFFFFF", "windowText": "#000000"}.get(value)
        elif kind == "schemeClr":
            base = self.placeholder if value == "phClr" else self.slots.get(value)
        elif kind == "prstClr":
            base = _PRESET.get(value)
        elif kind == "scrgbClr":
            base = scrgb_colour(element)
        if base is None:
            return None
        try:
            return modified_colour(base, element)
        except ValueError:
            return None


def scrgb_colour(element: etree._Element) -> str:
    """An ``a:scrgbClr`` (linear light, in thousandths of a percent) as #RRGGBB, unmodified."""
    red, green, blue = (int(element.get(c, 0)) / 100000 for c in "rgb")
    return scrgb(red, green, blue)


def modified_colour(colour: str, element: etree._Element) -> str:
    """``colour`` with the modifiers ``element`` holds (``a:lumMod val="75000"``…) applied; the
    svg preview reads its colours through here too, so the deck's two readings agree."""
    return modified(colour, [(etree.QName(mod).localname, int(mod.get("val", "100000") or 0) / 100000)
                             for mod in element])


def _average(colours: list[str]) -> Optional[str]:
    if not colours:
        return None
    channels = [[int(c[i:i + 2], 16) for c in colours] for i in (1, 3, 5)]
    return "#" + "".join(f"{round(sum(ch) / len(ch)):02X}" for ch in channels)
