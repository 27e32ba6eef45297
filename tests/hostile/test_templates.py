"""Hostile projects, part one: page layouts that try to run code, read files or inject the page.

A deck project may come from anyone; opening and building it must never run code, read a file
outside it, hang, or make a page that does something. Each case is a layout override in a fresh
project around the checked example: it either fails as one layout diagnostic (file and line), or
builds a page that is still safe. Nothing may run (a marker file would appear) and nothing may
leak (``/etc/passwd`` would show as ``root:``).
"""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from lxml import html as lxml_html

from deckgen.builders.html import CSP, page_bytes
from deckgen.model.project import Project
from deckgen.plan.environment import make_environment
from deckgen.plan.layout import LayoutError, render_slides
from deckgen.resources import builtin_templates
from tests.support.limits import within
from tests.support.page import checked
from tests.support.projects import copy_example, run

MARK = "/tmp/deckgen-hostile-ran"
POPEN = f"os.popen('touch {MARK}').read()"

#: Layouts trying to reach Python: each must fail as a layout error at its own line.
CODE = {
    "cycler globals": f"{{{{ cycler.__init__.__globals__.{POPEN} }}}}",
    "joiner globals": f"{{{{ joiner.__init__.__globals__.{POPEN} }}}}",
    "lipsum globals": f"{{{{ lipsum.__globals__['os'].system('touch {MARK}') }}}}",
    "namespace globals": f"{{{{ namespace.__init__.__globals__.{POPEN} }}}}",
    "range's owner": "{{ range.__self__.loader }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "attr filter": "{{ ''|attr('__class__') }}",
    "self reference": f"{{{{ self._TemplateReference__context.cycler.__init__.__globals__.{POPEN} }}}}",
    "project class": "{{ project.__class__.__init__.__globals__ }}",
    "helper globals": "{{ markdown.__globals__ }}",
    "pydantic internals": "{{ deck.model_validate.__func__.__globals__ }}",
    "str.format": "{{ '{0.__class__.__base__}'.format(1) }}",
    "format filter": "{{ '%0999999999d'|format(1) }}",
    "percent format": "{{ '%0999999999d' % 1 }}",
    "path read": "{{ project.root.joinpath('../../../../../etc/passwd').read_text() }}",
    "path parent": "{{ project.root.parent }}",
    "import module": "{% import 'os' as os %}{{ os }}",
    "absolute include": "{% include '/etc/passwd' %}",
    "dotdot include": "{% include '../../../../../../etc/passwd' %}",
    "dotdot builtin": "{% include 'builtin/../../../../../etc/passwd' %}",
}

#: Layouts trying to hang or exhaust memory: each must fail quickly.
WORK = {
    "range 1e10": "{% for i in range(10**10) %}x{% endfor %}",
    "empty nested loops": "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    "nested loops over people": "{% set p = range(50)|list %}" + "{% for a in p %}" * 7 + "{% endfor %}" * 7,
    "huge repeat": "{{ 'a' * 10**10 }}",
    "list repeat": "{{ (range(100000)|list) * 100000 }}",
    "huge power": "{{ 2 ** 100000000 }}",
    "squaring": "{% set ns = namespace(n=3) %}{% for i in range(64) %}{% set ns.n = ns.n * ns.n %}{% endfor %}",
    "centre width": "{{ 'x'.center(10**9) }}",
    "doubling join": "{% set ns = namespace(s='ab') %}{% for i in range(100) %}{% set ns.s = ns.s ~ ns.s %}"
                     "{% endfor %}{{ ns.s|length }}",
    "replace bomb": "{% set s = 'a' * 100000 %}{{ s|replace('a', s) }}",
    "join bomb": "{{ range(100000)|join('x' * 100000) }}",
    "endless recursion": "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
}
SLOW_WORK = {  # several seconds each: up to the budget's end
    "exponential macro": "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(60) }}",
    "huge output": "{% for i in range(100000) %}{% for j in range(2000) %}{{ 'x' * 1000 }}{% endfor %}{% endfor %}",
}

