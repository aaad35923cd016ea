"""Home at a glance, the game's recap, honest charts, and the rough edges found in play."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from conftest import T0
from helpers import q
from textual.widgets import Footer, Input, Label, OptionList
from ui_driver import (
    SIZE,
    couple_on_disk,
    make_app,
    open_couple,
    play_game,
    play_round,
    press_at_once,
    screen_text,
    settle,
    skip_situation,
    start,
    wait_for,
    wait_until,
)

from nuzzle_game import paths
from nuzzle_game.cli.demo import run_demo
from nuzzle_game.core import overview as glance
from nuzzle_game.core.questions import Scale
from nuzzle_game.core.stats import Aggregates, Period
from nuzzle_game.core.text import format_answer
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.ui.screens.changes import ChangesScreen
from nuzzle_game.ui.screens.confirm import ConfirmScreen
from nuzzle_game.ui.screens.decks import DecksScreen
from nuzzle_game.ui.screens.handoff import HandoffScreen
from nuzzle_game.ui.screens.home import HomeScreen
from nuzzle_game.ui.screens.new_couple import NewCoupleScreen
from nuzzle_game.ui.screens.reveal import RevealScreen
from nuzzle_game.ui.screens.settings import SettingsScreen
from nuzzle_game.ui.screens.setup import SetupScreen
from nuzzle_game.ui.screens.stats import StatsScreen
from nuzzle_game.ui.screens.summary import SummaryScreen
from nuzzle_game.ui.screens.welcome import WelcomeScreen
from nuzzle_game.ui.widgets.charts import month_strip


def visible(app) -> str:
    """What is on the terminal right now, as plain text (from the screenshot)."""
    svg = app.export_screenshot()
    lines: dict[str, list[str]] = {}
    for y, run in re.findall(r'<text[^>]* y="([\d.]+)"[^>]*>([^<>]*)</text>', svg):
        lines.setdefault(y, []).append(run)
    return "\n".join(html.unescape("".join(runs)).replace("\xa0", " ") for runs in lines.values())


def demo(tmp_path, library, clock, games=12):
    folder = SaveFolder(tmp_path / "saves")
    run_demo(folder, library, "alex-sam", ("Alex", "Sam"), games, seed=4, clock=clock).close()
    return folder


async def open_first_couple(pilot) -> None:
    await wait_for(pilot, WelcomeScreen)
    await pilot.press("enter")
    await wait_for(pilot, HomeScreen)
    await wait_until(pilot, lambda: pilot.app.screen.glance is not None, "the glance")


# ------------------------------------------------------------------ pure parts


def test_profile_names_are_readable_unique_and_safe():
    assert paths.profile_name("[b]Ada[/b]", "Zoë 💜") == "ada-zoë"
    assert paths.profile_name("李", "王") == "李-王"
    assert paths.profile_name("../..", ".hidden") == "hidden"
    assert paths.profile_name("💜", "✨") == "couple"
    taken = {"ada-zoë", "ada-zoë-2"}
    assert paths.unique_profile_name("ada-zoë", taken.__contains__) == "ada-zoë-3"
    long = paths.unique_profile_name("x" * 40, lambda n: n == "x" * 40)
    assert long == "x" * 38 + "-2"


def test_bars_share_one_scale_and_never_hide_a_little():
    assert glance.bar_cells([0, 0], 100, 10) == [0, 0]
    assert glance.bar_cells([1, 0], 100, 10) == [1, 0]  # a little is still drawn
    assert glance.bar_cells([50, 50], 100, 10) == [5, 5]
    assert sum(glance.bar_cells([99, 99, 99], 100, 10)) <= 10


def test_month_strip_draws_zero_as_zero_and_full_as_full():
    # The bug: each row scaled on its own made 0% look like 100%.
    assert month_strip([0.0, 1.0, None]).plain == "_█·"
    assert month_strip([0.5]).plain == "▄"


def test_streak_counts_days_in_a_row():
    aggregates = Aggregates()

    def play_on(day: int) -> None:
        aggregates.current_game = Period(key=str(day), at=T0 + timedelta(days=day))
        aggregates.finish_game(str(day), checkin=False)

    today = (T0 + timedelta(days=5)).date()
    for day in (1, 3, 4):
        play_on(day)
    assert glance.streak(aggregates, today) == glance.Streak(2, False)  # alive: yesterday was played
    play_on(5)
    assert glance.streak(aggregates, today) == glance.Streak(3, True)
    assert glance.streak(aggregates, today + timedelta(days=2)).days == 0


def test_scale_answers_read_as_a_sentence():
    question = q("scale", scale=Scale(lo_label="switched off", hi_label="fascinated by everything"))
    assert format_answer(question, 4) == "4 of 5: toward fascinated by everything"
    assert format_answer(question, 1) == "1 of 5: switched off"
    assert format_answer(question, 4, lines=True) == "4 of 5\ntoward fascinated by everything"


# ------------------------------------------------------------------ screens


async def test_home_shows_the_couple_at_a_glance(tmp_path, library, clock):
    folder = demo(tmp_path, library, clock, games=12)
    app = make_app(folder.root, library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_couple(pilot)
        text = visible(app)
        assert "profile alex-sam" in text
        assert "What you know of each other" in text and "fresh" in text and "stale" in text
        assert re.search(r"Alex knows +Sam knows", text), "a column for each partner"
        for dimension in ("emotional", "physical", "intellectual", "experiential", "spiritual"):
            assert re.search(dimension + r" +[█▒·]{7} +\d+ +[█▒·]{7} +\d+", text), dimension
        assert "Next deck:" in text and "Last game" in text and "in sync" in text
        assert "Streak" in text or "streak" in text
        assert "changed since last asked" in text


async def test_home_fits_60_by_20_with_the_glance_under_the_menu(tmp_path, library, clock):
    folder = demo(tmp_path, library, clock, games=3)
    app = make_app(folder.root, library, clock)
    async with app.run_test(size=(60, 20)) as pilot:
        await open_first_couple(pilot)
        menu, panel = app.screen.query_one("#home"), app.screen.query_one("#glance")
        assert panel.region.y > menu.region.y and panel.region.right <= 60


async def test_summary_recaps_every_round_and_names_the_biggest_surprise(tmp_path, library, clock):
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock, seed=11)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot, rounds=3)
        await play_game(pilot, 3, answer_choice=3)
        await wait_for(pilot, SummaryScreen)
        screen = app.screen
        assert len(screen.query(".recap")) == 3
        text = screen_text(app)
        assert "Biggest surprise" in text and "said" in text and "guessed" in text
        assert "This game's accuracy by dimension" in text
        assert screen.query_one("#changes").region.bottom <= SIZE[1] - 1, "the buttons stay in view"
        await pilot.press("t")
        await wait_for(pilot, ChangesScreen)
        assert "New on your map in this game" in screen_text(app)


async def test_the_menu_changes_screen_is_named_apart_and_not_empty_after_misses(tmp_path, library, clock):
    couple_on_disk(tmp_path / "saves", library, clock, games=1)  # half its rounds missed
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await pilot.press("t")
        await wait_for(pilot, ChangesScreen)
        text = screen_text(app) + "\n".join(str(o.prompt) for o in app.screen.query_one(OptionList).options)
        assert "Things that changed" in text and "New on your map" not in text
        assert "Nothing has changed yet" not in text
        assert "Newest on your maps" in text and "now:" in text


async def test_stats_charts_say_what_they_plot(tmp_path, library, clock):
    folder = demo(tmp_path, library, clock, games=12)
    app = make_app(folder.root, library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_couple(pilot)
        await pilot.press("s")
        await wait_for(pilot, StatsScreen)
        text = screen_text(app)
        assert "12 games" in text
        assert "In sync, month by month" in text and "from 0% _ to 100% █" in text
        assert "New on your map, month by month" in text and "on the same scale: 0% to 100%" in text
        assert "how sure" in text and "how close" in text
        chart = str(app.screen.query_one("#accuracy-chart").render()).splitlines()
        assert len({len(line) for line in chart[:6]}) == 1, "every row on the same columns"


async def test_one_game_is_not_1_games(tmp_path, library, clock):
    folder = demo(tmp_path, library, clock, games=1)
    app = make_app(folder.root, library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_couple(pilot)
        await pilot.press("s")
        await wait_for(pilot, StatsScreen)
        text = screen_text(app)
        assert "1 game:" in text and "1 games" not in text


async def test_decks_fit_80_columns_with_after_dark_in_view(tmp_path, library, clock):
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await pilot.press("d")
        await wait_for(pilot, DecksScreen)
        await wait_until(pilot, lambda: "After Dark" in visible(app), "the decks")
        text = visible(app)
        assert "After Dark" in text
        assert "0 of 4 days played" in text and "0 of 8 discoveries made" in text
        # Never a count of who opted in: that would tell one partner the other's choice.
        assert "partners opted in" not in text


async def test_settings_number_boxes_sit_beside_their_labels(tmp_path, library, clock):
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await pilot.press("o")
        await wait_for(pilot, SettingsScreen)
        await settle(pilot)
        for box in ("#rounds", "#stale"):
            field = app.screen.query_one(box, Input)
            label = field.parent.query_one(Label)
            assert field.content_region.y == label.content_region.y and field.region.x >= label.region.right


async def test_dialogs_show_their_own_keys(tmp_path, library, clock):
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await wait_for(pilot, NewCoupleScreen)
        assert len(app.screen.query(Footer)) == 1
        await pilot.press("escape")
        await open_couple(pilot)
        await pilot.press("g")
        await pilot.pause()
        await skip_situation(pilot)
        await wait_for(pilot, SetupScreen)
        assert len(app.screen.query(Footer)) == 1
        await pilot.press("ctrl+s")
        await wait_for(pilot, HandoffScreen)
        await pilot.press("escape")  # pause at the first hand-off
        await wait_for(pilot, HomeScreen)
        await pilot.press("x")
        await wait_for(pilot, ConfirmScreen)
        assert len(app.screen.query(Footer)) == 1
        assert "No round was revealed yet, so nothing is lost." in screen_text(app)


async def test_new_couple_form_suggests_an_editable_profile_name(tmp_path, library, clock):
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await wait_for(pilot, NewCoupleScreen)
        # At one keyboard: the opt-ins come in turn, each while the other looks away.
        assert "the other looks away" in screen_text(app) and "own screen" not in screen_text(app)
        await pilot.press(*"李")
        app.screen.query_one("#name-b").focus()
        await pilot.press(*"王")
        await pilot.pause()
        assert app.screen.query_one("#profile", Input).value == "李-王"
        app.screen.query_one("#profile").focus()
        await pilot.press("ctrl+a", *"../evil")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NewCoupleScreen)
        assert "A profile name uses letters" in screen_text(app)


@pytest.mark.parametrize("reduced", [False, True])
async def test_a_moment_at_the_reveal_unless_motion_is_reduced(tmp_path, library, clock, reduced):
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock, seed=11)
    async with app.run_test(size=SIZE) as pilot:
        if reduced:
            app.set_reduced_motion(True)
        await open_couple(pilot)
        await start(pilot, rounds=2)
        await play_round(pilot, answer_choice=0, guess_choice=0, commit=False)
        await wait_for(pilot, RevealScreen)
        moments = app.screen.query("#moment")
        if reduced:
            assert not moments
        else:
            assert len(moments) == 1 and moments.first().has_class("in-sync")
            assert app.screen.query_one("#next").has_focus, "the moment never takes the keys"
    again = make_app(tmp_path / "saves", library, clock)
    assert again.reduced_motion is reduced


async def test_long_options_wrap_instead_of_being_cut():
    from textual.app import App

    from nuzzle_game.ui.widgets.answer_inputs import ChoiceInput

    long = "Something slow and unplanned with nowhere we have to be, and nobody else around"
    question = q("choice", options=[long, "Short"])

    class One(App):
        def compose(self):
            yield ChoiceInput(question)

    app = One()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        text = visible(app)
        assert "…" not in text
        assert "nobody else around" in text


def test_next_unlock_by_accuracy_counts_the_games_too(library):
    from conftest import make_couple

    from nuzzle_game.core.models import Confidence, RoundResult
    from nuzzle_game.core.questions import Dimension, QuestionKind
    from nuzzle_game.core.state import ProfileState

    state = ProfileState(couple=make_couple())
    for dimension in Dimension:  # one perfect game: accuracy is there, the games are not
        state.aggregates.add_round(
            RoundResult(
                question_id="x",
                kind=QuestionKind.CHOICE,
                dimension=dimension,
                depth=1,
                answerer=0,
                guesser=1,
                answer="a",
                guess="a",
                confidence=Confidence.SURE,
                accuracy=1.0,
                points=10,
                in_sync=True,
                discovery=False,
                at=T0,
                game_id="g1",
            )
        )
    state.aggregates.finish_game("g1", False)
    step = glance.next_unlock(library.decks, state)
    assert step is not None and step.share < 1


def test_export_with_a_wrong_name_lists_the_profiles_there_are(tmp_path, capsys):
    from conftest import make_couple

    from nuzzle_game.cli.main import main

    folder = SaveFolder(tmp_path / "saves")
    folder.create(make_couple("alex-sam")).close()
    folder.create(make_couple("李-王")).close()
    assert main(["--saves", str(folder.root), "export", "alex"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no profile 'alex'" in err and "alex-sam, 李-王" in err


async def test_names_typed_in_one_burst_land_in_their_own_fields(tmp_path, library, clock):
    """A fast typist's Tab moves on before the next letters arrive (seen in tmux:
    "Ada<Tab>Zoe" sent at once gave "AdaZoe" in the first field)."""
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await wait_for(pilot, NewCoupleScreen)
        await press_at_once(pilot, *"Ada", "tab", *"Zoe", "tab", "ctrl+a", *"us")
        await pilot.pause()
        values = [app.screen.query_one(f"#{field}", Input).value for field in ("name-a", "name-b", "profile")]
        assert values == ["Ada", "Zoe", "us"]
