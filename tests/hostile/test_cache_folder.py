"""A damaged cache folder (a bad disk, a folder copied half-way or edited by hand) changes
nothing: every kind of entry (compiled layouts, parsed YAML, Markdown's HTML, font metrics,
fontconfig's answers, pictures) is checked against the digest it was written with, and a
damaged one is a miss. Each build runs in a new process, as a user's next run does, so no
memo of this process hides what the folder holds."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from tests.support.projects import copy_example

DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda data: data[: len(data) // 2],
    "one bit flipped": lambda data: data[:-1] + bytes([data[-1] ^ 1]) if data else b"\x01",
    "replaced by noise": lambda data: os.urandom(max(len(data), 40)),
}


def _build(project: Path, cache: Path) -> dict[str, bytes]:
    """Every output of a build of ``project`` with ``cache`` as the cache home, by name."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "SOURCE_DATE_EPOCH": "1800000000"}
    done = subprocess.run([sys.executable, "-m", "deckgen", "build", str(project), "--force"],
                          env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return {p.name: p.read_bytes() for p in (project / "output").iterdir() if not p.name.startswith(".")}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_cache_folder_builds_the_same_deck_and_page(tmp_path: Path, damage: str) -> None:
    project, cache = copy_example(tmp_path, "proj"), tmp_path / "cache"
    first = _build(project, cache)
    entries = [p for p in (cache / "deckgen").rglob("*") if p.is_file()]
    kinds = {p.relative_to(cache / "deckgen").parts[0] for p in entries}
    assert {"jinja", "yaml", "markdown", "fonts", "encoded-pictures"} <= kinds, kinds
    for entry in entries:
        entry.write_bytes(DAMAGES[damage](entry.read_bytes()))
    assert _build(project, cache) == first
