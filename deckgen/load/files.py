"""Reading files safely: one clear diagnostic for every way a file can be unreadable or unsafe.

A project may come from anyone, so every file it names is read only when it really is a regular
file inside the project: a link out of it (``strategy.md`` → ``/etc/passwd``), a FIFO that would
block, a device that never ends (``/dev/zero``), a loop of links or an unreadable folder is an
error naming the file as the user wrote it, never a hang, a traceback or a leaked file. Files are
opened without blocking and checked on the open handle, then read up to their size limit only.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Optional

from ..diagnostics import Position, Reporter
from .clean import clean_file_text

MAX_TEXT_BYTES = 2 * 1024 * 1024
MAX_ASSET_BYTES = 25 * 1024 * 1024
BOM = "\ufeff"


def inside(path: Path, root: Path) -> bool:
    """Whether ``path``, every link followed, is ``root`` or within it (a loop of links is not)."""
    real, base = os.path.realpath(path), os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def read_bytes(path: Path, root: Path, where: Position, reporter: Reporter, limit: int,
               name: str = "file") -> Optional[bytes]:
    """The file's bytes, or None after reporting at ``where`` why they cannot be had.

    ``name`` is how messages call the file: "file" when ``where`` is the file itself, or the path
    the user wrote (``'images/map.png'``) when ``where`` is the line that names it.
    """
    if not inside(path, root):
        reporter.error(f"{name} is a link to outside the project folder; a project reads only its own files",
                       where)
        return None
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        reporter.error(_unreadable(name, exc), where)
        return None
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            reporter.error(f"expected a file, found a folder{_for(name)}", where)
            return None
        if not stat.S_ISREG(info.st_mode):
            reporter.error(f"{name} is not a regular file (a FIFO, a device or a socket); it cannot be read",
                           where)
            return None
        with os.fdopen(os.dup(handle), "rb") as file:
            data = file.read(limit + 1)
    except OSError as exc:
        reporter.error(_unreadable(name, exc), where)
        return None
    finally:
        os.close(handle)
    if max(info.st_size, len(data)) > limit:
        reporter.error(f"{name} is {max(info.st_size, len(data)) / 2**20:.1f} MiB; the limit is "
                       f"{limit / 2**20:g} MiB", where)
        return None
    return data


def _for(name: str) -> str:
    return "" if name == "file" else f" at {name}"


def _unreadable(name: str, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return f"{name} is a link in a loop of links; it leads nowhere"
    if exc.errno == errno.ENOENT:
        return f"{name} is a link to a file that does not exist" if name != "file" else \
            "cannot read file: No such file or directory"
    return f"cannot read {name}: {exc.strerror or exc}"


def list_folder(folder: Path, root: Path, where: Position, reporter: Reporter) -> Optional[list[Path]]:
    """The folder's entries in name order, or None after reporting why it cannot be listed (a link
    out of the project, a loop, no permission)."""
    if not inside(folder, root):
        reporter.error("folder is a link to outside the project folder; a project reads only its own files",
                       where)
        return None
    try:
        return sorted(folder.iterdir())
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            reporter.error("folder is a link in a loop of links; it leads nowhere", where)
        else:
            reporter.error(f"cannot read folder: {exc.strerror or exc}", where)
        return None


def read_text(path: Path, root: Path, shown: str, reporter: Reporter, markdown: bool = False) -> Optional[str]:
    """The file as text: UTF-8, an optional byte-order mark dropped, line ends normalised, and the
    characters no deck can hold removed with a warning (see :mod:`.clean`)."""
    data = read_bytes(path, root, Position(shown), reporter, MAX_TEXT_BYTES)
    if data is None:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        reporter.error(
            f"file is not UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
            Position(shown, line, col),
        )
        return None
    if text.startswith(BOM):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        reporter.error("file holds a NUL character; is it a binary file?", Position(shown, line))
        return None
    return clean_file_text(text, shown, reporter, markdown)
