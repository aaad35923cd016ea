"""Drive the Nuzzle UI with a Pilot the way a player would: keys, and clicks."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Static

from nuzzle_game.core.game import GameMode
from nuzzle_game.core.models import Confidence, Couple, Home, Player, Situation
from nuzzle_game.core.questions import QuestionKind
from nuzzle_game.paths import bundled_decks_dir
from nuzzle_game.play.session import GameSession
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.ui.app import AppConfig, NuzzleApp
from nuzzle_game.ui.screens.answer import AnswerScreen, GuessScreen
from nuzzle_game.ui.screens.handoff import HandoffScreen
from nuzzle_game.ui.screens.reveal import RevealScreen, VerdictScreen
from nuzzle_game.ui.screens.summary import SummaryScreen

SIZE = (80, 24)


def make_app(saves: Path, library, clock, seed: int = 7) -> NuzzleApp:
    return NuzzleApp(
        AppConfig(
            saves=SaveFolder(saves, clock=clock),
            deck_dirs=[bundled_decks_dir()],
            clock=clock,
            seed=seed,
            cursor_blink=False,
            library=library,
        )
    )


def couple_on_disk(
    saves: Path,
    library,
    clock,
    names: tuple[str, str] = ("Alex", "Sam"),
    *,
    games: int = 0,
    rounds: int = 4,
    opted: tuple[bool, bool] = (False, False),
    seed: int = 3,
) -> str:
    """A couple made through the store, not the form (the form has its own tests):
    their situation already told, and ``games`` finished games of ``rounds`` rounds,
    played through the core a day apart (answers alternate between a hit and a miss).
    Returns the profile's name; open it with ``open_couple``."""
    from helpers import first_value, other_value, play_rounds_and_file

    profile = "-".join(name.lower() for name in names)
    couple = Couple(
        profile=profile,
        players=(Player(name=names[0], opted_in=opted[0]), Player(name=names[1], opted_in=opted[1])),
        created_at=clock(),
        situation=Situation(home=Home.TOGETHER),
    )
    with SaveFolder(saves, durable=False).create(couple) as store:
        session = GameSession(store, library, clock=clock)
        for game in range(games):
            session.start(rounds=rounds, seed=seed + game)
            played = iter(range(rounds))

            def guess(question):  # a miss, then a hit, in turn
                return (first_value if next(played) % 2 else other_value)(question)

            play_rounds_and_file(session, first_value, guess, Confidence.THINK_SO)
            clock.advance(days=1)
    return profile


async def open_couple(pilot) -> None:
    """From the welcome screen, open the couple under the cursor (Enter) to their home."""
    from nuzzle_game.ui.screens.home import HomeScreen
    from nuzzle_game.ui.screens.welcome import WelcomeScreen

    await wait_for(pilot, WelcomeScreen)
    await pilot.press("enter")
    await wait_for(pilot, HomeScreen)


def menu_item(app, name: str) -> str:
    """The text of the home menu's item ``name`` (resume, end, play, ...)."""
    from textual.widgets import OptionList

    return str(app.screen.query_one("#home", OptionList).get_option(name).prompt)


async def click_menu(pilot, name: str) -> None:
    """Click the home menu's item ``name`` with the mouse (one line an item)."""
    from textual.widgets import OptionList

    menu = pilot.app.screen.query_one("#home", OptionList)
    await pilot.click(menu, offset=(2, menu.get_option_index(name)))


def screen_text(app) -> str:
    """Everything the player can read on the current screen."""
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


def record_notices(app) -> list[str]:
    """Every notification the app shows from now on, as text (wraps the public
    ``App.notify``; no private Textual state is read)."""
    seen: list[str] = []
    original = app.notify

    def notify(message, *args, **kwargs):
        seen.append(str(message))
        return original(message, *args, **kwargs)

    app.notify = notify
    return seen


async def wait_for(pilot, kind, tries: int = 500) -> None:
    """Wait up to ~10 s for a screen (generous: CI machines can be busy)."""
    for _ in range(tries):
        if isinstance(pilot.app.screen, kind):
            await pilot.pause()  # let it mount before anything is pressed
            return
        await pilot.pause(0.02)
    raise AssertionError(f"expected {kind.__name__}, on {type(pilot.app.screen).__name__}")


