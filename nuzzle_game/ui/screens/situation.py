"""A couple's situation, asked once before their first game (and kept in Settings)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from nuzzle_game.core.situation import Situation
from nuzzle_game.ui.widgets.situation import SituationForm


class SituationScreen(ModalScreen[Situation | None]):
    """Dismisses with the couple's answers, or None for "not now"."""

    BINDINGS = [Binding("escape", "not_now", "Not now"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, names: tuple[str, str], situation: Situation | None = None) -> None:
        super().__init__()
        self.names = names
        self.situation = situation

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("A little about your life", classes="title")
            yield Static(
                "So the game only asks what fits the two of you. You can change this in Settings.",
                classes="muted",
            )
            yield SituationForm(self.situation, self.names, id="situation")
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Not now", id="not-now", compact=True)

    def on_mount(self) -> None:
        self.query_one("#home").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_not_now()

    def action_not_now(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        value = self.query_one(SituationForm).value
        if value is None:
            self.query_one("#error", Static).update("Pick where you live first; the rest only if it fits.")
            return
        self.dismiss(value)
