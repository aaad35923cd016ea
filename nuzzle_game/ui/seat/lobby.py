"""Between games: either partner starts a check-in or a game for both seats, or
looks at the love map and the things that changed (the App asks the table)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from nuzzle_game.core.game import GameMode
from nuzzle_game.ui.widgets.footer import Footer
from nuzzle_game.ui.widgets.partner_line import PartnerLine

LOOKS = {"love-map": "app.love_map", "changes": "app.changes"}


class LobbyScreen(ModalScreen[GameMode]):
    """Dismisses with the mode to start."""

    BINDINGS = [
        Binding("c", "start('check-in')", "Check-in"),
        Binding("g", "start('game')", "Game"),
        # Shown beside their buttons, so the Footer keeps room at a phone's width.
        Binding("l", "app.love_map", "Love map", show=False),
        Binding("t", "app.changes", "Changes", show=False),
        Binding("ctrl+q", "app.quit", "Leave the table"),
    ]

    def __init__(self, me: str, partner: str, partner_text: str = "") -> None:
        super().__init__()
        self.me, self.partner, self.partner_text = me, partner, partner_text

    def compose(self) -> ComposeResult:
        with Vertical(classes="page", id="lobby"):
            yield Static(Content(f"{self.me}'s seat"), classes="title")
            yield Static(
                Content(
                    f"You and {self.partner} each play on your own screen: you both answer and "
                    "guess at once, and nobody has to look away."
                ),
                classes="lede",
            )
            yield Button(Content("c  Daily check-in (3 quick rounds)"), id="check-in", classes="menu")
            yield Button(Content("g  Play a game"), id="game", classes="menu")
            yield Button(Content("l  Love map"), id="love-map", classes="menu look")
            yield Button(Content("t  Things that changed"), id="changes", classes="menu look")
        yield PartnerLine(self.partner_text)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#check-in", Button).focus()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id in LOOKS:
            await self.run_action(LOOKS[event.button.id])
        else:
            self.action_start(event.button.id or "check-in")

    def action_start(self, mode: str) -> None:
        self.dismiss(GameMode(mode))
