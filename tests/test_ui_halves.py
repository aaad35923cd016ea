"""The check-in in halves at the shared keyboard: each half after a hand-off, the
home saying whose half waits, nothing of a half on screen before both are in,
and the reveal for both."""

from __future__ import annotations

from conftest import Clock
from textual.widgets import OptionList
from ui_driver import SIZE, couple_on_disk, make_app, open_couple, pick, screen_text, wait_for, wait_until

from nuzzle_game.ui import checkin_flow
from nuzzle_game.ui.screens.answer import AnswerScreen, GuessScreen
from nuzzle_game.ui.screens.checkin_reveal import CheckinRevealScreen
from nuzzle_game.ui.screens.handoff import HandoffScreen
from nuzzle_game.ui.screens.home import HomeScreen
from nuzzle_game.ui.screens.reveal import VerdictScreen
from nuzzle_game.ui.screens.whose_half import WhoseHalfScreen

SECRET = {0: "alex-only-words", 1: "sam-only-words"}


async def play_half_by_keys(pilot, player: int, seen: list[str]) -> None:
    """One partner's half by keyboard: three answers, three guesses; every screen's
    text is kept (to check nothing of the other half was on it)."""
    await wait_for(pilot, HandoffScreen)
    seen.append(screen_text(pilot.app))
    await pilot.press("enter")
    for _ in range(6):
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, AnswerScreen | GuessScreen), "a question")
        screen = pilot.app.screen
        seen.append(screen_text(pilot.app))
        kind = screen.question.kind
        await pick(pilot, kind, 0, f"{SECRET[player]} {len(seen)}")
        if isinstance(screen, GuessScreen):
            screen.query_one("#confidence").focus()
            await pilot.press("enter")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda s=screen: pilot.app.screen is not s, "the next screen")


async def test_two_halves_at_one_keyboard_then_the_reveal(tmp_path, library):
    clock = Clock()
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock, seed=5)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await pilot.press("h")
        await wait_for(pilot, WhoseHalfScreen)
        await pilot.press("enter")  # Alex's
        alex: list[str] = []
        await play_half_by_keys(pilot, 0, alex)
        await wait_for(pilot, HomeScreen)
        home = screen_text(app)
        assert "Alex's half of today's check-in is in; Sam's is waiting." in home
        menu = app.screen.query_one("#home", OptionList)
        assert menu.get_option("half-1") is not None
        assert "Sam" in alex[0] and "look away" in alex[0]

        menu.highlighted = menu.get_option_index("half-1")
        await pilot.press("enter")
        sam: list[str] = []
        await play_half_by_keys(pilot, 1, sam)
        # Nothing of Alex's half on Sam's screens, and the other way round.
        assert not any(SECRET[0] in text for text in sam)
        assert not any(SECRET[1] in text for text in alex)

        # Both halves in: Sam's verdicts (text rounds he answered), then the reveal, to him.
        await see_the_reveal(pilot)
        reveal = screen_text(app)
        assert "Today's check-in" in reveal and "Alex said" in reveal and "Sam guessed" in reveal
        assert reveal.count("said:") == 6
        await pilot.press("enter")
        await wait_for(pilot, HomeScreen)
        assert app.halves.state.halves.seen == [1]
        if app.halves.state.halves.finished_at is None:  # Alex still owes a verdict
            assert "Today's check-in is in; Alex's verdict is waiting." in screen_text(app)
        else:
            assert "Today's check-in is revealed; Alex has yet to see it." in screen_text(app)

        # Alex, later, at the same keyboard: both see it together.
        menu = app.screen.query_one("#home", OptionList)
        menu.highlighted = menu.get_option_index("halves-see")
        await pilot.press("enter")
        await see_the_reveal(pilot)
        await pilot.press("enter")
        await wait_for(pilot, HomeScreen)
        state = app.halves.state
        assert state.aggregates.checkins == 1 and state.halves.finished_at is not None
        assert sorted(state.halves.seen) == [0, 1]
        assert checkin_flow.waiting(app) is None  # nothing waits: the home says nothing of it
        assert "again" in str(app.screen.query_one("#home", OptionList).get_option("halves-see").prompt)


async def see_the_reveal(pilot) -> None:
    """Give the verdicts asked (the game's suggestion), until the reveal is on screen."""
    for _ in range(500):
        screen = pilot.app.screen
        if isinstance(screen, CheckinRevealScreen):
            await pilot.pause()
            return
        if isinstance(screen, VerdictScreen):
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda s=screen: pilot.app.screen is not s, "the verdict to go")
        await pilot.pause(0.02)
    raise AssertionError("the reveal never came")
