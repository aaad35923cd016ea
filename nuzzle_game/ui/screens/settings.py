"""Settings: rounds per game, staleness, each partner's private opt-in, theme, motion."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Header, Input, Label, Static

from nuzzle_game.ui.numbers import number_field, read_number
from nuzzle_game.ui.screens.base import FORM_BINDINGS, NuzzleScreen
from nuzzle_game.ui.widgets.footer import Footer
from nuzzle_game.ui.widgets.situation import SituationForm


class SettingsScreen(NuzzleScreen[None]):
    CSS_PATH = "review.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back"), Binding("ctrl+s", "save", "Save"), *FORM_BINDINGS]

    def compose(self) -> ComposeResult:
        state = self.session.state
        yield Header()
        with VerticalScroll(classes="page", id="settings"):
            yield Static("Settings", classes="title")
            with Horizontal(classes="setting"):
                yield Label("Rounds per game", classes="setting-label")
                yield number_field(state.settings.rounds, "rounds", 1, 30, "Rounds per game")
            with Horizontal(classes="setting"):
                yield Label("Answers go stale after (days)", classes="setting-label")
                yield number_field(state.settings.stale_after_days, "stale", 1, 3650, "Stale after, in days")
            # Situation: which situational questions fit (a self-contained block).
            yield Label("Your life now, so the game asks what fits", classes="section")
            yield SituationForm(state.couple.situation, (state.couple.name(0), state.couple.name(1)), id="situation")
            yield Checkbox("Light theme", value=self.app.theme == "textual-light", id="light", compact=True)
            yield Checkbox(
                "Reduced motion (no celebration at the reveal)",
                value=self.app.reduced_motion,
                id="motion",
                compact=True,
            )
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
            yield Static("Intimate questions", classes="section")
            yield Static(
                "Each of you decides alone: intimate questions appear only while both of you say yes. "
                "Neither of you sees the other's choice here.",
                classes="muted",
            )
            with Horizontal(classes="buttons"):
                for i, player in enumerate(state.couple.players):
                    yield Button(Content(f"{player.name}'s private choice"), id=f"opt-{i}", compact=True)
        yield Footer()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "light":
            self.app.set_theme("light" if event.value else "dark")
        elif event.checkbox.id == "motion":
            self.app.set_reduced_motion(event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button.startswith("opt-"):
            self.choose_privately(int(button[-1]))
        else:
            self.action_save()

    @work(exclusive=True, group="opt-in")
    async def choose_privately(self, index: int) -> None:
        """A hand-off, then one partner's choice; saved at once, shown to no one."""
        from nuzzle_game.store.errors import SaveError
        from nuzzle_game.ui.screens.opt_in import OptInScreen

        profile = self.profile
        couple = profile.state.couple
        me, other = couple.players[index], couple.players[1 - index]
        yes = await self.app.push_screen_wait(OptInScreen(me.name, other.name, current=me.opted_in))
        if yes == me.opted_in:
            return
        players = list(couple.players)
        players[index] = me.model_copy(update={"opted_in": yes})
        try:
            profile.update_couple(couple.model_copy(update={"players": tuple(players)}))
        except SaveError as problem:
            self.app.report(problem)
            return
        self.app.notify(f"{me.name}'s choice is saved.", markup=False)

    def action_save(self) -> None:
        from nuzzle_game.store.errors import SaveError

        profile = self.profile
        state = profile.state
        error = self.query_one("#error", Static)
        rounds, stale = read_number(self.query_one("#rounds", Input)), read_number(self.query_one("#stale", Input))
        for value in (rounds, stale):
            if isinstance(value, str):
                error.update(value)
                return
        before = (state.settings, state.couple)
        state.settings = state.settings.model_copy(update={"rounds": rounds, "stale_after_days": stale})
        try:
            situation = self.query_one(SituationForm).value or state.couple.situation
            profile.update_couple(state.couple.model_copy(update={"situation": situation}))
        except SaveError as problem:
            state.settings, state.couple = before  # memory stays what the disk holds
            self.app.report(problem)
            return
        self.app.notify("Settings saved.", markup=False)
        self.app.pop_screen()
