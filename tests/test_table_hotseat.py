"""A table and hot seat share a profile: one at a time, and each picks up the other's game."""

from __future__ import annotations

from helpers import other_value
from table_support import new_profile, open_table
from test_table import both_join, play_round, start_checkin
from textual.widgets._toast import Toast
from ui_driver import SIZE, make_app, pick, screen_text, wait_for, wait_until

from nuzzle_game.play.views import Task
from nuzzle_game.table.wire import GuessMove
from nuzzle_game.ui.screens.handoff import HandoffScreen
from nuzzle_game.ui.screens.home import HomeScreen
from nuzzle_game.ui.screens.reveal import RevealScreen, VerdictScreen
from nuzzle_game.ui.screens.welcome import WelcomeScreen


def toasts(app) -> str:
    return "\n".join(str(t.render()) for t in app.screen.query(Toast))


async def test_hot_seat_is_refused_while_a_table_runs_then_resumes_its_game(saves, library, clock):
    new_profile(saves)
    async with open_table(saves, library, clock) as table:
        alex, sam = await both_join(table)
        answerer, guesser, _ = await start_checkin(alex, sam)
        await play_round(answerer, guesser)
        view = await guesser.until(lambda v: v.game.round.number == 2 and v.game.task is not Task.WAIT)
        answerer, guesser = (alex, sam) if view.game.round.answerer == 0 else (sam, alex)
        view = await guesser.until(lambda v: v.game.task is Task.GUESS)
        question = view.game.round.question
        await guesser.send(GuessMove(value=other_value(question), confidence="sure"))  # held for the answer
        await guesser.until(lambda v: v.game.my_guess is not None)

        app = make_app(saves.root, library, clock)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await wait_for(pilot, WelcomeScreen)
            await pilot.press("enter")
            await wait_until(pilot, lambda: "already open" in toasts(app), "the notice")
            assert isinstance(app.screen, WelcomeScreen)
            assert "already open" in toasts(app)
        for seat in (alex, sam):
            await seat.leave()

    # The table closed: hot seat opens the profile and goes on where the table stopped.
    app = make_app(saves.root, library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, WelcomeScreen)
        await pilot.press("enter")
        await wait_for(pilot, HomeScreen)
        await pilot.press("c")
        await wait_for(pilot, HandoffScreen)
        answerer_name = ("Alex", "Sam")[answerer.seat]
        assert "Round 2 of 3" in screen_text(app) and f"{answerer_name}, your turn to answer" in screen_text(app)
        await pilot.press("enter")
        await pick(pilot, question.kind, 0, "a slow breakfast")
        await pilot.press("ctrl+s")
        if question.kind.value == "text":
            await wait_for(pilot, VerdictScreen)
            await pilot.press("ctrl+s")  # the verdict
        await wait_for(pilot, RevealScreen)  # the held guess: no guess screen
        assert "Round 2 of 3".lower() in screen_text(app).lower()
