"""Reading a brand template as untrusted input, into a clean presentation with no slides.

A template comes from outside the project (a brand team, a download, an attachment), so it is read
the way a hostile file must be, before python-pptx sees any of it:

- **caps before unzipping, safe XML**: its zip is opened and every part deckgen keeps is parsed
  by ``deckgen/load/template_package.py``, the one reader of template packages;
- **nothing that acts on its own**: external relationships (a picture the office suite fetches
  on open, a ``file://`` link), VBA projects, OLE embeddings, ActiveX controls, custom XML, custom
  ribbons and "run program" actions are dropped, with the elements that pointed at them, and
  each is reported in :attr:`BrandTemplate.dropped`;
- **no sample slides**: the template's own slides go, with custom shows and sections that list
  them and any link from a layout or master to one, so that nothing reachable only from them is
  written (the package is rebuilt from what the presentation still reaches: no orphan part, and
  never two parts under one name);
- **a usable structure**: a slide master with a theme and layouts, a slide size PowerPoint
  accepts; anything else is one :class:`TemplateError` naming what is wrong.

The cleaned package is then opened with python-pptx. Relationship types python-pptx does not
know are kept as opaque parts; LibreOffice's variant of the core-properties type is normalised so
that python-pptx does not add a second ``docProps/core.xml``.
"""
from __future__ import annotations

import functools
import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from typing import Optional

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PythonPptxError
from pptx.presentation import Presentation as PresentationType

from deckgen.load.template_package import TemplateError, parse_xml, unpack

#: The slide sizes PowerPoint accepts (1 to 56 inches a side), in EMU.
SLIDE_SIDE = (914_400, 51_206_400)

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
       "a": "http://schemas.openxmlformats.org/drawingml/2006/main", "r": _R,
       "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
#: Main-part content types a template may come with; all are read as a plain presentation.
_CONVERTIBLE = (CT.PML_TEMPLATE_MAIN, CT.PML_SLIDESHOW_MAIN, CT.PML_PRES_MACRO_MAIN,
                "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
                "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml")
#: Relationship types (by their last segments) whose targets can act on their own, and how a
#: report names them.
_DANGEROUS = {
    "vbaProject": "a VBA macro project", "vbaProjectSignature": "a VBA macro project signature",
    "oleObject": "an embedded object (OLE)", "package": "an embedded file",
    "control": "an ActiveX control", "activeXControlBinary": "an ActiveX control",
    "customXml": "custom XML data", "ui/extensibility": "a custom ribbon (UI extensibility)",
    "attachedToolbars": "custom toolbars",
}
#: Click actions that start something outside the slide show.
_RUNNING_ACTIONS = ("ppaction://program", "ppaction://macro", "ppaction://ole")
#: Elements that, when their target goes, leave nothing worth keeping of the shape around them.
_SHAPE_REFERENCES = {f"{{{_NS['a']}}}blip", f"{{{_NS['p']}}}oleObj"}
#: What python-pptx raises on XML that is well-formed but not what PowerPoint writes.
_READ_ERRORS = (KeyError, ValueError, TypeError, AttributeError, IndexError, etree.LxmlError,
                PythonPptxError)


@dataclass
class BrandTemplate:
    """A template opened for building: an empty presentation and what reading it found."""

    prs: PresentationType
    #: What was removed because it could act on its own, one phrase each, e.g.
    #: "an external link to http://example.com/logo.png (ppt/slideMasters/slideMaster1.xml)".
    dropped: list[str] = field(default_factory=list)
    #: The part names of the layouts the template's sample slides used, in slide order: the
    #: template author's own choice of a cover (the first) and of content layouts.
    sample_layouts: list[str] = field(default_factory=list)


def open_template(data: bytes) -> BrandTemplate:
    """The brand template read as untrusted (see the module doc), its slides removed: a fresh
    presentation each call, which the caller may draw into.

    Raises :class:`TemplateError` naming the problem for anything that is not a usable template.
    """
    clean = _cleaned(data)
    return BrandTemplate(Presentation(io.BytesIO(clean.package)), list(clean.dropped),
                         list(clean.sample_layouts))


@dataclass(frozen=True)
class _Cleaned:
    """A template once read, cleaned and checked: the package to open (as python-pptx saved it
    after the check), and what reading found."""

    package: bytes
    dropped: tuple[str, ...]
    sample_layouts: tuple[str, ...]


