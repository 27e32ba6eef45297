"""What the preview shows, rebuilt after each save: the slides, the one-pager, the diagnostics.

:class:`Preview` keeps one warm pipeline (imported modules, fonts, compiled templates and the
:class:`~deckgen.builders.svg.render.Drawer` with every unchanged slide's picture) and turns a
project folder into a :class:`Snapshot`. A build that fails keeps the last good slides and page
and shows why above them, so a half-typed edit never blanks the preview.
"""
from __future__ import annotations

import hashlib
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..builders.svg.render import Drawer, Picture
from ..builders.svg.svg import svg_document
from ..builders.svg.scene import Scene
from ..diagnostics import ContentError, Diagnostic, Level, Position
from ..lock import ProjectBusy, project_lock


@dataclass(frozen=True)
class Slide:
    """One slide as served: its picture's key (a hash of its SVG), number, kind and notes."""

    key: str
    number: int
    kind: str
    notes: str


@dataclass(frozen=True)
class Snapshot:
    """One version of the preview. ``stale`` when the last build failed and these slides and
    this page are the last good ones."""

    version: int
    slides: tuple[Slide, ...] = ()
    page_key: str = ""
    diagnostics: tuple[Diagnostic, ...] = ()
    gaps: tuple[str, ...] = ()
    stale: bool = False
    built_ms: float = 0.0      # wall time of the rebuild
    built_cpu_ms: float = 0.0  # its own CPU time (what it costs on a machine busy with others)


#: A build's result: a Snapshot's fields after its version (slides, page key, diagnostics, gaps, stale).
Built = tuple[tuple[Slide, ...], str, tuple[Diagnostic, ...], tuple[str, ...], bool]


@dataclass
class Preview:
    """The project at ``root`` kept built; :meth:`rebuild` is called by one thread at a time."""

    root: Path
    drawer: Drawer = field(default_factory=Drawer)
    snapshot: Snapshot = field(default_factory=lambda: Snapshot(0))
    svgs: dict[str, bytes] = field(default_factory=dict)
    page: bytes = b""
    written: dict[int, tuple[Scene, bytes]] = field(default_factory=dict)  # id(scene) → its SVG
    _recent: set[str] = field(default_factory=set)  # this version's picture keys
    changed: threading.Condition = field(default_factory=threading.Condition)
    log: Callable[[str], None] = print

    def rebuild(self) -> Snapshot:
        """Build the project once more and publish the result as a new version."""
        started, cpu = time.perf_counter(), time.thread_time()
        try:
            with project_lock(self.root, "serve"):  # not while `okr new` or a build writes it
                made = self._build()
        except ProjectBusy as busy:
            made = self._failed([Diagnostic(Level.ERROR, str(busy), Position("."))])
        except ContentError as error:
            made = self._failed(error.reporter.sorted())
        except Exception as error:  # the preview must outlive any failure
            self.log("".join(traceback.format_exception(error)).rstrip())
            made = self._failed([Diagnostic(Level.ERROR, f"the preview could not be built: {error}",
                                            Position("deck.yaml"))])
        snapshot = Snapshot(self.snapshot.version + 1, *made, built_ms=(time.perf_counter() - started) * 1000,
                            built_cpu_ms=(time.thread_time() - cpu) * 1000)
        with self.changed:
            self.snapshot = snapshot
            self.changed.notify_all()
        return snapshot

    def _build(self) -> Built:
        from ..builders.html import page_bytes
        from ..load.template_package import TemplateError
        from ..commands.common import check_project
        from ..commands.template import template_error_diagnostics
        from ..plan.deck import plan_deck
        from ..plan.environment import make_environment
        from ..resources import builtin_templates

        checked = check_project(self.root)
        if checked.project is None:
            return self._failed(checked.reporter.sorted())
        project = checked.project
        env = make_environment(self.root, builtin_templates())
        try:
            pictures = self.drawer.draw(plan_deck(project, env))
        except TemplateError as error:  # a template the pptx builder cannot use either
            raise ContentError(template_error_diagnostics(project, error)) from error
        page = page_bytes(project, env)
        slides = self._publish(pictures)
        self.page = page
        gaps = sorted({gap for p in pictures for gap in p.scene.gaps})
        return slides, _key(page), tuple(checked.reporter.sorted()), tuple(gaps), False

    def _publish(self, pictures: list[Picture]) -> tuple[Slide, ...]:
        """Each picture's SVG under its key. An unchanged slide keeps its scene, so its SVG is
        not written again; only this version's are kept."""
        svgs: dict[str, bytes] = {}
        written: dict[int, tuple[Scene, bytes]] = {}
        slides = []
        for picture in pictures:
            cached = self.written.get(id(picture.scene))
            data = cached[1] if cached is not None and cached[0] is picture.scene else \
                svg_document(picture.scene, f"Slide {picture.number}").encode()
            written[id(picture.scene)] = (picture.scene, data)
            key = _key(data)
            svgs[key] = data
            slides.append(Slide(key, picture.number, picture.kind, picture.notes))
        # the last version's pictures stay served too: a page that read the last state may
        # still be fetching them while this one is published
        current = set(svgs)
        self.svgs = {**{k: v for k, v in self.svgs.items() if k in self._recent}, **svgs}
        self._recent, self.written = current, written
        return tuple(slides)

    def _failed(self, diagnostics: list[Diagnostic]) -> Built:
        last = self.snapshot
        return last.slides, last.page_key, tuple(diagnostics), last.gaps, True

    def wait(self, after: int, timeout: float) -> Snapshot:
        """The first snapshot newer than version ``after``, or the current one after ``timeout``."""
        with self.changed:
            self.changed.wait_for(lambda: self.snapshot.version > after, timeout)
            return self.snapshot


def _key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=12).hexdigest()
