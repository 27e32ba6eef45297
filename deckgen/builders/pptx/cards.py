"""Cards in a grid (one per big rock): title, subtitle, text and status badges.

Up to four cards a row; the column count is chosen once for the whole set (5 or 6 cards: rows
of three), so continuation slides keep the same card width. Rows that do not fit continue on
the next slide; a single card too tall for a whole slide continues as "Title (cont.)".
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Optional

from deckgen.plan import slides as plan

from . import text
from .design import GAP, GUTTER, STATUS, TYPE, Box, Design, measurable, with_status
from .draw import Canvas
from .flow import CONT, Block
from .fonts import text_width

TITLE, BODY = TYPE["card-title"], TYPE["card"]
BADGE = TYPE["caption"].floor
STRIPE, PAD, BADGE_GAP = 5.0, 6.0, 4.0
MAX_COLUMNS = 4


def columns_for(count: int) -> int:
    """Cards per row: all in one row up to four, else balanced rows of at most four."""
    rows = math.ceil(count / MAX_COLUMNS) if count else 1
    return max(1, min(MAX_COLUMNS, math.ceil(count / rows)))


@dataclass
class CardsBlock:
    cards: list[plan.Card]
    design: Design
    columns: int
    flexible: bool = True
    breakable: bool = False

    # Measuring -------------------------------------------------------------------------------
    def _card_width(self, width: float) -> float:
        return (width - GUTTER * (self.columns - 1)) / self.columns

    def _rows(self) -> list[list[plan.Card]]:
        return [self.cards[i:i + self.columns] for i in range(0, len(self.cards), self.columns)]

    def _parts(self, card: plan.Card, width: float, t: float) -> tuple[float, float, float]:
        """Heights of a card's heading (title + subtitle), body and badges at level ``t``."""
        heading = self._heading_height(card, width, t)
        body = text.height(text.items(card.paragraphs), self.design.fonts.body_measure,
                           BODY.at(t), width)
        return heading, body, self._badges_height(card, width)

    def _heading_height(self, card: plan.Card, width: float, t: float) -> float:
        fonts = self.design.fonts
        h = text.height([text.plain(card.title, bold=True)], fonts.heading_measure, TITLE.at(t),
                        width, bold=True)
        if card.subtitle:
            h += text.height([text.plain(card.subtitle)], fonts.body_measure, BODY.at(t), width)
        return h

    def _card_height(self, card: plan.Card, width: float, t: float) -> float:
        return STRIPE + PAD + sum(self._parts(card, width, t)) + PAD

    def _row_height(self, row: list[plan.Card], width: float, t: float) -> float:
        return max(self._card_height(c, width, t) for c in row)

    def height(self, width: float, t: float) -> float:
        w, rows = self._card_width(width), self._rows()
        return sum(self._row_height(r, w, t) for r in rows) + GAP * (len(rows) - 1)

    # Badges ----------------------------------------------------------------------------------
    def _badge_label(self, badge: plan.Badge) -> str:
        return with_status(text.clean(badge.text), badge.status)

    def _badge_width(self, badge: plan.Badge, width: float) -> float:
        w = text_width(measurable(self._badge_label(badge)), self.design.fonts.body_measure, BADGE) / 0.92
        return min(w + 2 * text.INSETS.left, width)

    def _badge_rows(self, card: plan.Card, width: float) -> list[list[tuple[plan.Badge, float]]]:
        rows: list[list[tuple[plan.Badge, float]]] = []
        used = width + 1
        for badge in card.badges:
            w = self._badge_width(badge, width)
            if not rows or used + BADGE_GAP + w > width:
                rows.append([])
                used = -BADGE_GAP
            rows[-1].append((badge, w))
            used += BADGE_GAP + w
        return rows

    def _badge_line(self, width: float) -> float:
        return text.height([text.plain("Ag")], self.design.fonts.body_measure, BADGE, width)

    def _badge_label_height(self, badge: plan.Badge, width: float) -> float:
        items = [text.plain(self._badge_label(badge))]
        return text.height(items, self.design.fonts.body_measure, BADGE, width)

    def _badges_height(self, card: plan.Card, width: float) -> float:
        inner = width - 2 * PAD
        rows = self._badge_rows(card, inner)
        return sum(max(self._badge_label_height(b, w) for b, w in row) + BADGE_GAP for row in rows)

    # Splitting -------------------------------------------------------------------------------
    def split(self, width: float, room: float, force: bool, t: float = 0.0) -> tuple[Optional[Block], Optional[Block]]:
        w, used, count = self._card_width(width), 0.0, 0
        for row in self._rows():
            used += (GAP if count else 0.0) + self._row_height(row, w, t)
            if used > room:
                break
            count += len(row)
        if count == 0:
            return self._split_cards(w, room, t) if force else (None, self)
        if count >= len(self.cards):
            return self, None
        return self._part(self.cards[:count]), self._part(self.cards[count:])

    def _part(self, cards: list[plan.Card]) -> "CardsBlock":
        return CardsBlock(cards, self.design, self.columns)

    def _split_cards(self, w: float, room: float, t: float) -> tuple[Block, Optional[Block]]:
        """Cut the first row's cards between paragraphs so that the row fits ``room``."""
        row, heads, tails = self._rows()[0], [], []
        for card in row:
            fixed = STRIPE + 2 * PAD + self._heading_height(card, w, t) + self._badges_height(card, w)
            family = self.design.fonts.body_measure
            head, tail = text.split(text.items(card.paragraphs), family, BODY.at(t), w, room - fixed)
            heads.append(replace(card, paragraphs=[i.para for i in head], badges=card.badges if not tail else []))
            if tail:
                tails.append(replace(card, title=card.title + CONT, paragraphs=[i.para for i in tail]))
        rest = tails + self.cards[len(row):]
        return self._part(heads), (self._part(rest) if rest else None)

    # Drawing ---------------------------------------------------------------------------------
    def draw(self, canvas: Canvas, box: Box, t: float) -> None:
        w, rows = self._card_width(box.w), self._rows()
        natural = [self._row_height(r, w, t) for r in rows]
        spare = max(box.h - sum(natural) - GAP * (len(rows) - 1), 0.0)
        y = box.y
        for row, h in zip(rows, natural):
            h += spare / len(rows)
            for i, card in enumerate(row):
                self._draw_card(canvas, Box(box.x + i * (w + GUTTER), y, w, h), card, t)
            y += h + GAP

    def _draw_card(self, canvas: Canvas, box: Box, card: plan.Card, t: float) -> None:
        palette, fonts = canvas.design.palette, canvas.design.fonts
        canvas.rect(box, fill="FFFFFF", line=palette.line, name=f"Card: {text.clean(card.title)}"[:200])
        canvas.rect(Box(box.x, box.y, box.w, STRIPE), fill=palette.primary, name="Card stripe")
        heading, body, badges = self._parts(card, box.w, t)
        inner = Box(box.x, box.y + STRIPE + PAD, box.w, box.h - STRIPE - 2 * PAD)
        title = [text.plain(card.title, bold=True)]
        title_h = text.height(title, fonts.heading_measure, TITLE.at(t), box.w, bold=True)
        top, rest = inner.take_top(title_h)
        canvas.textbox(top, title, TITLE.at(t), name="Card title", family=fonts.heading,
                       color=palette.primary, bold=True)
        if card.subtitle:
            top, rest = rest.take_top(heading - title_h)
            canvas.textbox(top, [text.plain(card.subtitle)], BODY.at(t), name="Card subtitle",
                           color=palette.muted)
        if card.paragraphs:
            top, rest = rest.take_top(body)
            canvas.textbox(top, text.items(card.paragraphs), BODY.at(t), name="Card text")
        self._draw_badges(canvas, Box(box.x + PAD, box.bottom - PAD - badges, box.w - 2 * PAD, badges), card)

    def _draw_badges(self, canvas: Canvas, box: Box, card: plan.Card) -> None:
        y = box.y
        for row in self._badge_rows(card, box.w):
            h = max(self._badge_label_height(b, w) for b, w in row)
            x = box.x
            for badge, w in row:
                style = STATUS.get(badge.status or "")
                fill = style.tint if style else canvas.design.palette.surface
                color = style.color if style else canvas.design.palette.text
                canvas.boxed_text(Box(x, y, w, h), [text.plain(self._badge_label(badge))], BADGE,
                                  fill=fill, rounded=True, name="Badge", color=color,
                                  align="center", anchor="middle")
                x += w + BADGE_GAP
            y += h + BADGE_GAP


def cards_block(element: plan.Cards, design: Design) -> Block:
    return CardsBlock(list(element.cards), design, columns_for(len(element.cards)))
