"""Game setup: how many rounds, which open decks.

A couple whose situation is not told yet (a new couple, an older save) is asked
it first, as a step of its own: the setup waits, unseen, until it is answered
or put off ("Not now" asks again next time).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, SelectionList, Static

from nuzzle_game.core.game import CHECKIN_ROUNDS, GameMode
from nuzzle_game.core.situation import Situation
from nuzzle_game.ui.numbers import number_field, read_number
from nuzzle_game.ui.screens.base import FORM_BINDINGS, NuzzleModal
from nuzzle_game.ui.widgets.footer import Footer
from nuzzle_game.ui.widgets.toggles import TickList


@dataclass(frozen=True)
class SetupChoice:
    mode: GameMode
    rounds: int
    deck_ids: list[str]


class SetupScreen(NuzzleModal[SetupChoice | None]):
    DEFAULT_CSS = """
    SetupScreen #rounds {
        width: 6;
    }
    SetupScreen Input {
        background: $panel;
    }
    SetupScreen Input:focus {
        background: $primary 30%;
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "start", "Start"), *FORM_BINDINGS]

    def __init__(self, mode: GameMode) -> None:
        super().__init__()
        self.mode = mode

    def compose(self) -> ComposeResult:
        session = self.session
        settings = session.state.settings
        checkin = self.mode is GameMode.CHECKIN
        with Vertical(classes="dialog", id="setup"):
            yield Static("Daily check-in" if checkin else "A new game", classes="title")
            if checkin:
                yield Static(
                    f"{CHECKIN_ROUNDS} quick rounds, starting with how you feel, drawn from what "
                    "has gone stale or was never asked.",
                    classes="muted",
                )
            else:
                yield Label("Rounds (1 to 30)")
                yield number_field(settings.rounds, "rounds", 1, 30, "Rounds")
            yield Label("Decks")
            disabled = set(settings.disabled_decks)
            yield TickList(
                *[
                    (Content(f"{d.title} ({len(d.questions)})"), d.id, d.id not in disabled)
                    for d in session.available_decks()
                ],
                id="decks",
                compact=True,
            )
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Start", id="start", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#start", Button).focus()
        couple = self.session.state.couple
        if couple.situation is None:
            # Its own step, before the setup (not a dialog stacked on it).
            from nuzzle_game.ui.screens.situation import SituationScreen

            self.query_one("#setup").display = False
            names = (couple.name(0), couple.name(1))
            self.app.push_screen(SituationScreen(names, first=True), self._situation_answered)

    def _situation_answered(self, situation: Situation | None) -> None:
        self.query_one("#setup").display = True
        self.query_one("#start", Button).focus()
        if situation is None:
            return
        from nuzzle_game.store.errors import SaveError

        profile = self.profile
        try:
            profile.update_couple(profile.state.couple.model_copy(update={"situation": situation}))
        except SaveError as problem:
            self.app.report(problem)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        else:
            self.action_cancel()

    def on_input_submitted(self) -> None:
        self.action_start()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_start(self) -> None:
        error = self.query_one("#error", Static)
        rounds = CHECKIN_ROUNDS
        if self.mode is GameMode.GAME:
            number = read_number(self.query_one("#rounds", Input))
            if isinstance(number, str):
                error.update(number)
                return
            rounds = number
        decks = list(self.query_one("#decks", SelectionList).selected)
        if not decks:
            error.update("Choose at least one deck.")
            return
        self.dismiss(SetupChoice(self.mode, rounds, decks))
