"""SVG snapshots of the key screens at 80x24 (review changes with --snapshot-report)."""

from __future__ import annotations

import pytest
from conftest import Clock
from ui_driver import SIZE, couple_on_disk, make_app, open_couple, play_game, play_round, start, wait_for

from nuzzle_game.ui.app import NuzzleApp
from nuzzle_game.ui.screens.answer import AnswerScreen
from nuzzle_game.ui.screens.home import HomeScreen
from nuzzle_game.ui.screens.lovemap import LoveMapScreen
from nuzzle_game.ui.screens.reveal import RevealScreen
from nuzzle_game.ui.screens.stats import StatsScreen
from nuzzle_game.ui.screens.summary import SummaryScreen
from nuzzle_game.ui.screens.welcome import WelcomeScreen


@pytest.fixture
def saves(tmp_path, monkeypatch):
    # The welcome screen shows the saves folder under the home folder as "~/…":
    # a home of this test's own draws the same on every machine and run.
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path / "saves"


def app_for(saves, library, games: int = 0) -> NuzzleApp:
    """Alex & Sam with ``games`` finished games of 4 rounds (made through the core)."""
    clock = Clock()
    couple_on_disk(saves, library, clock, games=games, rounds=4)
    return make_app(saves, library, clock, seed=11)


def test_welcome(snap_compare, saves, library):
    app = app_for(saves, library, games=1)

    async def run_before(pilot):
        await wait_for(pilot, WelcomeScreen)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_answer(snap_compare, saves, library):
    app = app_for(saves, library)

    async def run_before(pilot):
        await open_couple(pilot)
        await start(pilot)
        await pilot.press("enter")
        await wait_for(pilot, AnswerScreen)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_reveal(snap_compare, saves, library):
    app = app_for(saves, library)

    async def run_before(pilot):
        await open_couple(pilot)
        await start(pilot)
        await play_round(pilot, answer_choice=1, guess_choice=0, commit=False)
        await wait_for(pilot, RevealScreen)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_summary(snap_compare, saves, library):
    app = app_for(saves, library)

    async def run_before(pilot):
        await open_couple(pilot)
        await start(pilot, rounds=2)
        await play_game(pilot, 2)
        await wait_for(pilot, SummaryScreen)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize(
    "key, screen", [("l", LoveMapScreen), ("s", StatsScreen), (None, HomeScreen)], ids=["love-map", "stats", "home"]
)
def test_after_two_games(snap_compare, saves, library, key, screen):
    """The love map, the stats and home at a glance, once two games are played."""
    app = app_for(saves, library, games=2)

    async def run_before(pilot):
        await open_couple(pilot)
        if key:
            await pilot.press(key)
        await wait_for(pilot, screen)
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
