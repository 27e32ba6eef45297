"""Hand-written slide plans for the pptx builder's tests: one slide of every element kind, and
the edge cases a builder must survive (a big team, many rocks, a long OKR table, long and CJK
text). Each is plain data, so a test shows what goes in next to what comes out."""
from __future__ import annotations

from deckgen.plan.slides import (Badge, Card, Cards, Cell, Chart, Column, Columns, DeckPlan, Ladder,
                                 LadderItem, Meta, OrgChart, OrgNode, Paragraph, Picture, Row, Run,
                                 Series, Slide, Table, Text, Theme)

THEME = Theme(primary="#1B3A5C", accent="#F28C28", font="Calibri", heading_font="Calibri")
META = Meta(title="Test deck", author="Test Author", subject="Plan", keywords="test, deck")
LOREM = ("Our platform cuts reporting time by half for mid-market finance teams, with connectors "
         "to every major ERP and a forecasting model tuned on their own data. ")
CJK = "我们的平台将中端市场财务团队的报告时间缩短一半，并连接所有主要的企业资源规划系统。"


def para(text: str, kind: str = "text", bold: bool = False, level: int = 0) -> Paragraph:
    return Paragraph((Run(text, bold=bold),), kind, level)  # type: ignore[arg-type]


def cell(text: str, align: str = "left", status: str | None = None) -> Cell:
    return Cell([para(text)], align, status)  # type: ignore[arg-type]


def deck(*slides: Slide, template: bytes | None = None) -> DeckPlan:
    """A deck of ``slides`` after a title slide, with the test theme and footer."""
    title = Slide("title", "Product Marketing: the 2027 plan", [Text([para("Maya Okafor, Director")])],
                  subtitle="Northwind Analytics · OKRs for 2027-Q1", layout="title",
                  notes="Introduce yourself.")
    return DeckPlan([title, *slides], THEME, META, "Confidential · January 5, 2027", template)


def png(width: int = 400, height: int = 240, color: str = "#1B3A5C") -> bytes:
    import io

    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, "PNG")
    return out.getvalue()


# One slide of each kind --------------------------------------------------------------------------
def bullets_slide(count: int = 5, text: str = "A short point") -> Slide:
    paras = [para("Heading", "heading")] + [para(f"{text} {i + 1}", "bullet") for i in range(count)]
    return Slide("wins", "Six wins worth repeating", [Text(paras)], notes="Wins.")


def table_slide(rows: int = 6, group_every: int = 0, title: str = "OKRs for the quarter") -> Slide:
    body: list[Row] = []
    for i in range(rows):
        if group_every and i % group_every == 0:
            body.append(Row([cell(f"Big rock {i // group_every + 1}")] + [Cell([])] * 3, group=True))
        body.append(Row([cell(f"Key result {i + 1}: grow the thing by a measurable amount"),
                         cell("Priya Raman"), cell("31% → 38%", "right"), cell("60%", "right")]))
    header = [cell("Key result"), cell("Owner"), cell("Baseline → target", "right"), cell("Confidence", "right")]
    return Slide("okrs", title, [Table(header, body, [5, 2, 2, 1.2])], notes="OKRs.")


def objectives_slide(objectives: int = 12, krs: int = 5, per_rock: int = 2) -> Slide:
    """The OKR table as okrs.xml lays it out: a group row for each big rock, then for each of its
    objectives a heading row (bold, no numbers) and its key results."""
    body: list[Row] = []
    for o in range(objectives):
        if o % per_rock == 0:
            body.append(Row([cell(f"Big rock {o // per_rock + 1}")], group=True))
        body.append(Row([Cell([para(f"Objective {o + 1}: an outcome the company can see", bold=True)]),
                         cell("Priya Raman"), Cell([]), Cell([])], heading=True))
        body += [Row([cell(f"Key result {o + 1}.{k + 1}: grow the thing by a measurable amount"),
                      cell("Tom Becker"), cell("31% → 38%", "right"), cell("60%", "right")])
                 for k in range(krs)]
    header = [cell("Objective and key results"), cell("Owner"), cell("Baseline → target", "right"),
              cell("Confidence", "right")]
    return Slide("okrs", f"{objectives} objectives", [Table(header, body, [6, 2.4, 3, 1.6])], notes="OKRs.")


def chart_slide(kind: str = "bar", reference: bool = True) -> Slide:
    chart = Chart(kind, "Share of the team's time", ["Narrative", "Copilot launch", "Win rate", "One-offs"],  # type: ignore[arg-type]
                  [Series("Share", [30.0, 25.0, 30.0, 15.0], ["on-track", None, "at-risk", None])],
                  number_format='0"%"', reference=("One-off budget", 15.0) if reference else None)
    return Slide("team", "Where our time goes", [chart], notes="Time.")


