"""`deckgen serve` from outside: a real server on a free port, a real project folder edited the way
an editor saves it, and the preview read back over HTTP (and once in a real browser)."""
from __future__ import annotations

import http.client
import json
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest

from deckgen.commands.serve import run_serve
from deckgen.serve.http import PreviewServer
from tests.support.chromium import Browser, chromium_path
from tests.support.projects import copy_example, replace

WAIT = 30.0  # seconds a change may take to show, on a loaded 2-core CI machine


class Running:
    """A preview server running ``run_serve`` on a thread, and a client for it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.lines: list[str] = []
        self.stop = threading.Event()
        found: list[PreviewServer] = []
        self.thread = threading.Thread(
            target=run_serve, args=(root, "127.0.0.1", 0, False, self.lines.append, self.stop, found.append),
            daemon=True)
        self.thread.start()
        deadline = time.monotonic() + WAIT
        while not found and time.monotonic() < deadline:
            time.sleep(0.05)
        assert found, f"the server did not start: {self.lines}"
        self.server = found[0]
        self.port = self.server.server_address[1]

    def request(self, target: str, method: str = "GET", host: str | None = None) -> tuple[int, dict, bytes]:
        """Send ``target`` exactly as given (no client-side normalising of ``..``)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=WAIT)
        connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host or f"127.0.0.1:{self.port}")
        connection.endheaders()
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, dict(response.getheaders()), body

    def state(self) -> dict:
        status, _, body = self.request("/state.json")
        assert status == 200
        return json.loads(body)

    def slide_text(self, state: dict) -> str:
        return "".join(self.request(f"/slides/{s['key']}.svg")[2].decode() for s in state["slides"])

    def wait_for(self, after: int, test: Callable[[dict], bool]) -> dict:
        """The first state newer than version ``after`` that passes ``test``."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            state = self.state()
            if state["version"] > after and test(state):
                return state
            time.sleep(0.05)
        raise AssertionError(f"no such state within {WAIT} s; last: {self.state()}; log: {self.lines}")

    def close(self) -> None:
        self.stop.set()
        self.thread.join(WAIT)
        assert not self.thread.is_alive(), "the server did not stop"


def _serving(root: Path) -> Iterator[Running]:
    running = Running(copy_example(root, "deck"))
    yield running
    running.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Running]:
    """A server of the test's own project, which the test may edit."""
    yield from _serving(tmp_path)


@pytest.fixture(scope="module")
def untouched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """One server shared by the tests that only send it requests: starting one builds the whole
    preview, so each of those tests starting its own was most of this file's time."""
    yield from _serving(tmp_path_factory.mktemp("untouched"))


def test_the_preview_shows_the_deck_and_follows_an_edit(served: Running) -> None:
    status, headers, body = served.request("/")
    assert status == 200 and b"/preview.js" in body
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    state = served.state()
    assert len(state["slides"]) == 18 and not state["stale"] and state["page"]
    assert "Four launches in the first half of 2027" in served.slide_text(state).replace("&amp;", "&")
    assert state["slides"][0]["notes"].startswith("Introduce yourself")
    status, headers, page = served.request("/onepager.html")
    assert status == 200 and b"Content-Security-Policy" in page
    assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]

    replace(served.root / "content" / "strategy.md", "## Where we play", "## Where we sharply play")
    updated = served.wait_for(state["version"], lambda s: "Where we sharply play" in served.slide_text(s))
    unchanged = [a["key"] for a, b in zip(state["slides"], updated["slides"], strict=True) if a["key"] == b["key"]]
    assert len(unchanged) >= 12, "slides that did not change keep their pictures"


