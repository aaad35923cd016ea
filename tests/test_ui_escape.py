"""Escape pauses, everywhere, and never strands the keys: back on the question
(a seat's "keep playing") the answer widget has the focus, the arrows and Enter
work, and Ctrl+S commits. (Hot seat's pause and resume, every kind:
tests/test_ui_privacy.py, on the way to its reveal.)"""

from __future__ import annotations

import pytest
from conftest import library_of
from table_support import new_profile, open_table
from ui_driver import SIZE, focus_in_the_answer, pick, screen_text, wait_for, wait_until

from nuzzle_game.core.questions import QuestionKind
from nuzzle_game.ui.screens.answer import AnswerScreen, GuessScreen
from nuzzle_game.ui.screens.confirm import ConfirmScreen
from nuzzle_game.ui.seat.app import SeatApp, SeatConfig

ASKING = (AnswerScreen, GuessScreen)


async def answer_by_keys(pilot, screen) -> None:
    """The second option (or a typed text), by keys alone; a guess says how sure."""
    kind = screen.question.kind
    await pick(pilot, kind, 1, "a quiet evening")
    if isinstance(screen, GuessScreen):
        await pilot.press("tab", "enter")  # to "How sure are you?": sure
    await pilot.press("ctrl+s")


# The scale (the one a seat once stranded), the text field and the rank list: the
# three ways the focus sits in an answer. Every kind's own widget takes the keys
# again after a pause in hot seat (tests/test_ui_privacy.py).
@pytest.mark.parametrize("kind", [QuestionKind.SCALE, QuestionKind.TEXT, QuestionKind.RANK])
async def test_escape_at_a_seat_then_keep_playing(saves, library, clock, kind):
    new_profile(saves)
    async with open_table(saves, library_of(library, kind), clock) as table:
        alex = SeatApp(SeatConfig(connection=table.connection, seat=0, cursor_blink=False))
        sam = SeatApp(SeatConfig(connection=table.connection, seat=1, cursor_blink=False))
        async with alex.run_test(size=SIZE) as a, sam.run_test(size=SIZE) as s:
            await wait_until(a, lambda: "Sam is at the table." in screen_text(alex), "Sam at the table")
            await a.press("c")
            for pilot in (a, s):
                app = pilot.app
                await wait_until(pilot, lambda app=app: isinstance(app.screen, ASKING), "the question")
                await pilot.pause()
                await pilot.press("escape")
                await wait_for(pilot, ConfirmScreen)  # "Step away from the table for now?"
                await pilot.press("enter")  # keep playing (the focus is on it)
                await wait_until(pilot, lambda app=app: isinstance(app.screen, ASKING), "the question again")
                await pilot.pause()
                assert focus_in_the_answer(app), app.focused
                screen = app.screen
                await answer_by_keys(pilot, screen)
                await wait_until(pilot, lambda app=app, screen=screen: app.screen is not screen, "committed")
                assert "Choose an answer first" not in screen_text(app)
