"""Reading files safely: one clear diagnostic for every way a file can be unreadable."""
from __future__ import annotations

from pathlib import Path

from ..diagnostics import Position, Reporter

MAX_TEXT_BYTES = 2 * 1024 * 1024
MAX_ASSET_BYTES = 25 * 1024 * 1024
BOM = "\ufeff"


def read_bytes(path: Path, shown: str, reporter: Reporter, limit: int) -> bytes | None:
    """The file's bytes, or None after reporting why they cannot be had."""
    where = Position(shown)
    if path.is_dir():
        reporter.error("expected a file, found a folder", where)
        return None
    try:
        size = path.stat().st_size
        if size > limit:
            reporter.error(f"file is {size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB", where)
            return None
        return path.read_bytes()
    except OSError as exc:
        reporter.error(f"cannot read file: {exc.strerror or exc}", where)
        return None


def read_text(path: Path, shown: str, reporter: Reporter) -> str | None:
    """The file as text: UTF-8, an optional byte-order mark dropped, line ends normalised."""
    data = read_bytes(path, shown, reporter, MAX_TEXT_BYTES)
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
    return text
