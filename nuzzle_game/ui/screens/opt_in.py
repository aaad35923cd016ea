"""One partner's private choice about intimate questions, after a hand-off.

The screen never shows the other partner's choice; the sensitive deck opens
only when both said yes.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, ContentSwitcher, Static

from nuzzle_game.ui.widgets.footer import Footer


class OptInScreen(ModalScreen[bool]):
    """Dismisses with this partner's choice; Escape keeps ``current``."""

    CSS_PATH = "round.tcss"
    BINDINGS = [Binding("escape", "keep", "Keep as it is")]

    def __init__(self, player: str, other: str, current: bool = False, first_time: bool = False) -> None:
        super().__init__()
        self.player, self.other, self.current, self.first_time = player, other, current, first_time

    def compose(self) -> ComposeResult:
        with Vertical(classes="handoff"), ContentSwitcher(initial="pass", id="stages"):
            with Vertical(id="pass"):
                yield Static("A private choice", classes="muted")
                yield Static(Content(f"{self.player}, this one is yours alone"), classes="title")
                yield Static(Content(f"{self.other}, look away for a moment."), classes="lede")
                with Center():
                    yield Button(Content(f"I'm {self.player}, go on"), id="ready", variant="primary", compact=True)
            with Vertical(id="choose"):
                yield Static(Content(f"{self.player}, intimate questions?"), classes="title")
                yield Static(
                    Content(
                        "Intimate questions ask about desire and sex. They appear only if both of you "
                        f"say yes. {self.other} never sees what you chose, and you can change it in "
                        "Settings at any time, just as privately."
                    ),
                    classes="lede",
                )
                if not self.first_time:
                    now = "yes" if self.current else "not now"
                    yield Static(Content(f"Your choice so far: {now}."), classes="muted", id="so-far")
                with Horizontal(classes="buttons"):
                    yield Button("Yes, I'm open to them", id="yes", compact=True)
                    yield Button("Not now", id="no", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ready", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ready":
            self.query_one("#stages", ContentSwitcher).current = "choose"
            self.query_one("#no", Button).focus()
        else:
            self.dismiss(event.button.id == "yes")

    def action_keep(self) -> None:
        self.dismiss(self.current)
