"""`deckgen init DIR`: a new deck project, copied from the example so every file of the format is there.

A team starts from a complete project that checks and builds, then edits it, rather than from a blank
folder and the format page. The project is assembled in a hidden folder inside DIR and moved into
place at the end, so a failure part-way leaves DIR as it was found.
"""
from __future__ import annotations

import shlex
import shutil
import uuid
from pathlib import Path

from ..errors import DeckgenError
from ..load.project import CONTENT
from ..resources import builtin_templates, example_content, installed_version

TEMPLATES = "templates"
GITIGNORE = "# Written by `deckgen build`; rebuilt from content/ at any time.\noutput/\n"

TEMPLATES_README = """\
# Your layouts

deckgen draws every slide and the one-pager from Jinja layouts. This folder holds your
overrides: a file here replaces the built-in layout with the same name (the same path
relative to the templates folder), and every other layout stays built-in. An empty folder
means the built-in design throughout.

To change one layout:

1. Copy the built-in file to the same path here, e.g. `slides/NAME.xml` to
   `templates/slides/NAME.xml`.
2. Edit your copy. `deckgen build` uses it from then on.
3. Delete your copy to go back to the built-in layout.

A layout here may `{{% extends %}}` another built-in layout and replace only some of its
blocks. It cannot extend the layout it replaces: that name now finds your file.

Your copies do not change when deckgen is upgraded: after an upgrade, compare them with
the new built-in layouts. The built-in files are in the folder this prints:

    python -c "from deckgen.resources import builtin_templates; print(builtin_templates())"
{listing}"""


class InitError(DeckgenError):
    """The project cannot be created; str() says why and what to do instead."""


def run_init(target: Path) -> list[str]:
    """Create a deck project in ``target`` (new or empty); the lines to print. Raises InitError."""
    _refuse_unusable(target)
    created = not target.exists()
    try:
        target.mkdir(parents=True, exist_ok=True)
        _build_in_place(target)
    except OSError as exc:
        if created:
            shutil.rmtree(target, ignore_errors=True)
        raise InitError(f"cannot create the project in '{target}': {exc.strerror or exc}") from exc
    return _report(target)


def _build_in_place(target: Path) -> None:
    """Assemble the project in a hidden folder of ``target``, then move its parts up.

    Staging inside ``target`` keeps every move on one file system and needs no right to write
    beside ``target`` (``deckgen init .`` in a folder whose parent is not ours).
    """
    staging = target / f".deckgen-init-{uuid.uuid4().hex[:8]}"
    moved: list[Path] = []
    try:
        _assemble(staging)
        for part in sorted(staging.iterdir()):
            part.rename(target / part.name)
            moved.append(target / part.name)
    except BaseException:
        for path in moved:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _refuse_unusable(target: Path) -> None:
    if target.is_symlink() and not target.exists():
        raise InitError(f"'{target}' is a broken link; choose another folder")
    if target.exists() and not target.is_dir():
        raise InitError(f"'{target}' exists and is not a folder; choose a new folder name")
    if target.is_dir() and any(target.iterdir()):
        raise InitError(
            f"'{target}' is not empty; deckgen init only creates a new project, so that no file "
            "of yours is overwritten. Choose a new folder name, or run 'deckgen check' here if "
            "it already is a deck project")


def _assemble(staging: Path) -> None:
    """Write the whole project into ``staging``."""
    staging.mkdir()
    _copy_files(example_content(), staging / CONTENT)
    (staging / TEMPLATES).mkdir()
    (staging / TEMPLATES / "README.md").write_text(_templates_readme(), encoding="utf-8")
    (staging / ".gitignore").write_text(GITIGNORE, encoding="utf-8")


def _copy_files(source: Path, target: Path) -> None:
    """Copy file contents only: an installed package may be read-only, the user's copy must not be."""
    target.mkdir()
    for path in _visible_files(source):
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)


def _visible_files(root: Path) -> list[Path]:
    """Files under ``root``, leaving out hidden ones and caches a checkout may hold."""
    return sorted(
        path for path in root.rglob("*")
        if path.is_file() and not any(
            part.startswith(".") or part == "__pycache__" for part in path.relative_to(root).parts)
    )


def _templates_readme() -> str:
    root = builtin_templates()
    names = [p.relative_to(root).as_posix() for p in _visible_files(root)
             if not p.name.lower().startswith("readme")]
    if not names:
        return TEMPLATES_README.format(listing="")
    items = "\n".join(f"- `{name}`" for name in names)
    return TEMPLATES_README.format(
        listing=f"\nThe built-in layouts of deckgen {installed_version()}:\n\n{items}\n")


def _report(target: Path) -> list[str]:
    shown = target.as_posix().rstrip("/") or "."
    go = "" if target.resolve() == Path.cwd().resolve() else f"cd {shlex.quote(str(target))} && "
    return [
        f"Created a deck project in {shown}/ from deckgen's example:",
        f"  {shown}/{CONTENT}/     the content to edit, one file per part of the deck",
        f"  {shown}/{TEMPLATES}/   your overrides of the built-in layouts (none yet; see its README.md)",
        f"  {shown}/.gitignore   keeps the built files in output/ out of version control",
        f"Next: {go}deckgen check && deckgen build",
    ]
