"""Escape pauses, everywhere, and never strands the keys: back on the question
(a seat's "keep playing", hot seat's resume) the answer widget has the focus, the
arrows and Enter work, and Ctrl+S commits. Every kind, at a seat and in hot seat."""

from __future__ import annotations

import pytest
from conftest import Clock, library_of
from table_support import new_profile, open_table
from ui_driver import SIZE, couple_on_disk, make_app, open_couple, pick, screen_text, start, wait_for, wait_until

from nuzzle_game.core.questions import QuestionKind
from nuzzle_game.ui.screens.answer import AnswerScreen, GuessScreen
from nuzzle_game.ui.screens.confirm import ConfirmScreen
from nuzzle_game.ui.screens.handoff import HandoffScreen
from nuzzle_game.ui.screens.home import HomeScreen
from nuzzle_game.ui.seat.app import SeatApp, SeatConfig
from nuzzle_game.ui.widgets.answer_inputs import AnswerInput

ASKING = (AnswerScreen, GuessScreen)


def focus_in_the_answer(app) -> bool:
    focused = app.focused
    return focused is not None and any(isinstance(node, AnswerInput) for node in focused.ancestors_with_self)


async def answer_by_keys(pilot, screen) -> None:
    """The second option (or a typed text), by keys alone; a guess says how sure."""
    kind = screen.question.kind
    await pick(pilot, kind, 1, "a quiet evening")
    if isinstance(screen, GuessScreen):
        await pilot.press("tab", "enter")  # to "How sure are you?": sure
    await pilot.press("ctrl+s")


@pytest.mark.parametrize("kind", list(QuestionKind))
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


@pytest.mark.parametrize("kind", list(QuestionKind))
async def test_escape_in_hot_seat_then_resume(tmp_path, library, kind):
    clock = Clock()
    only = library_of(library, kind)
    couple_on_disk(tmp_path / "saves", only, clock)
    app = make_app(tmp_path / "saves", only, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot)
        for _ in range(2):  # the answer, then the guess
            await wait_for(pilot, HandoffScreen)
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, ASKING), "the question")
            await pilot.pause()
            await pilot.press("escape")  # pause: home
            await wait_for(pilot, HomeScreen)
            await pilot.press("g")  # resume
            await wait_for(pilot, HandoffScreen)
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, ASKING), "the question again")
            await pilot.pause()
            assert focus_in_the_answer(app), app.focused
            screen = app.screen
            await answer_by_keys(pilot, screen)
            await wait_until(pilot, lambda screen=screen: app.screen is not screen, "committed")
