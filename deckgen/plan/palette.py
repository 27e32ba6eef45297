"""The deck's colours, worked out once: the brand's (the template's theme, else deck.yaml's),
and for each background the deck draws on (the page's white, each template layout's, the
built-in cover's primary) the colour of every kind of text and fill set on it. Both outputs
and ``check`` read these, so what is checked is what is drawn.

Every text colour is paired with the backgrounds it is set on and chosen by WCAG contrast, so a
pale brand colour gives a darker shade of itself for headings instead of unreadable text, and a
dark template gets light text. Font names come from content and go into CSS, so they are written
as CSS strings with every character that could end the string, the rule or the style element
escaped.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Optional

from markupsafe import Markup

from ..model.contrast import (LARGE_MINIMUM, NEAR_BLACK, TEXT_MINIMUM, WHITE, contrast, is_dark, mix,
                              normal, readable, readable_on, text_on)
from .status import STATUS_LOOKS, StatusLook

if TYPE_CHECKING:
    from .template_colours import LayoutColours, TemplateColours

SURFACE = "#F3F5F8"
BORDER = "#C9D0D8"
MUTED = "#5B6470"
#: Slot names in the order a colour is referred to by, when several slots hold it: text and
#: background first, then the accents (the brand primary is ``accent1``).
SLOT_ORDER = ("tx1", "bg1", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
              "tx2", "bg2", "hlink", "folHlink")
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
    """The colours of everything set on one ``background`` (#RRGGBB throughout)."""

    primary: str
    accent: str
    on_primary: str  # text set on the primary (the page's header band, a table's header row)
    heading: str  # the primary, or the nearest shade of it that reads on the background and fills
    text: str
    muted: str
    background: str
    surface: str  # a quiet band or panel
    border: str
    status: dict[str, StatusColour]
    paper: str = WHITE  # cards, table cells, boxes: white on a light slide, a lift of a dark one
    primary_tint: str = ""  # a quiet fill in the primary's hue (group rows, team boxes)
    accent_text: str = ""  # the accent as text (links, code, highlighted figures)
    #: colour → the theme slot that holds it on this background ('tx1', 'accent1'), so the deck can
    #: refer to the theme and follow a later theme change
    slots: dict[str, str] = field(default_factory=dict)
    #: the colour deckgen sets its text in inside the template's own title placeholder, where the
    #: template's title colour does not read on what the title is drawn on; None keeps the template's
    title_ink: Optional[str] = None
    #: the same for the template's body and subtitle placeholders (the cover's subtitle)
    body_ink: Optional[str] = None
    #: the title's, when the pptx builder moves the title to the master's title box
    moved_title_ink: Optional[str] = None

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """(what, text colour, background) for every text set on this palette: all must read."""
        pairs = [("header", self.on_primary, self.primary)]
        for background in dict.fromkeys((self.background, self.surface, self.paper)):
            pairs += [("heading", self.heading, background), ("text", self.text, background),
                      ("muted", self.muted, background), ("accent", self.accent_text, background)]
        pairs.append(("text", self.text, self.primary_tint))
        for name, colour in self.status.items():
            pairs += [(name, colour.text, colour.tint)]
        return pairs


@functools.lru_cache(maxsize=256)
def palette(primary: str, accent: str, background: str = WHITE, text: Optional[str] = None,
            slots: tuple[tuple[str, str], ...] = ()) -> Palette:
    """The colours for a brand's ``primary`` and ``accent`` on ``background``; ``text`` is the
    template's body colour, kept where it reads; ``slots`` the theme's (slot, colour) pairs there."""
    primary, accent, background = normal(primary), normal(accent), normal(background)
    dark = is_dark(background)
    paper = mix(background, WHITE, 0.08) if dark else WHITE
    surface = mix(background, WHITE, 0.14) if dark else SURFACE
    tinted = mix(primary, background, 0.6) if dark else mix(primary, WHITE, 0.88)
    grounds = (background, surface, paper)
    start = text or (WHITE if dark else NEAR_BLACK)
    return Palette(
        primary=primary, accent=accent, on_primary=text_on(primary),
        heading=readable_on(primary, (*grounds, tinted)), text=readable_on(start, (*grounds, tinted)),
        muted=readable_on(mix(background, WHITE, 0.7) if dark else MUTED, grounds),
        background=background, surface=surface, border=mix(background, WHITE, 0.3) if dark else BORDER,
        status={name: _status(look) for name, look in STATUS_LOOKS.items()},
        paper=paper, primary_tint=tinted, accent_text=readable_on(accent, grounds),
        slots=_slot_names(slots),
    )


def _slot_names(slots: tuple[tuple[str, str], ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    ranked = sorted(slots, key=lambda pair: SLOT_ORDER.index(pair[0]) if pair[0] in SLOT_ORDER else 99)
    for slot, colour in ranked:
        found.setdefault(normal(colour), slot)
    return found


def _status(look: StatusLook) -> StatusColour:
    """A status's colours on the page: its fill, the page's tint, and a text shade that reads on it."""
    return StatusColour(fill=look.colour, tint=look.page_tint, text=readable(look.colour, look.page_tint))


@dataclass(frozen=True)
class DeckColours:
    """The deck's colours: the brand's primary and accent, and a palette for every background.

    Without a template the deck writes its own theme (:func:`builtin_scheme`); with one, the
    template's ``accent1`` and ``accent2`` are the brand's, and each layout's palette is set on
    the background that layout draws, with its body colour and colour map."""

    primary: str
    accent: str
    template: Optional[TemplateColours] = None

    @property
    def page(self) -> Palette:
        """Colours on white: the one-pager, and the built-in deck's content slides."""
        return self.on(WHITE)

    def on(self, background: str) -> Palette:
        slots = () if self.template else tuple(builtin_scheme(self.primary, self.accent).items())
        return palette(self.primary, self.accent, background, None, _slide_slots(slots))

    def _layout(self, part: Optional[str]) -> Optional[LayoutColours]:
        """What the template says of its layout ``part``; None without a template or part."""
        return self.template.layout(part) if self.template and part else None

    def panel(self, part: Optional[str]) -> bool:
        """Whether slides on the template layout ``part`` draw a plain panel in their palette's
        background behind the content (the artwork under the body is many-coloured)."""
        found = self._layout(part)
        return found is not None and found.panel

    def title_panel(self, part: Optional[str], master_title: bool) -> bool:
        """Whether slides on the template layout ``part`` draw a plain panel behind their title
        (the artwork under the title box is many-coloured): the layout's title box, or the
        master's when the title is moved there (``master_title``)."""
        found = self._layout(part)
        return found is not None and (found.master_title_panel if master_title else found.title_panel)

    def for_layout(self, part: Optional[str]) -> Palette:
        """The palette of slides on the template layout whose part name is ``part``."""
        found = self._layout(part)
        if found is None:
            return self.page
        planned = palette(self.primary, self.accent, found.background, found.body,
                          tuple(found.slots.items()))
        title_ink, body_ink, moved_title_ink = placeholder_inks(found)
        if title_ink is None and body_ink is None and moved_title_ink is None:
            return planned
        return replace(planned, title_ink=title_ink, body_ink=body_ink, moved_title_ink=moved_title_ink)


#: The slots tried, in order, for text in a template's placeholder whose own colour does not read:
#: references to the theme, so a later theme change restyles the text with the rest.
_INK_SLOTS = ("tx1", "bg1", "tx2", "bg2")


def placeholder_inks(layout: LayoutColours) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """The colours for text deckgen writes into ``layout``'s title and body placeholders, and
    into its title when moved to the master's title box: None for each whose template colour
    reads on what it is drawn on (3:1 for titles, 4.5:1 for body text), so the template's choice
    stands wherever it can."""
    return (replacement_ink(layout.title, layout.title_background, layout.slots, LARGE_MINIMUM),
            replacement_ink(layout.body, layout.background, layout.slots, TEXT_MINIMUM),
            replacement_ink(layout.title, layout.master_title_background, layout.slots, LARGE_MINIMUM))


def replacement_ink(ink: str, ground: str, slots: dict[str, str], minimum: float) -> Optional[str]:
    """None when ``ink`` reads on ``ground``; else the first of the layout's text and background
    slot colours that does, else white or near-black, whichever reads better."""
    if contrast(ink, ground) >= minimum:
        return None
    found = (slots[s] for s in _INK_SLOTS if s in slots and contrast(slots[s], ground) >= minimum)
    return next(found, text_on(ground))


def _slide_slots(scheme: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """The built-in theme's colours under the names slides use (its colour map is the default)."""
    by_theme = dict(scheme)
    names = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}
    return tuple((slot, by_theme[names.get(slot, slot)]) for slot in SLOT_ORDER
                 if names.get(slot, slot) in by_theme)


def builtin_scheme(primary: str, accent: str) -> dict[str, str]:
    """The theme colours the built-in design writes (the rest stay Office's): the brand in
    ``accent1``/``accent2`` and ``dk2``, so PowerPoint's colour picker offers them."""
    on_white = palette(primary, accent)
    return {"dk1": "#000000", "lt1": WHITE, "dk2": on_white.primary, "accent1": on_white.primary,
            "accent2": on_white.accent, "hlink": on_white.accent_text, "folHlink": on_white.muted}


def _template_colours(template: bytes) -> Optional[TemplateColours]:
    """The brand template's colours; what reads them is imported only for a deck that has one."""
    from .template_colours import read_template_colours

    return read_template_colours(template)


@functools.lru_cache(maxsize=8)
def deck_colours(primary: str, accent: str, template: Optional[bytes] = None) -> DeckColours:
    """The deck's colours for deck.yaml's ``primary`` and ``accent`` and the brand ``template``
    (whose theme's accents lead where it has them)."""
    found = _template_colours(template) if template else None
    if found is None:
        return DeckColours(normal(primary), normal(accent))
    return DeckColours(found.scheme.get("accent1", normal(primary)),
                       found.scheme.get("accent2", normal(accent)), found)
