"""The reference deckgen is measured against: a plain python-pptx script, written by hand, that
makes ``SLIDES`` slides of the kinds a plan deck has (bullets, a table), each with speaker notes.

    python benchmarks/handwritten.py SLIDES OUT.pptx

It is what a person would write without deckgen: no measuring, no fitting, no continuation
slides; python-pptx's ordinary API only.
"""
from __future__ import annotations

import sys

from pptx import Presentation
from pptx.util import Inches, Pt

BULLETS = ["Positioning for the enterprise tier, agreed with Sales",
           "A launch kit per release: brief, deck, demo and FAQ",
           "Win-rate reviews with the field every month",
           "Analyst relations for the two reports that matter",
           "Pricing and packaging input for the next fiscal year",
           "One-offs capped at a tenth of the team's time"]
HEADER = ["Key result", "Owner", "Baseline → target", "Confidence"]


def bullets_slide(prs: Presentation, n: int) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = f"Slide {n + 1}: what we will do this quarter"
    body = slide.placeholders[1].text_frame
    body.text = BULLETS[0]
    for line in BULLETS[1:]:
        para = body.add_paragraph()
        para.text, para.level = line, 0
        para.font.size = Pt(18)
    slide.notes_slide.notes_text_frame.text = f"Notes for slide {n + 1}: say why each point matters."


def table_slide(prs: Presentation, n: int) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = f"Slide {n + 1}: key results"
    table = slide.shapes.add_table(9, 4, Inches(0.5), Inches(1.5), Inches(9), Inches(5)).table
    for col, label in enumerate(HEADER):
        table.cell(0, col).text = label
    for row in range(1, 9):
        values = [f"Key result {n + 1}.{row} moves a number that matters", "Tom Becker",
                  f"{10 + row}% → {20 + row}%", "60%"]
        for col, value in enumerate(values):
            cell = table.cell(row, col)
            cell.text = value
            cell.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
    slide.notes_slide.notes_text_frame.text = f"Notes for slide {n + 1}: the numbers behind each result."


def main(slides: int, out: str) -> None:
    prs = Presentation()
    for n in range(slides):
        (table_slide if n % 2 else bullets_slide)(prs, n)
    prs.save(out)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
