"""The editing commands under faults: killed at every write step, signalled, out of disk, racing.

Whatever happens, after the next deckgen run the project holds the old bytes or the new bytes,
every file of it, with no deckgen file left behind, and deckgen never shows a traceback.
See ``tests/support/faults.py`` for how write steps are counted and faults injected.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from deckgen import lock
from deckgen.edit.journal import JOURNAL, recover_in
from tests.support.faults import (Fault, failing_at, instrumented, litter, lock_held_elsewhere, record, recording,
                                  run_child, snapshot)
from tests.support.projects import copy_example, fill_currents, run

ARGS = {"okr close": ["okr", "close"], "okr new": ["okr", "new", "2027-Q2"],
        "year new": ["year", "new", "2028"], "year restore": ["year", "restore", "2027"]}
AREA = "faults while writing"


@dataclass
class Scenario:
    """A project ready for one command, its files before and after the command, its write steps."""

    name: str
    template: Path
    old: dict[str, bytes]
    new: dict[str, bytes]
    ops: list[str]

    def fresh(self, folder: Path) -> Path:
        root = folder / "proj"
        shutil.copytree(self.template, root, symlinks=True)
        return root

    def args(self, root: Path) -> list[str]:
        return [*ARGS[self.name], str(root)]

    def settled(self, root: Path) -> bool:
        """Old or new bytes, nothing of deckgen's left."""
        return not litter(root) and snapshot(root) in (self.old, self.new)


def _prepare(name: str, base: Path) -> Path:
    root = copy_example(base, name.replace(" ", "-"))
    if name == "okr close":
        fill_currents(root)
    if name in ("year new", "year restore"):
        (root / "output").mkdir()
        (root / "output" / "deck.pptx").write_bytes(b"the 2027 deck")
    if name == "year restore":
        assert run("year", "new", "2028", str(root)).exit_code == 0
    return root


class Scenarios(dict[str, Scenario]):
    """Each command's scenario, made the first time a test asks for it: the fast tier's tests
    need two of the four, and making one runs its command twice."""

    def __init__(self, factory: pytest.TempPathFactory) -> None:
        super().__init__()
        self.factory = factory

    def __missing__(self, name: str) -> Scenario:
        template = _prepare(name, self.factory.mktemp("templates"))
        warm = shutil.copytree(template, self.factory.mktemp("warm") / "proj", symlinks=True)
        assert run(*ARGS[name], str(warm)).exit_code == 0  # fills deckgen's cache: later runs write the same
        work = shutil.copytree(template, self.factory.mktemp("work") / "proj", symlinks=True)
        ops: list[str] = []
        with instrumented(recording(ops)):
            result = run(*ARGS[name], str(work))
        assert result.exit_code == 0, result.output
        made = self[name] = Scenario(name, template, snapshot(template), snapshot(work), ops)
        assert made.new != made.old and not litter(work)
        return made


@pytest.fixture(scope="module")
def scenarios(tmp_path_factory: pytest.TempPathFactory) -> Scenarios:
    return Scenarios(tmp_path_factory)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(ARGS))
def test_killed_at_every_write_step_the_next_run_recovers(scenarios: dict[str, Scenario], name: str,
                                                         tmp_path: Path) -> None:
    """The disk as ``kill -9`` (or a power cut after the last fsync) leaves it before each write
    step, copied aside during one real run; each copy is then recovered as the next run would."""
    scenario = scenarios[name]
    work = scenario.fresh(tmp_path)
    frozen = tmp_path / "frozen"

    def freeze(step: int, op: str) -> None:
        shutil.copytree(work, frozen / str(step), symlinks=True)

    with instrumented(freeze) as steps:
        assert run(*scenario.args(work)).exit_code == 0
    assert steps[0] == len(scenario.ops) >= 10
    failures = []
    for step in range(1, steps[0] + 1):
        root = frozen / str(step)
        journaled = (root / JOURNAL).exists()
        said = recover_in(root)
        held = scenario.settled(root) and (bool(said) == journaled)
        record(AREA, f"{name}: kill -9 before write step {step} ({scenario.ops[step - 1]})", held)
        if not held:
            failures.append((step, scenario.ops[step - 1], litter(root), said))
    assert not failures


def _steps(scenario: Scenario, count: int) -> list[int]:
    """``count`` write steps spread over the run, always the first and the last."""
    total = len(scenario.ops)
    return sorted({1, total, *(round(total * i / (count - 1)) or 1 for i in range(1, count - 1))})


@pytest.mark.slow
@pytest.mark.parametrize("name", list(ARGS))
def test_a_real_kill_is_recovered_by_the_next_command(scenarios: dict[str, Scenario], name: str,
                                                      tmp_path: Path) -> None:
    scenario = scenarios[name]
    failures = []
    for step in _steps(scenario, 4):
        root = scenario.fresh(tmp_path / str(step))
        outcome = run_child(scenario.args(root), Fault(step, kill=True))
        assert outcome.killed_by == signal.SIGKILL, outcome
        journaled = (root / JOURNAL).exists()
        result = run("check", str(root))
        held = (result.exit_code == 0 and scenario.settled(root)
                and ("Recovered from an interrupted `deckgen " in result.output) == journaled)
        record(AREA, f"{name}: SIGKILL at write step {step}", held)
        if not held:
            failures.append((step, result.output))
    assert not failures


