"""The stats at every size: one figure for how well, plain words, charts on one scale."""

from __future__ import annotations

import re
import shutil
from datetime import timedelta

import pytest
from textual.widgets import Static
from ui_driver import make_app, open_couple, screen_text, wait_for

from nuzzle_game.cli.demo import run_demo
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.ui.screens.stats import StatsScreen
from nuzzle_game.ui.widgets.charts import month_strip, share_columns

CHARTS = ("#accuracy-chart", "#discoveries-chart", "#calibration")


@pytest.fixture(scope="module")
def played(tmp_path_factory, library):
    """Ninety days of play up to the day before T0 (2026-01-05): the last month, January, is not over."""
    from conftest import Clock

    root = tmp_path_factory.mktemp("played")
    clock = Clock()
    run_demo(SaveFolder(root / "saves"), library, "alex-sam", ("Alex", "Sam"), 90, seed=4, clock=clock).close()
    return root / "saves", clock.now


def add_years(saves) -> None:
    """Seven more years of months before the first (more than a couple of three years holds),
    each with rounds in every dimension: the charts then have more months than room."""
    from nuzzle_game.core.stats import Period

    with SaveFolder(saves).open("alex-sam") as profile:
        aggregates = profile.state.aggregates
        model = aggregates.months[0]
        first = model.at
        older = []
        for back in range(80, 0, -1):
            at = first - timedelta(days=31 * back)
            older.append(Period(key=at.strftime("%Y-%m"), at=at, by_dimension=model.by_dimension, total=model.total))
        aggregates.months = older + aggregates.months
        profile.save_state()


def app_for(tmp_path, played, library, later: timedelta = timedelta()):
    from conftest import Clock

    saves, now = played
    shutil.copytree(saves, tmp_path / "saves")
    return make_app(tmp_path / "saves", library, Clock(now + later))


async def open_stats(pilot) -> None:
    await open_couple(pilot)
    await pilot.press("s")
    await wait_for(pilot, StatsScreen)
    await pilot.pause()


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (100, 30)])
async def test_every_chart_row_fits_on_its_line(tmp_path, played, library, size):
    app = app_for(tmp_path, played, library)
    add_years(tmp_path / "saves")
    async with app.run_test(size=size) as pilot:
        await open_stats(pilot)
        assert len(str(app.screen.query_one("#accuracy-chart", Static).render()).split("\n")[0]) > size[0] - 12
        for chart in CHARTS:
            static = app.screen.query_one(chart, Static)
            lines = str(static.render()).split("\n")
            assert static.size.height == len(lines), f"{chart} wraps at {size}"
            assert max(len(line) for line in lines) <= static.content_region.width
            percents = [line for line in lines if re.fullmatch(r"\s*(\d+%|—)", line)]
            assert not percents, f"a percentage on a line of its own in {chart}"


async def test_one_headline_plain_words_and_no_jargon(tmp_path, played, library):
    app = app_for(tmp_path, played, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stats(pilot)
        a = app.session.state.aggregates
        t = a.total
        headline = str(app.screen.query_one("#headline", Static).render())
        assert headline == f"In sync in {t.in_sync / t.rounds:.0%} of your {t.rounds:,} rounds"
        words = str(app.screen.query_one("#in-words", Static).render())
        assert f"{t.in_sync:,} in sync, {t.close:,} close (almost), {t.discoveries:,} new on your map" in words
        assert t.in_sync + t.close + t.discoveries == t.rounds
        assert f"You were right before, it changed since: {a.outdated:,} times." in words
        assert f"Guessed their own answer: {a.projections:,} times." in words
        text = screen_text(app)
        assert not [w for w in ("outdated", "projection", "Accuracy", "accuracy") if w in text]
        # The chart's "all" row ends with the same figure as the headline.
        chart = str(app.screen.query_one("#accuracy-chart", Static).render()).split("\n")
        assert chart[0].startswith("all") and chart[0].endswith(f"{t.in_sync / t.rounds:.0%}")


async def test_the_month_not_over_yet_is_named(tmp_path, played, library):
    app = app_for(tmp_path, played, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stats(pilot)
        legend = str(app.screen.query_one("#in-sync-legend", Static).render())
        assert "Faint: 2026-01, this month so far." in " ".join(legend.split())
        axis = str(app.screen.query_one("#accuracy-chart", Static).render()).split("\n")[-1]
        assert axis.rstrip().endswith("2026-01")
    # A month later, January is over: no month is "so far".
    app = app_for(tmp_path / "later", played, library, later=timedelta(days=40))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stats(pilot)
        assert "so far" not in str(app.screen.query_one("#in-sync-legend", Static).render())


async def test_both_charts_plot_shares_on_one_scale(tmp_path, played, library):
    app = app_for(tmp_path, played, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stats(pilot)
        text = " ".join(screen_text(app).split())
        assert "In sync, month by month" in text and "from 0% _ to 100% █" in text
        assert "New on your map, month by month" in text and "on the same scale: 0% to 100%" in text
        columns = str(app.screen.query_one("#discoveries-chart", Static).render()).split("\n")
        assert columns[0].strip().startswith("100% ┤") and columns[3].strip().startswith("0% ┤")


def test_strips_and_columns_draw_the_same_share_the_same_way():
    assert month_strip([0.0, 0.5, 1.0, None]).plain == "_▄█·"
    rows = [row.plain for row in share_columns([1.0, 0.5, 0.0, None, 0.25], 4)]
    assert rows == ["█    ", "█    ", "██   ", "██_·█"]
    assert [row.plain for row in share_columns([0.5, 0.25], 4)] == ["  ", "  ", "█ ", "██"], "never scaled to the top"
    faint = month_strip([0.5, 0.5], partial_last=True)
    assert faint.spans[0].style != faint.spans[-1].style, "the month not over yet is drawn apart"
