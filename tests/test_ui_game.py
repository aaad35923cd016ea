"""Pilot tests: whole games through the UI, asserting on what a player sees."""

from __future__ import annotations

from conftest import library_of
from textual.widgets import Input, OptionList, SelectionList
from ui_driver import (
    SIZE,
    click_menu,
    couple_on_disk,
    create_couple,
    make_app,
    menu_item,
    open_couple,
    pick,
    play_game,
    play_round,
    screen_text,
    start,
    to_answer_screen,
    wait_for,
)

from nuzzle_game.core.game import GameMode, Phase
from nuzzle_game.core.models import Outcome
from nuzzle_game.core.questions import QuestionKind
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.store.profile import ProfileReader
from nuzzle_game.ui.screens.answer import AnswerScreen
from nuzzle_game.ui.screens.changes import ChangesScreen
from nuzzle_game.ui.screens.handoff import HandoffScreen
from nuzzle_game.ui.screens.home import HomeScreen
from nuzzle_game.ui.screens.setup import SetupScreen
from nuzzle_game.ui.screens.summary import SummaryScreen
from nuzzle_game.ui.screens.welcome import WelcomeScreen
from nuzzle_game.ui.widgets.moment import HEADLINE


async def test_create_a_couple_and_see_home(tmp_path, library, clock):
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, WelcomeScreen)
        assert "No couples yet" in str(app.screen.query_one("#couples").get_option_at_index(0).prompt)
        await create_couple(pilot)
        await wait_for(pilot, HomeScreen)
        assert "Alex & Sam" in screen_text(app)
        assert "first game" in screen_text(app)
    assert (tmp_path / "saves" / "alex-sam" / "state.json").exists()


async def test_play_a_whole_game_and_review_what_changed(tmp_path, library, clock):
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot)
        kinds = set()
        reveals = []
        for i in range(8):
            await wait_for(pilot, HandoffScreen)
            handoff = screen_text(app)
            expected = ("Alex", "Sam") if app.session.round.answerer == 0 else ("Sam", "Alex")
            assert f"{expected[0]}, your turn to answer" in handoff and f"{expected[1]}, look away" in handoff
            kinds.add(app.session.question(app.session.round.question_id).kind)
            reveals.append(await play_round(pilot, guess_choice=i % 2))
        await wait_for(pilot, SummaryScreen)
        summary = screen_text(app)
        assert "In sync" in summary and "Alex guessed" in summary and "Sam guessed" in summary
        # Each reveal says one of three things, in its headline (DESIGN §4).
        outcomes = [[o for o in Outcome if HEADLINE[o] in r] for r in reveals]
        assert all(len(found) == 1 for found in outcomes), reveals
        synced = sum(found == [Outcome.IN_SYNC] for found in outcomes)
        missed = sum(found == [Outcome.MISS] for found in outcomes)
        assert f"In sync {round(100 * synced / 8)}%" in summary
        assert all(("accuracy" in r and "points" in r) for r in reveals)
        assert missed or synced == 8
        await pilot.press("t")
        await wait_for(pilot, ChangesScreen)
        changes = screen_text(app) + "\n".join(str(o.prompt) for o in app.screen.query_one(OptionList).options)
        assert "New on your map in this game" in changes
        # Every miss of the game, and only misses (a close round is not one, DESIGN §4).
        assert changes.count("now:") == missed == app.session.state.aggregates.total.discoveries
    # What the game saved, read back from disk once the app has closed.
    saved = ProfileReader(SaveFolder(tmp_path / "saves"), "alex-sam").state
    assert saved.aggregates.games == 1 and saved.active_game is None
    assert saved.aggregates.total.rounds == 8


# Every kind by keyboard, one round each: tests/test_ui_privacy.py (with the answer kept hidden).


async def test_a_daily_checkin(tmp_path, library, clock):
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        assert "No game played yet" in screen_text(app)
        await start(pilot, GameMode.CHECKIN)
        await wait_for(pilot, HandoffScreen)
        assert "Round 1 of 3" in screen_text(app)
        first = app.session.question(app.session.round.question_id)
        assert first.dimension.value == "emotional"
        await play_game(pilot, 3)
        assert "3 rounds" in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
        assert "1 game · in sync" in screen_text(app)
        assert "Last game today: " in screen_text(app)  # the glance, redrawn from the new state
    saved = ProfileReader(SaveFolder(tmp_path / "saves"), "alex-sam").state
    assert saved.aggregates.checkins == 1 and saved.aggregates.games == 1


