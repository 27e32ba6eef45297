"""The one-pager's final bytes: locked down, safe against hostile content, reproducible, and in a
real browser one printed page that reads at every width."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import pytest

from deckgen.builders.html import CSP, PageLayoutError, finalize
from deckgen.builders.pdf import html_to_pdf
from deckgen.model.contrast import TEXT_MINIMUM
from tests.support.chromium import Browser, chromium_path
from tests.support.page import build_page, parse, text

Edit = Callable[[str, str, str], Path]
needs_chromium = pytest.mark.skipif(chromium_path() is None, reason="chromium is not installed")

SCRIPT = "<script>alert(1)</script>"
HOSTILE_MARKDOWN = """\
- <script>alert(1)</script> raw script, <SCRIPT SRC=https://evil.example/x.js></SCRIPT>
- <img src=x onerror=alert(1)> and <iframe src="https://evil.example/"></iframe>
- [click](javascript:alert(1)), [JaVa](  JaVaScRiPt:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=)
- <a href="https://evil.example/" onclick="alert(1)">raw link</a> and <https://evil.example/auto>
- ![pixel](images/positioning-map.png) {{ 7*7 }} {% raw %}kept{% endraw %}
- <svg onload=alert(1)><style>@import url(https://evil.example/x.css);</style>
- [styled](https://evil.example/a "title") **bold** `<code>` and ![x](images/positioning-map.png "t\\" onerror=\\"x")
"""
#: (file, text in the example, hostile replacement)
HOSTILE_FIELDS = [
    ("deck.yaml", "team: Product Marketing", 'team: "Growth </style><script>alert(1)</script>"'),
    ("deck.yaml", "company: Northwind Analytics", "company: '\"><svg onload=alert(1)>'"),
    ("deck.yaml", "confidentiality: Confidential — internal use", "confidentiality: '{{ 7*7 }} {% raw %}x{% endraw %}'"),
    ("deck.yaml", "title: Director, Product Marketing", "title: <img src=x onerror=alert(1)>"),
    ("deck.yaml", "  font: Calibri", "  font: 'x;}</style><script>alert(2)</script>'"),
    ("deck.yaml", "  heading_font: Calibri", "  heading_font: '\"; background: url(https://evil.example/x.png); x: \"'"),
    ("charter.md", "mission: Make Northwind", "mission: <a href=\"javascript:alert(1)\">x</a> javascript:alert(1) Make"),
    ("company.yaml", "title: Win the enterprise segment", "title: </td></tr></table><script>alert(3)</script>"),
    ("company.yaml", "source: FY2027", "source: <link rel=stylesheet href=https://evil.example/x.css> FY2027"),
    ("big-rocks.yaml", "title: One enterprise narrative, used in every deal",
     "title: '\"><svg onload=alert(1)> {{ 7*7 }}'"),
    ("big-rocks.yaml", "why: Enterprise buyers hear", "why: <iframe src=https://evil.example></iframe> Enterprise buyers hear"),
    ("big-rocks.yaml", """      - stakeholder: CMO
        status: aligned
        on: 2026-12-08
      - stakeholder: Head of Sales""", """      - stakeholder: <script>alert(4)</script>
        status: concerns
        on: 2026-12-08
        note: <img src=x onerror=alert(5)> style="x:expression(alert(6))"
      - stakeholder: Head of Sales"""),
    ("okrs/2027-Q1.yaml", "      - title: Enterprise first calls using the new pitch",
     "      - title: '{{ 7*7 }} {% raw %}x{% endraw %} <b onmouseover=alert(1)>x</b>'"),
    ("okrs/2027-Q1.yaml", "        unit: deals", "        unit: <i>deals</i>"),
    ("okrs/2026-Q4.yaml", "        note: Legal review", "        note: </th><script>alert(7)</script> Legal review"),
    ("team.yaml", "role: Sales Enablement Manager",
     "role: <style>body{background:url(https://evil.example/)}</style>"),
]


@pytest.fixture
def hostile(example_project: Path, edit: Edit) -> Path:
    for file, old, new in HOSTILE_FIELDS:
        edit(file, old, new)
    (example_project / "content/asks.md").write_text(HOSTILE_MARKDOWN, encoding="utf-8")
    return example_project


# Locked down ---------------------------------------------------------------------------------------
def test_policy_is_the_first_element_of_head(example_project: Path) -> None:
    page = build_page(example_project)
    head = parse(page).find("head")
    first = head[0]
    assert (first.tag, first.get("http-equiv"), first.get("content")) == ("meta", "Content-Security-Policy", CSP)
    assert CSP == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    assert page.startswith(b"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta http-equiv=\"Content-Security-Policy\"")
    assert page.count(b"Content-Security-Policy") == 1


def test_policy_goes_into_the_real_head_of_any_layout() -> None:
    page = finalize("<!DOCTYPE html><!-- <head> here --><html><HEAD data-x='a>b'><title>t</title></HEAD></html>")
    assert page == (b"<!DOCTYPE html>\n<html><head data-x=\"a&gt;b\">\n<meta http-equiv=\"Content-Security-Policy\" "
                    b"content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"><title>t</title>"
                    b"</head></html>\n")


def test_layout_without_head_is_a_clear_error() -> None:
    with pytest.raises(PageLayoutError, match="page/onepager.html. makes a page without a <head>"):
        finalize("<p>hello</p>")


# Hostile content -----------------------------------------------------------------------------------
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "div", "header", "main", "footer", "section",
                "p", "h1", "h2", "h3", "dl", "dt", "dd", "ol", "ul", "li", "span", "strong", "em", "code", "time",
                "table", "thead", "tbody", "tr", "th", "td", "svg", "desc", "g", "text", "tspan", "rect", "img"}


def test_hostile_content_stays_text(hostile: Path) -> None:
    page = build_page(hostile)
    source = page.decode("utf-8")
    root = parse(page)
    assert not re.search(r"<\s*(script|iframe|object|embed|link|base|form|svg\s+onload)", source, re.IGNORECASE)
    assert {element.tag for element in root.iter() if isinstance(element.tag, str)} <= ALLOWED_TAGS
    for element in root.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            assert "javascript:" not in value.lower().replace(" ", "")
            if name.lower() in ("href", "src", "xlink:href", "action", "formaction", "srcset", "poster", "data"):
                assert value.startswith(("data:image/", "#")), (element.tag, name, value)
    assert len(root.findall(".//style")) == 1 and root.find(".//style").getparent().tag == "head"
    css = root.find(".//style").text
    assert "url(" not in css and "@import" not in css and "</" not in css
    assert not any(e.get("style") for e in root.iter() if e.tag not in ("th", "td"))
    assert "evil.example" not in css


def test_hostile_text_reads_exactly_as_written(hostile: Path) -> None:
    root = parse(build_page(hostile))
    assert text(root.find(".//h1")) == f"Growth </style>{SCRIPT}: 2027 plan"
    assert text(root.find(".//p[@class='company']")) == '"><svg onload=alert(1)>'
    assert "{{ 7*7 }} {% raw %}x{% endraw %}" in text(root.find(".//header"))
    assert text(root.find(".//li[@class='rock']/h3")) == '1 "><svg onload=alert(1)> {{ 7*7 }}'
    okrs = text(root.find(".//table"))
    assert "{{ 7*7 }} {% raw %}x{% endraw %} <b onmouseover=alert(1)>x</b>" in okrs
    assert "0 → 60 <i>deals</i>" in okrs
    assert "<script>alert(4)</script>: Concerns" in text(root.find(".//li[@class='rock']"))
    assert "49" not in text(root.find(".//li[@class='rock']/h3"))


def test_hostile_markdown_keeps_only_safe_markup(hostile: Path) -> None:
    root = parse(build_page(hostile))
    asks = [li for li in root.iter("li") if li.getparent().get("class") == "asks"]
    assert len(asks) == 7
    assert text(asks[0]) == "<script>alert(1)</script> raw script, <SCRIPT SRC=https://evil.example/x.js></SCRIPT>"
    assert text(asks[1]).startswith("<img src=x onerror=alert(1)>")
    assert text(asks[2]) == "click, JaVa and data"
    assert "raw link" in text(asks[3]) and "auto" in text(asks[3])
    pictures = asks[4].findall(".//img")
    assert [p.get("src")[:22] for p in pictures] == ["data:image/png;base64,"]
    assert "{{ 7*7 }} {% raw %}kept{% endraw %}" in text(asks[4])
    assert asks[6].find(".//strong").text == "bold" and asks[6].find(".//code").text == "<code>"


def test_theme_font_cannot_break_out_of_css(hostile: Path) -> None:
    css = parse(build_page(hostile)).find(".//style").text
    assert ('font-family: "x\\00003B\\00007D\\00003C\\00002Fstyle\\00003E\\00003Cscript\\00003Ealert\\000028'
            '2\\000029\\00003C\\00002Fscript\\00003E", system-ui') in css
    assert re.search(r'font-family: "\\000022\\00003B background\\00003A url\\000028', css)


# Reproducible --------------------------------------------------------------------------------------
def test_same_content_same_bytes_wherever_it_is_built(tmp_path: Path) -> None:
    from tests.support.projects import copy_example

    first, second = copy_example(tmp_path, "a"), copy_example(tmp_path, "elsewhere/b")
    assert build_page(first) == build_page(second) == build_page(first)


def test_edition_date_without_a_date_comes_from_source_date_epoch(example_project: Path, edit: Edit,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    edit("deck.yaml", "date: 2027-01-05\n", "")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798675200")  # 2026-12-31 00:00 UTC
    page = build_page(example_project)
    assert page == build_page(example_project)
    assert b'<time datetime="2026-12-31">December 31, 2026</time>' in page
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")
    assert build_page(example_project) != page


def test_deckgen_build_writes_the_page(example_project: Path) -> None:
    from tests.support.projects import run

    result = run("build", str(example_project), "--format", "html")
    assert result.exit_code == 0, result.output
    assert (example_project / "output/product-marketing-2027-Q1-onepager.html").read_bytes() == build_page(example_project)


# In a browser --------------------------------------------------------------------------------------
def pages_in(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@needs_chromium
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_example_prints_on_one_sheet(example_project: Path, paper: str, tmp_path: Path) -> None:
    pdf = html_to_pdf(build_page(example_project), paper)
    (tmp_path / f"onepager-{paper}.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
    assert pages_in(pdf) == 1


@needs_chromium
def test_long_content_flows_onto_more_sheets(example_project: Path) -> None:
    asks = example_project / "content/asks.md"
    asks.write_text("".join(f"- Ask number {n}: " + "a long paragraph of words " * 30 + "\n" for n in range(12)),
                    encoding="utf-8")
    assert pages_in(html_to_pdf(build_page(example_project), "a4")) >= 2


CONTRAST = """(() => {
  const rgb = c => { const m = c.match(/rgba?\\(([^)]*)\\)/); if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const behind = el => { for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor); if (c && c[3] > 0) return c; }
    return [255, 255, 255, 1]; };
  const found = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walk.nextNode());) {
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest('title, desc')) continue;
    const style = getComputedStyle(el);
    const fg = rgb(el instanceof SVGElement ? style.fill : style.color);
    const [a, b] = [lum(fg), lum(behind(el))].sort((x, y) => y - x);
    found.push([node.textContent.trim().slice(0, 60), (a + 0.05) / (b + 0.05), style.color, style.fill]);
  }
  return found;
})()"""


@needs_chromium
@pytest.mark.parametrize("primary, accent", [(None, None), ("#FFD700", "#FFFF66"), ("#7F7F7F", "#00FF00")])
def test_every_text_reads_on_screen_and_on_paper(example_project: Path, edit: Edit, tmp_path: Path,
                                                 primary: str, accent: str) -> None:
    if primary:
        edit("deck.yaml", 'primary: "#1B3A5C"', f'primary: "{primary}"')
        edit("deck.yaml", 'accent: "#F28C28"', f'accent: "{accent}"')
    page = tmp_path / "onepager.html"
    page.write_bytes(build_page(example_project))
    with Browser() as browser:
        for media in ("screen", "print"):
            browser.open(page, 1024, media=media)
            texts = browser.evaluate(CONTRAST)
            assert len(texts) > 150
            failing = [t for t in texts if t[1] < TEXT_MINIMUM]
            assert not failing, (media, failing)


@needs_chromium
@pytest.mark.parametrize("content", ["example", "hostile"])
def test_reads_from_phone_to_wide_screen_without_sideways_scrolling(request: pytest.FixtureRequest, tmp_path: Path,
                                                                     content: str) -> None:
    """The hostile project's theme fonts do not exist, so it also shows a wide fallback font."""
    page = tmp_path / "onepager.html"
    page.write_bytes(build_page(request.getfixturevalue("example_project" if content == "example" else "hostile")))
    with Browser() as browser:
        for width in (1600, 1024, 390, 360):
            browser.open(page, width)
            scroll, inner = browser.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            assert scroll <= inner, (width, scroll)
            columns = browser.evaluate("getComputedStyle(document.querySelector('.columns'))"
                                       ".gridTemplateColumns.split(' ').length")
            assert columns == (2 if width >= 1024 else 1)
            clipped = browser.evaluate("[...document.querySelectorAll('.table-wrap')]"
                                       ".filter(w => w.scrollWidth > w.clientWidth + 1).length")
            assert clipped == 0, (width, "a table scrolls sideways")
            shot = browser.screenshot()
            (tmp_path / f"onepager-{width}.png").write_bytes(shot)
            assert shot.startswith(b"\x89PNG") and int.from_bytes(shot[16:20], "big") == width


