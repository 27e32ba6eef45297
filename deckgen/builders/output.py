"""Writing output files safely: atomically, and never over someone's edits.

A marketer will open ``output/deck.pptx``, tweak a slide and save. Rebuilding must not silently
destroy that, nor write into a file PowerPoint holds open. So deckgen records the SHA-256 of every
file it writes in a small manifest beside it (``.deckgen-manifest.json``), and before the next
write compares: a file whose bytes no longer match what deckgen wrote was edited by hand.

A build's files and their manifest are written as one transaction (:func:`write_outputs`): a
crash or a full disk leaves the previous set intact, never half of a new one, never a mix. A
single file (a schema) is written to a temporary file in the same folder, fsynced, then renamed
over the target with ``os.replace`` (:func:`write_atomic`).

Nothing here knows about slides: it is bytes in, files out.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Sequence

from ..edit.journal import fsync_dir
from ..edit.transaction import Transaction

MANIFEST_NAME = ".deckgen-manifest.json"
_MANIFEST_VERSION = 1
_STALE = re.compile(r"\.(.+)\.[a-z0-9_]{8}\.tmp")


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; on failure the old file is left untouched."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _file_mode(target))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(target.parent)


def _file_mode(target: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0666 less the umask."""
    with contextlib.suppress(OSError):
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``, as stored in the manifest."""
    return hashlib.sha256(data).hexdigest()


def manifest_path(path: str | os.PathLike[str]) -> Path:
    """The manifest that records ``path``: the one in the same folder."""
    return Path(path).parent / MANIFEST_NAME


def _load_manifest(manifest: Path) -> dict[str, str]:
    try:
        raw = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = raw.get("files") if isinstance(raw, dict) else None
    if not isinstance(files, dict):
        return {}
    return {str(k): str(v) for k, v in files.items()}


def lock_files(path: str | os.PathLike[str]) -> list[Path]:
    """Lock files beside ``path`` that say an office suite has it open.

    PowerPoint writes ``~$<name>``; LibreOffice writes ``.~lock.<name>#``.
    """
    target = Path(path)
    candidates = [target.with_name(f"~${target.name}"), target.with_name(f".~lock.{target.name}#")]
    return [p for p in candidates if p.exists()]


def check_overwrite(path: str | os.PathLike[str]) -> str | None:
    """Why ``path`` must not be overwritten, or None when it is safe to write.

    Unsafe: the file is open in PowerPoint or LibreOffice (a lock file is beside it), or it
    exists but its bytes are not what deckgen last wrote there — edited by hand since, or never
    written by deckgen at all.
    """
    target = Path(path)
    locks = lock_files(target)
    if locks:
        return f"{target} is open in another program (lock file {locks[0].name} exists)"
    if not target.exists():
        return None
    recorded = _load_manifest(manifest_path(target)).get(target.name)
    if recorded is None:
        return f"{target} exists and was not written by deckgen"
    try:
        current = sha256(target.read_bytes())
    except OSError as exc:
        return f"{target} cannot be read: {exc.strerror or exc}"
    if current != recorded:
        return f"{target} was changed since deckgen wrote it (edited by hand?)"
    return None


def write_outputs(folder: Path, files: Sequence[tuple[str, bytes]],
                  force: bool = False) -> tuple[list[str], list[Path]]:
    """Write a build's files into ``folder`` with their manifest, as one transaction; what was
    written, one line per file, and the files left alone (written beside instead).

    A file that must not be overwritten (see :func:`check_overwrite`) is written beside it
    instead (``deck (deckgen 2).pptx``), unless ``force``. The files and the manifest are
    staged, journaled and renamed together (``deckgen.edit.transaction``), so a build killed
    while writing leaves the last build's set or, after the next run, this one: never a mix,
    and never a manifest that no longer matches what deckgen wrote. Files left by builds of
    older deckgen versions killed mid-write (``.deck.pptx.x1y2z3w4.tmp``) are removed first.
    Raises ``WriteError`` (everything put back) when the disk fails.
    """
    folder.mkdir(parents=True, exist_ok=True)
    manifests: dict[Path, dict[str, str]] = {}
    transaction = Transaction(folder, command="build")
    lines, kept = [], []
    for name, data in files:
        target = folder / name
        refused = None if force else check_overwrite(target)
        written = beside_path(target) if refused else target
        _remove_stale_temps(written)
        transaction.write(written, data)
        manifest = manifest_path(written)
        manifests.setdefault(manifest, _load_manifest(manifest))[written.name] = sha256(data)
        lines.append(f"Wrote {written}" if not refused else
                     f"Not overwritten: {refused}. Wrote {written} instead (use --force to overwrite {target.name}).")
        kept += [target] if refused else []
    for manifest, recorded in manifests.items():
        doc = {"version": _MANIFEST_VERSION, "files": dict(sorted(recorded.items()))}
        transaction.write(manifest, (json.dumps(doc, indent=2) + "\n").encode("utf-8"))
    transaction.commit()
    return lines, kept


def beside_path(target: Path) -> Path:
    """The first ``<stem> (deckgen N)<suffix>`` beside ``target`` that deckgen may write."""
    n = 2
    while True:
        candidate = target.with_name(f"{target.stem} (deckgen {n}){target.suffix}")
        if check_overwrite(candidate) is None:
            return candidate
        n += 1


def _remove_stale_temps(target: Path) -> None:
    """Remove ``.<name>.XXXXXXXX.tmp`` files of ``target`` (and of its manifest) that a killed
    :func:`write_atomic` left; the caller holds the project lock, so none is being written."""
    names = {target.name, MANIFEST_NAME}
    with contextlib.suppress(OSError):
        for path in target.parent.iterdir():
            found = _STALE.fullmatch(path.name)
            if found and found.group(1) in names and path.is_file() and not path.is_symlink():
                with contextlib.suppress(OSError):
                    path.unlink()