def cards_slide(count: int = 4, long: bool = False) -> Slide:
    cards = [Card(f"Big rock {i + 1}: one enterprise narrative", f"Owner: Person {i + 1}",
                  [para(LOREM * (3 if long else 1)), para("Outcome one", "bullet"), para("Outcome two", "bullet")],
                  [Badge("CMO", "aligned"), Badge("Head of Sales", "pending"), Badge("CFO", "concerns")])
             for i in range(count)]
    return Slide("big-rocks", f"{count} big rocks", [Cards(cards)], notes="Rocks.")


def long_rock_slide() -> Slide:
    """Four rocks under a subtitle, the first far too long for a quarter-width card even at the
    floor (a long title, a long why, five outcomes, six stakeholders): the edge-long case."""
    stakeholders = [("Chief Marketing Officer", "aligned"), ("Head of Worldwide Sales", "pending"),
                    ("Head of Product", "concerns"), ("VP Customer Success", "aligned"),
                    ("Chief Financial Officer", "pending"), ("General Counsel", "aligned")]
    first = Card("Build and land one coherent, differentiated enterprise narrative that every account "
                 "executive uses in every first call, every deal review and every renewal conversation",
                 "Owner: Priya Raman",
                 [para(LOREM), *(para(f"Outcome {i + 1}: a measurable change from a baseline to a target "
                                      f"by the end of the year", "bullet") for i in range(5))],
                 [Badge(name, status) for name, status in stakeholders])  # type: ignore[arg-type]
    others = [Card(f"Big rock {i + 2}", f"Owner: Person {i + 2}",
                   [para("Why it matters."), para("Outcome one", "bullet"), para("Outcome two", "bullet")],
                   [Badge("CMO", "aligned"), Badge("Head of Sales", "aligned")]) for i in range(3)]
    return Slide("big-rocks", "Four big rocks; three stakeholder alignments still open", [Cards([first, *others])],
                 subtitle="In priority order, most important first", notes="Rocks.")


def short_cards_slide(count: int = 1) -> Slide:
    """``count`` cards of one title line each: a strategy's pillars, a team's single rock."""
    cards = [Card(f"Pillar {i + 1}", None, [para("One line of summary.")]) for i in range(count)]
    return Slide("strategy", f"{count} pillars", [Cards(cards)], notes="Pillars.")


def org_slide(people: int = 7, managers: int = 2, photos: bool = False) -> Slide:
    photo = Picture(png(200, 300, "#F28C28"), "Maya Okafor") if photos else None
    nodes = [OrgNode("lead", "Maya Okafor", "Director, Product Marketing", "Strategy; analyst relations",
                     picture=photo)]
    heads = [f"m{i}" for i in range(managers)]
    nodes += [OrgNode(k, f"Manager {i + 1}", "Senior Manager", "Launches", "lead") for i, k in enumerate(heads)]
    for i in range(people - 1 - managers):
        nodes.append(OrgNode(f"p{i}", f"Person {i + 1}", "PMM", "Positioning", heads[i % managers] if heads else "lead"))
    return Slide("team", f"A team of {people}", [OrgChart(nodes)], notes="Team.")


def two_level_team() -> Slide:
    """Fourteen people under two levels of managers, roles and focus as a real team writes them
    (the shape of the reviewer's edge-org project)."""
    focus = "Messaging and positioning; Launch readiness"
    people = [("Maya Okafor", "Director, Product Marketing", None),
              ("Daniel Reyes", "Senior Manager, Product Marketing", "Maya Okafor"),
              ("Hana Sato", "Senior Manager, Product Marketing", "Maya Okafor"),
              ("Lena Fischer", "Sales Enablement Manager", "Maya Okafor"),
              ("Tom Becker", "Senior PMM, Copilot and AI", "Daniel Reyes"),
              ("Aiko Tanaka", "Competitive Intelligence Lead", "Daniel Reyes"),
              ("Samuel Osei", "PMM, Customer Expansion", "Daniel Reyes"),
              ("Priya Raman", "Principal PMM, Enterprise", "Daniel Reyes"),
              ("Wei Wang", "Product Marketing Manager", "Hana Sato"),
              ("Kenji Mori", "PMM, APAC", "Hana Sato"),
              ("Ana Souza", "PMM, LATAM", "Hana Sato"),
              ("Jonas Berg", "Associate PMM", "Tom Becker"),
              ("Mei Lin", "Competitive Analyst", "Aiko Tanaka"),
              ("Ravi Kumar", "Analyst, Win-loss", "Aiko Tanaka")]
    nodes = [OrgNode(name, name, role, focus, boss) for name, role, boss in people]
    return Slide("team", "14 people, four of them leading big rocks", [OrgChart(nodes)],
                 subtitle="Led by Maya Okafor, Director, Product Marketing", notes="Team.")


