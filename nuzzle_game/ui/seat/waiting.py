"""The seat's own screen under every other: who this seat is, and what is happening."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from nuzzle_game.ui.widgets.footer import Footer


class WaitingScreen(Screen[None]):
    """Shown while this seat waits (for the table, or for the partner)."""

    BINDINGS = [
        Binding("l", "app.love_map", "Love map"),
        Binding("t", "app.changes", "Changes"),
        Binding("ctrl+q", "app.quit", "Leave the table"),
    ]

    def __init__(self, me: str) -> None:
        super().__init__()
        self.me = me

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="page", id="table"):
            yield Static(Content(f"{self.me}'s seat"), classes="title", id="seat-name")
            yield Static("Joining the table…", classes="lede", id="message")
        yield Static("", id="partner", classes="partner-line")
        yield Footer()

    def show(self, message: str, partner: str) -> None:
        self.query_one("#message", Static).update(Content(message))
        self.query_one("#partner", Static).update(Content(partner))
