"""Make the derived templates of the corpus from the real ones beside them.

Each variant reproduces one way company templates differ from PowerPoint's stock one, done the
way PowerPoint itself writes it, so that deckgen is tested against the structure and not a toy:

    python -m tests.support.derive_templates       # rewrites tests/corpus/templates/derived-*

The output is byte-identical between runs (fixed zip order and timestamps), so the committed
files show in a diff only when this script changes. The sources and licences are listed in
tests/corpus/templates/README.md.
"""
from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Callable

from lxml import etree

HERE = Path(__file__).resolve().parents[1] / "corpus" / "templates"
STOCK = HERE / "python-pptx-default.pptx"  # PowerPoint's Office theme, 4:3, 11 layouts
PANDOC = HERE / "pandoc-reference.pptx"  # the same layouts at 16:9

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
}
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_SLIDE = f"{R}/slide"
RT_LAYOUT = f"{R}/slideLayout"
RT_MASTER = f"{R}/slideMaster"
RT_THEME = f"{R}/theme"
RT_IMAGE = f"{R}/image"
RT_HYPERLINK = f"{R}/hyperlink"
RT_OLE = f"{R}/oleObject"
RT_CONTROL = f"{R}/control"
RT_CUSTOM_XML = f"{R}/customXml"
RT_ACTIVEX_BINARY = "http://schemas.microsoft.com/office/2006/relationships/activeXControlBinary"
RT_VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
CT_PML = "application/vnd.openxmlformats-officedocument.presentationml"
CT_MAIN = f"{CT_PML}.presentation.main+xml"
CT_MACRO_TEMPLATE = "application/vnd.ms-powerpoint.template.macroEnabled.main+xml"
STAMP = (2026, 1, 1, 0, 0, 0)


def q(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


class Package:
    """A .pptx as a dict of part name -> bytes, with the few edits the variants need."""

    def __init__(self, source: Path) -> None:
        with zipfile.ZipFile(source) as z:
            self.parts = {name: z.read(name) for name in z.namelist()}

    # XML parts and relationships ----------------------------------------------------------
    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.parts[name])

    def put(self, name: str, root: etree._Element) -> None:
        self.parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                          standalone=True)

    def edit(self, name: str, change: Callable[[etree._Element], None]) -> None:
        root = self.xml(name)
        change(root)
        self.put(name, root)

    @staticmethod
    def rels_name(part: str) -> str:
        folder, base = posixpath.split(part)
        return posixpath.join(folder, "_rels", base + ".rels")

    def rels(self, part: str) -> etree._Element:
        name = self.rels_name(part)
        if name not in self.parts:
            return etree.Element(q("rel:Relationships"), nsmap={None: NS["rel"]})
        return self.xml(name)

    def relate(self, part: str, reltype: str, target: str, external: bool = False) -> str:
        """Add a relationship from ``part`` (target relative to its folder); its rId."""
        root = self.rels(part)
        used = {int(m) for m in re.findall(r'Id="rId(\d+)"', etree.tostring(root).decode())}
        rid = f"rId{max(used, default=0) + 1}"
        rel = etree.SubElement(root, q("rel:Relationship"), Id=rid, Type=reltype, Target=target)
        if external:
            rel.set("TargetMode", "External")
        self.put(self.rels_name(part), root)
        return rid

    def retarget(self, part: str, reltype: str, target: str) -> None:
        root = self.rels(part)
        for rel in root:
            if rel.get("Type") == reltype:
                rel.set("Target", target)
        self.put(self.rels_name(part), root)

    def unrelate(self, part: str, target: str) -> str:
        """Remove the relationship from ``part`` to ``target``; its rId."""
        root = self.rels(part)
        rel = next(r for r in root if r.get("Target") == target)
        root.remove(rel)
        self.put(self.rels_name(part), root)
        return rel.get("Id")

    def add_part(self, name: str, data: bytes, content_type: str) -> None:
        self.parts[name] = data
        self.edit("[Content_Types].xml", lambda root: etree.SubElement(
            root, q("ct:Override"), PartName="/" + name, ContentType=content_type))

    def add_default(self, extension: str, content_type: str) -> None:
        def change(root: etree._Element) -> None:
            if not root.xpath(f"ct:Default[@Extension='{extension}']", namespaces=NS):
                root.insert(0, etree.Element(q("ct:Default"), Extension=extension,
                                             ContentType=content_type))
        self.edit("[Content_Types].xml", change)

    def retype(self, old: str, new: str) -> None:
        self.parts["[Content_Types].xml"] = self.parts["[Content_Types].xml"].replace(
            old.encode(), new.encode())

    # Layouts ------------------------------------------------------------------------------
    def layouts(self, master: str = "ppt/slideMasters/slideMaster1.xml") -> list[str]:
        """The master's layout part names, in its own order."""
        targets = {r.get("Id"): r.get("Target") for r in self.rels(master)}
        ids = self.xml(master).xpath("p:sldLayoutIdLst/p:sldLayoutId/@r:id", namespaces=NS)
        return [posixpath.normpath(posixpath.join(posixpath.dirname(master), targets[i]))
                for i in ids]

    def layout_named(self, name: str) -> str:
        return next(part for part in self.parts
                    if part.startswith("ppt/slideLayouts/slideLayout") and part.endswith(".xml")
                    and self.xml(part).find(q("p:cSld")).get("name") == name)

    def rename_layout(self, part: str, name: str, keep_type: bool) -> None:
        def change(root: etree._Element) -> None:
            root.find(q("p:cSld")).set("name", name)
            if not keep_type:
                root.attrib.pop("type", None)
        self.edit(part, change)

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            for name in sorted(self.parts, key=lambda n: (n != "[Content_Types].xml", n)):
                info = zipfile.ZipInfo(name, date_time=STAMP)
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, self.parts[name], compresslevel=9)
        return out.getvalue()


