"""The page's colours and fonts, from deck.yaml's theme, made safe and readable.

Every text colour is paired with the background it is set on and chosen by WCAG contrast, so a
pale brand colour gives a darker shade of itself for headings instead of unreadable text. Font
names come from content and go into CSS, so they are written as CSS strings with every character
that could end the string, the rule or the style element escaped.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..model.contrast import NEAR_BLACK, WHITE, readable, text_on
from .status import STATUS_LOOKS, StatusLook

SURFACE = "#F3F5F8"
BORDER = "#C9D0D8"
SYSTEM_FONTS = ('system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
                '"Liberation Sans", "Noto Sans", "DejaVu Sans", sans-serif')
_PLAIN = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_")


def css_string(text: str) -> Markup:
    """``text`` as a double-quoted CSS string; anything but letters, digits, space, - and _ is a
    hex escape, so no value can close the string, the declaration or the ``<style>`` element."""
    escaped = "".join(ch if ch in _PLAIN else f"\\{ord(ch):06X}" for ch in text)
    return Markup(f'"{escaped}"')


def font_stack(font: str) -> Markup:
    """The theme's font first, then fonts every system has."""
    return Markup(f"{css_string(font)}, {SYSTEM_FONTS}")


@dataclass(frozen=True)
class StatusColour:
    fill: str  # bars and markers
    tint: str  # a chip's background
    text: str  # the label, readable on the tint and on white


@dataclass(frozen=True)
class Palette:
    primary: str
    accent: str
    on_primary: str  # text set on the primary (the header band)
    heading: str  # the primary, or a darker shade of it that reads on white and the surface
    text: str
    muted: str
    background: str
    surface: str
    border: str
    status: dict[str, StatusColour]

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """(what, text colour, background) for every text the page sets: all must read."""
        pairs = [("header", self.on_primary, self.primary)]
        for background in (self.background, self.surface):
            pairs += [("heading", self.heading, background), ("text", self.text, background),
                      ("muted", self.muted, background)]
        for name, colour in self.status.items():
            pairs += [(name, colour.text, colour.tint), (name, colour.text, self.background)]
        return pairs


def palette(primary: str, accent: str) -> Palette:
    """The page's colours for a theme's primary and accent (#RRGGBB)."""
    return Palette(
        primary=primary.upper(), accent=accent.upper(), on_primary=text_on(primary),
        heading=readable(primary, SURFACE), text=NEAR_BLACK, muted=readable("#5B6470", SURFACE),
        background=WHITE, surface=SURFACE, border=BORDER,
        status={name: _status(look) for name, look in STATUS_LOOKS.items()},
    )


def _status(look: StatusLook) -> StatusColour:
    """A status's colours on the page: its fill, the page's tint, and a text shade that reads on it."""
    return StatusColour(fill=look.colour, tint=look.page_tint, text=readable(look.colour, look.page_tint))
