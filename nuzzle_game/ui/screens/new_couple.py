"""Create a couple: two names and each partner's own opt-in to sensitive content."""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from ...models import Couple, Player
from ...store.folder import SaveFolder


def profile_name(a: str, b: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", f"{a}-{b}".lower()).strip("-")[:40]
    return slug or "couple"


class NewCoupleScreen(ModalScreen[Couple | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, saves: SaveFolder, now: datetime) -> None:
        super().__init__()
        self.saves = saves
        self.now = now

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("A new couple", classes="title")
            yield Label("First partner's name")
            yield Input(id="name-a", max_length=24, compact=True)
            yield Checkbox("Opt in to intimate (sexual) questions", id="opt-a", compact=True)
            yield Label("Second partner's name")
            yield Input(id="name-b", max_length=24, compact=True)
            yield Checkbox("Opt in to intimate (sexual) questions", id="opt-b", compact=True)
            yield Static(
                "Intimate questions appear only when both of you opt in, and either of you can "
                "switch them off in Settings at any time.",
                classes="muted",
            )
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Create", id="create", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#name-a", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "name-a":
            self.query_one("#name-b", Input).focus()
        else:
            self.create()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "create":
            self.create()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def create(self) -> None:
        a = self.query_one("#name-a", Input).value
        b = self.query_one("#name-b", Input).value
        error = self.query_one("#error", Static)
        if not a.strip() or not b.strip():
            error.update("Both of you need a name.")
            return
        base = profile_name(a, b)
        profile, n = base, 2
        while self.saves.exists(profile):
            profile, n = f"{base[:36]}-{n}", n + 1
        try:
            couple = Couple(
                profile=profile,
                players=(
                    Player(name=a, opted_in=self.query_one("#opt-a", Checkbox).value),
                    Player(name=b, opted_in=self.query_one("#opt-b", Checkbox).value),
                ),
                created_at=self.now,
            )
        except ValidationError as problem:
            error.update(problem.errors()[0]["msg"].removeprefix("Value error, "))
            return
        self.dismiss(couple)