# Shared pieces --------------------------------------------------------------------------------
def png(width: int, height: int, colour: tuple[int, int, int], mark: tuple[int, int, int]) -> bytes:
    """A small PNG: a ``colour`` field with a ``mark`` band across its middle (a stand-in logo)."""
    rows = []
    for y in range(height):
        band = height // 3 <= y < 2 * height // 3
        rows.append(b"\x00" + bytes((mark if band else colour)) * width)
    chunk = lambda kind, data: (struct.pack(">I", len(data)) + kind + data  # noqa: E731
                                + struct.pack(">I", zlib.crc32(kind + data)))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


def next_shape_id(tree: etree._Element) -> int:
    return max((int(i) for i in tree.xpath(".//p:cNvPr/@id", namespaces=NS)), default=1) + 1


def picture(tree: etree._Element, rid: str, name: str, box: tuple[int, int, int, int],
            link: bool = False) -> None:
    """Append a picture shape showing the image related as ``rid`` (linked when ``link``)."""
    x, y, cx, cy = box
    attr = "link" if link else "embed"
    pic = etree.fromstring(
        f'<p:pic xmlns:p="{NS["p"]}" xmlns:a="{NS["a"]}" xmlns:r="{NS["r"]}">'
        f'<p:nvPicPr><p:cNvPr id="{next_shape_id(tree)}" name="{name}" descr="{name}"/>'
        f'<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
        f'<p:blipFill><a:blip r:{attr}="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')
    tree.append(pic)


def sp_tree(root: etree._Element) -> etree._Element:
    return root.find(f"{q('p:cSld')}/{q('p:spTree')}")


def solid_background(root: etree._Element, colour: str) -> None:
    """Give a master or layout a solid background of the hex ``colour``."""
    c_sld = root.find(q("p:cSld"))
    old = c_sld.find(q("p:bg"))
    if old is not None:
        c_sld.remove(old)
    bg = etree.fromstring(
        f'<p:bg xmlns:p="{NS["p"]}" xmlns:a="{NS["a"]}"><p:bgPr><a:solidFill>'
        f'<a:srgbClr val="{colour}"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>')
    c_sld.insert(0, bg)


def text_styles_colour(root: etree._Element, colour: str) -> None:
    """Colour every level of the master's title, body and other text styles ``colour``."""
    for def_rpr in root.iter(q("a:defRPr")):
        if def_rpr.xpath("ancestor::p:txStyles", namespaces=NS):
            for old in def_rpr.findall(q("a:solidFill")):
                def_rpr.remove(old)
            fill = etree.SubElement(def_rpr, q("a:solidFill"))
            etree.SubElement(fill, q("a:srgbClr")).set("val", colour)
            def_rpr.insert(0, fill)


MASTER = "ppt/slideMasters/slideMaster1.xml"
#: The colour map of a dark design: backgrounds from the dark slots, text from the light ones.
DARK_MAP = {"bg1": "dk1", "tx1": "lt1", "bg2": "dk2", "tx2": "lt2"}
THEME = "ppt/theme/theme1.xml"


