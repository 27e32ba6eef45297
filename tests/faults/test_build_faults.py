"""Builds under faults: the deck, the page and the manifest are one unit.

A build killed at any write step leaves, after the next run, the last build's files or this
one's (never a mix), and a manifest that matches them, so the next build never refuses a file
as "edited by hand". A disk error is one message naming the output file, the old set intact.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from deckgen.builders.output import MANIFEST_NAME, check_overwrite
from deckgen.edit.journal import JOURNAL, recover
from tests.support.faults import failing_at, instrumented, litter, record, recording, snapshot
from tests.support.projects import copy_example, replace, run

AREA = "faults while writing"


@dataclass
class Builds:
    template: Path  # a project built once, its content since changed
    old: dict[str, bytes]  # its output folder
    new: dict[str, bytes]  # the output folder once rebuilt

    def fresh(self, folder: Path) -> Path:
        return Path(shutil.copytree(self.template, folder / "proj", symlinks=True))


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    template = copy_example(tmp_path_factory.mktemp("build"), "proj")
    assert run("build", str(template)).exit_code == 0
    old = snapshot(template / "output")
    replace(template / "content" / "deck.yaml", "company: Northwind Analytics", "company: Northwind Analytics Inc.")
    rebuilt = shutil.copytree(template, tmp_path_factory.mktemp("rebuilt") / "proj")
    assert run("build", str(rebuilt)).exit_code == 0
    new = snapshot(Path(rebuilt) / "output")
    assert old.keys() == new.keys() and old != new
    return Builds(template, old, new)


def _settled(output: Path, builds: Builds) -> bool:
    files = snapshot(output)
    return (files in (builds.old, builds.new) and not litter(output)
            and all(check_overwrite(output / name) is None for name in files if name != MANIFEST_NAME))


@pytest.mark.slow
def test_a_build_killed_at_any_write_step_leaves_one_whole_set(builds: Builds, tmp_path: Path) -> None:
    root = builds.fresh(tmp_path)
    output = root / "output"
    frozen = tmp_path / "frozen"
    seen: list[dict[str, bytes]] = []

    def freeze(step: int, op: str) -> None:  # the output folder as a kill before this step leaves it
        now = snapshot(output)
        if not seen or now != seen[-1]:
            seen.append(now)
            shutil.copytree(output, frozen / str(len(seen)), symlinks=True)

    with instrumented(freeze):
        assert run("build", str(root)).exit_code == 0
    assert snapshot(output) == builds.new
    assert len(seen) >= 6  # staged files, journal states, renames, clean-up
    failures = []
    for index in range(1, len(seen) + 1):
        folder = frozen / str(index)
        journaled = (folder / JOURNAL).exists()
        said = recover(folder)
        held = _settled(folder, builds) and bool(said) == journaled
        record(AREA, f"build: kill -9 at output state {index}", held)
        if not held:
            failures.append((index, sorted(snapshot(folder)), litter(folder), said))
    assert not failures


@pytest.mark.slow
def test_a_disk_error_while_writing_keeps_the_last_build(builds: Builds, tmp_path: Path) -> None:
    ops: list[str] = []
    root = builds.fresh(tmp_path / "count")
    with instrumented(recording(ops)):
        assert run("build", str(root)).exit_code == 0
    journal = ops.index("replace")  # the journal is in place: the files are staged next
    staging = ops.index("write", journal) + 1
    renames = [i + 1 for i, op in enumerate(ops) if op == "rename"]
    failures = []
    for step, code in ((staging, errno.ENOSPC), (renames[0], errno.EIO), (renames[-1], errno.ENOSPC)):
        root = builds.fresh(tmp_path / str(step))
        with instrumented(failing_at(step, code)):
            result = run("build", str(root))
        held = (result.exit_code == 1 and "Traceback" not in result.output
                and re.search(rf"^Error: cannot write {re.escape(str(root))}/output/[\w.-]+: {os.strerror(code)}; the "
                              "files of the last build are as they were$", result.output, re.M) is not None
                and snapshot(root / "output") == builds.old and not litter(root))
        record(AREA, f"build: {errno.errorcode[code]} at write step {step}", held)
        if not held:
            failures.append((step, result.output[-300:]))
    assert not failures
