"""Welcome: pick or create a couple. Reads only each profile's couple."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from nuzzle_game.paths import shown_path
from nuzzle_game.ui.screens.base import NuzzleScreen
from nuzzle_game.ui.widgets.footer import Footer


class WelcomeScreen(NuzzleScreen[None]):
    BINDINGS = [
        Binding("n", "new_couple", "New couple"),
        Binding("enter", "open_selected", "Open", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome", classes="page"):
            yield Static("Welcome to Nuzzle", classes="title")
            yield Static(
                "A game for two, side by side: guess what your partner would say right now, and find out what changed.",
                classes="lede",
            )
            yield Label("Who's playing?", classes="section")
            yield OptionList(id="couples", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Open", id="open", variant="primary")
                yield Button("New couple", id="new")
            yield Static(Content(f"Saves: {shown_path(self.app.config.saves.root)}"), id="saves-path", classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_couples()
        # Once the welcome is on screen, and only if there is a couple to open; the
        # saves read ahead are those of the couple under the cursor, most likely the
        # one about to be opened.
        couples = self.query_one("#couples", OptionList)
        if any(not option.disabled for option in couples.options):
            first = couples.get_option_at_index(couples.highlighted or 0)
            self.call_after_refresh(self.app.preload, None if first.disabled else first.id)

    def on_screen_resume(self) -> None:
        self.refresh_couples()

    def refresh_couples(self) -> None:
        couples = self.query_one("#couples", OptionList)
        couples.clear_options()
        for name, summary, problem in self.app.config.saves.couple_summaries():
            if problem:
                couples.add_option(Option(Content(f"{name}: {problem}"), id=name, disabled=True))
            else:
                couples.add_option(Option(Content.assemble(summary, (f" · profile {name}", "$text-muted")), id=name))
        if couples.option_count:
            couples.highlighted = 0
            couples.focus()
        else:
            couples.add_option(Option("No couples yet: press n to create one.", disabled=True))
            self.query_one("#new", Button).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option.id)

    def action_open_selected(self) -> None:
        couples = self.query_one("#couples", OptionList)
        if couples.highlighted is not None:
            option = couples.get_option_at_index(couples.highlighted)
            if not option.disabled:
                self._open(option.id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "open":
            self.action_open_selected()
        elif event.button.id == "new":
            self.action_new_couple()

    @work(exclusive=True, group="new-couple")
    async def action_new_couple(self) -> None:
        """Names first; then each partner's opt-in, alone, after a hand-off."""
        from nuzzle_game.ui.screens.new_couple import NewCoupleScreen
        from nuzzle_game.ui.screens.opt_in import OptInScreen

        app = self.app
        couple = await app.push_screen_wait(NewCoupleScreen(app.config.saves, app.config.clock()))
        if couple is None:
            return
        players = list(couple.players)
        for i in (0, 1):
            me, other = players[i], players[1 - i]
            yes = await app.push_screen_wait(OptInScreen(me.name, other.name, first_time=True))
            players[i] = me.model_copy(update={"opted_in": bool(yes)})
        if app.create_profile(couple.model_copy(update={"players": tuple(players)})):
            self._go_home()

    def _open(self, name: str | None) -> None:
        if name and self.app.open_profile(name):
            self._go_home()

    def _go_home(self) -> None:
        from nuzzle_game.ui.screens.home import HomeScreen

        self.app.switch_screen(HomeScreen())
