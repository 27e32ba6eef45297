"""Cards in a grid (one per big rock, one per strategy pillar): title, subtitle, text and badges.

Up to four cards a row; the column count is chosen once for the whole set (5 or 6 cards: rows
of three), so that the rows that move to the next slide keep the same card width. A card is as
tall as the tallest of its row needs, never stretched to fill the slide, and never wider than a
card of a three-card row: one or two cards sit on the left of the grid, as a third of it each.

A row too tall for a whole slide is cut between paragraphs: every card keeps its heading and
its badges on the first part (the whole row's alignments stay on one slide), and each card with
text left continues once, as "Title (cont.)", on the next slide.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass, replace
from typing import Optional

from deckgen.plan import slides as plan

from . import text
from .design import GAP, GUTTER, STATUS, TYPE, Box, Design, measurable, with_status
from .draw import BoxLook, Canvas
from .flow import Block, Room, Split, Stack, added_up, continued, measured
from .fonts import text_width

TITLE, BODY, BADGE = TYPE["card-title"], TYPE["card"], TYPE["caption"]
STRIPE, PAD, BADGE_GAP = 5.0, 6.0, 4.0
MAX_COLUMNS = 4
#: A card is at most as wide as one of a row of this many.
WIDEST_OF = 3
#: Statuses a badge shows by its symbol alone: the expected ones, which keeps six badges compact.
#: Any other status also says its label ("▲ Head of Sales · pending"), readable in black and white.
SETTLED = frozenset({"aligned", "on-track"})


def columns_for(count: int) -> int:
    """Cards per row: all in one row up to four, else balanced rows of at most four."""
    rows = math.ceil(count / MAX_COLUMNS) if count else 1
    return max(1, min(MAX_COLUMNS, math.ceil(count / rows)))


def badge_label(badge: plan.Badge) -> str:
    """A badge's text: the status symbol in front of the name and, unless the status is
    settled, its label after it, so that status never depends on colour or a key."""
    label = with_status(text.clean(badge.text), badge.status)
    style = STATUS.get(badge.status or "")
    if style is None or badge.status in SETTLED or style.label.lower() in label.lower():
        return label
    return f"{label} · {style.label.lower()}"


@dataclass
class CardsBlock(Block):
    cards: list[plan.Card]
    design: Design
    columns: int
    flexible: bool = False
    breakable: bool = False

    # Measuring -------------------------------------------------------------------------------
    def _card_width(self, width: float) -> float:
        def share(n: int) -> float:
            return (width - GUTTER * (n - 1)) / n
        return min(share(self.columns), share(WIDEST_OF))

    def _rows(self) -> list[list[plan.Card]]:
        return [self.cards[i:i + self.columns] for i in range(0, len(self.cards), self.columns)]

    def _parts(self, card: plan.Card, width: float, t: float) -> tuple[float, float, float]:
        """Heights of a card's heading (title + subtitle), body and badges at level ``t``."""
        heading = self._heading_height(card, width, t)
        body = text.height(text.items(card.paragraphs), self.design.fonts.body_measure,
                           BODY.at(t), width)
        return heading, body, self._badges_height(card, width, t)

    def _heading_height(self, card: plan.Card, width: float, t: float) -> float:
        fonts = self.design.fonts
        h = text.height([text.plain(card.title, bold=True)], fonts.heading_measure, TITLE.at(t),
                        width, bold=True)
        if card.subtitle:
            h += text.height([text.plain(card.subtitle)], fonts.body_measure, BODY.at(t), width)
        return h

    def _card_height(self, card: plan.Card, width: float, t: float) -> float:
        return measured(card, ("card", width, *_sizes(t)),
                        lambda: STRIPE + PAD + sum(self._parts(card, width, t)) + PAD)

    def _row_height(self, row: list[plan.Card], width: float, t: float) -> float:
        return max(self._card_height(c, width, t) for c in row)

    def height(self, width: float, t: float) -> float:
        return self.height_up_to(width, t, math.inf)

    def height_up_to(self, width: float, t: float, limit: float) -> float:
        """The rows added up until they pass ``limit`` (with every gap between them): paging
        asks the cards left on every slide they fill."""
        w, rows = self._card_width(width), self._rows()
        return added_up((self._row_height(row, w, t) for row in rows), GAP * (len(rows) - 1), limit)

    # Badges ----------------------------------------------------------------------------------
    def _badge_width(self, badge: plan.Badge, width: float, t: float) -> float:
        w = text_width(measurable(badge_label(badge)), self.design.fonts.body_measure, BADGE.at(t)) / 0.92
        return min(w + 2 * text.INSETS.left, width)

    def _badge_rows(self, card: plan.Card, width: float, t: float) -> list[list[tuple[plan.Badge, float]]]:
        rows: list[list[tuple[plan.Badge, float]]] = []
        used = width + 1
        for badge in card.badges:
            w = self._badge_width(badge, width, t)
            if not rows or used + BADGE_GAP + w > width:
                rows.append([])
                used = -BADGE_GAP
            rows[-1].append((badge, w))
            used += BADGE_GAP + w
        return rows

    def _badge_label_height(self, badge: plan.Badge, width: float, t: float) -> float:
        items = [text.plain(badge_label(badge))]
        return text.height(items, self.design.fonts.body_measure, BADGE.at(t), width)

    def _badges_height(self, card: plan.Card, width: float, t: float) -> float:
        inner = width - 2 * PAD
        rows = self._badge_rows(card, inner, t)
        return sum(max(self._badge_label_height(b, w, t) for b, w in row) + BADGE_GAP for row in rows)

    # Splitting -------------------------------------------------------------------------------
    def split(self, room: Room) -> Split:
        """Whole rows while they fit; when not even the first does, cut its cards (see the
        module's docstring), unless that leaves a card no text here and ``force`` is unset."""
        w, used, count = self._card_width(room.width), 0.0, 0
        for row in self._rows():
            used += (GAP if count else 0.0) + self._row_height(row, w, room.t)
            if used > room.height:
                break
            count += len(row)
        if count == 0:
            return self._cut_row(room.narrowed(w))
        if count >= len(self.cards):
            return self, None
        return self._part(self.cards[:count]), self._part(self.cards[count:])

    def _part(self, cards: list[plan.Card]) -> "CardsBlock":
        return CardsBlock(cards, self.design, self.columns)

    def _cut_row(self, room: Room) -> Split:
        """The first row's cards cut to fit ``room``; the cards continued, then the other rows.
        The continued cards sit in a row of their own, as wide as their number allows."""
        row, heads, tails = self._rows()[0], [], []
        for card in row:
            head, tail = self._cut_card(card, room)
            if head is None:
                return None, self
            heads.append(head)
            tails += [tail] if tail is not None else []
        rest: list[Block] = [CardsBlock(tails, self.design, len(tails))] if tails else []
        if len(self.cards) > len(row):
            rest.append(self._part(self.cards[len(row):]))
        if len(rest) > 1:
            return self._part(heads), Stack(rest)
        return self._part(heads), (rest[0] if rest else None)

    def _cut_card(self, card: plan.Card, room: Room) -> tuple[Optional[plan.Card], Optional[plan.Card]]:
        """(the card's part that fits ``room``: its heading, its badges and the whole paragraphs
        that fit; its continuation, or None). A part that would show nothing but the heading
        is None unless ``force`` is set; then, alone on its slide, the text is cut between lines."""
        w, t = room.width, room.t
        fixed = STRIPE + 2 * PAD + self._heading_height(card, w, t) + self._badges_height(card, w, t)
        items, family, size = text.items(card.paragraphs), self.design.fonts.body_measure, BODY.at(t)
        head, tail = text.split_whole(items, family, size, w, room.height - fixed)
        if tail and not head and not card.badges:
            if not room.force:
                return None, None
            head, tail = text.split(items, family, size, w, room.height - fixed)
            if not head:  # not even a line fits: one paragraph anyway, so that paging moves on
                head, tail = items[:1], items[1:]
        if not tail:
            return card, None
        return (replace(card, paragraphs=[i.para for i in head]),
                replace(card, title=continued(card.title), paragraphs=[i.para for i in tail], badges=[]))

    # Drawing ---------------------------------------------------------------------------------
    def draw(self, canvas: Canvas, box: Box, t: float) -> None:
        """Rows from the top left of ``box``, each as tall as its tallest card."""
        w, y = self._card_width(box.w), box.y
        for row in self._rows():
            h = self._row_height(row, w, t)
            for i, card in enumerate(row):
                self._draw_card(canvas, Box(box.x + i * (w + GUTTER), y, w, h), card, t)
            y += h + GAP

    def _draw_card(self, canvas: Canvas, box: Box, card: plan.Card, t: float) -> None:
        palette, fonts = canvas.design.palette, canvas.design.fonts
        canvas.rect(box, fill=palette.paper, line=palette.line, name=f"Card: {text.clean(card.title)}"[:200])
        canvas.rect(Box(box.x, box.y, box.w, STRIPE), fill=palette.primary, name="Card stripe")
        heading, body, badges = self._parts(card, box.w, t)
        inner = Box(box.x, box.y + STRIPE + PAD, box.w, box.h - STRIPE - 2 * PAD)
        title = [text.plain(card.title, bold=True)]
        title_h = text.height(title, fonts.heading_measure, TITLE.at(t), box.w, bold=True)
        top, rest = inner.take_top(title_h)
        canvas.textbox(top, title, TITLE.at(t), name="Card title", family=fonts.heading,
                       color=palette.heading, bold=True)
        if card.subtitle:
            top, rest = rest.take_top(heading - title_h)
            canvas.textbox(top, [text.plain(card.subtitle)], BODY.at(t), name="Card subtitle",
                           color=palette.muted)
        if card.paragraphs:
            top, rest = rest.take_top(body)
            canvas.textbox(top, text.items(card.paragraphs), BODY.at(t), name="Card text")
        self._draw_badges(canvas, Box(box.x + PAD, box.bottom - PAD - badges, box.w - 2 * PAD, badges), card, t)

    def _draw_badges(self, canvas: Canvas, box: Box, card: plan.Card, t: float) -> None:
        y = box.y
        for row in self._badge_rows(card, box.w, t):
            h = max(self._badge_label_height(b, w, t) for b, w in row)
            x = box.x
            for badge, w in row:
                style = STATUS.get(badge.status or "")
                fill = style.tint if style else canvas.design.palette.surface
                color = style.text if style else canvas.design.palette.text
                canvas.boxed_text(Box(x, y, w, h), [text.plain(badge_label(badge))], BADGE.at(t),
                                  BoxLook(fill, rounded=True), name="Badge", color=color,
                                  align="center", anchor="middle")
                x += w + BADGE_GAP
            y += h + BADGE_GAP


@functools.lru_cache(maxsize=None)
def _sizes(t: float) -> tuple[float, float, float]:
    """A card's type sizes at level ``t`` (title, text, badges), all its height depends on
    besides its width: levels that round to the same sizes share the height."""
    return TITLE.at(t), BODY.at(t), BADGE.at(t)


def cards_block(element: plan.Cards, design: Design) -> Block:
    return CardsBlock(list(element.cards), design, columns_for(len(element.cards)))
