"""Finalizing a python-pptx presentation into bytes that open everywhere and are reproducible.

python-pptx saves files PowerPoint accepts, but not quite everything else does:

- it creates a notes master for speaker notes without listing it in ``<p:notesMasterIdLst>``,
  which Apple Keynote needs to accept the notes (python-pptx issue #1051, PR #1128);
- its chart XML uses negative axis ids, while the schema types ``c:axId``/``c:crossAx`` as
  unsigned ints, so the Open XML SDK validator rejects every chart;
- its default template keeps ``type="screen4x3"`` on a resized ``<p:sldSz>``, a printer-settings
  blob, and leftover document properties (author "Steve Canny", dates from 2013);
- every save stamps the zip entries, and each chart's embedded workbook, with the current time,
  so two builds of the same content never compare equal.

:func:`finalize` fixes all of that, with the timestamp the build command picks
(``commands.common.source_date_epoch``, the reproducible-builds ``SOURCE_DATE_EPOCH`` convention).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Mapping
from datetime import datetime, timezone

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import PackageWriter
from pptx.oxml.ns import qn
from pptx.presentation import Presentation

_C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_DCTERMS_NS = "http://purl.org/dc/terms/"
_APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_CORE_PROP_LIMIT = 255  # python-pptx refuses longer core-property strings
#: Core properties a template may carry over that describe the template, not this deck.
_CORE_LEFTOVERS = (
    "dc:description", "cp:category", "cp:contentStatus", "dc:identifier", "dc:language",
    "cp:version", "cp:lastPrinted",
)

#: Raw C0 control characters (tab, line feed and carriage return excepted) and python-pptx's
#: plain-text escapes of them ("_x001B_"): PowerPoint decodes the latter back into control
#: characters, which some readers reject and none display.
_CONTROL_RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL_ESCAPED = re.compile(rb"_x00(?:0[0-8BbCcEeFf]|1[0-9A-Fa-f])_")

#: Slide-size types whose dimensions are fixed; a ``type`` that contradicts cx/cy is dropped.
_SLIDE_SIZE_TYPES = {
    "screen4x3": (9144000, 6858000),
    "screen16x9": (9144000, 5143500),
    "screen16x10": (9144000, 5715000),
}


def strip_control_chars(text: str) -> str:
    """``text`` without C0 control characters other than tab, line feed and carriage return."""
    return _CONTROL_RAW.sub("", text)


def finalize(
    prs: Presentation, *, title: str, author: str, subject: str = "", keywords: str = "",
    created: datetime,
) -> bytes:
    """Fix up ``prs`` (it is modified in place) and return reproducible .pptx bytes.

    The same presentation and ``created`` give byte-identical output; ``created`` is also the
    modification time, and the timestamp of every zip entry (clamped to 1980, the zip minimum).
    """
    when = _utc_naive(created)
    _set_core_properties(prs, title, author, subject, keywords, when)
    _register_notes_master(prs)
    _fix_slide_size_type(prs)
    _drop_printer_settings(prs)
    return _zip(_package_entries(prs), when, _fix_entry(prs, when))


def _utc_naive(value: datetime) -> datetime:
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value.replace(microsecond=0)


def _prop_text(value: str) -> str:
    return strip_control_chars(value)[:_CORE_PROP_LIMIT]


def _set_core_properties(
    prs: Presentation, title: str, author: str, subject: str, keywords: str, when: datetime
) -> None:
    """Set the deck's own properties and blank the template's leftovers."""
    props = prs.core_properties
    props.title = _prop_text(title)
    props.author = _prop_text(author)
    props.last_modified_by = _prop_text(author)
    props.subject = _prop_text(subject)
    props.keywords = _prop_text(keywords)
    props.revision = 1
    props.created = when
    props.modified = when
    for tag in _CORE_LEFTOVERS:
        for node in props._element.findall(qn(tag)):
            props._element.remove(node)


def _register_notes_master(prs: Presentation) -> None:
    """List the notes master in ``<p:notesMasterIdLst>`` whenever the deck has one.

    The notes master is created when any slide has notes; python-pptx relates it to the
    presentation part but never adds the list entry, which Keynote requires.
    """
    part = prs.part
    has_master = any(part.rels[r].reltype == RT.NOTES_MASTER for r in part.rels)
    if not has_master and not any(s.has_notes_slide for s in prs.slides):
        return
    rId = part.relate_to(prs.notes_master.part, RT.NOTES_MASTER)
    pres = part._element
    old = pres.find(qn("p:notesMasterIdLst"))
    if old is not None:
        pres.remove(old)
    lst = etree.SubElement(pres, qn("p:notesMasterIdLst"))
    etree.SubElement(lst, qn("p:notesMasterId")).set(qn("r:id"), rId)
    masters = pres.find(qn("p:sldMasterIdLst"))
    if masters is not None:
        masters.addnext(lst)  # schema order: sldMasterIdLst, notesMasterIdLst, ...
    else:
        pres.insert(0, lst)


def _fix_slide_size_type(prs: Presentation) -> None:
    """Drop a ``type`` on ``<p:sldSz>`` that contradicts its dimensions (defaults to custom)."""
    sld_sz = prs.part._element.find(qn("p:sldSz"))
    if sld_sz is None:
        return
    size = _SLIDE_SIZE_TYPES.get(sld_sz.get("type", ""))
    if size is not None and size != (int(sld_sz.get("cx", 0)), int(sld_sz.get("cy", 0))):
        del sld_sz.attrib["type"]


def _drop_printer_settings(prs: Presentation) -> None:
    """Remove the template author's printer-settings blob; PowerPoint does not need it."""
    part = prs.part
    for rId in [r for r in part.rels if part.rels[r].reltype == RT.PRINTER_SETTINGS]:
        part.drop_rel(rId)