def set_scheme(pkg: Package, **slots: str) -> None:
    def change(root: etree._Element) -> None:
        scheme = root.find(f".//{q('a:clrScheme')}")
        for slot, value in slots.items():
            node = scheme.find(q(f"a:{slot}"))
            node.clear()
            etree.SubElement(node, q("a:srgbClr")).set("val", value)
    pkg.edit(THEME, change)


# The variants ---------------------------------------------------------------------------------
def dark_clrmap() -> Package:
    """Dark through the colour map: the master maps background 1 to dark 1 and text 1 to light 1
    (``<p:clrMap bg1="dk1" tx1="lt1" ...>``), as PowerPoint's dark designs do."""
    pkg = Package(PANDOC)
    set_scheme(pkg, dk1="14213D", lt1="FFFFFF", dk2="0B132B", lt2="E5E5E5", accent1="FCA311")
    pkg.edit(MASTER, lambda root: root.find(q("p:clrMap")).attrib.update(DARK_MAP))
    return pkg


def dark_background() -> Package:
    """Dark through the master's own background: a navy fill and white text styles, with the
    colour map left as stock (so the theme's dark 1 is still the "text" colour)."""
    pkg = Package(STOCK)
    pkg.edit(MASTER, lambda root: (solid_background(root, "0B1F33"),
                                   text_styles_colour(root, "FFFFFF")))
    return pkg


def two_masters() -> Package:
    """A content master and a separate cover master: "Title Slide" (renamed "Cover") and
    "Section Header" (renamed "Chapter") moved onto a second master with a dark background."""
    pkg = Package(PANDOC)
    second, theme = "ppt/slideMasters/slideMaster2.xml", "ppt/theme/theme3.xml"
    pkg.add_part(theme, pkg.parts[THEME], "application/vnd.openxmlformats-officedocument.theme+xml")
    pkg.add_part(second, pkg.parts[MASTER], f"{CT_PML}.slideMaster+xml")
    moved = [pkg.layout_named("Title Slide"), pkg.layout_named("Section Header")]
    pkg.rename_layout(moved[0], "Cover", keep_type=True)
    pkg.rename_layout(moved[1], "Chapter", keep_type=True)
    pkg.parts[pkg.rels_name(second)] = etree.tostring(
        etree.Element(q("rel:Relationships"), nsmap={None: NS["rel"]}))
    ids = []
    for layout in moved:
        target = "../slideLayouts/" + posixpath.basename(layout)
        pkg.unrelate(MASTER, target)
        ids.append(pkg.relate(second, RT_LAYOUT, target))
        pkg.retarget(layout, RT_MASTER, "../slideMasters/slideMaster2.xml")
    pkg.relate(second, RT_THEME, "../theme/theme3.xml")

    def keep_others(root: etree._Element) -> None:
        known = {r.get("Id") for r in pkg.rels(MASTER)}
        for entry in root.xpath("p:sldLayoutIdLst/p:sldLayoutId", namespaces=NS):
            if entry.get(q("r:id")) not in known:
                entry.getparent().remove(entry)

    def cover_master(root: etree._Element) -> None:
        lst = root.find(q("p:sldLayoutIdLst"))
        lst.clear()
        for n, rid in enumerate(ids):
            etree.SubElement(lst, q("p:sldLayoutId"), id=str(2147483670 + n)).set(q("r:id"), rid)
        root.find(q("p:clrMap")).attrib.update(DARK_MAP)
        solid_background(root, "1F3A5F")

    pkg.edit(MASTER, keep_others)
    pkg.edit(second, cover_master)
    rid = pkg.relate("ppt/presentation.xml", RT_MASTER, "slideMasters/slideMaster2.xml")
    pkg.edit("ppt/presentation.xml", lambda root: etree.SubElement(
        root.find(q("p:sldMasterIdLst")), q("p:sldMasterId"), id="2147483669").set(q("r:id"), rid))
    return pkg


