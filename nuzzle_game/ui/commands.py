"""Every command of the app, defined once.

This list generates the home menu (its buttons and keys) and the command
palette; ``run`` carries any of them out. Add a command here and it appears in
all three places.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

if TYPE_CHECKING:
    from nuzzle_game.ui.app import NuzzleApp


@dataclass(frozen=True)
class Command:
    name: str  # what ``run`` is given
    title: str  # in the palette, and on the home menu unless ``menu`` says otherwise
    help: str  # the palette's line under the title
    key: str | None = None  # the key on the home screen, shown beside its menu item
    menu: str | None = None  # the home menu's label (None: the title); "" keeps it off the menu
    couple: bool = True  # only once a couple is open

    @property
    def menu_label(self) -> str:
        return self.title if self.menu is None else self.menu


COMMANDS: list[Command] = [
    Command("play", "Play a game", "A full game of rounds, or the one in progress", "g"),
    Command(
        "checkin",
        "Daily check-in",
        "Three quick rounds, starting with how you feel",
        "c",
        menu="Daily check-in (3 quick rounds)",
    ),
    Command(
        "halves",
        "Check-in in halves",
        "Each of you answers and guesses alone, when free; the reveal comes when both are in",
        "h",
        menu="Check-in in halves (each alone)",
    ),
    Command("lovemap", "Love map", "What each of you knows of the other, and since when", "l"),
    Command("changes", "Things that changed", "Answers that changed since they were last asked", "t"),
    Command("decks", "Decks", "Open, locked and broken decks, and what unlocks them", "d"),
    Command("stats", "Stats", "Accuracy over time, calibration, discoveries", "s"),
    Command("settings", "Settings", "Opt-ins, rounds, theme", "o"),
    Command("end", "End the game in progress", "Keep its revealed rounds and drop the rest", "x", menu=""),
    Command("switch", "Switch couple", "Back to the welcome screen", "w", couple=False),
    Command("help", "Help", "How to play, and the keys", menu="", couple=False),
    Command("theme", "Light or dark theme", "Switch the theme", menu="", couple=False),
]

BY_NAME = {c.name: c for c in COMMANDS}


def menu_commands() -> list[Command]:
    """The home menu's items, in order."""
    return [c for c in COMMANDS if c.menu != ""]


def home_bindings() -> list[Binding]:
    """The home screen's keys, from the same list. The menu shows each beside its
    item, so the Footer does not repeat them (it keeps the app's own keys)."""
    return [Binding(c.key, f"menu('{c.name}')", c.title, show=False) for c in COMMANDS if c.key is not None]


def palette(app: NuzzleApp) -> Iterable[SystemCommand]:
    """The palette's entries: those that make sense now."""
    for command in COMMANDS:
        if command.couple and app.session is None:
            continue
        if command.name == "end" and (app.session is None or app.session.game is None):
            continue
        yield SystemCommand(command.title, command.help, lambda name=command.name: run(app, name))


def couple_screens(app: NuzzleApp) -> dict[str, Callable[[], Screen]]:
    from nuzzle_game.ui.screens import changes, decks, lovemap, settings, stats

    return {
        "lovemap": lovemap.LoveMapScreen,
        "changes": lambda: changes.ChangesScreen.across_games(app),
        "decks": decks.DecksScreen,
        "stats": stats.StatsScreen,
        "settings": settings.SettingsScreen,
    }


def run(app: NuzzleApp, name: str) -> None:
    """Carry out command ``name`` (from the menu, a key or the palette)."""
    from nuzzle_game.core.game import GameMode

    command = BY_NAME[name]
    if command.couple and app.session is None:
        app.notify("Pick or create a couple first.", markup=False)
        return
    if name == "help":
        from nuzzle_game.ui.screens.help import HelpScreen

        app.push_screen(HelpScreen())
    elif name == "theme":
        app.action_toggle_theme()
    elif name == "switch":
        app.go_welcome()
    elif name == "play":
        app.start_game(GameMode.GAME)
    elif name == "checkin":
        app.start_game(GameMode.CHECKIN)
    elif name == "end":
        app.end_game()
    elif name == "halves":
        from nuzzle_game.ui import checkin_flow

        checkin_flow.choose_half(app)
    else:
        app.push_screen(couple_screens(app)[name]())
