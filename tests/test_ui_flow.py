"""Pilot tests of the round flow's rough edges: fast keys, passes, decks that are
gone, the palette mid-game, the last reveal, and answers that are not ready."""

from __future__ import annotations

from textual.widgets import Input, SelectionList
from ui_driver import (
    SIZE,
    commit_guess,
    couple_on_disk,
    make_app,
    menu_item,
    open_couple,
    pick,
    play_round,
    press_at_once,
    screen_text,
    settle,
    start,
    to_answer_screen,
    to_guess_screen,
    wait_for,
    wait_until,
)

from nuzzle_game.core.decks import DeckLibrary
from nuzzle_game.core.questions import QuestionKind
from nuzzle_game.store.deck_files import load_decks
from nuzzle_game.ui.commands import COMMANDS, home_bindings, menu_commands
from nuzzle_game.ui.screens.answer import AnswerScreen, GuessScreen
from nuzzle_game.ui.screens.confirm import ConfirmScreen
from nuzzle_game.ui.screens.handoff import HandoffScreen
from nuzzle_game.ui.screens.home import HomeScreen
from nuzzle_game.ui.screens.reveal import RevealScreen
from nuzzle_game.ui.screens.summary import SummaryScreen
from nuzzle_game.ui.screens.welcome import WelcomeScreen

DIMENSIONS = ["emotional", "physical", "intellectual", "experiential", "spiritual"]


def kind_library(tmp_path, kind: str, fields: str) -> DeckLibrary:
    """A deck of ten questions of one kind (so a test knows what it will be asked)."""
    questions = "\n".join(
        f'''
[[questions]]
id = "f.{kind}.{i}"
kind = "{kind}"
dimension = "{DIMENSIONS[i % 5]}"
depth = {1 + i % 3}
text = "Flow question number {i}, these days?"
{fields}
'''
        for i in range(10)
    )
    folder = tmp_path / f"decks-{kind}"
    folder.mkdir(exist_ok=True)
    (folder / "d.toml").write_text(
        f'id = "f-{kind}"\ntitle = "Only {kind}"\ndescription = "Test deck."\nunlock = {{ type = "always" }}\n{questions}'
    )
    return load_decks([folder])


MULTI = 'options = ["Walks", "Films", "Cooking", "None of these right now"]\nexclusive = ["None of these right now"]'
RANK = 'items = ["Sleep", "Friends", "Work", "Play"]'


async def test_ctrl_s_and_enter_in_one_read_neither_crash_nor_skip_the_handoff(tmp_path, library, clock):
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot)
        kind = await to_answer_screen(pilot)
        await pick(pilot, kind, 1)
        await press_at_once(pilot, "ctrl+s", "enter")
        await wait_for(pilot, HandoffScreen)
        await settle(pilot)
        assert isinstance(app.screen, HandoffScreen), "the Enter skipped the look-away screen"
        assert "your turn to guess" in screen_text(app)
        await pilot.press("enter")  # a key pressed on the hand-off itself works
        await wait_for(pilot, GuessScreen)
        await pick(pilot, kind, 1)
        app.screen.query_one("#confidence").focus()
        await pilot.press("enter")
        await press_at_once(pilot, "ctrl+s", "enter", "enter")
        await wait_for(pilot, RevealScreen)
        await settle(pilot)
        assert isinstance(app.screen, RevealScreen)  # no crash, and no key skipped the reveal
        await pilot.press("ctrl+s", "enter")  # and with Pilot's own pauses
        await wait_for(pilot, HandoffScreen)
        assert "Round 2 of 8" in screen_text(app)


async def test_pass_draws_another_question_and_survives_quitting(tmp_path, library, clock):
    saves = tmp_path / "saves"
    couple_on_disk(saves, library, clock)
    app = make_app(saves, library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot)
        await to_answer_screen(pilot)
        passed = app.screen.question
        assert "p Pass" in screen_text(app).replace("\n", " ") or app.screen.query_one("#pass")
        await pilot.press("p")
        await wait_for(pilot, HandoffScreen)
        text = screen_text(app)
        assert "Round 1 of 8" in text and "your turn to answer" in text
        await pilot.press("enter")
        await wait_for(pilot, AnswerScreen)
        assert app.screen.question.id != passed.id
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
    again = make_app(saves, library, clock)
    async with again.run_test(size=SIZE) as pilot:
        await wait_for(pilot, WelcomeScreen)
        await pilot.press("enter")
        await wait_for(pilot, HomeScreen)
        assert [p.question_id for p in again.session.game.passes] == [passed.id]
        await pilot.press("g")
        await to_answer_screen(pilot)
        assert again.screen.question.id != passed.id