def logo() -> Package:
    """A logo on the master (top right) and another on the content layouts (bottom left)."""
    pkg = Package(PANDOC)
    pkg.add_default("png", "image/png")
    pkg.parts["ppt/media/logo-master.png"] = png(240, 80, (200, 16, 46), (255, 255, 255))
    pkg.parts["ppt/media/logo-layout.png"] = png(160, 160, (0, 110, 81), (255, 205, 0))
    rid = pkg.relate(MASTER, RT_IMAGE, "../media/logo-master.png")
    pkg.edit(MASTER, lambda root: picture(sp_tree(root), rid, "Company logo",
                                          (7772400, 228600, 1143000, 381000)))
    for name in ("Title and Content", "Title Only", "Two Content"):
        layout = pkg.layout_named(name)
        rid = pkg.relate(layout, RT_IMAGE, "../media/logo-layout.png")
        pkg.edit(layout, lambda root, rid=rid: picture(sp_tree(root), rid, "Brand mark",
                                                       (228600, 4229100, 685800, 685800)))
    return pkg


#: PowerPoint's own layout names in European Portuguese, with the stock name they replace.
PORTUGUESE = {
    "Title Slide": "Título da Apresentação", "Title and Content": "Título e Conteúdo",
    "Section Header": "Cabeçalho da Secção", "Two Content": "Dois Conteúdos",
    "Comparison": "Comparação", "Title Only": "Só Título", "Blank": "Em Branco",
    "Content with Caption": "Conteúdo com Legenda", "Picture with Caption": "Imagem com Legenda",
    "Title and Vertical Text": "Título e Texto Vertical",
    "Vertical Title and Text": "Título Vertical e Texto",
}


def localised() -> Package:
    """Layouts under their Portuguese names and without a layout type, as some localised and
    hand-made templates have them: only the placeholders tell what each layout is for."""
    pkg = Package(PANDOC)
    for english, portuguese in PORTUGUESE.items():
        pkg.rename_layout(pkg.layout_named(english), portuguese, keep_type=False)
    return pkg


def untyped() -> Package:
    """Layouts renamed "Layout 1" ... "Layout 11" and stripped of their type."""
    pkg = Package(STOCK)
    for n, layout in enumerate(pkg.layouts(), start=1):
        pkg.rename_layout(layout, f"Layout {n}", keep_type=False)
    return pkg


def aptos() -> Package:
    """Office's fonts since 2023: "Aptos Display" for headings, "Aptos" for body text."""
    pkg = Package(PANDOC)

    def change(root: etree._Element) -> None:
        root.find(f".//{q('a:majorFont')}/{q('a:latin')}").set("typeface", "Aptos Display")
        root.find(f".//{q('a:minorFont')}/{q('a:latin')}").set("typeface", "Aptos")
    pkg.edit(THEME, change)
    return pkg


def sample_link() -> Package:
    """The content layout carries a "back to start" button linking to the template's second
    sample slide, so the sample slide stays reachable after the deck's slides are removed."""
    pkg = Package(PANDOC)
    layout = pkg.layout_named("Title and Content")
    rid = pkg.relate(layout, RT_SLIDE, "../slides/slide2.xml")

    def change(root: etree._Element) -> None:
        tree = sp_tree(root)
        tree.append(etree.fromstring(
            f'<p:sp xmlns:p="{NS["p"]}" xmlns:a="{NS["a"]}" xmlns:r="{NS["r"]}">'
            f'<p:nvSpPr><p:cNvPr id="{next_shape_id(tree)}" name="Back to start">'
            f'<a:hlinkClick r:id="{rid}" action="ppaction://hlinksldjump"/></p:cNvPr>'
            f'<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm>'
            f'<a:off x="8610600" y="76200"/><a:ext cx="457200" cy="228600"/></a:xfrm>'
            f'<a:prstGeom prst="actionButtonHome"><a:avLst/></a:prstGeom></p:spPr></p:sp>'))
    pkg.edit(layout, change)
    return pkg


