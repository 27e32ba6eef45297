"""The one-pager says what the model says: texts, numbers, statuses, charts, for the example and edge projects."""
from __future__ import annotations

import itertools
import shutil
from pathlib import Path
from typing import Callable

import pytest

from deckgen.model.contrast import TEXT_MINIMUM, WHITE, contrast
from deckgen.plan import formatting
from deckgen.plan.layout import LayoutError
from deckgen.plan.page import allocation_chart
from deckgen.plan.palette import css_string, palette
from tests.support.page import build_page, checked, parse, text

Edit = Callable[[str, str, str], Path]


@pytest.fixture
def example(example_project: Path):  # type: ignore[no-untyped-def]
    project = checked(example_project)
    return project, parse(build_page(example_project))


def rows_of(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[text(cell) for cell in row] for row in table.iter("tr")]


def section(page, heading_start: str):  # type: ignore[no-untyped-def]
    for heading in page.iter("h2"):
        if text(heading).startswith(heading_start):
            return heading.getparent()
    raise AssertionError(f"no section headed '{heading_start}'")


# The example ---------------------------------------------------------------------------------------
def test_header_names_the_edition(example) -> None:  # type: ignore[no-untyped-def]
    project, page = example
    header = text(page.find(".//header"))
    assert [text(h) for h in page.iter("h1")] == ["Product Marketing: 2027 plan"]
    for expected in ("Northwind Analytics", "2027-Q1 (Jan–Mar 2027)", "Maya Okafor, Director, Product Marketing",
                     "January 5, 2027", "Confidential — internal use"):
        assert expected in header
    assert page.find(".//time").get("datetime") == "2027-01-05"
    assert page.get("lang") == "en"
    assert text(page.find(".//title")) == "Product Marketing: 2027 plan · Northwind Analytics"
    assert text(page.find(".//footer")) == ("Northwind Analytics · Confidential — internal use · "
                                            "Product Marketing · January 5, 2027")  # the deck's footer line


def test_mission_is_the_charters(example) -> None:  # type: ignore[no-untyped-def]
    project, page = example
    assert text(section(page, "Mission").find("p")) == project.charter.front.mission


def test_rocks_in_priority_order_with_their_priorities_and_alignment(example) -> None:  # type: ignore[no-untyped-def]
    project, page = example
    rocks = section(page, "Big rocks").findall(".//li[@class='rock']")
    assert [text(li.find("h3")) for li in rocks] == [f"{n} {r.title}" for n, r in enumerate(project.rocks, 1)]
    ranks = {p.id: n for n, p in enumerate(project.company.priorities, 1)}
    for li, rock in zip(rocks, project.rocks, strict=True):
        ladder = text(li.find(".//p[@class='ladder']"))
        for pid in rock.supports:
            assert f"P{ranks[pid]} {project.priority(pid).title}" in ladder
        assert f"Owner {rock.owner}" in ladder
        marks = [text(m) for m in li.findall(".//span[@class]") if "mark " in m.get("class")]
        assert marks == [f"● {a.stakeholder}: Aligned" for a in rock.alignment]


def test_okrs_of_the_quarter_ahead_show_baseline_target_and_confidence(example) -> None:  # type: ignore[no-untyped-def]
    project, page = example
    table = section(page, "OKRs for 2027-Q1").find(".//table")
    assert [text(th) for th in table.find("thead").iter("th")] == [
        "Objective and key results", "Baseline → target", "Confidence"]
    bodies = table.findall("tbody")
    assert len(bodies) == len(project.okrs.objectives)
    for body, objective in zip(bodies, project.okrs.objectives, strict=True):
        rows = body.findall("tr")
        group = rows[0].find("th")
        assert group.get("scope") == "rowgroup"
        rock_rank = [r.id for r in project.rocks].index(objective.rock) + 1
        assert text(group) == f"{objective.title} → Big rock {rock_rank} · {objective.owner}"
        for row, kr in zip(rows[1:], objective.key_results, strict=True):
            title, target, confidence = row
            assert title.get("scope") == "row"
            assert text(title) == kr.title + (" Committed" if kr.commitment == "committed" else "")
            assert text(target) == formatting.target(kr)
            assert text(confidence) == formatting.fraction(kr.confidence)
    assert "$18,000 → $24,000" in text(table) and "20% → 80%" in text(table)


