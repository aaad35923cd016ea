"""The Textual app: screens over the pure core, state passed in, never global."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from ..store.errors import SaveError
from ..store.folder import SaveFolder
from ..store.settings import read_app_settings, write_app_settings

if TYPE_CHECKING:  # the core is imported when a couple is opened, not at start-up
    from ..decks import DeckLibrary
    from ..game import GameMode
    from ..models import Couple
    from ..session import GameSession
    from ..store.profile import Profile

THEMES = {"dark": "textual-dark", "light": "textual-light"}


def as_sentence(error: Exception) -> str:
    """An error as a message: a capital first letter and a full stop."""
    text = str(error).strip()
    if text:
        text = text[0].upper() + text[1:]
        text = text if text[-1] in ".!?" else text + "."
    return text


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class AppConfig:
    saves: SaveFolder
    deck_dirs: list[Path]
    clock: Callable[[], datetime] = utc_now
    seed: int | None = None  # fixed in tests so draws are pinned
    cursor_blink: bool = True
    library: "DeckLibrary | None" = field(default=None, repr=False)


class NuzzleApp(App[None]):
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
        self._settings = read_app_settings(config.saves.root)
        self.theme = THEMES.get(self._settings.get("theme", "dark"), THEMES["dark"])
        if self.reduced_motion:
            self.animation_level = "none"

    # ------------------------------------------------------------ state

    @property
    def library(self) -> "DeckLibrary":
        """The decks, loaded on first use so start-up stays quick."""
        if self.config.library is None:
            from ..decks import load_decks

            self.config.library = load_decks(self.config.deck_dirs)
        return self.config.library

    @property
    def couple(self) -> Couple | None:
        return self.profile.state.couple if self.profile else None

    def on_mount(self) -> None:
        from .screens.welcome import WelcomeScreen

        self.push_screen(WelcomeScreen())

    def report(self, error: Exception) -> None:
        """A save problem, as one clear line; nothing already saved is lost."""
        self.notify(as_sentence(error), title="Could not save", severity="error", timeout=10, markup=False)

    def open_profile(self, name: str) -> bool:
        return self._use_profile(lambda: self.config.saves.open(name), "Cannot open")

    def create_profile(self, couple: "Couple") -> bool:
        return self._use_profile(lambda: self.config.saves.create(couple), "Cannot create")

    def _use_profile(self, get: "Callable[[], Profile]", title: str) -> bool:
        """Open (or create) a profile and a session on it; a clear message if not."""
        from ..session import GameSession

        self.close_profile()
        try:
            self.profile = get()
        except SaveError as error:
            self.notify(as_sentence(error), title=title, severity="error", timeout=12, markup=False)
            return False
        self.session = GameSession(self.profile, self.library, clock=self.config.clock)
        return True

    def close_profile(self) -> None:
        if self.profile is not None:
            self.profile.close()
        self.profile = None
        self.session = None

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
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def show(self, name: str) -> None:
        """Open one of the couple's screens by name (menu, palette, keys)."""
        if self.session is None:
            self.notify("Pick or create a couple first.", markup=False)
            return
        from .screens import changes, decks, lovemap, settings, stats

        factories: dict[str, Callable[[], Screen]] = {
            "lovemap": lovemap.LoveMapScreen,
            "changes": lambda: changes.ChangesScreen.across_games(self),
            "decks": decks.DecksScreen,
            "stats": stats.StatsScreen,
            "settings": settings.SettingsScreen,
        }
        self.push_screen(factories[name]())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "How to play, and the keys", self.action_show_help)
        yield SystemCommand("Light or dark theme", "Switch the theme", self.action_toggle_theme)
        yield SystemCommand("Switch couple", "Back to the welcome screen", self.go_welcome)
        if self.session is not None:
            from ..game import GameMode

            yield SystemCommand("Play a game", "A full game of rounds", lambda: self.start_game(GameMode.GAME))
            yield SystemCommand("Daily check-in", "Three quick rounds", lambda: self.start_game(GameMode.CHECKIN))
            for name, title, help_text in (
                ("lovemap", "Love map", "What each of you knows of the other, and since when"),
                ("changes", "Things that changed", "Answers that changed since they were last asked"),
                ("decks", "Decks", "Open, locked and broken decks, and what unlocks them"),
                ("stats", "Stats", "Accuracy over time, calibration, discoveries"),
                ("settings", "Settings", "Opt-ins, rounds, theme"),
            ):
                yield SystemCommand(title, help_text, lambda n=name: self.show(n))

    def go_welcome(self) -> None:
        from .screens.welcome import WelcomeScreen

        self.workers.cancel_group(self, "game")
        self.close_profile()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(WelcomeScreen())

    # ------------------------------------------------------------- play

    def start_game(self, mode: "GameMode | None" = None) -> None:
        """Setup (rounds, decks), then play; resumes instead if a game is in play."""
        from ..game import GameMode

        session = self.session
        if session is None:
            return
        if session.game is not None:
            self.play()
            return
        from .screens.setup import SetupScreen

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

    @work(exclusive=True, group="game")
    async def play(self) -> None:
        """The rounds, from wherever the game stands, until it ends or is paused."""
        from .screens.handoff import HandoffScreen
        from .screens.answer import AnswerScreen, GuessScreen
        from .screens.reveal import RevealScreen, VerdictScreen
        from .screens.summary import SummaryScreen
        from ..game import Phase, RoundError

        session = self.session
        if session is None or session.game is None:
            return
        names = [p.name for p in session.state.couple.players]
        try:
            while True:
                game = session.game
                round_ = session.resume()
                if round_ is None:
                    summary = session.finish()
                    await self.push_screen_wait(SummaryScreen(summary, session.discoveries(game), game.results))
                    return
                question = session.question(round_.question_id)
                answerer, guesser = names[round_.answerer], names[round_.guesser]
                number = (round_.index + 1, game.total_rounds)
                if round_.phase is Phase.ANSWER:
                    if not await self.push_screen_wait(HandoffScreen(answerer, guesser, "answer", number)):
                        return
                    value = await self.push_screen_wait(AnswerScreen(question, answerer, guesser, number))
                    if value is None:
                        return
                    session.answer(value)
                if round_.phase is Phase.GUESS:
                    if not await self.push_screen_wait(HandoffScreen(guesser, answerer, "guess", number)):
                        return
                    guess = await self.push_screen_wait(GuessScreen(question, guesser, answerer, number))
                    if guess is None:
                        return
                    session.guess(*guess)
                verdict = None
                if round_.phase is Phase.VERDICT:
                    verdict = await self.push_screen_wait(
                        VerdictScreen(question, round_, answerer, guesser, session.proposed_verdict())
                    )
                result = session.reveal(verdict)
                keep_going = await self.push_screen_wait(
                    RevealScreen(question, result, answerer, guesser, number)
                )
                if not keep_going and not session.game.over:
                    return
        except SaveError as error:
            self.report(error)
        except RoundError as error:
            # e.g. a deck that held this game's question was removed meanwhile
            self.notify(f"This game cannot go on: {error}. End it from the home screen.",
                        severity="error", timeout=12, markup=False)
