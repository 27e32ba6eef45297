"""The mutated-content campaign in CI: each case must hold (see tests/support/campaign.py).

CI runs each kind of mutation on two content files in turn, plus a hypothesis search for text
that breaks the build after `check` passed; ``DECKGEN_CAMPAIGN=full`` runs every kind on every
file (the figures of the campaign's table).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.campaign import FILES, cases, mutate, restore_permissions, run_case
from tests.support.projects import copy_example

FULL = os.environ.get("DECKGEN_CAMPAIGN") == "full"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_example(tmp_path_factory.mktemp("pristine"), "proj")


def fresh(pristine: Path, folder: Path) -> Path:
    root = folder / "proj"
    if root.exists():
        restore_permissions(root)
        shutil.rmtree(root)
    shutil.copytree(pristine, root, symlinks=True)
    return root


@pytest.mark.parametrize("file, mutation", cases(FULL), ids=[f"{f}:{m}" for f, m in cases(FULL)])
def test_mutated_content_holds(pristine: Path, tmp_path: Path, file: str, mutation: str) -> None:
    root = fresh(pristine, tmp_path)
    try:
        mutate(root, file, mutation)
        outcome = run_case(root)
    finally:
        restore_permissions(root)
    assert outcome.problem is None, outcome.problem


TEXT = st.text(st.characters(codec=None, categories=None, exclude_characters="\n"), min_size=1, max_size=40)


@settings(max_examples=12, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(file=st.sampled_from(FILES), text=TEXT, where=st.integers(min_value=0, max_value=10_000))
def test_any_text_in_any_value_holds(pristine: Path, tmp_path: Path, file: str, text: str, where: int) -> None:
    """Arbitrary Unicode (surrogates and controls included, as YAML escapes where a file cannot hold
    them) put into a value of a content file: check passes and build passes, or check says why."""
    root = fresh(pristine, tmp_path)
    path = root / "content" / file
    content = path.read_text(encoding="utf-8")
    lines = content.split("\n")
    targets = [n for n, line in enumerate(lines) if ": " in line and not line.lstrip().startswith("#")
               and not line.rstrip().endswith((":", "|", ">"))] or [len(lines) - 1]
    number = targets[where % len(targets)]
    if file.endswith(".yaml"):
        escaped = text.encode("unicode_escape").decode("ascii").replace('"', '\\"')
        key, _, value = lines[number].partition(": ")
        lines[number] = f'{key}: "{value.strip().strip(chr(34))} {escaped}"'
    else:
        lines.append(text.encode("utf-8", "replace").decode("utf-8"))  # a file cannot hold a lone surrogate
    path.write_text("\n".join(lines), encoding="utf-8")
    outcome = run_case(root)
    assert outcome.problem is None, outcome.problem
