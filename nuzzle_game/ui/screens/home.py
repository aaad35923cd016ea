"""The couple's home: play, check in, resume, and every other screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import var
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from nuzzle_game.core.text import percent, plural
from nuzzle_game.ui import checkin_flow
from nuzzle_game.ui.commands import home_bindings, menu_commands
from nuzzle_game.ui.screens.base import NuzzleScreen
from nuzzle_game.ui.widgets.footer import Footer
from nuzzle_game.ui.widgets.glance import Glance, GlanceData

NARROW = 72  # below this many columns the glance goes under the menu


class HomeScreen(NuzzleScreen[None]):
    # Its rules are in the app's stylesheet: a screen's own CSS_PATH re-parses the
    # stylesheet and restyles every widget when the screen is first shown.
    # The menu and its keys come from the one list of commands. The menu is one
    # OptionList, each item with its key, so the Footer keeps only the app's keys:
    # every widget (a Button, a FooterKey) costs the couple time on the way in.
    BINDINGS = home_bindings()  # type: ignore[assignment]

    # What the glance panel shows, worked out from the core; bound down to it.
    glance: var[GlanceData | None] = var(None)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(classes="page", id="home-page"):
            yield Static(id="couple", classes="title")
            yield Static(id="headline", classes="lede")
            with Horizontal(id="home-body"):
                yield OptionList(id="home", markup=False)
                yield Glance(id="glance").data_bind(data=HomeScreen.glance)
        yield Footer()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "narrow")

    def on_screen_resume(self) -> None:
        # Sent when the screen is first shown too: the one place it is filled in.
        self.refresh_view()

    def refresh_view(self) -> None:
        session = self.session
        if session is None:
            return
        state = session.state
        a, b = (p.name for p in state.couple.players)
        self.query_one("#couple", Static).update(
            Content.assemble(
                f"{a} & {b}", ("  ·  profile ", "$text-muted not bold"), (state.couple.profile, "$text-muted not bold")
            )
        )
        self.glance = self.glance_data()
        aggregates = state.aggregates
        total = aggregates.total
        if total.rounds:
            line = (
                # A check-in counts as a game, as on the welcome screen and in the stats.
                f"{plural(aggregates.games, 'game')} · in sync {percent(total.in_sync_rate)} "
                f"· {total.close} close · {plural(aggregates.discoveries, 'discovery', 'discoveries')}"
            )
        else:
            line = "Your first game is waiting. Each miss is something new to learn."
        waiting = checkin_flow.waiting(self.app)
        self.query_one("#headline", Static).update(f"{line}\n{waiting}" if waiting else line)
        menu = self.query_one("#home", OptionList)
        menu.set_options(self.menu_options())
        menu.highlighted = 0
        menu.focus()

    def menu_options(self) -> list[Option]:
        """The game in progress first (resume, end), then every command with its key."""
        options = []
        game = self.session.game
        if game is not None:
            if game.over:  # quit on the last reveal: only the summary is left
                resume = f"See how the {game.mode.value} went"
            else:
                resume = f"Resume the {game.mode.value}: round {game.revealed + 1} of {game.total_rounds}"
            # Its key is g, which plays the game in progress: no second "Play a game".
            options.append(Option(Content.styled(f"g  ▶ {resume}", "bold"), id="resume"))
            options.append(Option(Content("x  End the game in progress"), id="end"))
        options.extend(checkin_flow.options(self.app))
        for command in menu_commands():
            if game is not None and command.name == "play":
                continue
            options.append(Option(Content(f"{command.key}  {command.menu_label}"), id=command.name))
        return options

    def glance_data(self) -> GlanceData:
        from nuzzle_game.core import overview as glance
        from nuzzle_game.core.unlocks import visibility

        session = self.session
        state = session.state
        decks = session.library.decks
        now = self.app.config.clock()
        # A switched-off sensitive deck's answers are not counted (DESIGN §6).
        love_maps = visibility(decks, state.couple).love_maps(state.love_maps)
        return GlanceData(
            rows=glance.map_rows(love_maps, glance.knowable(decks, state.couple), now, state.settings.stale_after_days),
            names=(state.couple.name(0), state.couple.name(1)),
            next_unlock=glance.next_unlock(decks, state),
            last_game=glance.last_game(state.aggregates),
            streak=glance.streak(state.aggregates, now.date()),
            changed=sum(e.changed for m in love_maps for e in m.entries.values()),
            now=now,
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_menu(event.option.id or "")

    def action_menu(self, choice: str) -> None:
        if checkin_flow.run(self.app, choice):
            return
        self.app.run_command("play" if choice == "resume" else choice)
