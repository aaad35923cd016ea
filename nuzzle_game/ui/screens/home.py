"""The couple's home: play, check in, resume, and every other screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from ...text import percent, plural
from ..commands import home_bindings, menu_commands


class HomeScreen(Screen[None]):
    CSS_PATH = "home.tcss"
    # The menu and its keys come from the one list of commands.
    BINDINGS = home_bindings()

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="page", id="home"):
            yield Static(id="couple", classes="title")
            yield Static(id="headline", classes="lede")
            yield Button("Resume", id="resume", variant="success")
            yield Button(Content("x  End the game in progress"), id="end", classes="menu")
            for command in menu_commands():
                yield Button(Content(f"{command.key}  {command.menu_label}"), id=command.name, classes="menu")
        yield Footer()

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
        self.query_one("#couple", Static).update(Content(f"{a} & {b}"))
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
            if game.over:  # quit on the last reveal: only the summary is left
                resume.label = f"See how the {game.mode.value} went"
            else:
                resume.label = f"Resume the {game.mode.value}: round {game.revealed + 1} of {game.total_rounds}"
            resume.focus()
        else:
            self.query_one("#play", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_menu(event.button.id or "")

    def action_menu(self, choice: str) -> None:
        self.app.run_command("play" if choice == "resume" else choice)