@functools.lru_cache(maxsize=2)
def _cleaned(data: bytes) -> _Cleaned:
    """The reading, cleaning and checking of ``data``, done once per template and process: a
    build reads its template for ``check``'s diagnostics, for the fonts it reports and for the
    deck, and the live preview on every change (checking a LibreOffice template's layouts alone
    takes 0.4 s). Each caller still gets its own presentation (the builder adds slides to it)."""
    package = _Package(unpack(data))
    package.drop_dangers()
    samples = package.drop_slides()
    package.check_structure()
    cleaned = package.to_zip()
    try:
        prs = Presentation(io.BytesIO(cleaned))
    except _READ_ERRORS as exc:
        raise TemplateError(f"python-pptx cannot read it ({exc})") from exc
    _check_layouts(prs)
    checked = io.BytesIO()
    prs.save(checked)  # with the notes master the check made where a template has none
    return _Cleaned(checked.getvalue(), tuple(package.dropped), tuple(samples))


def _check_layouts(prs: PresentationType) -> None:
    """Read every layout's placeholders the way the builder will (type, name, position, which
    a layout inherits from its master), so that a malformed one is a TemplateError naming it
    rather than a failure half-way through the build."""
    where = "its list of slide masters"
    try:
        layouts = [layout for master in prs.slide_masters for layout in master.slide_layouts]
        if not layouts:
            raise TemplateError("it has no slide layouts")
        for layout in layouts:
            where = f"layout {str(layout.part.partname).lstrip('/')}"
            where = f"layout '{layout.name}' ({str(layout.part.partname).lstrip('/')})"
            if not any(_kind(rel.reltype) == "slideMaster" for rel in layout.part.rels.values()):
                raise TemplateError(f"{where} has no slide master")
            for holder in layout.placeholders:
                kind = _placeholder_kind(holder._element)
                if None in (holder.left, holder.top, holder.width, holder.height):
                    raise TemplateError(f"{where}: its {getattr(kind, 'name', '?').lower()} "
                                        "placeholder has no position, on the layout or its master")
        where = "its notes master"
        prs.notes_master.placeholders  # noqa: B018 - every slide gets notes from it
    except TemplateError:
        raise
    except _READ_ERRORS as exc:
        raise TemplateError(f"{where} is malformed ({exc})") from exc


#: The values the schema allows for the placeholder attributes python-pptx copies onto slides.
_PH_VALUES = {"orient": ("horz", "vert"), "sz": ("full", "half", "quarter")}


def _placeholder_kind(element: etree._Element) -> PP_PLACEHOLDER:
    """The placeholder's type, after checking the attributes python-pptx copies onto a slide
    (it validates them only on writing, half-way through the build)."""
    ph = element.ph
    for attr, allowed in _PH_VALUES.items():
        if ph.get(attr) not in (None, *allowed):
            raise ValueError(f"a placeholder's {attr} is {ph.get(attr)!r}")
    int(ph.get("idx", "0"))
    kind: PP_PLACEHOLDER = element.ph_type
    return kind


# Package paths ------------------------------------------------------------------------------
def _rels_name(part: str) -> str:
    """The relationships part of ``part`` ("" for the package's own)."""
    if not part:
        return "_rels/.rels"
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _kind(reltype: str) -> str:
    """The last segments of a relationship type that name it, e.g. "slideLayout"."""
    return reltype.rsplit("/relationships/", 1)[-1]


