"""Writing output files safely: atomically, and never over someone's edits.

A marketer will open ``output/deck.pptx``, tweak a slide and save. Rebuilding must not silently
destroy that, nor write into a file PowerPoint holds open. So deckgen records the SHA-256 of every
file it writes in a small manifest beside it (``.deckgen-manifest.json``), and before the next
write compares: a file whose bytes no longer match what deckgen wrote was edited by hand.

Writes go to a temporary file in the same folder, are fsynced, then renamed over the target with
``os.replace``, so a crash or a full disk leaves the previous file intact, never half of a new one.

Nothing here knows about slides: it is bytes in, files out.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path

MANIFEST_NAME = ".deckgen-manifest.json"
_MANIFEST_VERSION = 1


class OverwriteRefused(Exception):
    """Raised by :func:`write_output` when a file must not be overwritten; str() says why."""


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
    _fsync_dir(target.parent)


def _file_mode(target: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0666 less the umask."""
    with contextlib.suppress(OSError):
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    """Persist the rename itself (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


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


def record_written(path: str | os.PathLike[str], data: bytes) -> None:
    """Remember in the manifest that deckgen wrote ``data`` to ``path``."""
    target = Path(path)
    manifest = manifest_path(target)
    files = _load_manifest(manifest)
    files[target.name] = sha256(data)
    doc = {"version": _MANIFEST_VERSION, "files": dict(sorted(files.items()))}
    write_atomic(manifest, (json.dumps(doc, indent=2) + "\n").encode("utf-8"))


def write_output(path: str | os.PathLike[str], data: bytes, *, force: bool = False) -> None:
    """Check, write atomically, and record: the one call a builder's ``write()`` needs.

    Raises :class:`OverwriteRefused` when :func:`check_overwrite` objects, unless ``force``.
    """
    reason = None if force else check_overwrite(path)
    if reason is not None:
        raise OverwriteRefused(reason)
    write_atomic(path, data)
    record_written(path, data)