EntryFix = Callable[[str, bytes], bytes]


def _fix_entry(prs: Presentation, when: datetime) -> EntryFix:
    """The per-zip-entry rewrite applied while repacking the saved package."""
    slides, notes = len(prs.slides), sum(s.has_notes_slide for s in prs.slides)
    fmt = _presentation_format(prs.slide_width or 0, prs.slide_height or 0)

    def fix(name: str, data: bytes) -> bytes:
        if name.endswith(".xml"):
            data = _CONTROL_ESCAPED.sub(b"", data)
        if re.fullmatch(r"ppt/charts/chart\d+\.xml", name):
            return fix_chart_axis_ids(data)
        if name == "docProps/app.xml":
            return _fix_app_props(data, slides, notes, fmt)
        if name.startswith("ppt/embeddings/") and name.endswith((".xlsx", ".xlsm", ".docx")):
            return _normalize_embedded(data, when)
        return data

    return fix


def fix_chart_axis_ids(chart_xml: bytes) -> bytes:
    """Rewrite negative ``c:axId``/``c:crossAx`` values to unsigned ones, consistently.

    Each distinct negative id maps to its low 31 bits (bumped past any id already in use), so
    every reference to one axis still names the same axis and the value is valid both as the
    schema's unsigned int and as a signed 32-bit int for readers that parse it that way.
    """
    root = etree.fromstring(chart_xml)
    nodes = root.xpath("//c:axId | //c:crossAx", namespaces={"c": _C_NS})
    used = {int(n.get("val")) for n in nodes if int(n.get("val")) >= 0}
    mapping: dict[int, int] = {}
    for node in nodes:
        val = int(node.get("val"))
        if val >= 0:
            continue
        if val not in mapping:
            new = (val & 0x7FFFFFFF) or 1
            while new in used:
                new = new % 0x7FFFFFFF + 1
            mapping[val] = new
            used.add(new)
        node.set("val", str(mapping[val]))
    if not mapping:
        return chart_xml
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _presentation_format(cx: int, cy: int) -> str:
    """PowerPoint's name for a slide size, as shown in app.xml."""
    if cy and abs(cx / cy - 16 / 9) < 0.01:
        return "Widescreen"
    if cy and abs(cx / cy - 4 / 3) < 0.01:
        return "On-screen Show (4:3)"
    return "Custom"


def _fix_app_props(app_xml: bytes, slides: int, notes: int, fmt: str) -> bytes:
    """Make the template's app.xml counts and format describe this deck."""
    root = etree.fromstring(app_xml)
    values = {"Slides": slides, "Notes": notes, "TotalTime": 0, "PresentationFormat": fmt}
    for tag, value in values.items():
        node = root.find(f"{{{_APP_NS}}}{tag}")
        if node is not None:
            node.text = str(value)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _normalize_embedded(blob: bytes, when: datetime) -> bytes:
    """Repack an embedded Office file (a chart's workbook) with ``when`` as its dates."""
    if not zipfile.is_zipfile(io.BytesIO(blob)):
        return blob
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()

    def fix(name: str, data: bytes) -> bytes:
        if name != "docProps/core.xml":
            return data
        for tag in (b"created", b"modified"):
            data = re.sub(
                rb"(<dcterms:" + tag + rb"\b[^>]*>)[^<]*(</dcterms:" + tag + rb">)",
                lambda m: m.group(1) + stamp + m.group(2), data,
            )
        return data

    return _rezip(blob, when, fix)


class _Entries(dict[str, bytes]):
    """The files of a package by zip member name: what python-pptx's package writer writes,
    collected instead of zipped (it stands in for the writer's zip file)."""

    def write(self, uri: PackURI, blob: bytes) -> None:
        self[uri.membername] = blob


def _package_entries(prs: Presentation) -> _Entries:
    """Every file python-pptx's ``save`` would write for ``prs``, serialised by its own writer
    (content types, package relationships, each part and its relationships) but not zipped:
    :func:`_zip` zips them once, in a fixed order, where saving and repacking deflated twice."""
    package = prs.part.package
    writer = PackageWriter(io.BytesIO(), package._rels, tuple(package.iter_parts()))
    entries = _Entries()
    writer._write_content_types_stream(entries)  # type: ignore[arg-type]  # a writer's write() is all it uses
    writer._write_pkg_rels(entries)  # type: ignore[arg-type]  # as above
    writer._write_parts(entries)  # type: ignore[arg-type]  # as above
    return entries


def _rezip(blob: bytes, when: datetime, fix: EntryFix) -> bytes:
    """Repack a zip deterministically (see :func:`_zip`)."""
    with zipfile.ZipFile(io.BytesIO(blob)) as src:
        return _zip({name: src.read(name) for name in src.namelist()}, when, fix)


def _zip(entries: Mapping[str, bytes], when: datetime, fix: EntryFix) -> bytes:
    """Zip ``entries`` deterministically: fixed entry order, timestamps and attributes."""
    stamp = (min(max(when.year, 1980), 2107), when.month, when.day,
             when.hour, when.minute, when.second)
    if when.year < 1980:
        stamp = (1980, 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in sorted(entries, key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, fix(name, entries[name]), compresslevel=6)
    return out.getvalue()
