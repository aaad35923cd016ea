"""The couple at a glance: love map bars, the next unlock, the last game, the streak."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from nuzzle_game.core.overview import LastGame, MapRow, NextUnlock, Streak
from nuzzle_game.core.text import ago, plural
from nuzzle_game.ui.widgets.bars import EMPTY, FILL, HALF, bar, share_bar

FRESH, STALE = "$success", "$warning"  # the bars' colours, and their legend's
LABEL = 13  # "experiential "
COUNT = 4  # " 123"
GAP = 2


@dataclass(frozen=True)
class GlanceData:
    """Everything the panel shows, worked out by the screen from the core."""

    rows: list[MapRow]
    names: tuple[str, str]
    next_unlock: NextUnlock | None
    last_game: LastGame | None
    streak: Streak
    changed: int
    now: datetime


def bar_width(width: int) -> int:
    """Each partner's bar, so that the label and both columns fill ``width``."""
    return max(4, min(14, (width - LABEL - GAP - 2 * COUNT) // 2))


def clip(text: str, limit: int) -> str:
    """``text`` cut at a word to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;") + "…"


def map_lines(rows: list[MapRow], names: tuple[str, str], width: int) -> Content:
    """A column for each partner: what they know of the other, per dimension.

    Every bar is the share of the dimension's questions in all the decks, so the
    bars only grow as the couple plays; the number is the answers known.
    """
    cells = bar_width(width)
    column = cells + COUNT
    heads = []
    for name in names:
        head = f"{name} knows"
        heads.append(head if len(head) <= column else clip(name, column))
    lines = [
        Content.assemble(
            " " * LABEL, (f"{heads[0]:<{column}}", "$text-muted"), " " * GAP, (f"{heads[1]:<{column}}", "$text-muted")
        )
    ]
    for row in rows:
        parts: list[Content | str] = [f"{row.dimension.value:<{LABEL}}"]
        for knower, known in enumerate(row.by_knower):
            if knower:
                parts.append(" " * GAP)
            parts.append(bar([(known.fresh, FILL, FRESH), (known.stale, HALF, STALE)], known.scale, cells))
            parts.append(f"{known.known:>{COUNT}}")
        lines.append(Content.assemble(*parts))
    return Content("\n").join(lines)


def legend() -> Content:
    """The bars' glyphs in the bars' own colours, each word in its readable shade."""
    return Content.assemble(
        (FILL, FRESH),
        (" fresh", "$text-success"),
        "  ",
        (HALF, STALE),
        (" stale", "$text-warning"),
        "  ",
        (f"{EMPTY} still to learn", "$text-muted"),
    )


class Glance(Static):
    """A read-only panel: it holds no game state, only what it was last shown.

    ``data`` comes down from the screen (``data_bind``); the panel redraws when it
    changes, and when its width does (the bars fill it). One widget drawing every
    part: each widget costs time when the home opens.
    """

    data: var[GlanceData | None] = var(None, init=False)

    DEFAULT_CSS = """
    Glance { height: auto; width: 1fr; }
    """

    def on_mount(self) -> None:
        if self.data is not None:
            self.show(self.data)

    def on_resize(self) -> None:
        if self.data is not None:
            self.show(self.data)

    def watch_data(self, data: GlanceData | None) -> None:
        if data is not None and self.is_mounted:
            self.show(data)

    def show(self, data: GlanceData) -> None:
        width = self.content_size.width or 37
        self.update(panel(data, width))


def next_deck(unlock: NextUnlock | None, width: int) -> Content:
    if unlock is None:
        return Content("Every deck that fits you is open.")
    if unlock.share >= 1:
        step = Content.styled("Opens at your next game or check-in.", "$text-muted")
    else:
        step = Content.assemble(share_bar(unlock.share, 10), (f" {unlock.text}", "$text-muted"))
    lines = [Content.assemble(("Next deck: ", "bold"), unlock.title), step]
    if unlock.about:
        lines.append(Content.styled(clip(unlock.about, 2 * width - 2), "$text-muted italic"))
    return Content("\n").join(lines)


def when(at: datetime, now: datetime) -> str:
    """'today', 'yesterday' (by the calendar, as the streak counts), else how long ago."""
    days = (now.date() - at.date()).days
    return "today" if days <= 0 else "yesterday" if days == 1 else ago(at, now)


def streak_line(s: Streak) -> Content:
    if s.days == 0:
        return Content("Play today to start a streak.")
    if s.milestone is not None:
        return Content.styled(f"Streak: {s.days} days, a milestone!", "bold $text-success")
    if not s.today:
        return Content(f"Streak: {plural(s.days, 'day')}; keep it up today")
    return Content(f"Streak: {plural(s.days, 'day')} in a row")


def panel(data: GlanceData, width: int) -> Content:
    """The whole panel: the love map bars, the next deck, the last game, the streak."""
    head = Content.styled("What you know of each other", "bold $accent")
    last = data.last_game
    if last is None:
        last_text = "No game played yet: your first is waiting."
    else:
        last_text = f"Last game {when(last.at, data.now)}: {last.in_sync} of {last.rounds} in sync"
        if last.close and len(last_text) + len(f", {last.close} close") <= width:
            last_text += f", {last.close} close"
    if data.changed:
        changed = f"{plural(data.changed, 'answer')} changed since last asked"
    else:
        changed = "No answer changed since last asked."
    return Content("\n").join(
        [
            head,
            map_lines(data.rows, data.names, width),
            legend(),
            Content(""),
            next_deck(data.next_unlock, width),
            Content(""),
            Content(last_text),
            streak_line(data.streak),
            Content(changed),
        ]
    )