async def wait_until(pilot, condition, what: str, tries: int = 500) -> None:
    """Wait up to ~10 s for ``condition()`` to hold while the app runs."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"waited in vain for {what}")


async def settle(pilot) -> None:
    """Let what has started finish, with no fixed time: the welcome's preload,
    then every message queued (a few turns of the screen going idle; the game's
    own worker lives as long as the game, so workers are not waited for).
    Before asserting that something did *not* happen."""
    await wait_until(pilot, lambda: not getattr(pilot.app, "preloading", False), "the welcome's preload")
    for _ in range(3):
        await pilot.pause()


async def press_at_once(pilot, *keys: str) -> None:
    """Keys that arrive in one read (a fast typist): queued together, no pause between."""
    chars = {"enter": "\r", "space": " ", "escape": "\x1b"}
    for key in keys:
        pilot.app.post_message(events.Key(key, chars.get(key, key if len(key) == 1 else None)))
    await pilot.pause()
    await pilot.pause()


async def create_couple(pilot, a="Alex", b="Sam", opt=(False, False)) -> None:
    """Names on the form, then each partner's private opt-in after a hand-off."""
    from nuzzle_game.ui.screens.opt_in import OptInScreen

    await pilot.press("n")
    await pilot.pause()
    await pilot.press(*a)
    pilot.app.screen.query_one("#name-b").focus()
    await pilot.press(*b)
    await pilot.press("enter")  # submit from the second name
    previous = None
    for choice in opt:
        for _ in range(500):
            if isinstance(pilot.app.screen, OptInScreen) and pilot.app.screen is not previous:
                break
            await pilot.pause(0.02)
        previous = pilot.app.screen
        await pilot.press("enter")  # "I'm …, go on"
        await pilot.pause()
        await pilot.click("#yes" if choice else "#no")
    await pilot.pause()


async def pick(pilot, kind: QuestionKind, choice: int, text: str = "a long walk") -> None:
    """Answer the question on screen by keyboard: option ``choice`` (0-based)."""
    if kind is QuestionKind.TEXT:
        await pilot.press(*text)
        return
    if kind in (QuestionKind.CHOICE, QuestionKind.SCALE):
        await pilot.press(*(["down"] * choice), "enter")
    elif kind is QuestionKind.MULTI:
        await pilot.press(*(["down"] * choice), "space")
    elif kind is QuestionKind.RANK:
        # Move the item at ``choice`` to the top (choice 0: down and back up, so the
        # order is the deck's but the player has touched it).
        if choice == 0:
            await pilot.press("shift+down", "shift+up")
        else:
            await pilot.press(*(["down"] * choice), *(["shift+up"] * choice))


async def to_answer_screen(pilot) -> QuestionKind:
    """From the handoff to the answer screen; returns the question's kind."""
    await wait_for(pilot, HandoffScreen)
    await pilot.press("enter")
    await wait_for(pilot, AnswerScreen)
    return pilot.app.screen.question.kind


async def to_guess_screen(pilot) -> QuestionKind:
    await wait_for(pilot, HandoffScreen)
    await pilot.press("enter")
    await wait_for(pilot, GuessScreen)
    return pilot.app.screen.question.kind


async def commit_guess(
    pilot, kind: QuestionKind, choice: int = 0, text: str = "a long walk", confidence: int = 0
) -> None:
    """Guess, say how sure, commit; give the default verdict on text rounds."""
    await pick(pilot, kind, choice, text)
    pilot.app.screen.query_one("#confidence").focus()
    await pilot.press(*(["right"] * confidence), "enter", "ctrl+s")
    if kind is QuestionKind.TEXT:
        await wait_for(pilot, VerdictScreen)
        await pilot.press("ctrl+s")
    await wait_for(pilot, RevealScreen)


async def play_round(
    pilot,
    answer_choice=0,
    guess_choice=0,
    confidence=0,
    text_answer="a long walk",
    text_guess="a long walk",
    commit=True,
) -> str:
    """One whole round. Returns the reveal screen's text."""
    kind = await to_answer_screen(pilot)
    await pick(pilot, kind, answer_choice, text_answer)
    await pilot.press("ctrl+s")
    await to_guess_screen(pilot)
    await commit_guess(pilot, kind, guess_choice, text_guess, confidence)
    text = screen_text(pilot.app)
    if commit:
        await wait_until(pilot, lambda: pilot.app.screen.focused is not None, "the reveal to take focus")
        await pilot.press("enter")
    return text


async def skip_situation(pilot) -> None:
    """A new couple's first setup asks about their situation first: "Not now"."""
    from nuzzle_game.ui.screens.setup import SetupScreen
    from nuzzle_game.ui.screens.situation import SituationScreen

    session = pilot.app.session
    if session is not None and session.game is None and session.state.couple.situation is None:
        await wait_for(pilot, SituationScreen)
        await pilot.press("escape")
        await wait_for(pilot, SetupScreen)


async def start(pilot, mode: GameMode = GameMode.GAME, rounds: int | None = None) -> None:
    await pilot.press("g" if mode is GameMode.GAME else "c")
    await pilot.pause()
    await skip_situation(pilot)
    if rounds is not None:
        field = pilot.app.screen.query_one("#rounds")
        field.value = str(rounds)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def play_game(pilot, rounds: int, **kw) -> list[str]:
    reveals = []
    for i in range(rounds):
        reveals.append(await play_round(pilot, guess_choice=(i % 2), **kw))
    await wait_for(pilot, SummaryScreen)
    return reveals


def focus_in_the_answer(app) -> bool:
    """The keys are on the answer: the focused widget is inside its AnswerInput."""
    from nuzzle_game.ui.widgets.answer_inputs import AnswerInput

    focused = app.focused
    return focused is not None and any(isinstance(node, AnswerInput) for node in focused.ancestors_with_self)
