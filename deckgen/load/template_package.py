"""A brand template's package read as untrusted input: the one place its zip is opened.

A template comes from outside the project (a brand team, a download, an attachment), so every
reader of it (the palette in the plan, the pptx builder, ``template check``) goes through
:func:`unpack` and :func:`parse_xml`, and a hostile file meets the same caps wherever it is read:

- **caps before unzipping**: the file's size, the number of parts and their declared unpacked
  sizes (a zip bomb is refused from its directory, never inflated); an entry that inflates past
  what it declared is damaged data, not read on;
- **safe XML**: no DTD, entities, network access or lxml's huge-tree mode; a part that is not
  well-formed names itself in the error.

Anything else is one :class:`TemplateError` saying what is wrong, in the user's terms.
"""
from __future__ import annotations

import io
import zipfile
from collections import Counter

from lxml import etree

from ..errors import DeckgenError
from .files import MAX_ASSET_BYTES

MAX_PARTS = 2_000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False)


class TemplateError(DeckgenError, ValueError):
    """The brand template cannot be used; str() says why, in the user's terms."""


def unpack(data: bytes) -> dict[str, bytes]:
    """Every entry of the template's zip by name, after checking the caps on its directory."""
    if len(data) > MAX_ASSET_BYTES:
        raise TemplateError(f"it is larger than {MAX_ASSET_BYTES // 2**20} MiB")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise TemplateError(f"it is not a PowerPoint file ({exc})") from exc
    with archive:
        entries = archive.infolist()
        _check_directory(entries)
        try:
            return {e.filename: archive.read(e) for e in entries if not e.is_dir()}
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError,
                EOFError, RuntimeError) as exc:
            raise TemplateError(f"its zip data is damaged ({exc})") from exc


def _check_directory(entries: list[zipfile.ZipInfo]) -> None:
    """The caps, read from the zip's directory before anything is inflated."""
    if len(entries) > MAX_PARTS:
        raise TemplateError(f"it has {len(entries)} parts, more than the {MAX_PARTS} deckgen reads")
    unpacked = sum(e.file_size for e in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        raise TemplateError(f"it unpacks to {unpacked // 2**20} MiB, more than the "
                            f"{MAX_UNPACKED_BYTES // 2**20} MiB deckgen reads (a zip bomb?)")
    repeated = sorted(n for n, count in Counter(e.filename for e in entries).items() if count > 1)
    if repeated:
        raise TemplateError(f"it holds two parts named {repeated[0]}")


def parse_xml(name: str, data: bytes) -> etree._Element:
    """``data`` (the part ``name``) parsed safely: no DTD or entities, no network, no huge trees."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise TemplateError(f"{name} is not well-formed XML ({exc})") from exc
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise TemplateError(f"{name} declares a DTD or entities, which PowerPoint files never do")
    return root
