"""The template corpus (tests/corpus/templates/, see its README): real brand templates and
variants derived from them, for tests parametrised over every template deckgen must handle."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

FOLDER = Path(__file__).resolve().parents[1] / "corpus" / "templates"
#: The templates the fast tier tries: PowerPoint's stock one (4:3, typed layouts), LibreOffice's with
#: four masters of freeform artwork, and a pandoc one whose cover and sections are on a second master.
#: The others run in the slow tier, so the full suite still tries every template.
FAST_SAMPLE = ("python-pptx-default.pptx", "lo-focus.pptx", "derived-two-masters.pptx")


@dataclass(frozen=True)
class CorpusTemplate:
    """One template file of the corpus."""

    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def data(self) -> bytes:
        return self.path.read_bytes()


def corpus() -> list[CorpusTemplate]:
    """Every template of the corpus, by file name."""
    return [CorpusTemplate(p) for p in sorted(FOLDER.iterdir()) if p.suffix in (".pptx", ".potx")]


def corpus_params() -> list:  # pytest.param objects
    """``corpus()`` as pytest parameters with the file name as the test id, those outside
    :data:`FAST_SAMPLE` marked slow: ``@pytest.mark.parametrize("template", corpus_params())``."""
    return [pytest.param(t, id=t.name, marks=() if t.name in FAST_SAMPLE else pytest.mark.slow)
            for t in corpus()]


def template(name: str) -> CorpusTemplate:
    """The corpus template named ``name`` (e.g. "derived-two-masters.pptx")."""
    found = FOLDER / name
    if not found.is_file():
        raise FileNotFoundError(f"no template {name} in {FOLDER}")
    return CorpusTemplate(found)
