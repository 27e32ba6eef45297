"""The example built on every template of the corpus, and what a reader would see wrong.

    PYTHONPATH=. python benchmarks/template_corpus.py OUT_DIR     # a few minutes

For each template of ``tests/corpus/templates/``: the layouts the cover, section and content
slides use, the slide count, the Open XML validator's verdict, the rendered deck's words out of
their box, over the template's pictures and below 3:1 contrast as drawn (the measures of
``tests/builders/pptx/test_template_drawn.py``, in the pixels of LibreOffice's PDF), and
``deckgen template check``'s verdict (exit code, warnings). Prints a Markdown table and writes
``OUT_DIR/<template>.pptx``, its PDF and PNGs at 30 dpi to look at. Run it before and after a
change to the pptx builder's layout and compare the two tables.
"""
from __future__ import annotations

import argparse
import tempfile
from dataclasses import dataclass
from pathlib import Path

from deckgen.builders.pptx.layout_choice import layout_label
from deckgen.commands.template import read_template, run_template_check
from tests.support.decks import build, open_deck
from tests.support.drawn import drawn_words, over, template_drawn
from tests.support.ooxml import validate_pptx, validator_available
from tests.support.plans import planned
from tests.support.projects import copy_example
from tests.support.render import EMU_PER_PT, Box, overflowing_words, pdf_to_pngs, pdf_word_boxes, pptxs_to_pdfs
from tests.support.templates import CorpusTemplate, corpus

KINDS = ("title", "section", "content")


@dataclass
class Row:
    """One template's results."""

    name: str
    layouts: str
    slides: int
    valid: str
    out_of_box: int = 0
    over_pictures: int = 0
    faint: int = 0
    check: str = ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the decks, PDFs and PNGs")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        plan = planned(copy_example(Path(tmp)))[1]
        rows, paths = [], []
        for template in corpus():
            plan.template = template.data
            path = args.out / f"{template.name.replace('.', '-')}.pptx"  # two lo-midnightblue
            path.write_bytes(build(plan))
            rows.append(_row(template, path))
            paths.append(path)
    for row, path, pdf in zip(rows, paths, pptxs_to_pdfs(paths, args.out), strict=True):
        _measure(row, path, pdf)
        pdf_to_pngs(pdf, args.out / path.stem, dpi=30)
    print("| template | cover / section / content layout | slides | validator | out of box | "
          "over pictures | below 3:1 | template check |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r.name} | {r.layouts} | {r.slides} | {r.valid} | {r.out_of_box} | "
              f"{r.over_pictures} | {r.faint} | {r.check} |")


def _row(template: CorpusTemplate, path: Path) -> Row:
    deck = open_deck(path.read_bytes())
    brand, chosen = read_template(template.data, {})
    used = " / ".join(layout_label(brand.prs, chosen[kind].layout) for kind in KINDS)
    errors = validate_pptx(path) if validator_available() else None
    lines, code = run_template_check(template.path)
    warnings = sum(": warning: " in line for line in lines)
    return Row(template.name, used, len(deck.slides),
               "n/a" if errors is None else ("valid" if not errors else f"{len(errors)} errors"),
               check=f"exit {code}, {warnings} warnings")


def _measure(row: Row, pptx: Path, pdf: Path) -> None:
    """The rendered-pixel counts, as test_template_drawn.py measures them."""
    deck = open_deck(pptx.read_bytes())
    drawn = [template_drawn(slide) for slide in deck.slides]
    row.out_of_box = sum(1 for o in overflowing_words(pptx, pdf)
                         if not any(over(o.word, box) for box in drawn[o.slide - 1][0]))
    row.over_pictures = sum(1 for words, (texts, pictures) in zip(pdf_word_boxes(pdf), drawn, strict=True)
                            for w in words if any(over(w, p) for p in pictures)
                            and not any(over(w, t) for t in texts))
    inherited = [[_box(s) for s in slide.placeholders] + texts
                 for slide, (texts, _) in zip(deck.slides, drawn, strict=True)]
    row.faint = sum(1 for d in drawn_words(pdf) if d.ratio < 3.0
                    and not any(over(d.word, box) for box in inherited[d.slide - 1]))


def _box(shape) -> Box:  # a python-pptx shape
    return Box(*(v / EMU_PER_PT for v in (shape.left, shape.top, shape.left + shape.width,
                                          shape.top + shape.height)))


if __name__ == "__main__":
    main()
