"""deckgen: a product-marketing team's content → an editable pitch deck and an HTML one-pager.

The pipeline runs one way: ``load`` (files → raw data with positions) → ``model`` (typed, checked)
→ ``plan`` (Jinja layouts → slides and a page) → ``builders`` (pptx, html, pdf).
"""
__version__ = "0.1.0"
