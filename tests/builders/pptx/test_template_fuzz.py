"""Mutated brand templates: whatever is removed or garbled in a template's masters, layouts,
theme, presentation part or relationships, the build gives a deck or one TemplateError, never
another exception (a traceback for the user)."""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Callable

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import etree

from deckgen.builders.pptx.template import TemplateError
from tests.support import deckplans
from tests.support.decks import build, open_deck
from tests.support.templates import FOLDER, corpus

TEMPLATES = corpus()
VALUES = ["", "-1", "0", "99999999999999", "x", "title", "ctrTitle", "rId999", "../../x.xml"]


def _mutable(name: str) -> bool:
    return name.endswith((".xml", ".rels")) and any(
        key in name for key in ("slideMaster", "slideLayout", "theme", "presentation", "Content_Types"))


@dataclass(frozen=True)
class Case:
    """A mutated template: which one, the edits made (for the failure report) and its bytes."""

    template: str
    edits: list[str]
    data: bytes = field(repr=False)


@st.composite
def mutated(draw: st.DrawFn) -> Case:
    """A corpus template with one to four random edits (an element removed, an attribute removed
    or set to a hostile value) in one or two of its structural parts."""
    template = draw(st.sampled_from(TEMPLATES))
    archive = zipfile.ZipFile(io.BytesIO(template.data))
    parts = {name: archive.read(name) for name in archive.namelist()}
    edits = []
    for name in draw(st.lists(st.sampled_from(sorted(filter(_mutable, parts))), min_size=1, max_size=2)):
        root = etree.fromstring(parts[name])
        for _ in range(draw(st.integers(1, 4))):
            elements = list(root.iter())[1:]
            if not elements:
                break
            element = draw(st.sampled_from(elements))
            where = f"{name}: {etree.QName(element).localname}"
            if draw(st.booleans()) and element.getparent() is not None:
                element.getparent().remove(element)
                edits.append(f"{where} removed")
            elif element.attrib:
                key = draw(st.sampled_from(sorted(element.attrib)))
                if draw(st.booleans()):
                    del element.attrib[key]
                    edits.append(f"{where} @{key} removed")
                else:
                    value = draw(st.sampled_from(VALUES))
                    element.set(key, value)
                    edits.append(f"{where} @{key}={value!r}")
        parts[name] = etree.tostring(root)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return Case(template.name, edits, out.getvalue())


@pytest.mark.slow
@settings(max_examples=60, deadline=None, derandomize=True, phases=[Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated())
def test_a_mutated_template_builds_or_is_one_template_error(case: Case) -> None:
    plan = deckplans.deck(deckplans.bullets_slide(2), template=case.data)
    try:
        data = build(plan)
    except TemplateError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert len(open_deck(data).slides) == len(plan.slides)


P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def _empty_shape(tree: etree._Element) -> None:
    tree.append(etree.Element(f"{P}sp"))


def _comment_first(tree: etree._Element) -> None:
    for shape in tree.iterchildren(f"{P}sp"):
        shape.insert(0, etree.Comment(" a template tool's note "))


def _with_every_shape_tree(data: bytes, edit: Callable[[etree._Element], None]) -> bytes:
    """``data`` with ``edit`` made to the shape tree of every master and layout."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            part = source.read(name)
            if name.startswith(("ppt/slideMasters/slideMaster", "ppt/slideLayouts/slideLayout")) and name.endswith(".xml"):
                root = etree.fromstring(part)
                edit(root.find(f"{P}cSld/{P}spTree"))
                part = etree.tostring(root)
            target.writestr(name, part)
    return out.getvalue()


@pytest.mark.parametrize("edit", [_empty_shape, _comment_first], ids=["an empty shape", "a comment first"])
def test_shapes_are_read_as_python_pptx_reads_them(edit: Callable[[etree._Element], None]) -> None:
    """A shape element with no children, or a comment before a placeholder's properties (both
    valid XML a template tool may leave), is read as python-pptx reads it: the empty shape is no
    placeholder, the commented one still is, so every title lands in its layout's title."""
    template = _with_every_shape_tree((FOLDER / "python-pptx-default.pptx").read_bytes(), edit)
    plan = deckplans.deck(deckplans.bullets_slide(2), template=template)
    deck = open_deck(build(plan))
    assert [slide.shapes.title.text for slide in deck.slides] == [s.title for s in plan.slides]
