"""Test tooling shared by deckgen's tests: rendering decks with LibreOffice and poppler
(:mod:`.render`) and validating them with the Open XML SDK (:mod:`.ooxml`)."""
