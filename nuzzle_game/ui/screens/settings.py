"""Settings: each partner's opt-in, rounds per game, staleness, theme."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Static, Switch

from ...models import Player
from ..widgets.situation import SituationForm


class SettingsScreen(Screen[None]):
    CSS_PATH = "review.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back"), Binding("ctrl+s", "save", "Save")]

    def compose(self) -> ComposeResult:
        state = self.app.session.state
        yield Header()
        with VerticalScroll(classes="page", id="settings"):
            yield Static("Settings", classes="title")
            for i, player in enumerate(state.couple.players):
                with Horizontal(classes="setting"):
                    yield Switch(value=player.opted_in, id=f"opt-{i}")
                    yield Label(Content(f"{player.name} opts in to intimate questions"))
            yield Static("Intimate questions appear only while both of you are opted in.", classes="muted")
            with Horizontal(classes="setting"):
                yield Label("Rounds per game")
                yield Input(str(state.settings.rounds), id="rounds", type="integer", max_length=2, compact=True)
            with Horizontal(classes="setting"):
                yield Label("Answers go stale after (days)")
                yield Input(str(state.settings.stale_after_days), id="stale", type="integer", max_length=4, compact=True)
            # Situation: which situational questions fit (a self-contained block).
            yield Label("Your life now, so the game asks what fits", classes="section")
            yield SituationForm(state.couple.situation, (state.couple.name(0), state.couple.name(1)), id="situation")
            with Horizontal(classes="setting"):
                yield Switch(value=self.app.theme == "textual-light", id="light")
                yield Label("Light theme")
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
        yield Footer()

    def on_switch_changed(self, event: Switch.Changed) -> None:
        if event.switch.id == "light":
            self.app.set_theme("light" if event.value else "dark")

    def on_button_pressed(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        from ...store.errors import SaveError

        profile = self.app.profile
        state = profile.state
        error = self.query_one("#error", Static)
        rounds, stale = self.query_one("#rounds", Input).value, self.query_one("#stale", Input).value
        if not rounds.isdigit() or not 1 <= int(rounds) <= 30:
            error.update("Rounds per game: a number from 1 to 30.")
            return
        if not stale.isdigit() or not 1 <= int(stale) <= 3650:
            error.update("Stale after: a number of days from 1 to 3650.")
            return
        players = tuple(
            Player(name=p.name, opted_in=self.query_one(f"#opt-{i}", Switch).value)
            for i, p in enumerate(state.couple.players)
        )
        state.settings = state.settings.model_copy(update={"rounds": int(rounds), "stale_after_days": int(stale)})
        try:
            situation = self.query_one(SituationForm).value or state.couple.situation
            profile.update_couple(state.couple.model_copy(update={"players": players, "situation": situation}))
        except SaveError as problem:
            self.app.report(problem)
            return
        self.app.notify("Settings saved.", markup=False)
        self.app.pop_screen()
