"""deckgen's cache folder: work that depends only on its inputs, kept between runs.

The folder is ``$XDG_CACHE_HOME/deckgen`` (``~/.cache/deckgen`` when that is unset or, as the XDG
specification says to ignore, relative), one subfolder per kind of entry. An entry is named by a
hash of everything its value depends on (the input's bytes, the code that computed it, the
libraries' versions), so a stale entry is never read: it is simply not found. The cache can never
fail a run: an entry that cannot be read is a miss, one that cannot be written is skipped. Writes
are atomic (a temporary file renamed into place), so runs side by side never read half an entry,
and each entry carries the digest of its value, so a damaged one (a bad disk, a copied or edited
folder) is a miss too, never a wrong number, font path or picture in a deck.
"""
from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import tempfile
from pathlib import Path
from typing import Mapping, Optional

#: Bytes of the SHA-256 digest an entry starts with.
DIGEST = 32


def folder(kind: str, environ: Mapping[str, str] = os.environ) -> Path:
    """The folder of one kind of entry (``jinja``, ``yaml``, ``markdown``, ``fonts``)."""
    base = environ.get("XDG_CACHE_HOME", "")
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "deckgen" / kind


def name(*parts: bytes | str) -> str:
    """An entry's name: a hash of ``parts``, each length-prefixed so no two lists collide."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def code(*files: str | Path | None) -> bytes:
    """The bytes of ``files`` (modules, a library's version file) that exist, joined: what a
    kept value depends on besides its input, for its entry's name (see :func:`name`)."""
    return b"".join(Path(file).read_bytes() for file in files if file and Path(file).is_file())


def library_file(package: str, file: str) -> Optional[Path]:
    """``file`` beside ``package``'s ``__init__.py`` (the file that holds its version), found
    without importing the package, which a run that finds its entries never needs; None when
    the package is not installed."""
    spec = importlib.util.find_spec(package)
    return Path(spec.origin).with_name(file) if spec is not None and spec.origin else None


def read(kind: str, entry: str) -> Optional[bytes]:
    """The entry's value, or None when it is missing, cannot be read or is damaged (its value
    no longer has the digest it was written with)."""
    try:
        kept = (folder(kind) / entry).read_bytes()
    except (OSError, RuntimeError):  # RuntimeError: no home folder to find ``~/.cache`` in
        return None
    digest, value = kept[:DIGEST], kept[DIGEST:]
    return value if hashlib.sha256(value).digest() == digest else None


def write(kind: str, entry: str, data: bytes) -> None:
    """Store the entry with its value's digest, atomically; nothing happens when the folder is
    not writable."""
    try:
        where = folder(kind)
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=where, prefix=".part-")
    except (OSError, RuntimeError):
        return
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(hashlib.sha256(data).digest() + data)
        os.replace(temporary, where / entry)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
