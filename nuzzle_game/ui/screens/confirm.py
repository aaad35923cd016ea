"""A yes/no question before anything that cannot be undone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from nuzzle_game.ui.screens.base import NuzzleModal
from nuzzle_game.ui.widgets.footer import Footer


class ConfirmScreen(NuzzleModal[bool]):
    """Dismisses True for yes; False (or Escape) keeps things as they are."""

    BINDINGS = [Binding("escape", "no", "Cancel"), Binding("y", "yes", "Yes")]

    def __init__(self, question: str, yes: str, no: str = "Keep it") -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.question), classes="lede", id="question")
            with Horizontal(classes="buttons"):
                yield Button(Content(self.yes), id="yes", variant="warning", compact=True)
                yield Button(Content(self.no), id="no", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)