def test_the_next_run_says_what_it_recovered(scenarios: dict[str, Scenario], tmp_path: Path) -> None:
    scenario = scenarios["okr new"]
    renames = [i + 1 for i, op in enumerate(scenario.ops) if op == "rename"]
    root = scenario.fresh(tmp_path)
    outcome = run_child(scenario.args(root), Fault(renames[1], kill=True))  # one file in place
    assert outcome.killed_by == signal.SIGKILL and (root / JOURNAL).exists()
    result = run("okr", "status", str(root))
    assert result.exit_code == 0
    assert re.search(r"^Recovered from an interrupted `deckgen okr new` \(process \d+, [-\d: ]+UTC\): completed "
                     r"its changes to content/okrs/2027-Q2.yaml, content/deck.yaml\.$", result.output, re.M)
    assert snapshot(root) == scenario.new and not litter(root)


@pytest.mark.slow
@pytest.mark.parametrize("sig, name", [(signal.SIGINT, "okr new"), (signal.SIGTERM, "year new"),
                                       (signal.SIGHUP, "okr close")], ids=["INT", "TERM", "HUP"])
def test_signals_wait_for_the_commit_then_stop_the_run(scenarios: dict[str, Scenario], sig: int, name: str,
                                                       tmp_path: Path) -> None:
    failures = []
    scenario = scenarios[name]
    committing = scenario.ops.index("pwrite", scenario.ops.index("replace")) + 1  # journal -> committing
    for step in (1, committing + 2, len(scenario.ops)):
        root = scenario.fresh(tmp_path / f"{name}-{step}".replace(" ", "-"))
        outcome = run_child(scenario.args(root), Fault(step, signal=sig))
        stopped = outcome.killed_by == sig or outcome.code == 128 + sig or (
            sig == signal.SIGINT and outcome.code == 1 and "Aborted!" in outcome.output)
        in_commit = step >= committing
        held = stopped and "Traceback" not in outcome.output
        if in_commit:  # deferred: the commit finished before the signal took effect
            held = held and snapshot(root) == scenario.new and not litter(root)
        held = held and run("check", str(root)).exit_code == 0 and scenario.settled(root)
        record(AREA, f"{name}: {signal.Signals(sig).name} at write step {step}", held)
        if not held:
            failures.append((name, step, outcome))
    assert not failures


@pytest.mark.slow
@pytest.mark.parametrize("name", list(ARGS))
def test_disk_errors_are_one_clear_message_and_change_nothing(scenarios: dict[str, Scenario], name: str,
                                                             tmp_path: Path) -> None:
    """EIO or ENOSPC at write steps: exit 1 with one line naming a file the user knows, nothing
    changed; or, where the error hit only housekeeping, the command succeeds."""
    scenario = scenarios[name]
    codes = [errno.ENOSPC, errno.EIO, errno.EROFS, errno.EACCES]
    steps = _steps(scenario, 6)
    failures = []
    for index, step in enumerate(steps):
        code = codes[index % len(codes)]
        root = scenario.fresh(tmp_path / str(step))
        with instrumented(failing_at(step, code)):
            result = run(*scenario.args(root))
        errors = [line for line in result.output.splitlines() if ": error: " in line]
        expected = scenario.new
        if result.exit_code == 1:
            held = (len(errors) == 1 and os.strerror(code) in errors[0] and ".deckgen" not in errors[0]
                    and re.match(r"^(content|archive|output)[\w/.-]*: error: cannot write: ", errors[0]) is not None)
            if "nothing was changed" in errors[0]:
                held, expected = held and snapshot(root) == scenario.old, scenario.old
        else:
            held = result.exit_code == 0 and "Traceback" not in result.output
        held = held and run("check", str(root)).exit_code == 0 and scenario.settled(root)
        held = held and snapshot(root) == expected
        record(AREA, f"{name}: {errno.errorcode[code]} at write step {step}", held)
        if not held:
            failures.append((step, errno.errorcode[code], result.output[-400:]))
    assert not failures


@pytest.mark.slow
@pytest.mark.parametrize("name", ["year new", "okr new"])
def test_two_runs_at_once_do_one_edit(scenarios: dict[str, Scenario], name: str, tmp_path: Path) -> None:
    scenario = scenarios[name]
    root = scenario.fresh(tmp_path)
    pids = []
    for _ in range(2):
        pid = os.fork()
        if pid == 0:
            code = run_child(scenario.args(root)).code
            os._exit(code if code >= 0 else 99)
        pids.append(pid)
    codes = sorted(os.WEXITSTATUS(os.waitpid(pid, 0)[1]) for pid in pids)
    held = codes == [0, 1] and scenario.settled(root) and snapshot(root) == scenario.new
    record(AREA, f"{name}: two at once", held)
    assert held, codes


