"""How long deckgen takes and how much memory it needs, next to python-pptx references measured
in the same run.

    python benchmarks/bench_build.py [--runs N] [--quick]

Every case runs in a fresh subprocess, so imports, font look-ups and cache reads count as they do
for a user; cases are alternated round by round, so a busy machine slows them all alike. Reported
per case: the median CPU seconds of the child (user + system, from ``wait4``), the median wall
seconds, the child's peak resident memory (``ru_maxrss``), the slides made, and ratios:

- ``floor``: ``import pptx`` and save an empty deck, the least any python-pptx tool pays;
- ``script N``: a hand-written python-pptx script (``handwritten.py``) making the same N slides
  as the deckgen case beside it (bullets and tables, a notes slide each);
- the example project: cold (empty cache folder), cached (the compiled templates and font
  metrics of an earlier run on disk), warm (a second build in the same process, as a live
  preview rebuilds), and ``check`` alone;
- generated projects 1x, 4x, 10x, 20x (``tests/support/large_project.py``: the example grown
  N times, every part of it);
- what no change to deckgen's own code can go below: ``libraries of a cold build`` and ``of a
  cached build`` (the floor, plus importing every module of another project that the build
  imported: pydantic, Jinja, click, Pillow...), and ``compile the built-in layouts`` (Jinja turning
  every built-in slide layout into Python, which a first build does and a later one reads back).

deckgen's modules are byte-compiled once before the runs (into a folder of the run, as an
installed wheel has them), whatever ``PYTHONDONTWRITEBYTECODE`` says: a user does not compile
deckgen on every command.

Targets: 10x within 2x its script; 20x within 2x the 10x time per slide; the example cold within
3x the floor; check within 1.5x the floor; a warm rebuild of the example under 0.3 s; peak memory
under 300 MiB at 20x. ``--quick`` runs once, without 20x.
"""
from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.large_project import scaled_project  # noqa: E402

FLOOR = "import pptx, sys; pptx.Presentation().save(sys.argv[1])"
#: A build twice in one process; prints the CPU seconds of the second (a live preview's rebuild).
WARM = """import sys, time
from deckgen.cli import main
args = ['build', sys.argv[1], '--format', 'pptx', '--output', sys.argv[2], '--force']
main(args, standalone_mode=False)
start = time.process_time()
main(args, standalone_mode=False)
print(time.process_time() - start)
"""
#: A build that prints, last, the modules of other projects it imported (not deckgen's, not the
#: standard library's, not an alias such as Markdown's ``htmlparser``): what a "libraries" case
#: imports.
PROBE = """import sys
from deckgen.cli import main
main(['build', sys.argv[1], '--format', 'pptx', '--output', sys.argv[2], '--force'], standalone_mode=False)
own = sys.stdlib_module_names | {'deckgen', '__main__'}
print(' '.join(sorted(name for name, module in list(sys.modules.items())
                     if name.partition('.')[0] not in own and getattr(module, '__name__', None) == name)))
"""
#: The floor, plus importing the modules named after the output path: a build's least cost when
#: all of deckgen's own work (its imports, checks, layouts, drawing) took no time at all.
LIBRARIES = """import importlib, sys
import pptx
for name in sys.argv[2:]:
    importlib.import_module(name)
pptx.Presentation().save(sys.argv[1])
"""
#: Compiles every built-in slide layout (no cache); prints the CPU seconds it took: what a first
#: build pays on top of a cached one to turn the layouts into Python.
COMPILE = """import sys, time
from pathlib import Path
from deckgen.plan.environment import make_environment
from deckgen.resources import builtin_templates
env = make_environment(Path(sys.argv[1]), builtin_templates())
env.bytecode_cache = None
names = [n for n in env.list_templates() if n.startswith('slides/')]
start = time.process_time()
for name in names:
    env.get_template(name)
print(time.process_time() - start)
"""
#: The cases whose child prints the CPU seconds of its measured part, and what that part is.
INNER = {WARM: "the rebuild alone", COMPILE: "the compiling alone"}


