"""The couple at a glance: love map bars, the next unlock, the last game, the streak."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from nuzzle_game.core.overview import LastGame, MapBar, NextUnlock, Streak
from nuzzle_game.core.text import ago, plural
from nuzzle_game.ui.widgets.bars import FILL, HALF, bar, share_bar


@dataclass(frozen=True)
class GlanceData:
    """Everything the panel shows, worked out by the screen from the core."""

    bars: list[MapBar]
    next_unlock: NextUnlock | None
    last_game: LastGame | None
    streak: Streak
    changed: int
    now: datetime


def map_lines(bars: list[MapBar], width: int) -> Content:
    """One line per dimension, every bar on the same scale: the share of its questions."""
    lines = []
    for b in bars:
        drawn = bar([(b.fresh, FILL, "$success"), (b.stale, HALF, "$warning")], b.total, width)
        count = f"{b.known}/{b.total}" if b.total else "—"
        lines.append(Content.assemble(f"{b.dimension.value:<13}", drawn, f" {count:>7}"))
    return Content("\n").join(lines)


class Glance(Static):
    """A read-only panel: it holds no game state, only what it was last shown.

    ``data`` comes down from the screen (``data_bind``); the panel redraws when it
    changes. One widget drawing every part: each widget costs time when the home opens.
    """

    data: var[GlanceData | None] = var(None, init=False)

    DEFAULT_CSS = """
    Glance { height: auto; width: 1fr; }
    """

    BAR_WIDTH = 16

    def on_mount(self) -> None:
        if self.data is not None:
            self.show(self.data)

    def watch_data(self, data: GlanceData | None) -> None:
        if data is not None and self.is_mounted:
            self.show(data)

    def show(self, data: GlanceData) -> None:
        self.update(panel(data, self.BAR_WIDTH))


def panel(data: GlanceData, width: int) -> Content:
    """The whole panel: the love map bars, the next deck, the last game, the streak."""
    head = Content.styled("What you know of each other", "bold $accent")
    legend = Content.assemble((FILL, "$success"), " fresh  ", (HALF, "$warning"), " stale  · not asked yet").stylize(
        "$text-muted"
    )
    unlock = data.next_unlock
    if unlock is None:
        next_text = Content("Every deck that play can open is open.")
    else:
        next_text = Content.assemble(
            ("Next deck: ", "bold"),
            unlock.title,
            "\n",
            share_bar(unlock.share, width),
            f" {unlock.share:.0%} of the way\n",
            (unlock.text, "$text-muted"),
        )
    last = data.last_game
    if last is None:
        last_text = "No game played yet: your first is waiting."
    else:
        last_text = f"Last game {ago(last.at, data.now)}: {last.in_sync} of {last.rounds} in sync"
    s = data.streak
    if s.days == 0:
        streak_text = "Play today to start a streak."
    else:
        days = f"{s.days}+ days" if s.at_least else plural(s.days, "day")
        streak_text = f"Streak: {days} in a row"
    if data.changed:
        changed = f"{plural(data.changed, 'answer')} changed since last asked"
    else:
        changed = "No answer changed since last asked."
    return Content("\n").join(
        [
            head,
            map_lines(data.bars, width),
            legend,
            Content(""),
            next_text,
            Content(""),
            Content(last_text),
            Content(streak_text),
            Content(changed),
        ]
    )
