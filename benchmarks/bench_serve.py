"""How long `deckgen serve` takes from a saved file to the new preview being served.

The server runs in this process (warm, as a user's does after its first build). Each round
writes one content file, waits on the event stream for the new version, as the page does, then
fetches ``/state.json`` and the changed slide's SVG: that moment is when the browser can show
the change. Reported: the median, 90th percentile and worst of the rounds, and the rebuild's
own wall and CPU time.

    python benchmarks/bench_serve.py [--rounds N]

Cases: the example project (18 slides), and a project ten times its content (40 big rocks,
150 people, 60 objectives x 5 key results, about 150 slides). Goals: 300 ms for the example and
1 s for the large project, on 2 cores.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from deckgen.commands.serve import run_serve  # noqa: E402
from tests.support.large_project import large_project  # noqa: E402
from tests.support.projects import copy_example  # noqa: E402

EDITED = ("strategy.md", "## Where we play")


def get(port: int, target: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", target)
    body = connection.getresponse().read()
    connection.close()
    return body


def rounds(root: Path, count: int) -> tuple[list[float], list[tuple[float, float]], int]:
    """Seconds from each write to the new slide served; each rebuild's wall and CPU ms; the
    slide count."""
    found, stop = [], threading.Event()
    thread = threading.Thread(target=run_serve, args=(root, "127.0.0.1", 0, False, lambda _l: None, stop, found.append),
                              daemon=True)
    thread.start()
    while not found:
        time.sleep(0.01)
    port = found[0].server_address[1]
    path = root / "content" / EDITED[0]
    original = path.read_text(encoding="utf-8")
    waits, builds = [], []
    state = json.loads(get(port, "/state.json"))
    events = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    events.request("GET", "/events")
    stream = events.getresponse()
    stream.readline(), stream.readline()  # the current version, and the blank line ending it
    time.sleep(1.0)  # let the watcher settle after the first build
    for n in range(count):
        path.write_text(original.replace(EDITED[1], f"{EDITED[1]} {n}"), encoding="utf-8")
        written = time.perf_counter()
        while not stream.readline().startswith(b"data:"):
            pass
        fresh = json.loads(get(port, "/state.json"))
        changed = next(s for s, old in zip(fresh["slides"], state["slides"], strict=True) if s["key"] != old["key"])
        get(port, f"/slides/{changed['key']}.svg")
        waits.append(time.perf_counter() - written)
        builds.append((fresh["built_ms"], fresh["built_cpu_ms"]))
        state = fresh
        time.sleep(0.3)
    events.close()
    stop.set()
    thread.join(30)
    return waits, builds, len(state["slides"])


def report(name: str, waits: list[float], builds: list[tuple[float, float]], slides: int) -> dict:
    """One JSON line: write-to-served wall times, and the rebuild's wall and CPU medians (on a
    machine shared with other work, CPU time says what the rebuild itself costs)."""
    ms = sorted(w * 1000 for w in waits)
    p90 = ms[min(len(ms) - 1, round(0.9 * (len(ms) - 1)))]
    line = {"case": name, "slides": slides, "median_ms": round(statistics.median(ms)),
            "p90_ms": round(p90), "max_ms": round(ms[-1]),
            "rebuild_median_ms": round(statistics.median(b[0] for b in builds)),
            "rebuild_cpu_median_ms": round(statistics.median(b[1] for b in builds)),
            "load_average": round(os.getloadavg()[0], 1)}
    print(json.dumps(line))
    return line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="deckgen-bench-serve-") as folder:
        work = Path(folder)
        report("example", *rounds(copy_example(work, "example"), args.rounds))
        big = large_project(work / "large", rocks=40, people=150, objectives=60)
        report("10x", *rounds(big, max(args.rounds // 2, 5)))


if __name__ == "__main__":
    main()