@dataclass
class Case:
    """One command, its runs, and what it is compared with."""

    name: str
    argv: list[str]
    output: Path | None = None
    env: dict[str, str] = field(default_factory=dict)
    before: Path | None = None  # a cache folder emptied before every run (a cold start)
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    peak: float = 0.0  # MiB
    inner: list[float] = field(default_factory=list)  # what the child printed (warm rebuild)

    def run(self) -> None:
        if self.before is not None:
            shutil.rmtree(self.before, ignore_errors=True)
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1800000000", **self.env}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        with tempfile.TemporaryFile() as out:
            start = time.perf_counter()
            child = subprocess.Popen(self.argv, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(child.pid, 0)
            self.wall.append(time.perf_counter() - start)
            child.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            said = out.read().decode(errors="replace")
        if child.returncode not in (0,):
            raise SystemExit(f"{self.name} failed ({child.returncode}):\n{said}")
        self.cpu.append(usage.ru_utime + usage.ru_stime)
        self.peak = max(self.peak, usage.ru_maxrss / 1024)
        if self.argv[1:2] == ["-c"] and self.argv[2] in INNER:
            self.inner.append(float(said.strip().splitlines()[-1]))

    @property
    def slides(self) -> int:
        if self.output is None:
            return 0
        deck = self.output if self.output.suffix == ".pptx" else next(self.output.glob("*.pptx"))
        with zipfile.ZipFile(deck) as z:
            return sum(1 for n in z.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml"))

    def median(self) -> float:
        return statistics.median(self.cpu)


def deckgen(*args: str) -> list[str]:
    return [sys.executable, "-m", "deckgen", *args]


def build_case(name: str, root: Path, out: Path, **kw: object) -> Case:
    return Case(name, deckgen("build", str(root), "--format", "pptx", "--output", str(out), "--force"),
                output=out, **kw)  # type: ignore[arg-type]


def libraries(root: Path, out: Path, cache: Path) -> list[str]:
    """The modules of other projects a build of ``root`` imports, with ``cache`` as its cache folder
    (an empty one: a first run's; a filled one: a later run's)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "SOURCE_DATE_EPOCH": "1800000000"}
    said = subprocess.run([sys.executable, "-c", PROBE, str(root), str(out)], cwd=REPO, env=env,
                          check=True, capture_output=True, text=True).stdout
    return said.strip().splitlines()[-1].split()


def script_case(name: str, slides: int, out: Path) -> Case:
    return Case(name, [sys.executable, str(REPO / "benchmarks" / "handwritten.py"), str(slides), str(out)],
                output=out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="rounds of alternated runs (default 3)")
    parser.add_argument("--quick", action="store_true", help="one round, without the 20x project")
    parser.add_argument("--factors", type=int, nargs="+", metavar="N",
                        help="the generated projects' sizes (default 1 4 10 20; --quick: 1 4 10)")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    factors = tuple(args.factors or ((1, 4, 10) if args.quick else (1, 4, 10, 20)))
    with tempfile.TemporaryDirectory(prefix="deckgen-bench-") as folder:
        work = Path(folder)
        os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "deckgen")], check=True)
        cache = {"XDG_CACHE_HOME": str(work / "cache")}
        cold = {"XDG_CACHE_HOME": str(work / "cold")}
        cases = [
            Case("floor: import pptx, save empty", [sys.executable, "-c", FLOOR, str(work / "empty.pptx")]),
            build_case("example, cold (no cache)", REPO, work / "cold-out", env=cold, before=work / "cold"),
            build_case("example, cached", REPO, work / "ex-out", env=cache),
            Case("example, warm rebuild (in process)",
                 [sys.executable, "-c", WARM, str(REPO), str(work / "warm-out")], env=cache),
            Case("check example", deckgen("check", str(REPO)), env=cache),
        ]
        first = libraries(REPO, work / "probe-out", work / "probe-cache")
        later = libraries(REPO, work / "probe-out", work / "probe-cache")
        cases += [
            Case("libraries of a cold build", [sys.executable, "-c", LIBRARIES, str(work / "l.pptx"), *first]),
            Case("libraries of a cached build", [sys.executable, "-c", LIBRARIES, str(work / "l.pptx"), *later]),
            Case("compile the built-in layouts", [sys.executable, "-c", COMPILE, str(REPO)], env=cold),
        ]
        projects = {f: scaled_project(work / f"x{f}", f) for f in factors}
        for f, root in projects.items():
            build = build_case(f"{f}x project", root, work / f"x{f}-out", env=cache)
            build.run()  # fills the cache, and says how many slides the script must make
            build.cpu, build.wall = [], []
            cases += [build, script_case(f"script, {build.slides} slides", build.slides, work / f"s{f}.pptx")]
        cases[2].run()
        cases[2].cpu, cases[2].wall = [], []
        for round_ in range(runs):
            for case in cases:
                case.run()
            print(f"round {round_ + 1}/{runs} done", file=sys.stderr)
        report(cases, factors)


def report(cases: list[Case], factors: tuple[int, ...]) -> None:
    by = {c.name: c for c in cases}
    floor = by["floor: import pptx, save empty"].median()
    print(f"{'case':38} {'slides':>6} {'cpu s':>7} {'wall s':>7} {'MiB':>5}  ratio (CPU)")
    for i, case in enumerate(cases):
        ratio = ""
        if case.name.startswith(("example, c", "check", "libraries")):
            ratio = f"{case.median() / floor:.2f}x floor"
        elif case.name.endswith("project"):
            ratio = f"{case.median() / cases[i + 1].median():.2f}x its script"
        print(f"{case.name:38} {case.slides or '':>6} {case.median():7.2f} "
              f"{statistics.median(case.wall):7.2f} {case.peak:5.0f}  {ratio}")
        if case.inner:
            inner = statistics.median(case.inner)
            print(f"{'  ' + INNER[case.argv[2]]:38} {'':>6} {inner:7.3f} {'':>13}  {inner / floor:.2f}x floor")
    least = (by["libraries of a cold build"].median() + statistics.median(by["compile the built-in layouts"].inner)
             + statistics.median(by["example, warm rebuild (in process)"].inner))
    print(f"least a cold build of the example can cost with these libraries (their imports, compiling the "
          f"layouts, the rebuild alone): {least:.2f} s, {least / floor:.2f}x floor")
    per_slide = {f: by[f"{f}x project"].median() / by[f"{f}x project"].slides for f in factors}
    print("CPU ms per slide: " + ", ".join(f"{f}x {1000 * s:.1f}" for f, s in per_slide.items()))
    for small, big in itertools.pairwise(factors):
        print(f"{big}x per slide / {small}x per slide: {per_slide[big] / per_slide[small]:.2f}")


if __name__ == "__main__":
    main()