# The package ----------------------------------------------------------------------------------
class _Package:
    """The template's parts, with the relationships and XML of those reachable from its root."""

    def __init__(self, parts: dict[str, bytes]) -> None:
        self.parts = parts
        self.xml: dict[str, etree._Element] = {}
        self.rels: dict[str, etree._Element] = {}
        self.dropped: list[str] = []
        self.main = self._main_part()
        self._retype_main()

    # Reading ------------------------------------------------------------------------------
    def tree(self, name: str) -> etree._Element:
        if name not in self.xml:
            if name not in self.parts:
                raise TemplateError(f"it has no part {name}")
            self.xml[name] = parse_xml(name, self.parts[name])
        return self.xml[name]

    def relationships(self, source: str) -> etree._Element:
        """The relationships of ``source`` ("" for the package), parsed on first use."""
        if source not in self.rels:
            name = _rels_name(source)
            if name in self.parts:
                self.rels[source] = parse_xml(name, self.parts[name])
            else:
                self.rels[source] = etree.Element(f"{{{_PKG_RELS}}}Relationships")
        return self.rels[source]

    def targets(self, source: str) -> dict[str, str]:
        """rId -> part name of ``source``'s internal relationships."""
        return {rel.get("Id"): _resolve(source, rel.get("Target", ""))
                for rel in self.relationships(source) if rel.get("TargetMode") != "External"}

    def _main_part(self) -> str:
        root_rels = self.relationships("")
        for rel in root_rels:
            if _kind(rel.get("Type", "")) == "metadata/core-properties":
                rel.set("Type", _CORE)  # LibreOffice writes a variant python-pptx does not know
        for rel in root_rels:
            if _kind(rel.get("Type", "")) == "officeDocument":
                if rel.get("Type", "").startswith("http://purl.oclc.org/"):
                    raise TemplateError("it is saved as Strict Open XML; save it as a normal "
                                        "PowerPoint presentation or template")
                return _resolve("", rel.get("Target", ""))
        raise TemplateError("it has no presentation part (is it a PowerPoint file?)")

    def _retype_main(self) -> None:
        """A .potx/.ppsx/.pptm main part retyped as a presentation (python-pptx opens only that)."""
        types = self.tree("[Content_Types].xml")
        for override in types:
            if override.get("PartName", "").lstrip("/") == self.main and \
                    override.get("ContentType") in _CONVERTIBLE:
                override.set("ContentType", CT.PML_PRESENTATION_MAIN)

    def reachable(self) -> list[str]:
        """Every part reachable from the package root, parents before children."""
        seen, queue = [], [""]
        while queue:
            source = queue.pop(0)
            for target in self.targets(source).values():
                if target not in seen and target in self.parts:
                    seen.append(target)
                    queue.append(target)
        return seen

    # Cleaning ---------------------------------------------------------------------------------
    def drop_dangers(self) -> None:
        """Drop external relationships and parts that can act on their own, and report them;
        parts reached only through a dropped one (an ActiveX control's binary) are not visited."""
        seen, queue = {""}, [""]
        while queue:
            source = queue.pop(0)
            if source and not source.endswith(".xml"):
                continue
            gone: set[str] = set()
            for rel in list(self.relationships(source)):
                why = self._danger(rel)
                if why:
                    self.relationships(source).remove(rel)
                    gone.add(rel.get("Id"))
                    self.dropped.append(f"{why} ({source or 'the package'})")
            if source:
                self._unreference(source, gone)
                self._drop_actions(source)
            fresh = [t for t in self.targets(source).values() if t in self.parts and t not in seen]
            seen.update(fresh)
            queue += fresh

    @staticmethod
    def _danger(rel: etree._Element) -> Optional[str]:
        if rel.get("TargetMode") == "External":
            return f"an external link to {rel.get('Target', '')[:200]}"
        kind = _kind(rel.get("Type", ""))
        return next((why for key, why in _DANGEROUS.items() if kind.endswith(key)), None)

    def _unreference(self, source: str, rids: set[str]) -> None:
        """Remove what pointed at the dropped relationships ``rids`` in ``source``'s XML."""
        if not rids:
            return
        root = self.tree(source)
        for element in list(root.iter()):
            for attr, value in list(element.attrib.items()):
                if attr.startswith(f"{{{_R}}}") and value in rids:
                    _remove_reference(element, attr)
                    break
        for controls in root.iter(f"{{{_NS['p']}}}controls"):
            controls.getparent().remove(controls)

    def _drop_actions(self, source: str) -> None:
        root = self.tree(source)
        for link in root.xpath("//a:hlinkClick | //a:hlinkHover", namespaces=_NS):
            if link.get("action", "").startswith(_RUNNING_ACTIONS):
                link.getparent().remove(link)
                self.dropped.append(f"an action that runs a program or macro ({source})")

    def drop_slides(self) -> list[str]:
        """Remove the sample slides and everything that lists or links to them; the part names
        of the layouts they used, in slide order."""
        pres, targets = self.tree(self.main), self.targets(self.main)
        layouts = []
        for rid in pres.xpath("p:sldIdLst/p:sldId/@r:id", namespaces=_NS):
            slide = targets.get(rid)
            if slide in self.parts:
                found = [t for r, t in self.targets(slide).items()
                         if _kind(self._type(slide, r)) == "slideLayout"]
                layouts += ["/" + t for t in found[:1]]
        for lst in pres.xpath("p:sldIdLst | p:custShowLst | p:extLst/p:ext[.//*[local-name()="
                              "'sectionLst']]", namespaces=_NS):
            lst.getparent().remove(lst)
        for source in ["", *self.reachable()]:
            if source and not source.endswith(".xml"):
                continue
            gone = {rel.get("Id") for rel in self.relationships(source)
                    if _kind(rel.get("Type", "")) in ("slide", "notesSlide")}
            for rel in [r for r in self.relationships(source) if r.get("Id") in gone]:
                self.relationships(source).remove(rel)
            if source:
                self._unreference(source, gone)
        return layouts

    def _type(self, source: str, rid: str) -> str:
        rel = next(r for r in self.relationships(source) if r.get("Id") == rid)
        return str(rel.get("Type", ""))

    # Checking ---------------------------------------------------------------------------------
    def check_structure(self) -> None:
        """One TemplateError for the first thing that makes the template unusable."""
        pres, targets = self.tree(self.main), self.targets(self.main)
        masters = [targets.get(rid) for rid in
                   pres.xpath("p:sldMasterIdLst/p:sldMasterId/@r:id", namespaces=_NS)]
        if not masters:
            raise TemplateError("it has no slide master")
        layouts = 0
        for n, master in enumerate(masters, start=1):
            if master not in self.parts:
                raise TemplateError(f"slide master {n} is missing from it ({master or 'no target'})")
            kinds = [_kind(self._type(master, r)) for r in self.targets(master)]
            if "theme" not in kinds or not all(
                    t in self.parts for r, t in self.targets(master).items()
                    if _kind(self._type(master, r)) == "theme"):
                raise TemplateError(f"slide master {n} ({master}) has no theme")
            layouts += kinds.count("slideLayout")
        if not layouts:
            raise TemplateError("it has no slide layouts")
        self._check_slide_size(pres)
        for source in self.reachable():
            for target in self.targets(source).values():
                if target not in self.parts:
                    raise TemplateError(f"{source} refers to {target}, which it does not contain")
        for source in self.reachable():
            if source.endswith((".xml", ".rels")):
                self.tree(source)  # every part kept is parsed safely once

    @staticmethod
    def _check_slide_size(pres: etree._Element) -> None:
        size = pres.find(f"{{{_NS['p']}}}sldSz")
        if size is None:
            raise TemplateError("it has no slide size (ppt/presentation.xml has no <p:sldSz>)")
        try:
            cx, cy = int(size.get("cx", "")), int(size.get("cy", ""))
        except ValueError:
            raise TemplateError(f"its slide size is not a number ({size.get('cx')!r} x "
                                f"{size.get('cy')!r})") from None
        low, high = SLIDE_SIDE
        if not (low <= cx <= high and low <= cy <= high):
            raise TemplateError(f"its slide size, {cx / 360000:.2f} x {cy / 360000:.2f} cm, is "
                                f"outside the 2.54 to 142.24 cm a side PowerPoint allows")

    # Writing ----------------------------------------------------------------------------------
    def to_zip(self) -> bytes:
        """The cleaned package: the content types, then every reachable part and its rels."""
        for name, root in self.xml.items():
            self.parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                              standalone=True)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", self.parts["[Content_Types].xml"])
            for source in ["", *self.reachable()]:
                if source:
                    archive.writestr(source, self.parts[source])
                rels = self.relationships(source)
                if len(rels):
                    archive.writestr(_rels_name(source), etree.tostring(
                        rels, xml_declaration=True, encoding="UTF-8", standalone=True))
        return out.getvalue()


def _remove_reference(element: etree._Element, attr: str) -> None:
    """Remove the reference ``attr`` of ``element``: the attribute when the element still has
    another target (a picture both linked and embedded), the whole shape around a picture or
    object that has none, else the element itself (a hyperlink, a control list entry)."""
    embedded = element.get(f"{{{_R}}}embed")
    if attr == f"{{{_R}}}link" and embedded is not None:
        del element.attrib[attr]
        return
    target = element
    if element.tag in _SHAPE_REFERENCES:
        shape = _shape_of(element)
        target = shape if shape is not None else element
    parent = target.getparent()
    if parent is not None:
        parent.remove(target)


def _shape_of(element: etree._Element) -> Optional[etree._Element]:
    """The shape (or markup-compatibility block) holding ``element`` in a shape tree."""
    node = element
    while node.getparent() is not None:
        parent = node.getparent()
        if etree.QName(parent).localname in ("spTree", "grpSp"):
            return node
        node = parent
    return None
