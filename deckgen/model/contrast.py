"""WCAG 2.x colour contrast: whether text in a colour can be read on a background.

The check warns when a theme colour used for text fails, and the outputs use the same functions to
pick a readable text colour on a coloured background and a readable shade of a brand colour, so a
user's theme never makes the page unreadable.
"""
from __future__ import annotations

TEXT_MINIMUM = 4.5  # WCAG 2.x AA for body text
LARGE_MINIMUM = 3.0  # WCAG 2.x AA for large text (18 pt, or 14 pt bold) and for shapes
WHITE = "#FFFFFF"
NEAR_BLACK = "#1A1A1A"
BLACK = "#000000"


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(colour: str) -> tuple[int, int, int]:
    """'#1F3A5F' (or the deck's '1F3A5F') → (31, 58, 95); raises ValueError on anything else."""
    text = colour[1:] if colour.startswith("#") else colour
    if len(text) != 6 or not all(c in "0123456789abcdefABCDEF" for c in text):
        raise ValueError(f"expected a colour like #1F3A5F, got '{colour}'")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def normal(colour: str) -> str:
    """``colour`` as '#RRGGBB' in capitals, whichever form it came in."""
    return "#" + "".join(f"{v:02X}" for v in _rgb(colour))


def is_dark(background: str) -> bool:
    """Whether white reads better than black on ``background``: light text belongs on it."""
    return contrast(WHITE, background) > contrast(BLACK, background)


def luminance(colour: str) -> float:
    """Relative luminance, 0 (black) to 1 (white), as WCAG defines it."""
    r, g, b = (_channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """The contrast ratio of two colours, 1 to 21, whichever is lighter."""
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_on(background: str) -> str:
    """White or near-black text for ``background``, whichever reads better (black if neither passes)."""
    best = max((WHITE, NEAR_BLACK), key=lambda c: contrast(c, background))
    return best if contrast(best, background) >= TEXT_MINIMUM else BLACK


def mix(colour: str, other: str, share: float) -> str:
    """``colour`` moved ``share`` (0–1) of the way to ``other``, as #RRGGBB."""
    pairs = zip(_rgb(colour), _rgb(other), strict=True)
    return "#" + "".join(f"{round(a + (b - a) * share):02X}" for a, b in pairs)


def readable(colour: str, background: str, minimum: float = TEXT_MINIMUM) -> str:
    """``colour`` itself when text in it reads on ``background``, else the nearest shade that does.

    The shade moves toward black on a light background and toward white on a dark one, so a brand
    colour keeps its hue and only loses as much lightness as legibility needs.
    """
    if contrast(colour, background) >= minimum:
        return normal(colour)
    target = WHITE if is_dark(background) else BLACK
    for step in range(1, 21):
        shade = mix(colour, target, step / 20)
        if contrast(shade, background) >= minimum:
            return shade
    return target


def readable_on(colour: str, backgrounds: "tuple[str, ...] | list[str]",
                minimum: float = TEXT_MINIMUM) -> str:
    """``colour``, shaded as little as needed to read on every one of ``backgrounds`` (which lie
    on one side of the grey scale, e.g. a slide and the cards on it)."""
    for background in backgrounds:
        colour = readable(colour, background, minimum)
    return colour


def tint(colour: str, share: float) -> str:
    """A light tint of ``colour`` (``share`` of the way to white), for quiet backgrounds."""
    return mix(colour, WHITE, share)
