"""The slide markup language: each element parses into the plan, and each mistake names its line."""
from __future__ import annotations

import pytest

from deckgen.plan.markup import MarkupError, Registry, parse_slides
from deckgen.plan.slides import (Badge, Cards, Chart, Columns, Ladder, OrgChart, Paragraph, Picture, Run,
                                 Table, Text)


def slide(body: str, notes: str = "", registry: Registry | None = None, title: str = "A title"):
    """A slide whose body starts on line 3 of the markup."""
    markup = f"<slide><title>{title}</title>\n<body>\n{body}\n</body>\n<notes>{notes}</notes>\n</slide>"
    [parsed] = parse_slides(markup, "kind", registry or Registry())
    return parsed


def failure(body: str, registry: Registry | None = None) -> MarkupError:
    with pytest.raises(MarkupError) as caught:
        slide(body, registry=registry)
    return caught.value


def test_slide_parts() -> None:
    [parsed] = parse_slides('<slide layout="title"><title>  Big\n  point </title><subtitle> </subtitle>'
                            "<notes><p>One</p><p kind=\"bullet\">Two</p><p kind=\"bullet\" level=\"1\">Three</p>"
                            "</notes></slide>", "title", Registry())
    assert (parsed.kind, parsed.layout, parsed.title, parsed.subtitle) == ("title", "title", "Big point", None)
    assert parsed.notes == "One\n• Two\n    • Three"
    assert parsed.elements == []


def test_text_paragraphs_runs_and_whitespace() -> None:
    [text] = slide('<text style="lead" heading="Why">\n  <p>  A <b>bold <i>move</i></b> and\n'
                   '  <a href="https://x.example">a link</a><br/> next <span color="muted">line</span> </p>\n'
                   '  <p kind="number" level="2">n</p></text>').elements
    assert isinstance(text, Text) and (text.style, text.heading) == ("lead", "Why")
    first, second = text.paragraphs
    assert first.runs == (Run("A "), Run("bold ", bold=True), Run("move", bold=True, italic=True), Run(" and "),
                          Run("a link", link="https://x.example"), Run("\n"), Run("next "),
                          Run("line", color="muted"))
    assert (second.kind, second.level, second.text) == ("number", 2, "n")


def test_only_web_and_mail_links_survive() -> None:
    [text] = slide('<text><a href="javascript:alert(1)">x</a> <a href="mailto:a@b.example">y</a></text>').elements
    assert [r.link for r in text.paragraphs[0].runs] == [None, None, "mailto:a@b.example"]


def test_notes_count_numbered_items_and_indent_levels() -> None:
    parsed = slide("", notes='<p kind="number">a</p><p kind="number">b</p><p kind="bullet" level="1">c</p>'
                             '<p kind="number">d</p><p>e</p><p kind="number">f</p>')
    assert parsed.notes == "1. a\n2. b\n    • c\n3. d\ne\n1. f"


def test_text_without_p_is_one_paragraph_and_empty_text_is_dropped() -> None:
    elements = slide("<text> just this </text><text>  </text>").elements
    assert elements == [Text([Paragraph((Run("just this"),))])]


def test_markdown_reference_is_replaced_and_merges_into_text() -> None:
    registry = Registry()
    table = Table([], [])
    before = registry.reference("markdown", [Text([Paragraph((Run("from md"),))]), table,
                                             Text([Paragraph((Run("after"),))])])
    elements = slide(f'<text style="caption" heading="H"><p>mine</p>{before}</text>', registry=registry).elements
    assert [type(e) for e in elements] == [Text, Table, Text]
    assert [p.text for p in elements[0].paragraphs] == ["mine", "from md"]
    assert elements[0].heading == "H" and elements[2].heading is None
    assert elements[2].style == "caption" and elements[2].paragraphs[0].text == "after"


def test_a_heading_stays_first_when_markdown_opens_with_a_table() -> None:
    registry = Registry()
    ref = registry.reference("markdown", [Table([], []), Text([Paragraph((Run("after"),))])])
    elements = slide(f'<text heading="H">{ref}</text>', registry=registry).elements
    assert [type(e) for e in elements] == [Text, Table, Text]
    assert (elements[0].heading, elements[0].paragraphs, elements[2].heading) == ("H", [], None)