def test_broken_content_keeps_the_last_good_slides_under_the_diagnostic(served: Running) -> None:
    good = served.state()
    deck = served.root / "content" / "deck.yaml"
    text = deck.read_text(encoding="utf-8")
    deck.write_text(text.replace("quarter: 2027-Q1", "quarter: 2027-Q9"), encoding="utf-8")
    broken = served.wait_for(good["version"], lambda s: s["stale"])
    line = text.splitlines().index("quarter: 2027-Q1") + 1
    assert any(d["where"].startswith(f"content/deck.yaml:{line}:") and d["level"] == "error"
               for d in broken["diagnostics"]), broken["diagnostics"]
    assert [s["key"] for s in broken["slides"]] == [s["key"] for s in good["slides"]]
    assert served.request(f"/slides/{good['slides'][0]['key']}.svg")[0] == 200
    assert any("not rebuilt, showing the last good preview: content/deck.yaml" in line for line in served.lines)

    deck.write_text(text.replace("team: Product Marketing", "team: Product Marketing Fixed", 1), encoding="utf-8")
    fixed = served.wait_for(broken["version"], lambda s: not s["stale"])
    assert not [d for d in fixed["diagnostics"] if d["level"] == "error"]
    assert "Product Marketing Fixed" in served.slide_text(fixed)


@pytest.mark.parametrize("target", [
    "/../etc/passwd", "/..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "//etc/passwd", "/etc/passwd",
    "/content/deck.yaml", "/slides/../content/deck.yaml", "/slides/", "/slides/%2e%2e/deck.yaml",
    "/slides/000000000000000000000000.svg", "/onepager.html/..", "/deck.pptx", "/output/", "/.git/config",
    "http://127.0.0.1/etc/passwd", "/preview.js/../../content/deck.yaml",
])
def test_only_the_preview_is_served(untouched: Running, target: str) -> None:
    status, _, body = untouched.request(target)
    assert status == 404, (target, body[:200])
    assert b"root:" not in body and b"team:" not in body


def test_requests_for_another_host_or_to_change_things_are_refused(untouched: Running) -> None:
    port = untouched.port
    for host in ("attacker.example", f"attacker.example:{port}", f"127.0.0.1.nip.io:{port}", "127.0.0.1:1"):
        assert untouched.request("/", host=host)[0] == 421, host
    for host in (f"localhost:{port}", f"[::1]:{port}", f"192.168.1.20:{port}"):
        assert untouched.request("/", host=host)[0] == 200, host
    assert untouched.request("/", method="POST")[0] == 501
    assert untouched.request("/", method="PUT")[0] == 501


def test_the_event_stream_announces_the_version(untouched: Running) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", untouched.port, timeout=WAIT)
    connection.request("GET", "/events")
    response = connection.getresponse()
    assert response.getheader("Content-Type") == "text/event-stream"
    assert response.readline() == f"data: {untouched.state()['version']}\n".encode()
    connection.close()


@pytest.mark.slow  # waits a second for rebuilds that must not come
def test_a_burst_of_saves_is_one_rebuild(served: Running) -> None:
    before = served.state()["version"]
    path = served.root / "content" / "wins.md"
    text = path.read_text(encoding="utf-8")
    for n in range(5):
        path.write_text(text + f"\n<!-- save {n} -->\n", encoding="utf-8")
    served.wait_for(before, lambda s: True)
    time.sleep(1.0)
    assert served.state()["version"] - before <= 2


@pytest.mark.slow  # three rebuilds and a second of waiting
def test_deleted_files_and_renamed_folders_are_survived(served: Running) -> None:
    first = served.state()
    content = served.root / "content"
    (content / "wins.md").unlink()
    after_delete = served.wait_for(first["version"], lambda s: True)
    aside = served.root / "content-moved"
    content.rename(aside)
    missing = served.wait_for(after_delete["version"], lambda s: s["stale"])
    assert any("no 'content/' folder" in d["message"] for d in missing["diagnostics"])
    aside.rename(content)
    back = served.wait_for(missing["version"], lambda s: not s["stale"])
    assert back["slides"]
    moved = served.root.with_name("deck-renamed")
    served.root.rename(moved)
    time.sleep(1.0)
    shutil.copytree(moved, served.root)
    served.wait_for(back["version"], lambda s: not s["stale"])


