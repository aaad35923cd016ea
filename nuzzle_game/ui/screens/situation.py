"""A couple's situation, asked before their first game (and kept in Settings)."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from nuzzle_game.core.situation import Situation
from nuzzle_game.ui.screens.base import FORM_BINDINGS, NuzzleModal
from nuzzle_game.ui.widgets.footer import Footer
from nuzzle_game.ui.widgets.situation import SituationForm

WHY = (
    "A few things about your life, so the game only asks what fits the two of you: "
    "nothing about children if you have none, or about a shared home if you live apart. "
    "You can change it any time in Settings."
)


class SituationScreen(NuzzleModal[Situation | None]):
    """Dismisses with the couple's answers, or None for "not now".

    ``first``: asked on the way to a game, as a step of its own.
    """

    DEFAULT_CSS = """
    SituationScreen #why {
        margin: 0 0 1 0;
    }
    SituationScreen #situation-page {
        height: auto;
    }
    SituationScreen .dialog {
        overflow-y: hidden;
    }
    """
    # Rows around the page: the Footer, the dialog's border and the room
    # around it, the error line and the buttons (which never scroll away).
    AROUND_PAGE = 7

    BINDINGS = [Binding("ctrl+s", "save", "Save"), Binding("escape", "not_now", "Not now"), *FORM_BINDINGS]

    def __init__(self, names: tuple[str, str], situation: Situation | None = None, first: bool = False) -> None:
        super().__init__()
        self.names = names
        self.situation = situation
        self.first = first

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with VerticalScroll(id="situation-page"):
                title = "Before you play: a little about your life" if self.first else "A little about your life"
                yield Static(title, classes="title")
                yield Static(WHY, classes="muted", id="why")
                yield SituationForm(self.situation, self.names, id="situation")
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Not now", id="not-now", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#home").focus()

    def on_resize(self, event: events.Resize) -> None:
        # A small terminal scrolls the questions, never the buttons off the dialog.
        self.query_one("#situation-page").styles.max_height = max(4, event.size.height - self.AROUND_PAGE)

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