def test_results_of_the_quarter_behind_are_the_models_scores(example) -> None:  # type: ignore[no-untyped-def]
    project, page = example
    okrs = project.previous_okrs
    results = section(page, "Results for 2026-Q4 (Oct–Dec 2026)")
    point, summary = (text(p) for p in results.findall("p")[:2])
    assert point == "2026-Q4 closed at 0.8: all three objectives on track; one committed key result missed"
    assert summary == f"Overall score {formatting.score(okrs.progress)} ● On track"
    rows = [row for row in results.find(".//table").iter("tr") if row.getparent().tag == "tbody"
            and row.find("td") is not None]
    krs = [kr for o in okrs.objectives for kr in o.key_results]
    assert len(rows) == len(krs) == 9
    for row, kr in zip(rows, krs, strict=True):
        status = okrs.status(kr)
        assert text(row[1]) == formatting.score(kr.progress)
        assert text(row[2]) == f"{status.symbol} {status.label}"
        assert f"mark-{status.value}" in row[2].find("span").get("class")
    missed = next(row for row in rows if "Beta customers signed up" in text(row))
    assert "✕ Missed (committed)" in text(missed) and "Legal review of AI data terms" in text(missed)


def test_score_chart_draws_each_objective_at_its_score(example) -> None:  # type: ignore[no-untyped-def]
    project, page = example
    chart = section(page, "Results").find(".//svg")
    objectives = project.previous_okrs.objectives
    bars = chart.findall(".//rect[@class]")
    bars = [b for b in bars if b.get("class").startswith("bar ")]
    track = float(chart.find(".//rect[@class='track']").get("width"))
    assert [float(b.get("width")) for b in bars] == [round(track * o.progress, 1) for o in objectives]
    desc = text(chart.find("desc"))
    for objective in objectives:
        assert f"{objective.title}: {formatting.score(objective.progress)}, on track" in desc
    assert text(chart.find("title")) == "Objective scores, 2026-Q4 (Oct–Dec 2026)"


def test_team_at_a_glance(example) -> None:  # type: ignore[no-untyped-def]
    project, page = example
    team = section(page, "Team at a glance")
    assert text(team.find("p")) == "7 people, led by Maya Okafor"
    people = [text(li) for li in team.find("ul").findall("li")]
    assert people == [p.name + p.role for p in project.team.people]
    share = formatting.percent(project.one_off_share)
    assert f"One-off requests take {share} of the team's time, against a budget of 10–15%: ● Within budget" \
        in text(team)
    desc = text(team.find(".//svg/desc"))
    shares = project.allocation_shares()
    for rock in project.rocks:
        assert f"{rock.title}: {formatting.percent(shares[rock.id])}" in desc
    assert f"One-off requests: {share}" in desc


def test_asks_are_the_markdown_items(example) -> None:  # type: ignore[no-untyped-def]
    project, page = example
    asks = section(page, "Our asks").find("ol").findall("li")
    assert len(asks) == len(project.asks.items) == 4
    assert text(asks[0]).startswith("Head of Sales: protect 90 minutes")
    assert asks[0].find(".//strong").text == "Head of Sales:"


