"""Low-level PowerPoint toolkit, independent of deckgen's content model.

- :mod:`.fonts` measures text with real, metric-compatible font files (Carlito for Calibri,
  Liberation Sans for Arial), so what fits when measured fits when rendered.
- :mod:`.textfit` wraps text and finds the largest font size at which paragraphs fit a box, or
  splits them across "(cont.)" slides when even the smallest allowed size does not fit.
- :mod:`.package` finalizes a python-pptx ``Presentation`` into reproducible bytes that open in
  PowerPoint, Keynote and LibreOffice alike.
"""