EVIL = "evil.example"
HEAD_INJECTION = f"""<!DOCTYPE html><html><script>alert(1)</script>
<meta http-equiv="refresh" content="0;url=https://{EVIL}/"><head><title>t</title>
<meta http-equiv="Content-Security-Policy" content="default-src *">
<meta charset="utf-8" http-equiv="refresh" content="0">
<base href="https://{EVIL}/"><link rel="stylesheet" href="https://{EVIL}/x.css">
<style>@import url(https://{EVIL}/a.css); body {{ background: u\\72 l(https://{EVIL}/b.png); }}
p {{ background-image: image-set("https://{EVIL}/c.png" 1x); font-family: "url(not a link)"; }}
@font-face {{ font-family: x; src: url(https://{EVIL}/f.woff); }} h1 {{ color: red }}</style>
</head><body background="https://{EVIL}/bg.png" onload="alert(1)">
<script src="https://{EVIL}/x.js"></script><img src="https://{EVIL}/x.png" srcset="https://{EVIL}/y.png 2x">
<img src="data:image/png;base64,iVBORw0KGgo=" alt="kept">
<a href="https://{EVIL}/" ping="https://{EVIL}/p">link text</a> <a href="#top">in-page</a>
<iframe src="https://{EVIL}/"></iframe><object data="https://{EVIL}/o"></object><embed src="https://{EVIL}/e">
<form action="https://{EVIL}/f"><input formaction="https://{EVIL}/g"></form>
<video poster="https://{EVIL}/v.png"></video><div style="background:url(https://{EVIL}/d.png)">styled</div>
<svg><image href="https://{EVIL}/s.png"/><use xlink:href="https://{EVIL}/u.svg#x"/>
<rect fill="url(https://{EVIL}/r)"/><style>rect {{ fill: url(https://{EVIL}/q) }}</style>
<a xlink:href="javascript:alert(1)"><text>svg link</text></a></svg>
<!-- --!><meta http-equiv="refresh" content="0;url=https://{EVIL}/c"> -->
<noscript><p title="</noscript><meta http-equiv=refresh content=0;url=https://{EVIL}/n>"></p></noscript>
<math><mtext><table><mglyph><style><img src=https://{EVIL}/m.png></style></mglyph></table></mtext></math>
<template><script>alert(1)</script></template><p>kept text</p>
</body></html>"""


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The checked example, once: each case gives it its own project folder of layouts."""
    return checked(copy_example(tmp_path_factory.mktemp("example"), "proj"))


def project_with(example: Project, root: Path, layouts: dict[str, str]) -> Project:
    for name, text in layouts.items():
        path = root / "templates" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "content").mkdir(exist_ok=True)
    return dataclasses.replace(example, root=root)


def page(project: Project) -> bytes:
    return page_bytes(project, make_environment(project.root, builtin_templates()))


@pytest.fixture(autouse=True)
def no_marker() -> None:
    Path(MARK).unlink(missing_ok=True)
    yield
    assert not os.path.exists(MARK), "a layout ran a command"


@pytest.mark.parametrize("layout", CODE.values(), ids=CODE.keys())
def test_a_layout_cannot_reach_python_or_files(example: Project, tmp_path: Path, layout: str) -> None:
    project = project_with(example, tmp_path, {"page/onepager.html": "<html><head></head><body>\n" + layout})
    with pytest.raises(LayoutError) as failure:
        page(project)
    assert failure.value.position.path == "templates/page/onepager.html"
    assert failure.value.position.line == 2
    assert "root:" not in str(failure.value)


@pytest.mark.parametrize("layout", [*WORK.values(), *(pytest.param(layout, marks=pytest.mark.slow)
                                                       for layout in SLOW_WORK.values())],
                         ids=[*WORK, *SLOW_WORK])
def test_a_layout_cannot_hang_or_exhaust_memory(example: Project, tmp_path: Path, layout: str) -> None:
    project = project_with(example, tmp_path, {"page/onepager.html": "<html><head></head><body>\n" + layout})
    with within(20), pytest.raises(LayoutError) as failure:
        page(project)
    assert failure.value.position.path == "templates/page/onepager.html"
    assert failure.value.position.line in (0, 2)  # 0: the layout's output as a whole is too big


def test_a_slide_layout_is_sandboxed_too(example: Project, tmp_path: Path) -> None:
    project = project_with(example, tmp_path, {"slides/title.xml": CODE["cycler globals"]})
    env = make_environment(project.root, builtin_templates())
    with pytest.raises(LayoutError, match="'cycler' is undefined") as failure:
        render_slides(env, "slides/title.xml", "title", {}, project)
    assert str(failure.value.position) == "templates/slides/title.xml:1"


LINKS = {
    "include through a link": ("page/leak.html", "/etc/passwd", "{% include 'page/leak.html' %}"),
    "the layout itself a link": ("page/onepager.html", "/etc/passwd", None),
    "a folder of layouts a link": ("page/etc", "/etc", "{% include 'page/etc/passwd' %}"),
    "a link to a device": ("page/zero.html", "/dev/zero", "{% include 'page/zero.html' %}"),
    "a link loop": ("page/loop.html", "loop.html", "{% include 'page/loop.html' %}"),
}


@pytest.mark.parametrize("name, target, layout", LINKS.values(), ids=LINKS.keys())
def test_a_layout_link_out_of_the_project_is_refused(example: Project, tmp_path: Path, name: str, target: str,
                                                       layout: str | None) -> None:
    layouts = {"page/onepager.html": "<html><head></head><body>\n" + layout} if layout else {}
    project = project_with(example, tmp_path, layouts)
    link = tmp_path / "templates" / name
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    with within(20), pytest.raises(LayoutError) as failure:
        page(project)
    assert "root:" not in str(failure.value)
    assert failure.value.position.path.startswith("templates/page/")
    assert failure.value.message.startswith(("this layout is a link", "cannot read this layout",
                                             "this layout is not a regular file"))


def test_a_fifo_layout_is_refused_without_blocking(example: Project, tmp_path: Path) -> None:
    project = project_with(example, tmp_path, {"page/onepager.html": "<html><head></head><body>\n"
                                                                      "{% include 'page/pipe.html' %}"})
    os.mkfifo(tmp_path / "templates" / "page" / "pipe.html")
    with within(20), pytest.raises(LayoutError, match="not a regular file") as failure:
        page(project)
    assert str(failure.value.position) == "templates/page/pipe.html"


def test_a_link_inside_the_project_is_followed(example: Project, tmp_path: Path) -> None:
    project = project_with(example, tmp_path, {"shared/header.html": "<header>shared header</header>"})
    (tmp_path / "templates" / "page").mkdir()
    (tmp_path / "templates" / "page" / "header.html").symlink_to(tmp_path / "templates" / "shared" / "header.html")
    assert b"shared header" in page(project)


def test_whatever_a_layout_writes_the_page_stays_safe(example: Project, tmp_path: Path) -> None:
    built = page(project_with(example, tmp_path, {"page/onepager.html": HEAD_INJECTION}))
    document = lxml_html.document_fromstring(built.decode("utf-8"))
    head = document.find("head")
    assert (head[0].tag, head[0].get("http-equiv"), head[0].get("content")) == (
        "meta", "Content-Security-Policy", CSP)
    assert built.count(b"http-equiv") == 1
    assert EVIL.encode() not in built
    assert not document.findall(".//script") and not document.findall(".//iframe")
    assert [e.get("src", "")[:22] for e in document.iter("img")] == ["", "data:image/png;base64,"]
    assert {a.get("href") for a in document.iter("a")} == {None, "#top"}
    assert not any(name.startswith("on") for e in document.iter() for name in e.attrib)
    assert [s.getparent().tag for s in document.iter("style")] == ["head"]
    assert "h1 { color: red }" in head.find("style").text
    assert '"url(not a link)"' in head.find("style").text
    body = document.find("body").text_content()
    assert "link text" in body and "kept text" in body and "styled" in body


def test_a_hostile_layout_fails_the_build_as_one_line_and_writes_nothing(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    layout = root / "templates" / "page" / "onepager.html"
    layout.parent.mkdir(parents=True)
    layout.write_text("<html><head></head><body>\n" + CODE["cycler globals"], encoding="utf-8")
    result = run("build", str(root), "--format", "html")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "templates/page/onepager.html:2: error: UndefinedError: 'cycler' is undefined" in result.output
    assert not (root / "output").exists()
