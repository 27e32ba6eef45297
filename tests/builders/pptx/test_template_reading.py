"""Brand templates read as untrusted: caps before unzipping, safe XML (by the builder and by the
palette's colour reader alike), nothing that acts on its own carried into the deck, sample slides
gone without a trace, malformed templates one error."""
from __future__ import annotations

import io
import struct
import warnings
import zipfile
import zlib
from typing import Callable

import pytest

from deckgen.builders.pptx.template import open_template
from deckgen.load.template_package import MAX_PARTS, MAX_UNPACKED_BYTES, TemplateError
from deckgen.plan.template_colours import read_template_colours
from tests.support import deckplans
from tests.support.decks import build, open_deck, zip_names
from tests.support.derive_templates import MASTER, Package
from tests.support.templates import template

STOCK = template("python-pptx-default.pptx")


def stock(change: Callable[[Package], None]) -> bytes:
    """python-pptx's template with ``change`` applied."""
    pkg = Package(STOCK.path)
    change(pkg)
    return pkg.to_bytes()


def zipped(entries: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names some tests want
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries:
                archive.writestr(name, data)
    return out.getvalue()


def fails(data: bytes, message: str) -> None:
    with pytest.raises(TemplateError, match=message):
        open_template(data)


def refused(data: bytes, message: str) -> None:
    """Refused by the builder with ``message``, and unread by the colour reader (the plan's
    palette then falls back to deck.yaml's colours; the build reports the template)."""
    fails(data, message)
    assert read_template_colours(data) is None


# Caps before unzipping --------------------------------------------------------------------------
def test_a_zip_bomb_is_refused_from_its_directory_without_inflating_it() -> None:
    data = bytearray(zipped([("[Content_Types].xml", b"<Types/>"), ("big.xml", b"<a/>")]))
    central = data.rindex(b"PK\x01\x02")  # the last entry's directory record
    struct.pack_into("<I", data, central + 24, MAX_UNPACKED_BYTES + 1)  # its unpacked size
    refused(bytes(data), "unpacks to 200 MiB, more than the 200 MiB deckgen reads")


def test_an_entry_that_inflates_past_its_declared_size_is_damaged_not_read_on() -> None:
    data = bytearray(zipped([("[Content_Types].xml", b"<Types/>"), ("bomb.xml", bytes(20_000_000))]))
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        at = data.rindex(signature)
        struct.pack_into("<I", data, at + offset, 1024)  # claims 1 KiB, inflates to 20 MB
    refused(bytes(data), "zip data is damaged")


def test_too_many_parts_are_refused() -> None:
    assert read_template_colours(STOCK.data) is not None
    padded = stock(lambda pkg: pkg.parts.update({f"p{n}.xml": b"<a/>" for n in range(MAX_PARTS)}))
    refused(padded, f"more than the {MAX_PARTS}")


def test_two_parts_under_one_name_are_refused() -> None:
    refused(zipped([("[Content_Types].xml", b"<Types/>")] * 2), "two parts named")


def test_a_file_larger_than_the_asset_cap_is_refused() -> None:
    fails(b"PK" + bytes(26 * 1024 * 1024), "larger than 25 MiB")


# Safe XML and structure ---------------------------------------------------------------------------
def test_entities_are_refused_naming_the_part() -> None:
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">'
              b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><sldLayout '
              b'xmlns="http://schemas.openxmlformats.org/presentationml/2006/main">&lol2;</sldLayout>')
    data = stock(lambda pkg: pkg.parts.update({"ppt/slideLayouts/slideLayout1.xml": laughs}))
    refused(data, r"ppt/slideLayouts/slideLayout1.xml declares a DTD or entities")


def test_broken_xml_is_one_error_naming_the_part() -> None:
    data = stock(lambda pkg: pkg.parts.update({MASTER: pkg.parts[MASTER][:-40]}))
    refused(data, r"ppt/slideMasters/slideMaster1.xml is not well-formed XML")


def test_a_missing_master_or_theme_is_named() -> None:
    fails(stock(lambda pkg: pkg.parts.pop(MASTER)), "slide master 1 is missing")
    fails(stock(lambda pkg: pkg.unrelate(MASTER, "../theme/theme1.xml")), "slide master 1 .* has no theme")


def _slide_size(cx: str | None, cy: str = "6858000") -> Callable[[Package], None]:
    def change(pkg: Package) -> None:
        def edit(root) -> None:  # type: ignore[no-untyped-def]
            size = root.find("{http://schemas.openxmlformats.org/presentationml/2006/main}sldSz")
            if cx is None:
                root.remove(size)
            else:
                size.set("cx", cx)
                size.set("cy", cy)
        pkg.edit("ppt/presentation.xml", edit)
    return change