async def test_the_guesser_can_pass_too(tmp_path, library, clock):
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot)
        kind = await to_answer_screen(pilot)
        first = app.screen.question
        await pick(pilot, kind, 1)
        await pilot.press("ctrl+s")
        await to_guess_screen(pilot)
        await pilot.click("#pass")
        await wait_for(pilot, HandoffScreen)
        assert "your turn to answer" in screen_text(app)  # a new question, answered first
        assert app.session.game.current.question_id != first.id
        assert app.session.state.aggregates.total.rounds == 0


async def test_a_game_whose_decks_are_gone_can_be_ended_keeping_its_rounds(tmp_path, library, clock):
    saves = tmp_path / "saves"
    couple_on_disk(saves, library, clock)
    app = make_app(saves, library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot)
        await play_round(pilot)
        await wait_for(pilot, HandoffScreen)
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
    nothing = DeckLibrary([], [])
    again = make_app(saves, nothing, clock)
    async with again.run_test(size=SIZE) as pilot:
        await wait_for(pilot, WelcomeScreen)
        await pilot.press("enter")
        await wait_for(pilot, HomeScreen)
        await pilot.press("g")
        await wait_for(pilot, ConfirmScreen)
        text = screen_text(again)
        assert "cannot go on" in text and "The 1 revealed round stays on your love map." in text
        await pilot.press("y")
        await wait_for(pilot, HomeScreen)
        await wait_until(pilot, lambda: "1 game · in sync" in screen_text(again), "the home's headline")
        assert again.session.game is None
        assert again.session.state.aggregates.total.rounds == 1
        assert "1 game · in sync" in screen_text(again)


async def test_play_from_the_palette_mid_round_leaves_no_stale_screen(tmp_path, library, clock):
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot)
        kind = await to_answer_screen(pilot)
        await pick(pilot, kind, 1)
        await pilot.press("ctrl+s")
        await to_guess_screen(pilot)
        stack = [type(s) for s in app.screen_stack]
        app.run_command("play")  # what the palette's "Play a game" does
        await settle(pilot)
        assert [type(s) for s in app.screen_stack] == stack
        await commit_guess(pilot, kind, 1)
        await pilot.press("escape")  # pause on the reveal
        await wait_for(pilot, HomeScreen)
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["HomeScreen"]


async def test_quitting_on_the_last_reveal_finishes_the_game(tmp_path, library, clock):
    saves = tmp_path / "saves"
    couple_on_disk(saves, library, clock)
    app = make_app(saves, library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot, rounds=1)
        await play_round(pilot, commit=False)
        assert isinstance(app.screen, RevealScreen)
    again = make_app(saves, library, clock)
    async with again.run_test(size=SIZE) as pilot:
        await wait_for(pilot, WelcomeScreen)
        await pilot.press("enter")
        await wait_for(pilot, HomeScreen)
        label = menu_item(again, "resume")
        assert "round 2 of 1" not in label and "round 1 of 1" not in label
        assert "See how the game went" in label
        await pilot.press("g")
        await wait_for(pilot, SummaryScreen)
        assert "1 round" in screen_text(again)
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
        assert again.session.game is None and again.session.state.aggregates.games == 1


async def test_an_empty_multi_is_refused_with_a_message(tmp_path, clock):
    library = kind_library(tmp_path, "multi", MULTI)
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot)
        await to_answer_screen(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen)
        assert "Pick at least one option." in screen_text(app)


