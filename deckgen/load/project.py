"""Files to raw data: find every file of a deck project and parse it, reporting what is wrong.

The loader knows the file layout of the content format and nothing of slides or pages.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Position, Reporter, relative
from ..suggest import mistyped
from .limits import check_markdown
from .files import MAX_ASSET_BYTES, inside, list_folder, read_bytes, read_text
from .frontmatter import split_front_matter
from .source import Document, Source
from .yaml_source import parse_yaml

CONTENT = "content"
YAML_FILES = {"deck.yaml": True, "company.yaml": True, "big-rocks.yaml": True, "team.yaml": True,
              "intake.yaml": False}
MARKDOWN_FILES = {"charter.md": True, "strategy.md": True, "wins.md": False, "asks.md": False}
FOLDERS = ["okrs", "slides", "images"]
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
CONTENT_SUFFIXES = {"", ".yaml", ".yml", ".md", ".markdown"}
OKR_NAME = re.compile(r"^(\d{4})-Q([1-4])\.yaml$")


@dataclass
class RawProject:
    """Everything read from a project, still untyped. None marks a file that failed to parse."""

    root: Path
    yaml: dict[str, Source | None] = field(default_factory=dict)
    markdown: dict[str, Document | None] = field(default_factory=dict)
    okrs: dict[str, Source | None] = field(default_factory=dict)
    slides: dict[str, Document | None] = field(default_factory=dict)

    def shown(self, path: Path) -> str:
        return relative(path, self.root)


def load_project(root: Path, reporter: Reporter) -> RawProject:
    """Read and parse every content file under ``root/content``."""
    raw = RawProject(root)
    content = root / CONTENT
    if not content.is_dir():
        reporter.error(_not_a_project(root), Position(str(root)))
        return raw
    if not inside(content, root):
        reporter.error("folder is a link to outside the project folder; a project reads only its own files",
                       Position(CONTENT))
        return raw
    for name, required in YAML_FILES.items():
        if _present(content / name, raw, reporter, required):
            raw.yaml[name] = load_yaml_file(content / name, raw, reporter)
    for name, required in MARKDOWN_FILES.items():
        if _present(content / name, raw, reporter, required):
            raw.markdown[name] = load_markdown_file(content / name, raw, reporter)
    _load_okrs(content / "okrs", raw, reporter)
    _load_slides(content / "slides", raw, reporter)
    _warn_near_misses(content, raw, reporter)
    return raw


def _not_a_project(root: Path) -> str:
    """Why ``root`` is no deck project, and where to run deckgen instead."""
    if not root.exists():
        return f"folder '{root}' does not exist: check the path, or create a project there with 'deckgen init {root}'"
    inside = root.resolve()
    if inside.name == CONTENT or any((root / name).is_file() for name in YAML_FILES if YAML_FILES[name]):
        return (f"this is the '{CONTENT}/' folder of a project: run deckgen from the folder above, "
                f"{inside.parent}")
    return (f"no '{CONTENT}/' folder here, so this is not a deck project: run deckgen in a project's folder, "
            f"or create one with 'deckgen init FOLDER'")


def _warn_near_misses(content: Path, raw: RawProject, reporter: Reporter) -> None:
    """A file named almost like one of the format's (``intake.yml``, ``Wins.md``) would be skipped
    without a word, and its content lost from the deck: say so. Other files are the user's own."""
    known = [*YAML_FILES, *MARKDOWN_FILES, *FOLDERS]
    for path in _entries(content, raw, reporter, CONTENT_SUFFIXES):
        near = mistyped(path.name, known) if path.name not in known else None
        if near is not None:
            reporter.warning(f"'{path.name}' is not read (did you mean '{near}'?)", Position(raw.shown(path)))
    for path in _entries(content / "slides", raw, reporter, MARKDOWN_SUFFIXES):
        if path.suffix != ".md":
            reporter.warning(f"'{path.name}' is not read: a free-form slide is a '.md' file",
                             Position(raw.shown(path)))