@pytest.mark.parametrize(("cx", "message"), [
    (None, "has no slide size"),
    ("0", r"slide size, 0.00 x 19.05 cm, is outside"),
    ("ten", "not a number"),
])
def test_a_missing_or_unusable_slide_size_is_named(cx: str | None, message: str) -> None:
    fails(stock(_slide_size(cx)), message)


def test_a_reference_to_a_missing_part_is_named() -> None:
    data = stock(lambda pkg: pkg.relate(MASTER, "http://schemas.openxmlformats.org/officeDocument/"
                                        "2006/relationships/image", "../media/gone.png"))
    fails(data, "slideMaster1.xml refers to ppt/media/gone.png, which it does not contain")


# Nothing that acts on its own ---------------------------------------------------------------------
RISKY = template("derived-risky.pptx")


def test_external_links_macros_ole_activex_and_custom_xml_are_dropped_and_reported() -> None:
    dropped = open_template(RISKY.data).dropped
    assert sorted(d.rsplit(" (", 1)[0] for d in dropped) == [
        "an ActiveX control", "an embedded object (OLE)",
        "an external link to file:///etc/passwd", "an external link to http://example.com/tracking-pixel.png",
        "custom XML data"]
    assert [d for d in open_template(template("derived-macro.pptx").data).dropped] == [
        "a VBA macro project (ppt/presentation.xml)"]


@pytest.fixture(scope="module")
def risky_deck() -> bytes:
    plan = deckplans.every_kind()
    plan.template = RISKY.data
    return build(plan)


def test_the_deck_keeps_nothing_of_them(risky_deck: bytes) -> None:
    archive = zipfile.ZipFile(io.BytesIO(risky_deck))
    assert not [n for n in archive.namelist() if n.startswith(
        ("customXml", "ppt/embeddings/oleObject", "ppt/activeX", "ppt/vba"))]  # charts' workbooks stay
    rels = b"".join(archive.read(n) for n in archive.namelist() if n.endswith(".rels"))
    assert b"External" not in rels and b"example.com" not in rels and b"/etc/passwd" not in rels
    master = archive.read("ppt/slideMasters/slideMaster1.xml")
    assert b"oleObj" not in master and b"p:controls" not in master and b"Linked logo" not in master


def test_an_action_that_runs_a_program_is_dropped() -> None:
    def change(pkg: Package) -> None:
        pkg.parts[MASTER] = pkg.parts[MASTER].replace(
            b'<p:cNvPr id="2" name="Title Placeholder 1"/>',
            b'<p:cNvPr id="2" name="Title Placeholder 1"><a:hlinkClick r:id="" '
            b'action="ppaction://program"/></p:cNvPr>')
        assert b"ppaction://program" in pkg.parts[MASTER]
    brand = open_template(stock(change))
    assert brand.dropped == ["an action that runs a program or macro (ppt/slideMasters/slideMaster1.xml)"]
    assert b"ppaction" not in brand.prs.slide_master.part.blob


# Sample slides: gone without a trace ------------------------------------------------------------------
@pytest.mark.parametrize("name", ["derived-sample-link.pptx", "derived-macro.pptx", "lo-vivid.potx",
                                  "lo-midnightblue.potx", "pandoc-reference.pptx"])
def test_the_deck_has_only_its_own_slides_and_every_part_once(name: str) -> None:
    plan = deckplans.deck(deckplans.bullets_slide(), template=template(name).data)
    data = build(plan)
    names = zip_names(data)
    assert len(names) == len(set(names))
    assert len(open_deck(data).slides) == len(plan.slides)
    assert len([n for n in names if n.startswith("ppt/slides/slide")]) == len(plan.slides)
    assert len([n for n in names if n.startswith("ppt/notesSlides/notesSlide")]) == len(plan.slides)


def test_the_layouts_the_sample_slides_used_are_remembered() -> None:
    brand = open_template(template("lo-midnightblue.pptx").data)
    masters = [m.part.partname for m in brand.prs.slide_masters]
    first = next(lay for m in brand.prs.slide_masters for lay in m.slide_layouts
                 if str(lay.part.partname) == brand.sample_layouts[0])
    assert first.name == "Title Slide" and masters.index(first.slide_master.part.partname) == 1


def test_a_template_is_read_the_same_every_time() -> None:
    assert build(deckplans.deck(template=RISKY.data)) == build(deckplans.deck(template=RISKY.data))


def test_a_compressed_stream_is_checked_before_any_xml_is_parsed() -> None:
    """A part that is not XML at all but named .xml is an error naming it, not a crash."""
    data = stock(lambda pkg: pkg.parts.update({MASTER: zlib.compress(b"not xml")}))
    fails(data, "slideMaster1.xml is not well-formed XML")