async def test_none_of_these_stands_alone(tmp_path, clock):
    library = kind_library(tmp_path, "multi", MULTI)
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot)
        await to_answer_screen(pilot)
        chosen = app.screen.query_one(SelectionList)
        await pilot.press("space", "down", "space")  # Walks, Films
        assert set(chosen.selected) == {"Walks", "Films"}
        await pilot.press("down", "down", "space")  # None of these right now
        assert chosen.selected == ["None of these right now"]
        await pilot.press("up", "space")  # Cooking unticks "None of these"
        assert chosen.selected == ["Cooking"]


async def test_an_untouched_rank_needs_a_confirmation(tmp_path, clock):
    library = kind_library(tmp_path, "rank", RANK)
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot)
        await to_answer_screen(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen)
        assert "press Ctrl+S again to keep this order" in screen_text(app)
        await pilot.press("ctrl+s")  # confirmed: the order as it stands
        await wait_for(pilot, HandoffScreen)
        assert app.session.game.current.answer == ["Sleep", "Friends", "Work", "Play"]


async def test_only_the_answer_is_masked_not_the_guess(tmp_path, clock):
    library = kind_library(tmp_path, "text", "")
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot)
        await to_answer_screen(pilot)
        assert app.screen.query_one(Input).password
        await pick(pilot, QuestionKind.TEXT, 0, "a slow morning")
        assert "slow" not in app.export_screenshot()
        await pilot.press("ctrl+s")
        await to_guess_screen(pilot)
        await pick(pilot, QuestionKind.TEXT, 0, "coffee in bed")
        assert not app.screen.query_one(Input).password
        assert "coffee" in app.export_screenshot()


def test_the_menu_keys_and_palette_come_from_one_list():
    keys = {b.key: b.action for b in home_bindings()}
    for command in COMMANDS:
        if command.key:
            assert keys[command.key] == f"menu('{command.name}')"
    assert [c.name for c in menu_commands()] == [
        "play",
        "checkin",
        "halves",
        "lovemap",
        "changes",
        "decks",
        "stats",
        "settings",
        "switch",
    ]


async def test_the_palette_lists_every_command_for_an_open_couple(tmp_path, library, clock):
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await wait_for(pilot, HomeScreen)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {c.title for c in COMMANDS if c.name != "end"} <= titles
        assert "End the game in progress" not in titles  # no game yet


async def test_the_welcome_gets_the_decks_ready_while_it_is_read_and_keys_still_work(tmp_path, library, clock):
    couple_on_disk(tmp_path / "saves", library, clock)
    couple_on_disk(tmp_path / "saves", library, clock, ("Kim", "Lee"))
    app = make_app(tmp_path / "saves", None, clock)  # no decks given: the app loads them
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, WelcomeScreen)
        couples = app.screen.query_one("#couples")
        await pilot.press("down")  # a key in the middle of getting ready
        await wait_until(pilot, lambda: app.config.library is not None, "the decks loaded ahead")
        assert app.session is None, "no couple opened"
        assert couples.highlighted == 1
        await pilot.press("enter")
        await wait_for(pilot, HomeScreen)
        assert app.session.state.couple.profile == "kim-lee"


async def test_a_welcome_with_no_couple_gets_nothing_ready(tmp_path, clock):
    app = make_app(tmp_path / "saves", None, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, WelcomeScreen)
        await settle(pilot)
        assert app.config.library is None


async def test_the_couple_under_the_cursor_is_read_while_the_welcome_is_read(tmp_path, library, clock, monkeypatch):
    from nuzzle_game.store.loader import ProfileFiles

    couple_on_disk(tmp_path / "saves", library, clock, games=2)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, WelcomeScreen)
        await wait_until(pilot, lambda: bool(app.config.saves._ahead), "the couple's saves read ahead")

        def no_reading(*args, **kwargs):
            raise AssertionError("opening read the saves again")

        monkeypatch.setattr(ProfileFiles, "load", no_reading)
        await pilot.press("enter")
        await wait_for(pilot, HomeScreen)
        assert "2 games · in sync" in screen_text(app)


async def test_getting_ready_stops_once_a_couple_is_open(tmp_path, library, clock):
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", None, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, WelcomeScreen)
        assert app.open_profile("alex-sam")  # opened before the welcome's first step
        app.preload("alex-sam")
        await settle(pilot)
        assert not app.config.saves._ahead, "no second copy of the open couple's saves"