def test_markdown_and_picture_at_body_level() -> None:
    registry = Registry()
    md = registry.reference("markdown", [Text([Paragraph((Run("x"),))])])
    pic = registry.reference("picture", [Picture(b"\x89PNG", "alt")])
    elements = slide(f"{md}{pic}", registry=registry).elements
    assert elements == [Text([Paragraph((Run("x"),))]), Picture(b"\x89PNG", "alt")]


def test_table() -> None:
    [table] = slide('<table widths="3 1"><header><cell>Name</cell><cell align="right">N</cell></header>'
                    '<row group="true"><cell>Group</cell></row>'
                    '<row heading="true"><cell><p>a</p><p kind="bullet">b</p></cell><cell align="right" status="missed">'
                    '✕ 1</cell></row><row><cell/><cell/></row></table>').elements
    assert isinstance(table, Table) and table.widths == [3.0, 1.0]
    assert [c.paragraphs[0].text for c in table.header] == ["Name", "N"]
    group, row, empty = table.rows
    assert group.group and [c.paragraphs[0].text for c in group.cells] == ["Group"]
    assert (group.heading, row.heading, empty.heading) == (False, True, False)
    assert [p.text for p in row.cells[0].paragraphs] == ["a", "b"]
    assert (row.cells[1].align, row.cells[1].status) == ("right", "missed")
    assert [c.paragraphs for c in empty.cells] == [[], []]


def test_table_without_rows_is_left_out() -> None:
    assert slide("<table><header><cell>x</cell></header></table>").elements == []


def test_chart() -> None:
    [chart] = slide('<chart kind="column" title="Scores" number-format=\'0"%"\' maximum="1">'
                    "<category>A</category><category>B</category>"
                    '<series name="S"><value status="on-track">0.8</value><value>0.25</value></series>'
                    '<reference label="Bar" value="0.7"/></chart>').elements
    assert chart == Chart("column", "Scores", ["A", "B"], [chart.series[0]], '0"%"', 1.0, ("Bar", 0.7))
    assert (chart.series[0].values, chart.series[0].statuses) == ([0.8, 0.25], ["on-track", None])


def test_chart_without_statuses_has_an_empty_status_list() -> None:
    [chart] = slide('<chart kind="bar"><category>A</category><series name="S"><value>1</value></series>'
                    "</chart>").elements
    assert chart.series[0].statuses == [] and chart.title == ""


def test_cards_orgchart_ladder_columns() -> None:
    registry = Registry()
    photo = registry.reference("picture", [Picture(b"img", "Ann")])
    elements = slide(
        '<columns><column heading="Left" weight="2">'
        '<cards><card title="T" subtitle="S"><p>why</p><p kind="bullet">out</p>'
        '<badge status="pending">CMO</badge></card></cards></column><column>'
        f'<orgchart><node key="a" title="Ann" subtitle="Lead">{photo}</node>'
        '<node key="b" parent="a" title="Bo" detail="Focus"/></orgchart></column></columns>'
        '<ladder><priority key="p" title="P" detail="m"/><rock key="r" title="R"/><link rock="r" priority="p"/>'
        "</ladder>", registry=registry).elements
    columns, ladder = elements
    assert isinstance(columns, Columns) and isinstance(ladder, Ladder)
    left, right = columns.columns
    assert (left.heading, left.weight, right.heading, right.weight) == ("Left", 2.0, None, 1.0)
    [cards] = left.elements
    assert isinstance(cards, Cards)
    card = cards.cards[0]
    assert (card.title, card.subtitle, [p.text for p in card.paragraphs]) == ("T", "S", ["why", "out"])
    assert card.badges == [Badge("CMO", "pending")]
    [org] = right.elements
    assert isinstance(org, OrgChart)
    assert [(n.key, n.parent, n.title, n.subtitle, n.detail) for n in org.nodes] == [
        ("a", None, "Ann", "Lead", None), ("b", "a", "Bo", None, "Focus")]
    assert org.nodes[0].picture == Picture(b"img", "Ann") and org.nodes[1].picture is None
    assert ladder.links == [("r", "p")] and ladder.priorities[0].detail == "m"


def test_content_characters_xml_cannot_carry_are_dropped() -> None:
    assert slide("<text>a\x0bb\x00c</text>").elements == [Text([Paragraph((Run("abc"),))])]