def macro() -> Package:
    """A macro-enabled template (.potm) renamed .pptx: a VBA project, and sample slides kept in
    a custom show, which refers to each of them from the presentation part."""
    pkg = Package(PANDOC)
    pkg.retype(CT_MAIN, CT_MACRO_TEMPLATE)
    pkg.add_default("bin", "application/vnd.ms-office.vbaProject")
    pkg.parts["ppt/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    pkg.relate("ppt/presentation.xml", RT_VBA, "vbaProject.bin")
    pres = pkg.xml("ppt/presentation.xml")
    shows = etree.Element(q("p:custShowLst"))
    show = etree.SubElement(etree.SubElement(shows, q("p:custShow"), name="Samples", id="0"),
                            q("p:sldLst"))
    for rid in pres.xpath("p:sldIdLst/p:sldId/@r:id", namespaces=NS):
        etree.SubElement(show, q("p:sld")).set(q("r:id"), rid)
    pres.find(q("p:defaultTextStyle")).addprevious(shows)
    pkg.put("ppt/presentation.xml", pres)
    return pkg


def risky() -> Package:
    """What a brand template must not carry into a deck: a linked (external) picture on the
    master, an external hyperlink on a layout, an OLE object, an ActiveX control and custom XML."""
    pkg = Package(STOCK)
    rid = pkg.relate(MASTER, RT_IMAGE, "http://example.com/tracking-pixel.png", external=True)
    pkg.edit(MASTER, lambda root: picture(sp_tree(root), rid, "Linked logo",
                                          (7772400, 228600, 1143000, 381000), link=True))
    layout = pkg.layout_named("Title Only")
    link = pkg.relate(layout, RT_HYPERLINK, "file:///etc/passwd", external=True)
    pkg.edit(layout, lambda root: sp_tree(root).find(f".//{q('p:cNvPr')}").append(
        etree.fromstring(f'<a:hlinkClick xmlns:a="{NS["a"]}" xmlns:r="{NS["r"]}" r:id="{link}"/>')))
    pkg.add_default("bin", "application/vnd.openxmlformats-officedocument.oleObject")
    pkg.parts["ppt/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    ole = pkg.relate(MASTER, RT_OLE, "../embeddings/oleObject1.bin")
    pkg.add_part("ppt/activeX/activeX1.xml",
                 b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 b'<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" '
                 b'ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}" ax:persistence="persistPropertyBag"/>',
                 "application/vnd.ms-office.activeX+xml")
    pkg.add_part("ppt/activeX/activeX1.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
                 "application/vnd.ms-office.activeX")
    pkg.relate("ppt/activeX/activeX1.xml", RT_ACTIVEX_BINARY, "activeX1.bin")
    control = pkg.relate(MASTER, RT_CONTROL, "../activeX/activeX1.xml")
    pkg.edit(MASTER, lambda root: _ole_and_control(root, ole, control))
    pkg.add_part("customXml/item1.xml", b'<?xml version="1.0"?><brand secret="yes"/>',
                 "application/xml")
    pkg.relate("ppt/presentation.xml", RT_CUSTOM_XML, "../customXml/item1.xml")
    return pkg


def _ole_and_control(root: etree._Element, ole: str, control: str) -> None:
    tree = sp_tree(root)
    shape_id = next_shape_id(tree)
    tree.append(etree.fromstring(
        f'<p:graphicFrame xmlns:p="{NS["p"]}" xmlns:a="{NS["a"]}" xmlns:r="{NS["r"]}">'
        f'<p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name="Embedded workbook"/>'
        f'<p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>'
        f'<p:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="457200"/></p:xfrm>'
        f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/presentationml/2006/ole">'
        f'<p:oleObj name="Worksheet" r:id="{ole}" progId="Excel.Sheet.12" imgW="914400" '
        f'imgH="457200"><p:embed/></p:oleObj></a:graphicData></a:graphic></p:graphicFrame>'))
    controls = etree.fromstring(
        f'<p:controls xmlns:p="{NS["p"]}" xmlns:r="{NS["r"]}"><p:control name="Button1" '
        f'r:id="{control}" spid="_x0000_s{shape_id + 1}"/></p:controls>')
    tree.addnext(controls)  # schema order: spTree, custDataLst, controls


VARIANTS: dict[str, Callable[[], Package]] = {
    "derived-dark-clrmap.pptx": dark_clrmap,
    "derived-dark-background.pptx": dark_background,
    "derived-two-masters.pptx": two_masters,
    "derived-logo.pptx": logo,
    "derived-localised-pt.pptx": localised,
    "derived-untyped.pptx": untyped,
    "derived-aptos.pptx": aptos,
    "derived-sample-link.pptx": sample_link,
    "derived-macro.pptx": macro,
    "derived-risky.pptx": risky,
}


def derived(name: str) -> bytes:
    """The bytes of the variant ``name`` (a key of :data:`VARIANTS`), as the script writes it."""
    return VARIANTS[name]().to_bytes()


def main() -> None:
    for name in VARIANTS:
        (HERE / name).write_bytes(derived(name))
        print(f"wrote {HERE / name}")


if __name__ == "__main__":
    main()
