"""`deckgen serve`: a live preview of the deck and the one-pager, rebuilt on every save.

One process stays warm: the first build pays for imports, fonts and compiled templates, and
each save after that redraws only the slides it changed (see :mod:`deckgen.serve.state`). A
burst of saves is one rebuild; rebuilds run one at a time on this thread while the server
answers on its own threads; Ctrl-C stops both. A project folder that is deleted or renamed
while it runs is waited for, and the preview keeps showing the last good build meanwhile.
"""
from __future__ import annotations

import threading
import time
import webbrowser
from pathlib import Path
from typing import Callable, Iterable

from ..errors import DeckgenError
from ..serve.http import PreviewServer
from ..serve.state import Preview, Snapshot

Echo = Callable[[str], None]
#: Quiet time (ms) that ends a burst of saves: editors write a file several times per save.
DEBOUNCE_MS = 50
#: How often (s) a missing project folder is looked for again.
RETRY_S = 0.5
IGNORED_DIRS = ("output", "archive")
#: deckgen's own bookkeeping (the project lock every rebuild takes, edit journals): not content.
DECKGEN_FILES = r"^\.deckgen"


def run_serve(root: Path, host: str, port: int, open_browser: bool, echo: Echo,
              stop: threading.Event | None = None, ready: Callable[[PreviewServer], None] | None = None) -> None:
    """Build, serve on ``host:port`` (0: any free port) and rebuild on every change until
    Ctrl-C (or ``stop`` is set); ``ready`` is told the server once it answers."""
    preview = Preview(root.resolve(), log=echo)
    stop = stop or threading.Event()
    server: PreviewServer | None = None
    try:
        echo(describe(preview.rebuild()))
        server = PreviewServer((host, port), preview)
        threading.Thread(target=server.serve_forever, name="deckgen-serve", daemon=True).start()
        echo(f"Previewing {root} at {server.url} (Ctrl-C to stop)")
        if ready is not None:
            ready(server)
        if open_browser:
            webbrowser.open(server.url)
        for _ in changes(preview.root, stop):
            echo(describe(preview.rebuild()))
    except KeyboardInterrupt:
        echo("Stopped.")
    except OSError as error:  # the address is taken or not this computer's
        raise DeckgenError(f"cannot serve on {host}:{port}: {error.strerror or error}") from error
    finally:
        stop.set()
        if server is not None:
            server.stop()


def changes(root: Path, stop: threading.Event) -> Iterable[None]:
    """One item per burst of changes to the project's files, until ``stop`` is set; a vanished
    folder is waited for, and its return counts as a change."""
    from watchfiles import DefaultFilter, watch

    relevant = DefaultFilter(ignore_dirs=(*DefaultFilter.ignore_dirs, *IGNORED_DIRS),
                             ignore_entity_patterns=(*DefaultFilter.ignore_entity_patterns, DECKGEN_FILES))
    while not stop.is_set():
        if not root.is_dir():
            while not root.is_dir() and not stop.wait(RETRY_S):
                pass
            yield None
            continue
        try:
            for _batch in watch(root, watch_filter=relevant, stop_event=stop, debounce=1600,
                                step=DEBOUNCE_MS, rust_timeout=500, yield_on_timeout=False):
                yield None
                if not root.is_dir():
                    break
        except (FileNotFoundError, RuntimeError, OSError):
            stop.wait(RETRY_S)  # the folder went away under the watcher: look again
            yield None


def describe(snapshot: Snapshot) -> str:
    """One terminal line about a build."""
    stamp = time.strftime("%H:%M:%S")
    errors = [d for d in snapshot.diagnostics if d.level.value == "error"]
    if snapshot.stale:
        first = str(errors[0]) if errors else "the build failed"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return f"{stamp} not rebuilt, showing the last good preview: {first}{more}"
    warnings = len(snapshot.diagnostics)
    said = f", {warnings} warning{'s' * (warnings != 1)}" if warnings else ""
    return f"{stamp} version {snapshot.version}: {len(snapshot.slides)} slides in {snapshot.built_ms:.0f} ms{said}"