def test_headings_form_an_outline_and_tables_have_headers(example) -> None:  # type: ignore[no-untyped-def]
    _, page = example
    levels = [int(h.tag[1]) for h in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    for table in page.iter("table"):
        assert table.find("thead") is not None
        assert all(th.get("scope") in ("col", "row", "rowgroup") for th in table.iter("th"))
    ids = [e.get("id") for e in page.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    for svg in page.iter("svg"):
        assert svg.get("role") == "img"
        assert [c.tag for c in svg[:2]] == ["title", "desc"]
        assert svg.get("aria-labelledby").split() == [svg[0].get("id"), svg[1].get("id")]


# Edge projects -------------------------------------------------------------------------------------
def test_without_previous_quarter_asks_or_allocations(example_project: Path, edit: Edit) -> None:
    (example_project / "content/okrs/2026-Q4.yaml").unlink()
    (example_project / "content/wins.md").unlink()
    (example_project / "content/asks.md").unlink()
    team = example_project / "content/team.yaml"
    lines = team.read_text(encoding="utf-8").splitlines()
    kept, skipping = [], False
    for line in lines:  # drop every allocation block
        if line.strip() == "allocation:":
            skipping = True
            continue
        if skipping and line.startswith("      "):
            continue
        skipping = False
        kept.append(line)
    team.write_text("\n".join(kept) + "\n", encoding="utf-8")
    page = parse(build_page(example_project))
    headings = [text(h) for h in page.iter("h2")]
    assert headings == ["Mission", "Big rocks for 2027, in priority order", "OKRs for 2027-Q1 (Jan–Mar 2027)",
                        "Team at a glance"]
    assert page.find(".//svg") is None
    assert "One-off requests take" not in text(page.find(".//main"))


def test_statuses_alignment_and_budget_other_than_all_well(example_project: Path, edit: Edit) -> None:
    edit("big-rocks.yaml", """      - stakeholder: CMO
        status: aligned
        on: 2026-12-08
      - stakeholder: Head of Sales
        status: aligned
        on: 2026-12-10
        note: Wants""", """      - stakeholder: CMO
        status: concerns
        on: 2026-12-08
        note: Doubts the regulated-industry case studies
      - stakeholder: Head of Sales
        status: pending
        on: 2026-12-10
        note: Wants""")
    edit("okrs/2026-Q4.yaml", "        current: 31\n", "        current: 8\n")
    edit("team.yaml", "      expansion-plays: 70\n      copilot-launch: 20\n      one-offs: 10",
         "      expansion-plays: 20\n      copilot-launch: 20\n      one-offs: 60")
    page = parse(build_page(example_project))
    first_rock = text(section(page, "Big rocks").find(".//li[@class='rock']"))
    assert "■ CMO: Concerns Doubts the regulated-industry case studies" in first_rock
    assert "▲ Head of Sales: Pending Wants the pitch certified" in first_rock
    results = section(page, "Results")
    row = next(r for r in results.iter("tr") if "Beta accounts using Copilot weekly" in text(r))
    assert [text(cell) for cell in row] == ["Beta accounts using Copilot weekly", "0.2", "■ Off track"]  # 8 of 40
    assert "Make the Copilot beta a referenceable success: 0.6, at risk" in text(results.find(".//desc"))
    assert "Above budget" in text(section(page, "Team at a glance"))


def test_allocation_chart_scale(example_project: Path) -> None:
    project = checked(example_project)
    chart = allocation_chart(project)
    assert chart.maximum == 30 and chart.band == (10.0, 15.0, "One-off budget 10–15%")  # largest share 26%
    idle = [p.model_copy(update={"allocation": {"one-offs": 0.0}}) for p in project.team.people]
    project.team = project.team.model_copy(update={"people": idle, "one_off_budget": (0.0, 0.0)})
    assert allocation_chart(project).maximum == 10  # nothing allocated still draws, never divides by zero


def test_active_quarter_ahead_shows_scores(example_project: Path, edit: Edit) -> None:
    edit("okrs/2027-Q1.yaml", "state: planned", "state: active")
    edit("okrs/2027-Q1.yaml", "        baseline: 20\n        target: 80\n",
         "        baseline: 20\n        target: 80\n        current: 50\n")
    page = parse(build_page(example_project))
    table = section(page, "OKRs").find(".//table")
    assert [text(th) for th in table.find("thead").iter("th")][2] == "Score"
    row = next(r for r in table.iter("tr") if "Enterprise first calls" in text(r))
    assert text(row[2]) == "0.5"


def test_fiscal_year_and_any_script(example_project: Path, edit: Edit) -> None:
    edit("deck.yaml", "fiscal_year_start: 1", "fiscal_year_start: 2")
    edit("deck.yaml", "team: Product Marketing", "team: プロダクトマーケティング")
    edit("charter.md", "mission: Make Northwind", "mission: نجعل Northwind")
    page = parse(build_page(example_project))
    assert text(page.find(".//h1")) == "プロダクトマーケティング: 2027 plan"
    assert "2027-Q1 (Feb–Apr 2027)" in text(page.find(".//header"))
    assert text(section(page, "Results")).startswith("Results for 2026-Q4 (Nov 2026–Jan 2027)")
    assert text(section(page, "Mission").find("p")).startswith("نجعل Northwind")


def test_pictures_in_markdown_are_inlined_and_links_kept_as_text(example_project: Path) -> None:
    asks = example_project / "content/asks.md"
    asks.write_text("- See the map ![Positioning map](images/positioning-map.png)\n"
                    "- Read [the launch plan](https://intranet.example.com/plan) or mail [us](mailto:pmm@example.com)\n",
                    encoding="utf-8")
    page = parse(build_page(example_project))
    items = section(page, "Our asks").find("ol").findall("li")
    img = items[0].find(".//img")
    assert img.get("alt") == "Positioning map"
    assert img.get("src").startswith("data:image/png;base64,")
    assert text(items[1]) == "Read the launch plan (https://intranet.example.com/plan) or mail us (pmm@example.com)"
    assert items[1].find(".//a") is None


def test_user_template_replaces_one_block(example_project: Path) -> None:
    folder = example_project / "templates" / "page"
    folder.mkdir(parents=True)
    (folder / "onepager.html").write_text(
        '{% extends "page/base.html" %}\n'
        '{% block asks %}<section class="card"><h2>What we need from you</h2>'
        '<p>{{ asks|length }} asks for {{ deck.team }}</p></section>{% endblock %}\n', encoding="utf-8")
    page = parse(build_page(example_project))
    assert text(section(page, "What we need from you").find("p")) == "4 asks for Product Marketing"
    assert "Our asks" not in text(page.find(".//main"))
    assert section(page, "Results for 2026-Q4") is not None  # every other block is the built-in one


def test_user_template_replaces_one_section_file(example_project: Path) -> None:
    folder = example_project / "templates" / "page"
    folder.mkdir(parents=True)
    (folder / "mission.html").write_text('<section><h2>Why we exist</h2><p>{{ mission }}</p></section>\n',
                                         encoding="utf-8")
    page = parse(build_page(example_project))
    assert text(section(page, "Why we exist").find("p")).startswith("Make Northwind the obvious choice")


@pytest.mark.parametrize("layout, line, message", [
    ('{% extends "page/base.html" %}\n{% block asks %}\n{% if %}{% endblock %}\n', 3, "Expected an expression"),
    ('{% extends "page/base.html" %}\n{% block asks %}\n\n{{ nothing.here }}{% endblock %}\n', 4,
     "UndefinedError: 'nothing' is undefined"),
    ('{% extends "page/missing.html" %}\n', 1, "TemplateNotFound: page/missing.html"),
    ('{% extends "page/onepager.html" %}\n{% block asks %}x{% endblock %}\n', 1,
     'a page layout extends or includes itself: to change part of the built-in page, extend "page/base.html"'),
])
def test_a_broken_override_names_its_file_and_line(example_project: Path, layout: str, line: int,
                                                   message: str) -> None:
    folder = example_project / "templates" / "page"
    folder.mkdir(parents=True)
    (folder / "onepager.html").write_text(layout, encoding="utf-8")
    with pytest.raises(LayoutError) as caught:
        build_page(example_project)
    assert str(caught.value).startswith(f"templates/page/onepager.html:{line}: error: ")
    assert message in str(caught.value)


def test_an_override_without_head_is_a_layout_error(example_project: Path) -> None:
    folder = example_project / "templates" / "page"
    folder.mkdir(parents=True)
    (folder / "onepager.html").write_text("<p>{{ deck.team }}</p>\n", encoding="utf-8")
    with pytest.raises(LayoutError) as caught:
        build_page(example_project)
    assert str(caught.value) == ("templates/page/onepager.html: error: the page layout 'page/onepager.html' makes a "
                                 "page without a <head> element: a page needs <html><head>…</head><body>…</body></html>")


# Theme ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("primary, accent", [("#1F3A5F", "#E07A1F"), ("#1B3A5C", "#F28C28"), ("#FFD700", "#FFFF00"),
                                             ("#FFFFFF", "#FFFFFF"), ("#000000", "#000000"), ("#777777", "#808080")])
