"""Create a couple: two names and a profile name. Opt-ins come after, each in private."""

from __future__ import annotations

import unicodedata
from datetime import datetime

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from nuzzle_game.core.models import Couple, Player
from nuzzle_game.paths import profile_name, unique_profile_name
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.ui.screens.base import FORM_BINDINGS
from nuzzle_game.ui.widgets.footer import Footer


class NewCoupleScreen(ModalScreen[Couple | None]):
    """Dismisses a couple with both opt-ins off: each partner then chooses alone."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "create", "Create"), *FORM_BINDINGS]

    def __init__(self, saves: SaveFolder, now: datetime) -> None:
        super().__init__()
        self.saves = saves
        self.now = now
        self.profile_edited = False
        self.suggested = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("A new couple", classes="title")
            yield Label("First partner's name")
            yield Input(id="name-a", max_length=24, compact=True)
            yield Label("Second partner's name")
            yield Input(id="name-b", max_length=24, compact=True)
            yield Label("Profile name (for saves and `nuzzle export`)")
            yield Input(id="profile", max_length=40, compact=True)
            yield Static(
                "Next, each of you decides about intimate questions in turn, alone: the other looks away.",
                classes="muted",
            )
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Create", id="create", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#name-a", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        profile = self.query_one("#profile", Input)
        if event.input is profile:
            # Typing a name of their own stops the suggestions; clearing it brings them back.
            self.profile_edited = event.value not in ("", self.suggested)
            return
        # Typed by hand, even if that field's own message is still on its way.
        self.profile_edited = self.profile_edited or profile.value not in ("", self.suggested)
        if not self.profile_edited:
            a, b = self.query_one("#name-a", Input).value, self.query_one("#name-b", Input).value
            self.suggested = (
                unique_profile_name(profile_name(a, b), self.saves.exists) if a.strip() or b.strip() else ""
            )
            self.query_one("#profile", Input).value = self.suggested

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "name-a":
            self.query_one("#name-b", Input).focus()
        else:
            self.action_create()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "create":
            self.action_create()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_create(self) -> None:
        a = self.query_one("#name-a", Input).value
        b = self.query_one("#name-b", Input).value
        profile = unicodedata.normalize("NFC", self.query_one("#profile", Input).value.strip())
        error = self.query_one("#error", Static)
        if not a.strip() or not b.strip():
            error.update("Both of you need a name.")
            return
        if not profile:
            profile = unique_profile_name(profile_name(a, b), self.saves.exists)
        if self.saves.exists(profile):
            error.update(f"A couple called '{profile}' is already saved here: pick another profile name.")
            return
        try:
            couple = Couple(profile=profile, players=(Player(name=a), Player(name=b)), created_at=self.now)
        except ValidationError as problem:
            message = problem.errors()[0]["msg"].removeprefix("Value error, ")
            error.update(message[:1].upper() + message[1:] + ".")
            return
        self.dismiss(couple)