def test_a_second_command_waits_then_names_the_first(scenarios: dict[str, Scenario], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = scenarios["okr close"]
    root = scenario.fresh(tmp_path)
    monkeypatch.setattr(lock, "WAIT", 0.3)
    with lock_held_elsewhere(root, "year new") as pid:
        result = run(*scenario.args(root))
    assert result.exit_code == 1
    assert re.search(rf"^Error: another deckgen \(`deckgen year new`, process {pid}, since [\d:]+ UTC\) is "
                     rf"working on {re.escape(str(root))}; try again when it has finished$", result.output, re.M)
    assert snapshot(root) == scenario.old and not litter(root)
    record(AREA, "okr close while another command holds the lock", True)


def test_a_lock_left_by_a_killed_run_is_not_stale(scenarios: dict[str, Scenario], tmp_path: Path) -> None:
    scenario = scenarios["okr close"]
    root = scenario.fresh(tmp_path)
    outcome = run_child(scenario.args(root), Fault(2, kill=True))  # holds the lock, wrote nothing
    assert outcome.killed_by == signal.SIGKILL and (root / lock.LOCK_NAME).exists()
    result = run(*scenario.args(root))
    assert result.exit_code == 0, result.output
    assert snapshot(root) == scenario.new and not litter(root)
    record(AREA, "okr close after a run killed holding the lock", True)


def test_a_lock_file_that_is_a_link_is_refused_and_its_target_untouched(scenarios: dict[str, Scenario],
                                                                       tmp_path: Path) -> None:
    scenario = scenarios["okr close"]
    root = scenario.fresh(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    (root / lock.LOCK_NAME).symlink_to(victim)
    result = run(*scenario.args(root))
    assert result.exit_code == 1 and "is a symbolic link, not deckgen's lock file: remove it" in result.output
    assert victim.read_text() == "keep me\n"


def test_a_journal_pointing_outside_the_project_is_refused(scenarios: dict[str, Scenario], tmp_path: Path) -> None:
    scenario = scenarios["okr close"]
    root = scenario.fresh(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    (root / JOURNAL).write_text(
        "staging        \n" + '{"command": "okr close", "pid": 1, "started": "x", "made": [], "pruned": [],'
        ' "units": [{"source": "../victim.txt.deckgen-new", "target": "../victim.txt", "backup": null,'
        ' "staged": true}]}\n')
    (tmp_path / "victim.txt.deckgen-new").write_text("staged\n")
    result = run("check", str(root))
    assert result.exit_code == 1 and "is not a journal deckgen wrote" in result.output
    assert "Traceback" not in result.output and victim.read_text() == "keep me\n"
    assert (tmp_path / "victim.txt.deckgen-new").exists()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs to fill up; skips where mounting is not allowed (not root, a container)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True,
                          check=False)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path, leave: int) -> Path:
    """Fill ``disk`` but ``leave`` bytes; the filler file, to remove afterwards."""
    filler = disk / "filler"
    with open(filler, "wb") as stream:
        try:
            while True:
                stream.write(b"\0" * 65536)
                stream.flush()
        except OSError:
            pass
    with open(filler, "r+b") as stream:
        stream.truncate(max(0, filler.stat().st_size - leave))
    return filler


@pytest.mark.slow
def test_a_full_disk_is_one_message_and_changes_nothing(scenarios: dict[str, Scenario], small_disk: Path) -> None:
    scenario = scenarios["year new"]
    failures, refused = [], 0
    for leave in (0, 4096, 16384, 65536, 262144):
        root = scenario.fresh(small_disk / str(leave))
        filler = _fill(small_disk, leave)
        result = run(*scenario.args(root))
        filler.unlink()
        errors = [line for line in result.output.splitlines() if ": error: " in line]
        if result.exit_code == 1:
            refused += 1
            held = (errors == [line for line in errors if line.endswith(
                "error: cannot write: No space left on device; nothing was changed")] and len(errors) == 1
                    and snapshot(root) == scenario.old)
        else:
            held = result.exit_code == 0 and snapshot(root) == scenario.new
        held = held and "Traceback" not in result.output and not litter(root)
        record(AREA, f"year new on a full disk, {leave} bytes left", held)
        if not held:
            failures.append((leave, result.output[-300:]))
        shutil.rmtree(root)
    assert not failures and refused >= 2


@pytest.mark.slow
def test_a_read_only_project_is_one_message(scenarios: dict[str, Scenario], small_disk: Path) -> None:
    scenario = scenarios["okr close"]
    root = scenario.fresh(small_disk)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = run(*scenario.args(root))
    held = (result.exit_code == 1 and "content/okrs/2027-Q1.yaml: error: cannot write: Read-only file system; "
            "nothing was changed" in result.output and "Traceback" not in result.output
            and snapshot(root) == scenario.old)
    record(AREA, "okr close on a read-only file system", held)
    assert held, result.output


def test_check_does_not_wait_for_a_command_at_work(scenarios: dict[str, Scenario], tmp_path: Path) -> None:
    scenario = scenarios["okr close"]
    root = scenario.fresh(tmp_path)
    with lock_held_elsewhere(root, "build"):
        started = time.monotonic()
        result = run("check", str(root))
        waited = time.monotonic() - started
    assert result.exit_code == 0 and waited < 1.5, (waited, result.output)
