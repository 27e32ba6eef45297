"""Slide markup, the element half: tables, charts, cards, org charts, the ladder and columns."""
from __future__ import annotations

from lxml import etree

from .markup_text import flow, only_paragraphs
from .markup_values import (Parser, attrs, children, error, flag, literal, number, plain, plain_text,
                            weights)
from .slides import (Badge, Card, Cards, Cell, Chart, Column, Columns, Element, Ladder, LadderItem,
                     OrgChart, OrgNode, Picture, Row, Series, Table)


def picture(parser: Parser, node: etree._Element) -> list[Element]:
    """A picture registered by ``{{ picture(...) }}``; its bytes never pass through the markup."""
    attrs(node, {"ref": plain}, ("ref",))
    found = parser.reference(node)
    if not all(isinstance(e, Picture) for e in found):
        raise error(node, "<picture ref> refers to something that is not a picture")
    return found


def table(parser: Parser, node: etree._Element) -> list[Element]:
    """A header and rows of cells; every row as wide as the header, a group row one spanning cell."""
    given = attrs(node, {"widths": weights})
    header: list[Cell] = []
    rows: list[Row] = []
    for child in children(node, ("header", "row")):
        if child.tag == "header":
            if header or rows:
                raise error(child, "a table has one <header>, before its rows")
            attrs(child, {})
            header = [cell(parser, c) for c in children(child, ("cell",))]
        else:
            rows.append(Row([cell(parser, c) for c in children(child, ("cell",))],
                            **attrs(child, {"group": flag, "heading": flag})))
    width = len(header) or max((len(r.cells) for r in rows if not r.group), default=1)
    for row, child in zip(rows, node.iterchildren("row"), strict=True):
        wanted = 1 if row.group else width
        if len(row.cells) != wanted:
            raise error(child, f"this row has {len(row.cells)} cells, the table {wanted}"
                                f"{' (a group row has one, spanning the table)' if row.group else ''}")
    if given.get("widths") is not None and len(given["widths"]) != width:
        raise error(node, f"widths gives {len(given['widths'])} columns, the table has {width}")
    return [Table(header, rows, **given)] if rows else []


def cell(parser: Parser, node: etree._Element) -> Cell:
    given = attrs(node, {"align": literal(Cell, "align"), "status": literal(Cell, "status")})
    return Cell(only_paragraphs(node, flow(parser, node)), **given)


def chart(parser: Parser, node: etree._Element) -> list[Element]:
    """Categories, series with one value per category, and at most one labelled reference line."""
    given = attrs(node, {"kind": literal(Chart, "kind"), "title": plain, "number-format": plain,
                          "maximum": number}, ("kind",))
    categories, series, references, marked = [], [], [], []
    for child in children(node, ("category", "series", "reference")):
        if child.tag == "category":
            attrs(child, {})
            categories.append(plain_text(child))
        elif child.tag == "series":
            series.append(_series(child))
        else:
            found = attrs(child, {"label": plain, "value": number, "category": plain}, ("label", "value"))
            references.append((found["label"], found["value"]))
            if "category" in found:
                marked.append((child, found["category"]))
    if len(references) > 1:
        raise error(node, "a chart has at most one <reference>")
    if categories and not series:
        raise error(node, "a chart needs at least one <series>")
    for one, child in zip(series, node.iterchildren("series"), strict=True):
        if len(one.values) != len(categories):
            raise error(child, f"series '{one.name}' has {len(one.values)} values for "
                                f"{len(categories)} categories")
    for child, category in marked:
        if category not in categories:
            raise error(child, f"the reference marks category '{category}', which the chart does not have")
    kind, title = given.pop("kind"), given.pop("title", "")
    made = Chart(kind, title, categories, series, **given, reference=references[0] if references else None,
                 reference_category=categories.index(marked[0][1]) if marked else None)
    return [made] if categories else []


def _series(node: etree._Element) -> Series:
    name = attrs(node, {"name": plain}, ("name",))["name"]
    values, statuses = [], []
    for child in children(node, ("value",)):
        statuses.append(attrs(child, {"status": literal(Series, "statuses")}).get("status"))
        try:
            values.append(number(plain_text(child)))
        except ValueError as problem:
            raise error(child, f"<value>: {problem}") from None
    return Series(name, values, statuses if any(statuses) else [])


def cards(parser: Parser, node: etree._Element) -> list[Element]:
    attrs(node, {})
    found = [card(parser, child) for child in children(node, ("card",))]
    return [Cards(found)] if found else []


def card(parser: Parser, node: etree._Element) -> Card:
    given = attrs(node, {"title": plain, "subtitle": plain}, ("title",))
    badges = [Badge(plain_text(b), **attrs(b, {"status": literal(Badge, "status")}))
              for b in node.iterchildren("badge")]
    return Card(paragraphs=only_paragraphs(node, flow(parser, node, ("badge",))), badges=badges, **given)


def orgchart(parser: Parser, node: etree._Element) -> list[Element]:
    attrs(node, {})
    nodes = []
    for child in children(node, ("node",)):
        given = attrs(child, {"key": plain, "parent": plain, "title": plain, "subtitle": plain,
                               "detail": plain}, ("key", "title"))
        photos = [p for c in children(child, ("picture",)) for p in picture(parser, c) if isinstance(p, Picture)]
        nodes.append(OrgNode(**given, picture=photos[0] if photos else None))
    _unique_keys(node, [n.key for n in nodes])
    _known_keys(node, "parent", [n.parent for n in nodes if n.parent], [n.key for n in nodes])
    return [OrgChart(nodes)] if nodes else []


def ladder(parser: Parser, node: etree._Element) -> list[Element]:
    attrs(node, {})
    item = {"key": plain, "title": plain, "detail": plain}
    sides: dict[str, list[LadderItem]] = {"priority": [], "rock": []}
    links = []
    for child in children(node, ("priority", "rock", "link")):
        if child.tag == "link":
            found = attrs(child, {"rock": plain, "priority": plain}, ("rock", "priority"))
            links.append((found["rock"], found["priority"]))
        else:
            children(child, ())  # no text, no children: all it says is in its attributes
            sides[child.tag].append(LadderItem(**attrs(child, item, ("key", "title"))))
    for side, items in sides.items():
        _unique_keys(node, [i.key for i in items])
        _known_keys(node, side, [link[side == "priority"] for link in links], [i.key for i in items])
    return [Ladder(sides["priority"], sides["rock"], links)] if sides["priority"] or sides["rock"] else []


def _unique_keys(node: etree._Element, keys: list[str]) -> None:
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise error(node, f"<{node.tag}> uses the key '{repeated[0]}' twice")


def _known_keys(node: etree._Element, what: str, used: list[str], keys: list[str]) -> None:
    unknown = [k for k in used if k not in keys]
    if unknown:
        raise error(node, f"<{node.tag}>: {what} '{unknown[0]}' is not one of its keys")


def columns(parser: Parser, node: etree._Element) -> list[Element]:
    attrs(node, {})
    found = [Column(parser.elements(c), **attrs(c, {"heading": plain, "weight": number}))
             for c in children(node, ("column",))]
    return [Columns(found)] if found else []