#: Every word of a status mark that the browser breaks over two lines ("(committ" / "ed)").
BROKEN_MARK_WORDS = """[...document.querySelectorAll('.mark')].flatMap(mark => {
  const broken = [], walk = document.createTreeWalker(mark, NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    for (const word of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) broken.push(word[0]);
    }
  }
  return broken;
})"""


@needs_chromium
def test_a_status_mark_wraps_between_words_never_inside_one(example_project: Path, tmp_path: Path) -> None:
    """On a phone the results table's status column is narrow: "Missed (committed)" may take two
    lines, but a word of it is never cut."""
    page = tmp_path / "onepager.html"
    page.write_bytes(build_page(example_project))
    with Browser() as browser:
        for width in (390, 360):
            browser.open(page, width)
            assert browser.evaluate(BROKEN_MARK_WORDS) == [], width


@needs_chromium
def test_hostile_page_runs_nothing_and_fetches_nothing(hostile: Path, tmp_path: Path) -> None:
    page = tmp_path / "onepager.html"
    page.write_bytes(build_page(hostile))
    with Browser() as browser:
        browser.open(page, 1024)
        assert [url for url in browser.requests() if not url.startswith("data:image/png;base64,")] == [page.as_uri()]
        assert browser.evaluate("document.scripts.length") == 0
        assert browser.evaluate("[...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
                                ".filter(a => a.name.startsWith('on')).length") == 0
        widths = browser.evaluate("[...document.querySelectorAll('img')].map(i => i.naturalWidth)")
        assert len(widths) == 2 and all(widths)  # the project's own pictures, as data:, still show


def test_helpers_count_pdf_pages() -> None:
    two = b"%PDF-1.4\n1 0 obj <</Type /Pages /Kids [2 0 R 3 0 R]>>\n2 0 obj <</Type /Page>>\n3 0 obj <</Type/Page >>"
    assert pages_in(two) == 2

