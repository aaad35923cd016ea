"""Handoff: whose turn it is, and who looks away. Shows no answer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static


class HandoffScreen(ModalScreen[bool]):
    CSS_PATH = "round.tcss"
    """Dismisses True when the player is ready, False to pause the game."""

    BINDINGS = [Binding("escape", "pause", "Pause game"), Binding("enter", "ready", "Ready", show=False)]

    def __init__(self, player: str, other: str, role: str, number: tuple[int, int]) -> None:
        super().__init__()
        self.player, self.other, self.role, self.number = player, other, role, number

    def compose(self) -> ComposeResult:
        verb = "answer" if self.role == "answer" else "guess"
        with Vertical(classes="handoff"):
            yield Static(f"Round {self.number[0]} of {self.number[1]}", classes="muted")
            yield Static(Content(f"{self.player}, your turn to {verb}"), classes="title", id="turn")
            yield Static(Content(f"{self.other}, look away for a moment."), classes="lede", id="look-away")
            with Center():
                yield Button(Content(f"I'm {self.player}, ready"), id="ready", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ready", Button).focus()

    def on_button_pressed(self) -> None:
        self.action_ready()

    def action_ready(self) -> None:
        self.dismiss(True)

    def action_pause(self) -> None:
        self.dismiss(False)