@pytest.mark.skipif(chromium_path() is None, reason="chromium is not installed")
def test_the_page_updates_in_place_in_a_browser(served: Running, tmp_path: Path) -> None:
    """In headless Chromium: the page shows every slide, and after an edit it swaps the changed
    pictures without reloading (a value set in the page survives) and keeps the reader's slide."""
    url = f"http://127.0.0.1:{served.port}/"
    with Browser() as browser:
        browser.call("Emulation.setDeviceMetricsOverride", {"width": 1200, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        browser.call("Page.navigate", {"url": url})
        browser.wait_for("Page.loadEventFired")
        _until(browser, "document.querySelectorAll('.slide img').length === 18")
        browser.evaluate("document.getElementById('slide-9').scrollIntoView(); window.kept = 'still here'")
        top = browser.evaluate("document.getElementById('slide-9').getBoundingClientRect().top")
        version = browser.evaluate("Number(document.body.dataset.version)")
        replace(served.root / "content" / "strategy.md", "## Where we play", "## Where we sharply play")
        _until(browser, f"Number(document.body.dataset.version) > {version}")
        assert browser.evaluate("window.kept") == "still here"
        assert abs(browser.evaluate("document.getElementById('slide-9').getBoundingClientRect().top") - top) < 2
        (tmp_path / "preview.png").write_bytes(browser.screenshot())


def _until(browser, expression: str) -> None:
    deadline = time.monotonic() + WAIT
    while not browser.evaluate(expression):
        assert time.monotonic() < deadline, f"never true: {expression}"
        time.sleep(0.1)


def test_a_quiet_project_is_not_rebuilt_again_and_again(served: Running) -> None:
    """The project lock each rebuild takes is a file in the project: it must not count as an edit."""
    before = served.state()["version"]
    time.sleep(1.5)
    assert served.state()["version"] == before
    assert not (served.root / ".deckgen.lock").exists()


def test_a_rebuild_waits_for_another_deckgen_holding_the_project(served: Running) -> None:
    """While `okr new` (another process) holds the project's lock, the preview does not read the
    half-written files; it rebuilds once the lock is released."""
    with subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom pathlib import Path\nfrom deckgen.lock import project_lock\n"
         "with project_lock(Path(sys.argv[1]), 'okr new'):\n    print('held', flush=True)\n    time.sleep(2)\n",
         str(served.root)], stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2]) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        before = served.state()["version"]
        replace(served.root / "content" / "strategy.md", "## Where we play", "## Where we play meanwhile")
        released = time.monotonic()
        state = served.wait_for(before, lambda s: "Where we play meanwhile" in served.slide_text(s))
        assert holder.wait(WAIT) == 0 and not state["stale"]
        assert time.monotonic() - released >= 1.0, "the rebuild did not wait for the lock"


@pytest.mark.slow  # a second Python process building the whole preview
def test_ctrl_c_stops_the_server_cleanly(tmp_path: Path) -> None:
    root = copy_example(tmp_path, "deck")
    with subprocess.Popen([sys.executable, "-m", "deckgen", "serve", str(root), "--port", "0"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          cwd=Path(__file__).resolve().parents[2]) as process:
        out = _interrupted(process)
    assert process.returncode == 0, out
    assert "Stopped." in out and "Traceback" not in out
    assert not (root / ".deckgen.lock").exists()


def _interrupted(process: subprocess.Popen) -> str:
    """What ``deckgen serve`` printed, Ctrl-C pressed once it served."""
    assert process.stdout is not None
    lines = []
    deadline = time.monotonic() + WAIT
    while not any(line.startswith("Previewing") for line in lines):
        assert time.monotonic() < deadline, lines
        lines.append(process.stdout.readline())
    url = next(line for line in lines if line.startswith("Previewing")).split(" at ")[1].split()[0]
    assert url.startswith("http://127.0.0.1:")
    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=WAIT)
    return "".join(lines) + out
