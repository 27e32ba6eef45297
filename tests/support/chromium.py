"""Drive headless Chromium over the DevTools pipe to look at a page as a reader's browser lays it out.

The one-pager carries no script and its Content-Security-Policy forbids any; DevTools evaluates
expressions from outside the page, so tests can still measure the real layout (does anything
overflow at 360 px?) and the real colours (does every text read at 4.5:1?) without changing it.

Messages are JSON separated by NUL bytes: Chromium reads commands on fd 3 and writes on fd 4.
"""
from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

from deckgen.builders.pdf import CHROMIUM_NAMES, chromium_flags

TIMEOUT = 60.0


def chromium_path() -> Optional[str]:
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


class Browser:
    """One headless Chromium with a throwaway profile; use as a context manager."""

    def __init__(self) -> None:
        executable = chromium_path()
        if executable is None:
            raise RuntimeError("chromium is not installed")
        self._profile = tempfile.TemporaryDirectory(prefix="deckgen-test-chromium-")
        to_browser, self._commands = os.pipe()
        self._events, from_browser = os.pipe()

        def wire() -> None:  # in the child: the pipe ends DevTools expects on fds 3 and 4
            os.dup2(to_browser, 100)  # out of the way first: either end may already be 3 or 4
            os.dup2(from_browser, 101)
            os.dup2(100, 3)
            os.dup2(101, 4)

        self._process = subprocess.Popen(
            [executable, *chromium_flags(Path(self._profile.name) / "profile"), "--remote-debugging-pipe",
             "--hide-scrollbars", "--mute-audio", "about:blank"],
            preexec_fn=wire, pass_fds=(3, 4),  # noqa: PLW1509 - wire only dup2s, safe in a forked child
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next_id = 0
        self.session: Optional[str] = None
        self.events: list[dict[str, Any]] = []  # every event seen, in order

    def __enter__(self) -> "Browser":
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable")
        self.call("Network.enable")
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(RuntimeError, OSError):
            self.call("Browser.close", session=False)
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._commands)
        os.close(self._events)
        self._profile.cleanup()

    # Protocol ------------------------------------------------------------------------------------
    def call(self, method: str, params: Optional[dict[str, Any]] = None, session: bool = True) -> dict[str, Any]:
        """Send one command and return its result; events that arrive meanwhile go to ``events``."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def wait_for(self, event: str) -> dict[str, Any]:
        while True:
            message = self._read()
            if message.get("method") == event:
                return message.get("params", {})

    def _read(self) -> dict[str, Any]:
        message = self._read_message()
        if "method" in message:
            self.events.append(message)
        return message

    def _read_message(self) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._events], [], [], max(left, 0))
            if not ready:
                raise RuntimeError("chromium did not answer in time")
            chunk = os.read(self._events, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    # What tests use ------------------------------------------------------------------------------
    def open(self, page: Path, width: int, height: int = 900, media: str = "screen") -> None:
        """Load ``page`` in a viewport ``width`` CSS px wide, as a desktop or phone browser would;
        ``media`` 'print' lays it out as for paper."""
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
        self.call("Emulation.setEmulatedMedia", {"media": media})
        self.call("Page.navigate", {"url": page.as_uri()})
        self.wait_for("Page.loadEventFired")

    def requests(self) -> list[str]:
        """The URL of every request the pages opened so far tried to make."""
        return [e["params"]["request"]["url"] for e in self.events if e["method"] == "Network.requestWillBeSent"]

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluation failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self) -> bytes:
        """The whole page, top to bottom, as PNG."""
        shot = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        return base64.b64decode(shot["data"])
