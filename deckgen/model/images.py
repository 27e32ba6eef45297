"""Pictures are opened and decoded while checking, so a damaged or unusable one is an error at its
reference, never a "[…: not a readable image]" placeholder on a slide after a clean check."""
from __future__ import annotations

import functools
import io
import warnings
from pathlib import Path
from typing import Optional

from .. import cache

#: What both outputs show: the one-pager embeds these as they are, the deck re-encodes them.
FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF"}
MAX_PIXELS = 40_000_000  # a 40-megapixel photo is already far more than a slide or page shows


def picture_problem(reference: str, data: bytes) -> Optional[str]:
    """What is wrong with the picture ``data`` named ``reference``, with what to do; None when fine.

    A picture found fine is remembered in the cache folder (see :mod:`deckgen.cache`) by its
    bytes, this module and Pillow's version: decoding it again, and importing Pillow to do so,
    would be most of a ``check`` of an unchanged project."""
    entry = cache.name(_checker(), data)
    if cache.read("pictures", entry) is not None:
        return None
    problem = _problem(reference, data)
    if problem is None:
        cache.write("pictures", entry, b"")
    return problem


@functools.lru_cache(maxsize=1)
def _checker() -> bytes:
    """What a picture's verdict depends on besides its bytes: this module and Pillow."""
    import PIL

    return Path(__file__).read_bytes() + PIL.__version__.encode()


def _problem(reference: str, data: bytes) -> Optional[str]:
    from PIL import Image, UnidentifiedImageError

    redo = "export it again as PNG or JPEG"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind, (width, height) = image.format, image.size
                if kind not in FORMATS:
                    return f"picture '{reference}' is a {kind} file; decks and pages show PNG, JPEG and " \
                           f"GIF: save it as PNG or JPEG"
                if width * height > MAX_PIXELS:
                    return f"picture '{reference}' is {width}×{height} pixels, more than deckgen reads " \
                           f"({MAX_PIXELS // 1_000_000} megapixels): scale it down"
                image.load()  # decodes every pixel: a truncated or corrupt file fails here
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"picture '{reference}' is not a picture deckgen can read (damaged, or not PNG, JPEG or " \
               f"GIF): {redo}"
    except (OSError, ValueError, SyntaxError, EOFError):
        return f"picture '{reference}' is damaged: its pixels cannot be decoded; {redo}"
    if not width or not height:
        return f"picture '{reference}' has no pixels: {redo}"
    return None
