"""The situation step before a couple's first game, and its block in Settings."""

from __future__ import annotations

from test_ui_glance import visible
from textual.widgets import Checkbox
from ui_driver import SIZE, create_couple, make_app, screen_text, wait_for

from nuzzle_game.core.situation import Home
from nuzzle_game.ui.screens.home import HomeScreen
from nuzzle_game.ui.screens.settings import SettingsScreen
from nuzzle_game.ui.screens.setup import SetupScreen
from nuzzle_game.ui.screens.situation import SituationScreen


async def test_a_new_couple_is_asked_once_before_the_first_game(tmp_path, library, clock):
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await create_couple(pilot)
        await pilot.press("g")
        await wait_for(pilot, SituationScreen)
        await pilot.pause()
        # A step of its own, before the setup, saying why it asks; not a dialog on the setup.
        setup = app.screen_stack[-2]
        assert isinstance(setup, SetupScreen) and not setup.query_one("#setup").display
        assert "so the game only asks what fits the two of you" in screen_text(app)
        assert "Before you play" in screen_text(app)
        assert "Sam has a job or daily work" in str(app.screen.query_one("#work-1", Checkbox).label)
        assert "We live apart (for now or for good)" in visible(app)  # whole, not cut with "…"
        await pilot.press("ctrl+s")  # nothing picked yet: a gentle word, no save
        await pilot.pause()
        assert isinstance(app.screen, SituationScreen) and "Pick where you live" in screen_text(app)
        await pilot.click("#home-apart")
        app.screen.query_one("#work-0", Checkbox).value = True
        await pilot.press("ctrl+s")
        await wait_for(pilot, SetupScreen)
        assert app.screen.query_one("#setup").display and app.screen.query_one("#start").has_focus
        situation = app.profile.state.couple.situation
        assert situation.home is Home.APART and situation.work == (True, False) and not situation.kids
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
        await pilot.press("g")
        await wait_for(pilot, SetupScreen)
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)  # not asked again
    # It is saved with the couple.
    with app.config.saves.open("alex-sam") as profile:
        assert profile.state.couple.situation == situation


async def test_not_now_asks_again_next_time(tmp_path, library, clock):
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await create_couple(pilot)
        await pilot.press("g")
        await wait_for(pilot, SituationScreen)
        await pilot.press("escape")
        await wait_for(pilot, SetupScreen)
        assert app.screen.query_one("#setup").display
        assert app.profile.state.couple.situation is None
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
        await pilot.press("g")
        await wait_for(pilot, SituationScreen)


async def test_settings_change_the_situation(tmp_path, library, clock):
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await create_couple(pilot)
        await wait_for(pilot, HomeScreen)
        app.show("settings")
        await wait_for(pilot, SettingsScreen)
        await pilot.pause()
        screen = app.screen
        screen.query_one("#home-together").value = True
        screen.query_one("#kids", Checkbox).value = True
        screen.query_one("#pets", Checkbox).value = True
        await pilot.press("ctrl+s")
        await wait_for(pilot, HomeScreen)
        situation = app.profile.state.couple.situation
        assert situation.home is Home.TOGETHER and situation.kids and situation.pets
        assert situation.tags(1) == {"shared_home", "kids", "pets"}
        app.show("settings")
        await wait_for(pilot, SettingsScreen)
        await pilot.pause()
        assert app.screen.query_one("#kids", Checkbox).value  # shown as saved
