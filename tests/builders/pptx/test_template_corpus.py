"""The template corpus itself: every file is listed in its README with a source, the derived
variants are exactly what the generator makes, and the folder stays small."""
from __future__ import annotations

import pytest

from tests.support.derive_templates import VARIANTS, derived
from tests.support.templates import FOLDER, corpus


def test_the_corpus_holds_at_least_ten_real_templates_and_every_derived_variant() -> None:
    names = {t.name for t in corpus()}
    assert set(VARIANTS) <= names
    assert len(names - set(VARIANTS)) >= 10


def test_every_template_is_listed_in_the_readme_and_the_folder_stays_small() -> None:
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    assert [t.name for t in corpus() if f"`{t.name}`" not in readme] == []
    assert sum(t.path.stat().st_size for t in corpus()) < 3_000_000


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_the_derived_variants_are_what_the_generator_makes(name: str) -> None:
    assert (FOLDER / name).read_bytes() == derived(name), "run python -m tests.support.derive_templates"
