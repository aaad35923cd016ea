"""Two seat Apps (Pilot) at one table play a check-in and see the same reveal."""

from __future__ import annotations

from table_support import new_profile, open_table
from textual.widgets import Static
from ui_driver import SIZE, pick, screen_text

from nuzzle_game.core.questions import QuestionKind
from nuzzle_game.ui.screens.answer import AnswerScreen, GuessScreen
from nuzzle_game.ui.screens.reveal import RevealScreen, VerdictScreen
from nuzzle_game.ui.screens.summary import SummaryScreen
from nuzzle_game.ui.seat.app import SeatApp, SeatConfig
from nuzzle_game.ui.seat.lobby import LobbyScreen

TRIES = 250  # x 0.02 s: waits are bounded


async def wait_for(pilot, kind) -> None:
    for _ in range(TRIES):
        if isinstance(pilot.app.screen, kind):
            return
        await pilot.pause(0.02)
    raise AssertionError(f"{pilot.app.me}: expected {kind.__name__}, on {type(pilot.app.screen).__name__}")


async def wait_text(pilot, text: str) -> str:
    for _ in range(TRIES):
        shown = screen_text(pilot.app)
        if text in shown:
            return shown
        await pilot.pause(0.02)
    raise AssertionError(f"{pilot.app.me}: {text!r} never shown; on screen:\n{screen_text(pilot.app)}")


def seat_app(table, seat: int, library) -> SeatApp:
    return SeatApp(SeatConfig(connection=table.connection, seat=seat, cursor_blink=False))


async def commit_answer(pilot, kind) -> None:
    await pick(pilot, kind, 0, "a slow breakfast")
    await pilot.press("ctrl+s")


async def commit_guess(pilot, kind) -> None:
    await pick(pilot, kind, 0, "a slow breakfast")
    pilot.app.screen.query_one("#confidence").focus()
    await pilot.press("enter", "ctrl+s")


async def test_two_seats_play_a_checkin_and_see_the_same_reveal(saves, library, clock):
    new_profile(saves)
    async with open_table(saves, library, clock) as table:
        alex, sam = seat_app(table, 0, library), seat_app(table, 1, library)
        async with alex.run_test(size=SIZE) as a, sam.run_test(size=SIZE) as s:
            await wait_for(a, LobbyScreen)
            await wait_for(s, LobbyScreen)
            await wait_text(a, "Sam is at the table.")
            await a.press("c")  # Alex starts a check-in for both
            reveals = []
            for number in (1, 2, 3):
                await wait_for(a, (AnswerScreen, GuessScreen))
                await wait_for(s, (AnswerScreen, GuessScreen))
                answerer = a if isinstance(a.app.screen, AnswerScreen) else s
                guesser = s if answerer is a else a
                assert isinstance(guesser.app.screen, GuessScreen)
                kind = answerer.app.screen.question.kind
                # Both act at once: round 2 guesses first, the others answer first.
                first, second = (guesser, answerer) if number == 2 else (answerer, guesser)
                if first is guesser:
                    await commit_guess(guesser, kind)
                    await wait_text(answerer, f"{guesser.app.me} has guessed.")
                    await commit_answer(answerer, kind)
                else:
                    await commit_answer(answerer, kind)
                    await wait_text(guesser, f"{answerer.app.me} has answered.")
                    await commit_guess(guesser, kind)
                if kind is QuestionKind.TEXT:
                    await wait_for(answerer, VerdictScreen)
                    await answerer.press("ctrl+s")
                await wait_for(a, RevealScreen)
                await wait_for(s, RevealScreen)
                seen = [str(p.app.screen.query_one("#score", Static).render()) for p in (a, s)]
                assert seen[0] == seen[1] and "accuracy" in seen[0]
                reveals.append((screen_text(a.app), screen_text(s.app)))
                await a.press("enter")
                if number < 3:
                    await wait_text(s, "Alex is ready for the next round.")
                await s.press("enter")
            await wait_for(a, SummaryScreen)
            await wait_for(s, SummaryScreen)
            assert screen_text(a.app).count("In sync") == screen_text(s.app).count("In sync")
    for left, right in reveals:
        # the same question, answer, guess and score on both screens
        assert left.split("\n")[1:6] == right.split("\n")[1:6]
