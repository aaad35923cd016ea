"""The couple at a glance: love map bars, the next unlock, the last game, the streak."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from ...glance import LastGame, MapBar, NextUnlock, Streak
from ...text import ago, plural
from .bars import FILL, HALF, bar, share_bar


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


class Glance(Vertical):
    """A read-only panel: it holds no game state, only what it was last shown.

    ``data`` comes down from the screen (``data_bind``); the panel redraws when it changes.
    """

    data: var[GlanceData | None] = var(None, init=False)

    DEFAULT_CSS = """
    Glance { height: auto; width: 1fr; }
    Glance Static { height: auto; }
    Glance .glance-head { text-style: bold; color: $accent; }
    Glance .glance-gap { padding: 1 0 0 0; }
    """

    BAR_WIDTH = 16

    def compose(self) -> ComposeResult:
        yield Static("What you know of each other", classes="glance-head")
        yield Static(id="map-bars")
        yield Static(
            Content.assemble((FILL, "$success"), " fresh  ", (HALF, "$warning"), " stale  · not asked yet"),
            id="map-legend",
            classes="muted",
        )
        yield Static(id="next-unlock", classes="glance-gap")
        yield Static(id="last-game", classes="glance-gap")
        yield Static(id="streak")
        yield Static(id="changed")

    def on_mount(self) -> None:
        if self.data is not None:
            self.show(self.data)

    def watch_data(self, data: GlanceData | None) -> None:
        if data is not None and self.is_mounted:
            self.show(data)

    def show(self, data: GlanceData) -> None:
        self.query_one("#map-bars", Static).update(map_lines(data.bars, self.BAR_WIDTH))
        unlock = data.next_unlock
        if unlock is None:
            next_text = Content("Every deck that play can open is open.")
        else:
            next_text = Content.assemble(
                ("Next deck: ", "bold"),
                unlock.title,
                "\n",
                share_bar(unlock.share, self.BAR_WIDTH),
                f" {unlock.share:.0%} of the way\n",
                (unlock.text, "$text-muted"),
            )
        self.query_one("#next-unlock", Static).update(next_text)
        last = data.last_game
        if last is None:
            last_text = "No game played yet: your first is waiting."
        else:
            last_text = f"Last game {ago(last.at, data.now)}: {last.in_sync} of {last.rounds} in sync"
        self.query_one("#last-game", Static).update(Content(last_text))
        s = data.streak
        if s.days == 0:
            streak_text = "Play today to start a streak."
        else:
            days = f"{s.days}+ days" if s.at_least else plural(s.days, "day")
            streak_text = f"Streak: {days} in a row"
        self.query_one("#streak", Static).update(streak_text)
        if data.changed:
            changed = f"{plural(data.changed, 'answer')} changed since last asked"
        else:
            changed = "No answer changed since last asked."
        self.query_one("#changed", Static).update(changed)