def test_entities_and_doctypes_are_refused() -> None:
    markup = ('<!DOCTYPE slide [<!ENTITY secret SYSTEM "file:///etc/hostname">]>'
              "<slide><title>T &secret;</title></slide>")
    with pytest.raises(MarkupError, match="cannot declare a DOCTYPE"):
        parse_slides(markup, "k", Registry())
    with pytest.raises(MarkupError, match="Entity 'nbsp' not defined"):
        parse_slides("<slide><title>T&nbsp;</title></slide>", "k", Registry())


@pytest.mark.parametrize("body, message, line", [
    ("<text>\n<p>open\n</text>", "not well-formed XML: Opening and ending tag mismatch: p line 4 and text", 5),
    ("<txt/>", "<txt> cannot go inside <body> (expected: <text>, <markdown>, <picture>, <table>", 3),
    ('<text styl="lead"/>', "<text> has no attribute 'styl' (allowed: style, heading)", 3),
    ('<text style="huge"/>', "<text style>: 'huge' is not one of: lead, body, caption, big", 3),
    ("<text><p>a</p>stray</text>", "text 'stray' directly inside <text>; put it in one of <p>, <markdown>", 3),
    ("<text><p><em>x</em></p></text>", "<em> cannot go inside a paragraph", 3),
    ('<text><p><span color="red">x</span></p></text>', "<span color>: 'red' is not one of: primary, accent", 3),
    ("<table><header><cell/><cell/></header>\n<row><cell/></row></table>", "this row has 1 cells, the table 2", 4),
    ('<table><row group="true"><cell/><cell/></row></table>', "a group row has one, spanning the table", 3),
    ('<table widths="1 2 3"><row><cell/></row></table>', "widths gives 3 columns, the table has 1", 3),
    ('<table><row><cell status="green"/></row></table>', "<cell status>: 'green' is not one of: on-track", 3),
    ('<chart kind="bar"><category>A</category><series name="S"><value>1</value><value>2</value></series></chart>',
     "series 'S' has 2 values for 1 categories", 3),
    ('<chart kind="bar"><category>A</category><series name="S"><value>nan</value></series></chart>',
     "<value>: 'nan' is not a finite number", 3),
    ('<chart kind="bar"><category>A</category></chart>', "a chart needs at least one <series>", 3),
    ("<chart/>", "<chart> needs a 'kind' attribute", 3),
    ('<orgchart><node key="a" title="A" parent="zz"/></orgchart>', "parent 'zz' is not one of its keys", 3),
    ('<orgchart><node key="a" title="A"/><node key="a" title="B"/></orgchart>', "uses the key 'a' twice", 3),
    ('<ladder><rock key="r" title="R"/><link rock="r" priority="p"/></ladder>', "priority 'p' is not one of", 3),
    ('<markdown ref="7"/>', '<markdown ref="7"/> refers to nothing', 3),
    ('<cards><card title="T"><text>x</text></card></cards>', "<text> cannot go inside a paragraph", 3),
])
def test_mistakes_name_the_rendered_line(body: str, message: str, line: int) -> None:
    problem = failure(body)
    assert message in problem.message
    assert problem.line == line


def test_a_slide_needs_a_title() -> None:
    with pytest.raises(MarkupError, match="the slide has no title"):
        slide("", title="  ")
    with pytest.raises(MarkupError, match="a layout renders one <slide> or <slides>, not <deck>"):
        parse_slides("<deck/>", "k", Registry())


def test_a_layout_may_make_several_points_on_several_slides() -> None:
    slides = parse_slides('<slides>\n<slide><title>First</title><notes><p>One</p></notes></slide>\n'
                          '<slide layout="section"><title>Second</title><body><text>x</text></body></slide>'
                          "\n</slides>", "team", Registry())
    assert [(s.kind, s.title, s.layout, s.notes) for s in slides] == [
        ("team", "First", "content", "One"), ("team", "Second", "section", "")]
    assert slides[1].elements == [Text([Paragraph((Run("x"),))])]
    with pytest.raises(MarkupError, match="<slides> holds no <slide>"):
        parse_slides("<slides> </slides>", "k", Registry())
    with pytest.raises(MarkupError, match="<text> cannot go inside <slides>") as caught:
        parse_slides("<slides>\n<text/></slides>", "k", Registry())
    assert caught.value.line == 2


def test_a_picture_reference_must_hold_a_picture() -> None:
    registry = Registry()
    ref = registry.reference("markdown", [Text([])])
    assert "is not a picture" in failure(ref.replace("markdown", "picture"), registry).message
