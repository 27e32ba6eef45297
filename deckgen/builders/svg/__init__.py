"""Pictures of the slides, drawn from the deck the pptx builder lays out.

The pptx builder draws each slide into a python-pptx presentation; this package reads those
shapes back (with what they inherit from the layout, the master and the theme) into a
:class:`~.scene.Scene` of rectangles, lines, pictures and placed lines of text, and writes it
as SVG (:mod:`.svg`) or PNG (:mod:`.png`). Being a view of the same shapes, a picture cannot
disagree with the deck about what fits where. The live preview (``deckgen serve``) shows these
scenes; ``deckgen build --format svg`` and ``--format png`` write them.
"""
