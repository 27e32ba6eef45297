"""The preview page, its script and its style: served from memory, with no external resource.

The page fetches ``/state.json`` whenever the event stream announces a version, then changes
only what changed: a slide's picture is swapped once its new SVG has loaded (no flicker), the
diagnostics panel is redrawn, the one-pager reloads only when its bytes changed. The slide at
the top of the window stays where it is, so editing never moves the reader.
"""
from __future__ import annotations

import functools

STYLE = b"""
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: var(--ink); background: var(--bg); }
header { position: sticky; top: 0; z-index: 2; display: flex; gap: 1.5rem; align-items: baseline;
  padding: .6rem 1.2rem; background: #fff; border-bottom: 1px solid var(--line); }
header h1 { font-size: 1rem; margin: 0; }
header a { color: var(--muted); }
#status { margin-left: auto; color: var(--muted); font-variant-numeric: tabular-nums; }
main { max-width: 1040px; margin: 0 auto; padding: 1rem 1.2rem 4rem; }
#problems:empty, #gaps:empty { display: none; }
#problems { border: 1px solid #d1242f; background: #fff5f5; border-radius: 6px; \
padding: .6rem 1rem; margin-bottom: 1rem; }
#problems.warnings { border-color: #9a6700; background: #fff8e5; }
#problems h2 { font-size: .95rem; margin: 0 0 .4rem; }
#problems ul { margin: 0; padding: 0; list-style: none; font: 13px/1.5 ui-monospace, monospace; }
#problems .error b { color: #d1242f; }
#problems .warning b { color: #9a6700; }
#gaps, .limits { color: var(--muted); font-size: 13px; margin: 0 0 1rem; }
.slide { margin: 0 0 1.6rem; }
.slide figure { margin: 0; background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.18); }
.slide img { display: block; width: 100%; height: auto; }
.slide .meta { display: flex; gap: .8rem; margin: .35rem 0 0; color: var(--muted); font-size: 13px; }
.slide .notes { white-space: pre-wrap; margin: .2rem 0 0; padding: .4rem .6rem; background: #fff;
  border-left: 3px solid var(--line); font-size: 13px; }
.stale .slide figure { opacity: .55; }
#onepager iframe { width: 100%; height: 80vh; border: 1px solid var(--line); background: #fff; }
h2.section { font-size: 1rem; margin: 2rem 0 .6rem; }
"""

SCRIPT = b"""
"use strict";
let shown = -1;
const slides = document.getElementById("slides");

function topSlide() {
  for (const el of slides.children) {
    const box = el.getBoundingClientRect();
    if (box.bottom > 60) return { number: el.dataset.number, top: box.top };
  }
  return null;
}

function swapPicture(img, key) {
  const url = "/slides/" + key + ".svg";
  const next = new Image();
  next.src = url;
  next.decode().then(() => { if (img.dataset.key === key) img.src = url; }, () => null);
}

function slideElement() {
  const el = document.createElement("section");
  el.className = "slide";
  el.innerHTML = '<figure><img alt=""></figure><p class="meta"><span class="number"></span>' +
    '<span class="kind"></span></p><p class="notes"></p>';
  return el;
}

function showSlides(list) {
  list.forEach((slide, i) => {
    let el = slides.children[i];
    if (!el) { el = slideElement(); slides.appendChild(el); }
    el.dataset.number = slide.number;
    el.id = "slide-" + slide.number;
    const img = el.querySelector("img");
    if (img.dataset.key !== slide.key) {
      img.dataset.key = slide.key;
      img.alt = "Slide " + slide.number;
      if (!img.getAttribute("src")) img.src = "/slides/" + slide.key + ".svg"; else swapPicture(img, slide.key);
    }
    el.querySelector(".number").textContent = "Slide " + slide.number;
    el.querySelector(".kind").textContent = slide.kind;
    el.querySelector(".notes").textContent = slide.notes;
  });
  while (slides.children.length > list.length) slides.lastElementChild.remove();
}

function showProblems(state) {
  const box = document.getElementById("problems");
  box.textContent = "";
  box.className = state.diagnostics.some(d => d.level === "error") ? "" : "warnings";
  if (!state.diagnostics.length) return;
  const head = document.createElement("h2");
  head.textContent = state.stale ? "The content has errors: showing the last good preview" :
    state.diagnostics.length + " warning(s)";
  const list = document.createElement("ul");
  for (const d of state.diagnostics) {
    const item = document.createElement("li");
    item.className = d.level;
    const where = document.createElement("a");
    where.href = d.link;
    where.textContent = d.where;
    const level = document.createElement("b");
    level.textContent = " " + d.level + ": ";
    item.append(where, level, document.createTextNode(d.message));
    list.appendChild(item);
  }
  box.append(head, list);
}

function showPage(key) {
  const frame = document.querySelector("#onepager iframe");
  if (key && frame.dataset.key !== key) { frame.dataset.key = key; frame.src = "/onepager.html?v=" + key; }
}

async function refresh() {
  const response = await fetch("/state.json", { cache: "no-store" });
  const state = await response.json();
  if (state.version <= shown) return;
  shown = state.version;
  const anchor = topSlide();
  document.body.classList.toggle("stale", state.stale);
  showProblems(state);
  document.getElementById("gaps").textContent = state.gaps.length ?
    "The preview cannot show everything: " + state.gaps.join("; ") + "." : "";
  showSlides(state.slides);
  showPage(state.page);
  document.getElementById("status").textContent = "version " + state.version + " \\u00b7 built in " +
    Math.round(state.built_ms) + " ms";
  document.body.dataset.version = state.version;
  if (anchor) {
    const el = document.getElementById("slide-" + anchor.number);
    if (el) window.scrollBy(0, el.getBoundingClientRect().top - anchor.top);
  }
}

new EventSource("/events").onmessage = () => refresh().catch(() => null);
refresh().catch(() => null);
"""

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>deckgen preview</title>
<link rel="stylesheet" href="/preview.css">
<script src="/preview.js" defer></script>
</head>
<body>
<header><h1>deckgen preview</h1><a href="#slides">Slides</a><a href="#onepager">One-pager</a>\
<span id="status">building…</span></header>
<main>
<div id="problems" role="status" aria-live="polite"></div>
<p id="gaps"></p>
<p class="limits">Slides are drawn from the deck deckgen builds. Charts are drawn from their data;
PowerPoint and LibreOffice place chart labels their own way.</p>
<div id="slides"></div>
<section id="onepager"><h2 class="section">One-pager</h2>
<iframe title="One-pager" sandbox></iframe></section>
</main>
</body>
</html>
"""


@functools.lru_cache(maxsize=1)
def page() -> bytes:
    return _PAGE.encode()