def ladder_slide(rocks: int = 4, priorities: int = 4) -> Slide:
    pris = [LadderItem(f"p{i}", f"Company priority {i + 1}", "A measurable goal") for i in range(priorities)]
    rks = [LadderItem(f"r{i}", f"Big rock {i + 1}", f"Owner: Person {i + 1}") for i in range(rocks)]
    links = [(f"r{i}", f"p{i % max(priorities - 1, 1)}") for i in range(rocks)]  # the last priority is a gap
    return Slide("priorities", "Our rocks cover the company priorities", [Ladder(pris, rks, links)], notes="Ladder.")


def columns_slide() -> Slide:
    cols = [Column([Text([para(f"We own thing {i}", "bullet") for i in range(4)])], "We own", 1.0),
            Column([Text([para(f"We partner on {i}", "bullet") for i in range(3)])], "We partner on", 1.0),
            Column([Picture(png(), "A picture")], "A picture", 1.0)]
    return Slide("charter", "What we own", [Text([para(LOREM)], style="lead"), Columns(cols)],
                 subtitle="Approved by the CMO", notes="Charter.")


def every_kind() -> DeckPlan:
    return deck(columns_slide(), ladder_slide(), cards_slide(), bullets_slide(), table_slide(group_every=3),
                chart_slide("bar"), chart_slide("column"), chart_slide("doughnut", reference=False),
                org_slide(photos=True))


# Edge cases ---------------------------------------------------------------------------------------
def big_team(people: int = 60) -> DeckPlan:
    return deck(org_slide(people, managers=6))


def team_beside_chart(people: int = 60, managers: int = 12) -> DeckPlan:
    """The team slide's shape: an org chart and a chart side by side, the team too big for its
    column, and the lead's direct reports too many for one slide."""
    org, chart = org_slide(people, managers=managers).elements[0], chart_slide().elements[0]
    cols = Columns([Column([org], "Who does what", 3.0), Column([chart], "Where our time goes", 2.0)])
    return deck(Slide("team", "Four big rocks carry 85% of our time", [cols], subtitle="Sixty people", notes="Team."))


def many_rocks(count: int = 12) -> DeckPlan:
    return deck(cards_slide(count), ladder_slide(rocks=count, priorities=5))


def long_okrs(objectives: int = 25, krs: int = 5) -> DeckPlan:
    return deck(table_slide(objectives * krs, group_every=krs, title="25 objectives"))


def long_texts() -> DeckPlan:
    long_title = "A title that goes on and on because the content says a lot about everything " * 2
    return deck(Slide("wins", long_title, [Text([para(LOREM * 2, "bullet") for _ in range(14)])], notes="Long."),
                cards_slide(3, long=True), bullets_slide(40, LOREM))


def cjk() -> DeckPlan:
    return deck(Slide("wins", "中文标题：我们的计划", [Text([para(CJK * 3, "bullet") for _ in range(8)])], notes=CJK),
                table_slide(8))


# Brand templates ----------------------------------------------------------------------------------
RENAMED = {"Title Slide": "Cover", "Title Only": "Headline", "Title and Content": "Headline and text",
           "Section Header": "Chapter", "Blank": "Empty"}


def brand_template(*, potx: bool = False, width_in: float = 10.0, height_in: float = 7.5,
                   font: str = "Arial", accent1: str = "006E51") -> bytes:
    """A template that is not ours: 4:3 by default, layouts renamed, its own theme colours and
    fonts, and a sample slide that the deck must not keep. ``potx`` saves it as a template."""
    import io
    import zipfile

    from lxml import etree
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml.ns import qn
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(width_in), Inches(height_in)
    for layout in prs.slide_layouts:
        layout.name = RENAMED.get(layout.name, layout.name)
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    for which in ("majorFont", "minorFont"):
        root.find(f".//{qn('a:' + which)}/{qn('a:latin')}").set("typeface", font)
    accent = root.find(f".//{qn('a:accent1')}/{qn('a:srgbClr')}")
    accent.set("val", accent1)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    sample = prs.slides.add_slide(prs.slide_layouts[0])
    sample.shapes.title.text = "TEMPLATE SAMPLE SLIDE"
    out = io.BytesIO()
    prs.save(out)
    if not potx:
        return out.getvalue()
    src = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    fixed = io.BytesIO()
    with zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
            dst.writestr(info, data)
    return fixed.getvalue()