def _entries(folder: Path, raw: RawProject, reporter: Reporter, suffixes: set[str]) -> list[Path]:
    """The folder's visible entries whose suffix (any case) is one of ``suffixes``."""
    if not folder.is_dir():
        return []
    listed = list_folder(folder, raw.root, Position(raw.shown(folder)), reporter) or []
    return [path for path in listed if not path.name.startswith(".") and path.suffix.lower() in suffixes]


def _present(path: Path, raw: RawProject, reporter: Reporter, required: bool) -> bool:
    if path.exists() or path.is_symlink():
        return True
    if required:
        reporter.error("required file is missing", Position(raw.shown(path)))
    return False


def load_yaml_file(path: Path, raw: RawProject, reporter: Reporter) -> Source | None:
    """One YAML content file; an empty one is an error, since every YAML file has required keys."""
    shown = raw.shown(path)
    text = read_text(path, raw.root, shown, reporter)
    if text is None:
        return None
    if not text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in text.split("\n")):
        reporter.error("file is empty", Position(shown, 1, 1))
        return None
    return parse_yaml(text, shown, reporter)


def load_markdown_file(path: Path, raw: RawProject, reporter: Reporter) -> Document | None:
    shown = raw.shown(path)
    text = read_text(path, raw.root, shown, reporter, markdown=True)
    if text is None:
        return None
    document = split_front_matter(text, shown, reporter)
    if document is not None:  # its front matter is cleaned and checked as it is parsed
        check_markdown(document.body, shown, document.body_line, reporter)
    return document


def _load_okrs(folder: Path, raw: RawProject, reporter: Reporter) -> None:
    if not (folder.exists() or folder.is_symlink()):
        return
    if folder.exists() and not folder.is_dir():
        reporter.error("expected a folder of quarter files, found a file", Position(raw.shown(folder)))
        return
    for path in list_folder(folder, raw.root, Position(raw.shown(folder)), reporter) or []:
        if path.name.startswith("."):
            continue
        if not OKR_NAME.match(path.name):
            reporter.error(
                "an OKR file is named after its quarter, e.g. 'okrs/2027-Q1.yaml'",
                Position(raw.shown(path)),
            )
            continue
        raw.okrs[path.stem] = load_yaml_file(path, raw, reporter)


def _load_slides(folder: Path, raw: RawProject, reporter: Reporter) -> None:
    if not (folder.is_dir() or folder.is_symlink()):
        return
    for path in list_folder(folder, raw.root, Position(raw.shown(folder)), reporter) or []:
        if path.name.startswith(".") or path.suffix != ".md":
            continue
        raw.slides[path.stem] = load_markdown_file(path, raw, reporter)


def read_asset(root: Path, base: Path, reference: str, position: Position,
               reporter: Reporter) -> tuple[str, bytes] | None:
    """An image or template named from ``base``'s folder: it must exist and stay inside the project.

    Returns the path as shown to users and the file's bytes. Problems are reported at
    ``position``, the reference, naming the file as the user wrote it (never a link's target).
    """
    target = Path(os.path.normpath(base.parent / reference))
    if not _lexically_inside(target, root):
        reporter.error(f"path '{reference}' leads outside the project folder", position)
        return None
    if not os.path.lexists(target):
        reporter.error(f"file '{reference}' not found", position)
        return None
    shown = relative(target, root)
    data = read_bytes(target, root, position, reporter, MAX_ASSET_BYTES, f"'{shown}'")
    return (shown, data) if data is not None else None


def _lexically_inside(path: Path, root: Path) -> bool:
    """Whether the path as written (``..`` worked out, links not followed) stays in ``root``."""
    base = os.path.normpath(os.path.abspath(root))
    written = os.path.abspath(path)
    return written == base or written.startswith(base.rstrip(os.sep) + os.sep)
