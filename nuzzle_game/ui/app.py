"""The Textual app: screens over the pure core, state passed in, never global."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from nuzzle_game.clock import Clock, system_clock
from nuzzle_game.store.errors import SaveError
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.store.settings import read_app_settings, write_app_settings
from nuzzle_game.ui import commands
from nuzzle_game.ui.input_guard import StaleInputGuard
from nuzzle_game.ui.theme import register_themes

if TYPE_CHECKING:  # the core is imported when a couple is opened, not at start-up
    from nuzzle_game.core.decks import DeckLibrary
    from nuzzle_game.core.game import GameMode
    from nuzzle_game.core.models import Couple
    from nuzzle_game.play.engine import GameStuck
    from nuzzle_game.play.session import GameSession
    from nuzzle_game.store.profile import Profile
    from nuzzle_game.ui.screens.round_base import RoundOptions

THEMES = {"dark": "textual-dark", "light": "textual-light"}

# What opening a couple imports, in steps of a few tens of milliseconds each (see
# ``NuzzleApp.preload``): pydantic, the core, the store, the home screen.
PRELOAD_MODULES = (
    "pydantic",
    "pydantic.main",
    "nuzzle_game.core.models",
    "nuzzle_game.core.lovemap",
    "nuzzle_game.play.session",
    "filelock",
    "tinydb",
    "nuzzle_game.store.profile",
    "nuzzle_game.core.overview",
    "nuzzle_game.ui.screens.home",
)


def as_sentence(error: Exception) -> str:
    """An error as a message: a capital first letter and a full stop."""
    text = str(error).strip()
    if text:
        text = text[0].upper() + text[1:]
        text = text if text[-1] in ".!?" else text + "."
    return text


@dataclass
class AppConfig:
    saves: SaveFolder
    deck_dirs: list[Path]
    clock: Clock = system_clock  # the command line passes its own; tests a fixed one
    seed: int | None = None  # fixed in tests so draws are pinned
    cursor_blink: bool = True
    library: DeckLibrary | None = field(default=None, repr=False)


class NuzzleApp(StaleInputGuard, App[None]):
    CSS_PATH = "nuzzle.tcss"
    TITLE = "Nuzzle"
    SUB_TITLE = "stay curious about each other"
    BINDINGS = [
        Binding("f1", "show_help", "Help"),
        Binding("ctrl+t", "toggle_theme", "Light/dark"),
    ]

    def __init__(self, config: AppConfig) -> None:
        super().__init__()
        self.config = config
        self.profile: Profile | None = None
        self.session: GameSession | None = None
        self.halves: GameSession | None = None  # the daily check-in in halves
        self.playing = False  # a game's round screens are up
        self._preload: Iterator[Callable[[], object]] = iter(())
        self.preloading = False  # steps of ``preload`` still to come
        self._settings = read_app_settings(config.saves.root)
        register_themes(self)  # a light theme whose every text reads (ui/theme.py)
        self.theme = THEMES.get(self._settings.get("theme", "dark"), THEMES["dark"])
        if self.reduced_motion:
            self.animation_level = "none"

    # ------------------------------------------------------------ state

    @property
    def library(self) -> DeckLibrary:
        """The decks, loaded on first use so start-up stays quick."""
        if self.config.library is None:
            from nuzzle_game.store.deck_cache import DeckCache
            from nuzzle_game.store.deck_files import load_decks

            self.config.library = load_decks(self.config.deck_dirs, DeckCache(self.config.saves.root))
        return self.config.library

    @property
    def couple(self) -> Couple | None:
        return self.profile.state.couple if self.profile else None

    def on_mount(self) -> None:
        from nuzzle_game.ui.screens.welcome import WelcomeScreen

        self.push_screen(WelcomeScreen())

    def report(self, error: Exception) -> None:
        """A save problem, as one clear line; nothing already saved is lost."""
        self.notify(as_sentence(error), title="Could not save", severity="error", timeout=10, markup=False)

    def preload(self, profile: str | None = None) -> None:
        """Get ready to open a couple while the welcome screen is read: the modules
        opening one imports, the decks, then ``profile``'s saves (read and checked,
        not opened: opening takes them if they did not change since).

        One step a turn of the event loop, each a few tens of milliseconds, so keys
        and frames are handled between steps (a thread would hold the GIL against
        them). Opening a couple before the steps are done does the rest itself and
        stops them. A step that fails stops them too: opening says what is wrong.
        """
        steps: list[Callable[[], object]] = [partial(import_module, name) for name in PRELOAD_MODULES]
        steps.append(lambda: self.library)
        if profile is not None:
            steps.append(partial(self.config.saves.read_ahead, profile))
        self._preload = iter(steps)
        self.preloading = True
        self.call_later(self._preload_step)

    def _preload_step(self) -> None:
        # Nothing once a couple is open (Enter may come before the first step).
        step = next(self._preload, None) if self.profile is None else None
        if step is None:
            self.preloading = False
            return
        try:
            step()
        except Exception:
            self._preload = iter(())
            self.preloading = False
            return
        self.call_later(self._preload_step)

    def open_profile(self, name: str) -> bool:
        return self._use_profile(lambda: self.config.saves.open(name, holder=("keyboard", None)), "Cannot open")

    def create_profile(self, couple: Couple) -> bool:
        return self._use_profile(lambda: self.config.saves.create(couple, holder=("keyboard", None)), "Cannot create")

    def _use_profile(self, get: Callable[[], Profile], title: str) -> bool:
        """Open (or create) a profile and a session on it; a clear message if not."""
        from nuzzle_game.play.session import GameSession

        self._preload = iter(())  # what is left of it, opening does now

        self.close_profile()
        try:
            self.profile = get()
        except SaveError as error:
            self.notify(as_sentence(error), title=title, severity="error", timeout=12, markup=False)
            return False
        self.session = GameSession(self.profile, self.library, clock=self.config.clock)
        self.halves = GameSession(self.profile, self.library, clock=self.config.clock, halves=True)
        return True

    def close_profile(self) -> None:
        if self.profile is not None:
            self.profile.close()
        self.profile = None
        self.session = None
        self.halves = None

    def on_unmount(self) -> None:
        self.close_profile()

    # ------------------------------------------------------------ theme

    def action_toggle_theme(self) -> None:
        self.set_theme("light" if self.theme == THEMES["dark"] else "dark")

    @property
    def reduced_motion(self) -> bool:
        """No celebrations and no animations (a setting kept beside the theme)."""
        return bool(self._settings.get("reduced_motion", False))

    def set_reduced_motion(self, on: bool) -> None:
        self._settings["reduced_motion"] = on
        self.animation_level = "none" if on else "full"
        try:
            write_app_settings(self.config.saves.root, self._settings)
        except SaveError as error:
            self.report(error)

    def set_theme(self, name: str) -> None:
        self.theme = THEMES[name]
        self._settings["theme"] = name
        try:
            write_app_settings(self.config.saves.root, self._settings)
        except SaveError as error:
            self.report(error)

    # --------------------------------------------------------- commands

    def action_show_help(self) -> None:
        commands.run(self, "help")

    def run_command(self, name: str) -> None:
        """Carry out one of ``commands.COMMANDS`` (menu, keys and palette all come here)."""
        commands.run(self, name)

    def show(self, name: str) -> None:
        """Open one of the couple's screens by name (kept for callers of the old API)."""
        commands.run(self, name)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from commands.palette(self)

    def go_welcome(self) -> None:
        from nuzzle_game.ui.screens.welcome import WelcomeScreen

        self.playing = False  # popping the game's PlayScreen cancels its rounds
        self.close_profile()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(WelcomeScreen())

    # ------------------------------------------------------------- play

    def start_game(self, mode: GameMode | None = None) -> None:
        """Setup (rounds, decks), then play; resumes instead if a game is in play."""
        from nuzzle_game.core.game import GameMode

        session = self.session
        if session is None:
            return
        if self.playing:
            self.notify("Your game is on: pick up where the round is.", markup=False)
            return
        if session.game is not None:
            self.play()
            return
        from nuzzle_game.ui.screens.setup import SetupScreen

        def begin(choice) -> None:
            if choice is None:
                return
            try:
                session.start(mode=choice.mode, rounds=choice.rounds, deck_ids=choice.deck_ids, seed=self.config.seed)
            except (SaveError, ValueError) as error:
                self.notify(as_sentence(error), severity="error", markup=False)
                return
            self.play()

        self.push_screen(SetupScreen(mode or GameMode.GAME), begin)

    def end_game(self) -> None:
        """Ask, then end the game in progress, keeping its revealed rounds."""
        session = self.session
        if session is None or session.game is None:
            return
        if self.playing:
            self.notify("Pause the game first (Escape), then end it from home.", markup=False)
            return
        kept = session.game.revealed
        rest = " The rest is dropped." if kept else ""
        self._confirm_end(f"End this game now? {_kept(kept)}{rest}")

    def _confirm_end(self, question: str) -> None:
        from nuzzle_game.ui.screens.confirm import ConfirmScreen

        def decided(yes: bool | None) -> None:
            session = self.session
            if not yes or session is None or session.game is None:
                return
            try:
                session.abandon()
            except SaveError as error:
                self.report(error)
            if hasattr(self.screen, "refresh_view"):
                self.screen.refresh_view()

        self.push_screen(ConfirmScreen(question, "End the game"), decided)

    def play(self) -> None:
        """The rounds, from wherever the game stands, until it ends or is paused
        (``PlayScreen`` runs them)."""
        from nuzzle_game.ui.screens.play import PlayScreen

        session = self.session
        if session is None or session.game is None:
            return
        self.playing = True

        def over(stuck: GameStuck | None) -> None:
            self.playing = False
            game = session.game
            if stuck is not None and game is not None and self.session is session:
                # Its decks are gone: offer to end it, from home.
                self._confirm_end(
                    f"This game cannot go on: its questions left your decks ({stuck}). End it now? {_kept(game.revealed)}"
                )

        self.push_screen(PlayScreen(self.round_options()), over)

    def round_options(self) -> RoundOptions:
        """How round screens show themselves at this one keyboard."""
        from nuzzle_game.ui.screens.round_base import RoundOptions

        return RoundOptions(
            shared_keyboard=True, reduced_motion=self.reduced_motion, cursor_blink=self.config.cursor_blink
        )


def _kept(revealed: int) -> str:
    if revealed == 0:
        return "No round was revealed yet, so nothing is lost."
    rounds = "round stays" if revealed == 1 else "rounds stay"
    return f"The {revealed} revealed {rounds} on your love map."
