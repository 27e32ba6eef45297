"""Output builders: turn the planned deck into files (PowerPoint, HTML).

Builders are pure until they write; writing goes through :mod:`deckgen.builders.output` so that a
failure never leaves a half-written file and a hand-edited output is never silently overwritten.
"""
