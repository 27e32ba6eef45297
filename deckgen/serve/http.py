"""The preview's web server: a fixed set of routes over the current :class:`~.state.Snapshot`.

It serves only what the preview built, from memory: the page and its script and style, the
snapshot as JSON, each slide's SVG by the hash of its bytes, the one-pager, and a stream of
version numbers (Server-Sent Events) that tells the page to update. No route reads a file, so
there is no path to traverse and no folder to list; anything else is 404. Requests whose
``Host`` is not the preview's own address are refused (a web page cannot reach the preview
through DNS rebinding: a request must name an IP address or ``localhost``), and every response
carries a Content-Security-Policy that allows the page its own script, style, data: pictures and
same-origin requests, and nothing else.
"""
from __future__ import annotations

import ipaddress
import json
import re
import threading
from dataclasses import asdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional, cast
from urllib.parse import urlsplit

from ..builders.html import CSP as PAGE_CSP
from . import assets
from .state import Preview, Snapshot

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
#: The one-pager keeps its own policy, and may be framed by the preview only.
ONEPAGER_CSP = f"{PAGE_CSP}; frame-ancestors 'self'"
SLIDE = re.compile(r"/slides/([0-9a-f]{24})\.svg")
#: How long an event stream waits for a new version before sending a keep-alive comment.
KEEPALIVE = 15.0


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server bound to one :class:`Preview`; ``stopping`` ends event streams."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], preview: Preview) -> None:
        super().__init__(address, Handler)
        self.preview = preview
        self.stopping = threading.Event()

    @property
    def url(self) -> str:
        # an IP socket's address is (host, port, ...); only a Unix socket's would be bytes
        host, port = cast("tuple[str, int]", self.server_address[:2])
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    def allows(self, host_header: str) -> bool:
        """Whether a request naming ``host_header`` is for this server: an IP address or
        ``localhost``, with this server's port. A domain name is refused, which is what stops
        a web page from reaching the preview through DNS rebinding (its requests carry the
        attacker's domain), while ``--host 0.0.0.0`` still answers at the machine's addresses."""
        name, _, port = host_header.rpartition(":")
        if port != str(self.server_address[1]):
            return False
        name = name[1:-1] if name.startswith("[") and name.endswith("]") else name
        if name.lower() == "localhost":
            return True
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True

    def stop(self) -> None:
        self.stopping.set()
        with self.preview.changed:
            self.preview.changed.notify_all()
        self.shutdown()
        self.server_close()


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # the base class's name
        """Quiet: the terminal shows rebuilds, not every request."""

    def do_HEAD(self) -> None:  # http.server's naming
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    def _serve(self, head: bool) -> None:
        if not self.server.allows(self.headers.get("Host", "")):
            return self._send(421, b"Misdirected request\n", "text/plain; charset=utf-8", head)
        path = urlsplit(self.path).path
        preview = self.server.preview
        if path == "/events":
            return self._events(head)
        fixed = {
            "/": (assets.page(), "text/html; charset=utf-8", CSP),
            "/preview.js": (assets.SCRIPT, "text/javascript; charset=utf-8", CSP),
            "/preview.css": (assets.STYLE, "text/css; charset=utf-8", CSP),
        }
        if path in fixed:
            body, kind, policy = fixed[path]
            return self._send(200, body, kind, head, policy)
        if path == "/state.json":
            return self._send(200, state_json(preview.snapshot, preview), "application/json", head)
        if path == "/onepager.html" and preview.page:
            return self._send(200, preview.page, "text/html; charset=utf-8", head, ONEPAGER_CSP)
        match = SLIDE.fullmatch(path)
        svg = preview.svgs.get(match.group(1)) if match else None
        if svg is not None:
            return self._send(200, svg, "image/svg+xml", head, CSP, cache="public, max-age=31536000, immutable")
        self._send(404, b"Not found\n", "text/plain; charset=utf-8", head)

    def _send(self, status: int, body: bytes, kind: str, head: bool, policy: str = CSP,
              cache: str = "no-store") -> None:
        self.send_response(status)
        for name, value in _headers(kind, policy, cache).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _events(self, head: bool) -> None:
        """Server-Sent Events: the current version at once, then each new one as it is built."""
        self.send_response(200)
        for name, value in _headers("text/event-stream", CSP, "no-store").items():
            self.send_header(name, value)
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if head:
            return
        preview, seen = self.server.preview, -1
        try:
            while not self.server.stopping.is_set():
                snapshot = preview.wait(seen, KEEPALIVE)
                if self.server.stopping.is_set():
                    break
                if snapshot.version == seen:
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    seen = snapshot.version
                    self.wfile.write(f"data: {seen}\n\n".encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass


def _headers(kind: str, policy: str, cache: str) -> dict[str, str]:
    return {"Content-Type": kind, "Content-Security-Policy": policy, "Cache-Control": cache,
            "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
            "Cross-Origin-Resource-Policy": "same-origin", "X-Frame-Options": "SAMEORIGIN"}


def state_json(snapshot: Snapshot, preview: Optional[Preview] = None) -> bytes:
    """The snapshot as the page reads it: slides, diagnostics (with an editor link each)."""
    root = preview.root.resolve() if preview is not None else None
    diagnostics = [{
        "level": d.level.value, "where": str(d.position), "message": d.message,
        "link": f"vscode://file/{root / d.position.path}:{d.position.line or 1}:{d.position.col or 1}" if root else "",
    } for d in snapshot.diagnostics]
    return json.dumps({
        "version": snapshot.version, "stale": snapshot.stale, "built_ms": round(snapshot.built_ms, 1),
        "built_cpu_ms": round(snapshot.built_cpu_ms, 1),
        "slides": [asdict(s) for s in snapshot.slides], "page": snapshot.page_key,
        "diagnostics": diagnostics, "gaps": list(snapshot.gaps),
    }, ensure_ascii=False).encode()
