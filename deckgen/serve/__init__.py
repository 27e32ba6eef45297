"""The live preview behind ``deckgen serve``: a warm rebuild (:mod:`.state`), the web server
that shows it (:mod:`.http`) and the page it serves (:mod:`.assets`)."""