async def test_pause_and_resume_at_the_next_round(tmp_path, library, clock):
    saves = tmp_path / "saves"
    couple_on_disk(saves, library, clock)
    app = make_app(saves, library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot)
        await play_round(pilot, commit=False)
        await pilot.press("escape")  # pause on the reveal of round 1
        await wait_for(pilot, HomeScreen)
        assert "Resume the game: round 2 of 8" in menu_item(app, "resume")
    # Quit and start again: the game waits at round 2.
    again = make_app(saves, library, clock)
    async with again.run_test(size=SIZE) as pilot:
        await wait_for(pilot, WelcomeScreen)
        assert "a game is waiting" in str(again.screen.query_one("#couples").get_option_at_index(0).prompt)
        await pilot.press("enter")
        await wait_for(pilot, HomeScreen)
        assert "round 2 of 8" in menu_item(again, "resume")
        # Its key is g, shown beside it; no second item plays a game.
        assert menu_item(again, "resume").startswith("g  ▶ Resume")
        ids = [o.id for o in again.screen.query_one("#home", OptionList).options]
        assert "play" not in ids
        await pilot.press("g")
        await wait_for(pilot, HandoffScreen)
        assert "Round 2 of 8" in screen_text(again)
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
        await pilot.press("enter")  # the menu opens on its first item: resume
        await wait_for(pilot, HandoffScreen)
        assert "Round 2 of 8" in screen_text(again)


async def test_an_answer_committed_then_quit_resumes_at_the_guess(tmp_path, library, clock):
    saves = tmp_path / "saves"
    couple_on_disk(saves, library, clock)
    app = make_app(saves, library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot)
        kind = await to_answer_screen(pilot)
        await pick(pilot, kind, 0)
        await pilot.press("ctrl+s")
        await wait_for(pilot, HandoffScreen)
    again = make_app(saves, library, clock)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, HomeScreen)
        assert again.session.round.phase is Phase.GUESS
        await pilot.press("g")
        await wait_for(pilot, HandoffScreen)
        assert "your turn to guess" in screen_text(again)


async def test_mouse_works_too(tmp_path, library, clock):
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await click_menu(pilot, "play")
        await wait_for(pilot, SetupScreen)
        await pilot.click("#start")
        await wait_for(pilot, HandoffScreen)
        await pilot.click("#ready")
        await wait_for(pilot, AnswerScreen)
        question = app.screen.question
        if question.kind in (QuestionKind.CHOICE, QuestionKind.SCALE):
            await pilot.click("RadioButton")
        elif question.kind is QuestionKind.MULTI:
            await pilot.click(SelectionList, offset=(4, 0))
        elif question.kind is QuestionKind.RANK:
            await pilot.click("#rank-down")
        else:
            app.screen.query_one(Input).value = "by mouse"
        await pilot.click("#commit")
        await wait_for(pilot, HandoffScreen)
        assert app.session.round.phase is Phase.GUESS


async def test_a_clear_message_when_the_answer_is_incomplete(tmp_path, library, clock):
    library = library_of(library, QuestionKind.CHOICE)
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot)
        kind = await to_answer_screen(pilot)
        assert kind is QuestionKind.CHOICE
        await pilot.press("ctrl+s")
        # A multi with nothing ticked is told what's missing in its own words.
        multi = app.screen.question.kind is QuestionKind.MULTI
        assert ("Pick at least one option" if multi else "Choose an answer first") in screen_text(app)
        assert isinstance(app.screen, AnswerScreen)


async def test_several_couples_and_an_unlock_announced(tmp_path, library, clock):
    # Alex & Sam have played one game; their second, through the UI, opens a deck.
    couple_on_disk(tmp_path / "saves", library, clock, games=1, rounds=2)
    couple_on_disk(tmp_path / "saves", library, clock, ("Robin", "Kai"))
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)  # Alex & Sam, first on the list
        assert "Alex & Sam" in screen_text(app)
        await start(pilot, rounds=1)
        await play_game(pilot, 1)
        summary = screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
        assert "New deck open: Shared Story" in summary  # "after 2 games"
        await pilot.press("w")
        await wait_for(pilot, WelcomeScreen)
        couples = app.screen.query_one("#couples")
        listed = [str(couples.get_option_at_index(i).prompt) for i in range(couples.option_count)]
        assert listed == ["Alex & Sam · 2 games · profile alex-sam", "Robin & Kai · 0 games · profile robin-kai"]
