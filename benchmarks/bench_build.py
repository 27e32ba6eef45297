"""How long `deckgen build` takes and how much memory it needs, next to a floor.

The floor is the least any python-pptx tool pays: start Python, import python-pptx and save an
empty presentation. Each case runs in a fresh subprocess (so imports and font loading count, as
they do for a user), several times; the best wall time and the peak resident memory of that
process (``ru_maxrss``) are reported.

    python benchmarks/bench_build.py [--runs N]

Cases: the floor; the example project; a generated large project (12 big rocks, 60 people,
25 objectives x 5 key results). Goals: the example within 2x the floor, the large project
under 3 s and 300 MB.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.large_project import large_project  # noqa: E402

#: Runs in the child after the work: prints its own peak memory (KiB on Linux) and CPU seconds.
PEAK = ("import resource, json; u = resource.getrusage(resource.RUSAGE_SELF); "
        "print(json.dumps([u.ru_maxrss, u.ru_utime + u.ru_stime]))")
FLOOR = "import pptx; pptx.Presentation().save({out!r})\n" + PEAK
BUILD = ("from deckgen.cli import main\n"
         "main(['build', {root!r}, '--format', 'pptx', '--output', {out!r}, '--force'],"
         " standalone_mode=False)\n" + PEAK)


def measure(code: str, runs: int) -> tuple[float, float, float]:
    """(best wall seconds, best CPU seconds, peak MiB) of ``python -c code`` over ``runs`` runs.
    CPU time is what the work costs on a busy machine; wall time is what a user waits."""
    best, cpu, peak = float("inf"), float("inf"), 0.0
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"benchmark case failed:\n{done.stderr}")
        rss, used = json.loads(done.stdout.strip().splitlines()[-1])
        best, cpu, peak = min(best, elapsed), min(cpu, used), max(peak, rss / 1024)
    return best, cpu, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="deckgen-bench-") as folder:
        work = Path(folder)
        big = large_project(work / "large")
        cases = {
            "floor (import pptx, save empty)": FLOOR.format(out=str(work / "empty.pptx")),
            "example project": BUILD.format(root=str(REPO), out=str(work / "out-example")),
            "large project (12 rocks, 60 people, 25x5 KRs)": BUILD.format(root=str(big), out=str(work / "out-large")),
        }
        results = {name: measure(code, args.runs) for name, code in cases.items()}
    floor_wall, floor_cpu, _ = next(iter(results.values()))
    print(f"{'case':48} {'wall s':>7} {'x floor':>8} {'cpu s':>7} {'x floor':>8} {'peak MiB':>9}")
    for name, (wall, cpu, peak) in results.items():
        print(f"{name:48} {wall:7.2f} {wall / floor_wall:8.1f} {cpu:7.2f} {cpu / floor_cpu:8.1f} {peak:9.0f}")


if __name__ == "__main__":
    main()
