"""The PowerPoint builder (the plan in, an editable .pptx out; see docs/pptx-builder.md), on a toolkit:

- :mod:`.fonts` measures text with real, metric-compatible font files (Carlito for Calibri,
  Liberation Sans for Arial), so what fits when measured fits when rendered.
- :mod:`.wrap` wraps text into lines and says how tall paragraphs and table rows are;
  :mod:`.text` sizes, splits and writes the plan's paragraphs with it.
- :mod:`.package` finalizes a python-pptx ``Presentation`` into reproducible bytes that open in
  PowerPoint, Keynote and LibreOffice alike.
"""
