"""SVG snapshots of the key screens at 80x24 (review changes with --snapshot-report)."""

from __future__ import annotations

import pytest
from conftest import Clock
from ui_driver import SIZE, create_couple, make_app, play_game, play_round, start, wait_for

from nuzzle_game.ui.screens.answer import AnswerScreen
from nuzzle_game.ui.screens.home import HomeScreen
from nuzzle_game.ui.screens.lovemap import LoveMapScreen
from nuzzle_game.ui.screens.reveal import RevealScreen
from nuzzle_game.ui.screens.stats import StatsScreen
from nuzzle_game.ui.screens.summary import SummaryScreen


@pytest.fixture
def app(library, tmp_path, monkeypatch):
    # The welcome screen shows the saves folder under the home folder as "~/…":
    # a home of this test's own draws the same on every machine and run.
    monkeypatch.setenv("HOME", str(tmp_path))
    return make_app(tmp_path / "saves", library, Clock(), seed=11)


def test_welcome(snap_compare, app):
    async def run_before(pilot):
        await create_couple(pilot)
        await wait_for(pilot, HomeScreen)
        await pilot.press("w")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_answer(snap_compare, app):
    async def run_before(pilot):
        await create_couple(pilot)
        await start(pilot)
        await pilot.press("enter")
        await wait_for(pilot, AnswerScreen)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_reveal(snap_compare, app):
    async def run_before(pilot):
        await create_couple(pilot)
        await start(pilot)
        await play_round(pilot, answer_choice=1, guess_choice=0, commit=False)
        await wait_for(pilot, RevealScreen)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_summary(snap_compare, app):
    async def run_before(pilot):
        await create_couple(pilot)
        await start(pilot, rounds=3)
        await play_game(pilot, 3)
        await wait_for(pilot, SummaryScreen)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_love_map(snap_compare, app):
    async def run_before(pilot):
        await create_couple(pilot)
        await start(pilot, rounds=4)
        await play_game(pilot, 4)
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
        await pilot.press("l")
        await wait_for(pilot, LoveMapScreen)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_home_at_a_glance(snap_compare, app):
    async def run_before(pilot):
        await create_couple(pilot)
        await start(pilot, rounds=4)
        await play_game(pilot, 4, answer_choice=2)
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_stats(snap_compare, app):
    async def run_before(pilot):
        await create_couple(pilot)
        await start(pilot, rounds=4)
        await play_game(pilot, 4, answer_choice=2)
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
        await pilot.press("s")
        await wait_for(pilot, StatsScreen)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
