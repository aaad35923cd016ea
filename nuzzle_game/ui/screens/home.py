"""The couple's home: play, check in, resume, and every other screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from ...game import GameMode
from ...text import percent, plural
from ..widgets.glance import Glance, GlanceData

NARROW = 72  # below this many columns the glance goes under the menu

MENU = [
    ("play", "Play a game", "g"),
    ("checkin", "Daily check-in (3 quick rounds)", "c"),
    ("lovemap", "Love map", "l"),
    ("changes", "Answers that changed", "t"),
    ("decks", "Decks", "d"),
    ("stats", "Stats", "s"),
    ("settings", "Settings", "o"),
    ("switch", "Switch couple", "w"),
]


class HomeScreen(Screen[None]):
    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("g", "menu('play')", "Game"),
        Binding("c", "menu('checkin')", "Check-in"),
        Binding("l", "menu('lovemap')", "Love map"),
        Binding("t", "menu('changes')", "Changed"),
        Binding("d", "menu('decks')", "Decks", show=False),
        Binding("s", "menu('stats')", "Stats", show=False),
        Binding("o", "menu('settings')", "Settings", show=False),
        Binding("w", "menu('switch')", "Switch couple", show=False),
        Binding("x", "menu('end')", "End game", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(classes="page", id="home-page"):
            yield Static(id="couple", classes="title")
            yield Static(id="headline", classes="lede")
            with Horizontal(id="home-body"):
                with Vertical(id="home"):
                    yield Button("Resume", id="resume", variant="success")
                    yield Button(Content("x  End the game in progress"), id="end", classes="menu")
                    for key, label, shortcut in MENU:
                        yield Button(Content(f"{shortcut}  {label}"), id=key, classes="menu")
                yield Glance(id="glance")
        yield Footer()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "narrow")

    def on_mount(self) -> None:
        self.refresh_view()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        session = self.app.session
        if session is None:
            return
        state = session.state
        a, b = (p.name for p in state.couple.players)
        self.query_one("#couple", Static).update(
            Content.assemble(f"{a} & {b}", ("  ·  profile ", "$text-muted not bold"), (state.couple.profile, "$text-muted not bold"))
        )
        self.query_one(Glance).show(self.glance_data())
        total = state.aggregates.total
        if total.rounds:
            line = (
                f"{plural(state.aggregates.games, 'game')} together · in sync {percent(total.in_sync_rate)} "
                f"· {plural(state.aggregates.discoveries, 'discovery', 'discoveries')}"
            )
        else:
            line = "Your first game is waiting. Each miss is something new to learn."
        self.query_one("#headline", Static).update(line)
        resume = self.query_one("#resume", Button)
        game = session.game
        resume.display = game is not None
        self.query_one("#end", Button).display = game is not None
        if game is not None:
            resume.label = f"Resume the {game.mode.value}: round {min(game.revealed + 1, game.total_rounds)} of {game.total_rounds}"
            resume.focus()
        else:
            self.query_one("#play", Button).focus()

    def glance_data(self) -> GlanceData:
        from collections import Counter

        from ... import glance

        session = self.app.session
        state = session.state
        now = self.app.config.clock()
        totals = Counter(q.dimension for d in session.available_decks() for q in d.questions)
        return GlanceData(
            bars=glance.map_bars(state.love_maps, dict(totals), now, state.settings.stale_after_days),
            next_unlock=glance.next_unlock(session.library.decks, state),
            last_game=glance.last_game(state.aggregates),
            streak=glance.streak(state.aggregates.recent_games, now.date()),
            changed=sum(e.changed for m in state.love_maps for e in m.entries.values()),
            now=now,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_menu(event.button.id or "")

    def end_game(self) -> None:
        from ...store.errors import SaveError
        from .confirm import ConfirmScreen

        session = self.app.session
        if session is None or session.game is None:
            return

        def decided(yes: bool | None) -> None:
            if not yes:
                return
            try:
                session.abandon()
            except SaveError as error:
                self.app.report(error)
            self.refresh_view()

        kept = session.game.revealed
        if kept == 0:
            fate = "No round is revealed yet, so nothing is lost."
        elif kept == 1:
            fate = "The one revealed round stays on your love map; the rest is dropped."
        else:
            fate = f"The {kept} revealed rounds stay on your love map; the rest is dropped."
        self.app.push_screen(ConfirmScreen(f"End this game now? {fate}", "End the game"), decided)

    def action_menu(self, choice: str) -> None:
        app = self.app
        if choice in ("play", "resume"):
            app.start_game(GameMode.GAME)
        elif choice == "checkin":
            app.start_game(GameMode.CHECKIN)
        elif choice == "switch":
            app.go_welcome()
        elif choice == "end":
            self.end_game()
        else:
            app.show(choice)
