"""Handoff: whose turn it is, and who looks away. Shows no answer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from nuzzle_game.play.hotseat import Handoff
from nuzzle_game.play.views import Task
from nuzzle_game.ui.screens.base import NuzzleModal
from nuzzle_game.ui.widgets.footer import Footer


class HandoffScreen(NuzzleModal[bool]):
    """Dismisses True when the player is ready, False to pause the game.

    A key pressed on the screen before this one (an Enter that came with
    Ctrl+S) never reaches it: see ``NuzzleModal``.
    """

    CSS_PATH = "round.tcss"
    BINDINGS = [Binding("escape", "pause", "Pause game"), Binding("enter", "ready", "Ready", show=False)]

    def __init__(self, player: str, other: str, turn: str, top: str) -> None:
        super().__init__()
        self.player, self.other, self.turn, self.top = player, other, turn, top

    @classmethod
    def for_round(cls, step: Handoff) -> HandoffScreen:
        verb = "answer" if step.task is Task.ANSWER else "guess"
        top = f"Round {step.round.number} of {step.round.total}"
        return cls(step.player_name, step.other_name, f"{step.player_name}, your turn to {verb}", top)

    @classmethod
    def for_half(cls, player: str, other: str) -> HandoffScreen:
        return cls(player, other, f"{player}, your half of today's check-in", "Check-in in halves")

    def compose(self) -> ComposeResult:
        with Vertical(classes="handoff"):
            yield Static(Content(self.top), classes="muted")
            yield Static(Content(self.turn), classes="title", id="turn")
            yield Static(Content(f"{self.other}, look away for a moment."), classes="lede", id="look-away")
            with Center():
                yield Button(Content(f"I'm {self.player}, ready"), id="ready", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ready", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_ready()

    def action_ready(self) -> None:
        self.dismiss(True)

    def action_pause(self) -> None:
        self.dismiss(False)
