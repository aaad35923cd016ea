"""Whose half of today's check-in comes first, at the shared keyboard."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from nuzzle_game.ui.screens.base import NuzzleModal
from nuzzle_game.ui.widgets.footer import Footer


class WhoseHalfScreen(NuzzleModal[int | None]):
    """Dismisses with the player (0 or 1), or None."""

    CSS_PATH = "round.tcss"
    BINDINGS = [Binding("escape", "cancel", "Back")]

    def __init__(self, first: str, second: str) -> None:
        super().__init__()
        self.names = (first, second)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Check-in in halves", classes="title")
            yield Static(
                Content(
                    "Three questions, each asked both ways. Each of you plays a half alone, whenever you "
                    "are free: three answers for yourself and three guesses of the other. The reveal "
                    "comes when both halves are in."
                ),
                classes="lede",
            )
            yield Static("Whose half is it now?", classes="section")
            with Horizontal(classes="buttons"):
                for index, name in enumerate(self.names):
                    yield Button(Content(f"{name}'s"), id=f"half-{index}", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#half-0", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(0 if event.button.id == "half-0" else 1)

    def action_cancel(self) -> None:
        self.dismiss(None)