def test_every_text_colour_reads_on_its_background(primary: str, accent: str) -> None:
    colours = palette(primary, accent)
    for what, fg, bg in colours.text_pairs():
        assert contrast(fg, bg) >= TEXT_MINIMUM, (what, fg, bg)


def test_a_pale_primary_gives_darker_headings(example_project: Path, edit: Edit) -> None:
    edit("deck.yaml", 'primary: "#1B3A5C"', 'primary: "#FFD700"')
    page = build_page(example_project).decode()
    heading = palette("#FFD700", "#F28C28").heading
    assert f"--heading: {heading};" in page and heading != "#FFD700"
    assert contrast(heading, WHITE) >= TEXT_MINIMUM
    assert "--on-primary: #1A1A1A;" in page  # dark text on the yellow header band


@pytest.mark.parametrize("font", ["x;}</style><script>alert(1)</script>", 'A"B\\C', "Noto Sans JP", "游ゴシック",
                                  "a\nb{}", "'); background:url(https://evil.example/x)"])
def test_font_names_cannot_leave_their_css_string(font: str) -> None:
    value = str(css_string(font))
    assert value.startswith('"') and value.endswith('"')
    inner = value[1:-1]
    assert not set(inner) & set("\"'<>;{}()\n/:"), inner
    # unescaping gives the name back: a font that exists is still found
    decoded = bytes(inner, "ascii").decode("unicode_escape") if "\\" not in inner else \
        "".join(chr(int(part[:6], 16)) + part[6:] for part in inner.split("\\")[1:])
    assert (inner.split("\\")[0] + decoded if "\\" in inner else inner) == font


def test_headings_and_body_use_the_theme_fonts_first(example_project: Path, edit: Edit) -> None:
    edit("deck.yaml", "  heading_font: Calibri", "  heading_font: Georgia")
    page = build_page(example_project).decode()
    assert 'font-family: "Calibri", system-ui' in page
    assert 'font-family: "Georgia", system-ui' in page


def test_example_copy_is_untouched_by_building(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[2] / "content"
    shutil.copytree(source, tmp_path / "content")
    before = {p: p.read_bytes() for p in (tmp_path / "content").rglob("*") if p.is_file()}
    build_page(tmp_path)
    assert before == {p: p.read_bytes() for p in (tmp_path / "content").rglob("*") if p.is_file()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]
