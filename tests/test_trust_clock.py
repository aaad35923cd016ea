"""Issue 10, item 9: a clock that goes back (and forward again).

Month keys stay unique and in order whatever the clock does, in the bounded
state, in the archive and over the years; and no date after the clock's now is
shown as if it were in the future ("since", "ago", "true until").

    .venv/bin/python -m pytest tests/test_trust_clock.py
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

from conftest import T0, Clock, make_couple
from hypothesis import given, settings
from hypothesis import strategies as st
from test_bounded import play
from test_ui_privacy import one_kind_library

from nuzzle_game.cli.export import export_json, export_markdown
from nuzzle_game.core.models import Confidence, RoundResult
from nuzzle_game.core.questions import Dimension, QuestionKind
from nuzzle_game.core.stats import KEEP_MONTHS, Aggregates, Period, merge_months
from nuzzle_game.core.text import ago, day
from nuzzle_game.store.profile import ProfileReader


def _round(at: datetime, number: int) -> RoundResult:
    return RoundResult(
        question_id=f"q{number % 7}",
        kind=QuestionKind.CHOICE,
        dimension=list(Dimension)[number % len(Dimension)],
        depth=1,
        answerer=number % 2,
        guesser=1 - number % 2,
        answer="a",
        guess="a" if number % 3 else "b",
        confidence=Confidence.SURE,
        accuracy=1.0 if number % 3 else 0.0,
        points=10,
        in_sync=bool(number % 3),
        discovery=number % 5 == 0,
        at=at,
        game_id=f"g{number}",
    )


def _month_start(index: int) -> datetime:
    """The 3rd of the index-th month from January 2026."""
    return datetime(2026 + index // 12, index % 12 + 1, 3, 20, 0, tzinfo=UTC)


def _assert_months_sound(kept: list[Period], archived: list[Period], total_rounds: int) -> None:
    keys = [m.key for m in kept]
    assert keys == sorted(set(keys)), keys  # unique and in order
    archived_keys = [m.key for m in archived]
    assert archived_keys == sorted(set(archived_keys)), archived_keys
    assert not set(keys) & set(archived_keys)  # never in both places
    assert sum(m.total.rounds for m in kept + archived) == total_rounds


@settings(max_examples=150, deadline=None)
@given(
    months=st.lists(st.integers(0, 30), min_size=1, max_size=40),
    keep=st.integers(1, 4),
    saves=st.lists(st.booleans(), min_size=40, max_size=40),
)
def test_month_keys_stay_unique_and_in_order_whatever_the_clock_does(months, keep, saves):
    """Rounds dated by a clock that jumps to any month, back or forward; some
    states are saved and read back in between."""
    aggregates = Aggregates()
    archived: list[Period] = []
    for number, month in enumerate(months):
        aggregates.add_round(_round(_month_start(month) + timedelta(hours=number), number))
        archived += aggregates.retire_months(keep)
        if saves[number]:
            aggregates = Aggregates.model_validate(aggregates.model_dump(mode="json"))
        assert len(aggregates.months) <= keep
        _assert_months_sound(aggregates.months, archived, aggregates.total.rounds)
    everything = merge_months(archived, aggregates.months)
    assert sum(m.total.accuracy_sum for m in everything) == aggregates.total.accuracy_sum
    assert sum(m.total.discoveries for m in everything) == aggregates.discoveries


def test_a_state_saved_with_a_month_twice_reads_back_with_it_once():
    """Saves made before this fix could hold a month twice: its parts add up."""
    aggregates = Aggregates()
    for number, month in enumerate([0, 1, 0, 1]):
        aggregates.months.append(Period(key=f"2026-0{month + 1}", at=_month_start(month)))
        aggregates.months[-1].add(_round(_month_start(month), number))
    read = Aggregates.model_validate(aggregates.model_dump(mode="json"))
    assert [(m.key, m.total.rounds) for m in read.months] == [("2026-01", 2), ("2026-02", 2)]


def test_a_clock_back_and_forth_over_the_years_keeps_one_key_a_month(tmp_path, saves):
    """Played over sixteen months (some archived), then the clock goes back to
    the first month (archived), back to a kept month, and forward again."""
    library = one_kind_library(tmp_path, "scale")
    clock = Clock()
    with saves.create(make_couple()) as profile:
        play(profile, library, clock, games=40)  # 480 days: months go to the archive
        latest = clock.now
        for when in (T0 + timedelta(days=3), latest - timedelta(days=120), latest + timedelta(days=1)):
            clock.now = when
            play(profile, library, clock, games=2, days=1)
    assert list((saves.profile_dir("alex-sam") / "archive").iterdir())
    state = json.loads((saves.profile_dir("alex-sam") / "state.json").read_text())
    kept = [m["key"] for m in state["aggregates"]["1"]["months"]]
    assert kept == sorted(set(kept)) and len(kept) <= KEEP_MONTHS
    reader = ProfileReader(saves, "alex-sam")
    months = reader.months()
    keys = [m.key for m in months]
    assert keys == sorted(set(keys))
    assert sum(m.total.rounds for m in months) == reader.state.aggregates.total.rounds == 46 * 8
    trend = json.loads(export_json(reader, library, T0))["stats"]["trend"]["discoveries_by_month"]
    assert list(trend) == keys


# ------------------------------------------------------------- no date in the future


def test_ago_and_day_never_say_a_date_after_now():
    now = T0
    later = now + timedelta(days=40)
    assert ago(later, now) == "today"
    assert day(later, now) == f"{now:%Y-%m-%d}"
    assert day(now - timedelta(days=2), now) == f"{now - timedelta(days=2):%Y-%m-%d}"


def test_the_markdown_export_shows_no_date_after_now_when_the_clock_went_back(tmp_path, saves):
    """Games played while the clock ran two years ahead; then it came back."""
    library = one_kind_library(tmp_path, "scale")
    ahead = Clock(T0 + timedelta(days=730))
    with saves.create(make_couple()) as profile:
        play(profile, library, ahead, games=6, days=20)
    now = T0 + timedelta(days=10)
    text = export_markdown(ProfileReader(saves, "alex-sam"), library, now=now)
    dates = re.findall(r"\d{4}-\d\d-\d\d", text)
    assert dates and max(dates) == f"{now:%Y-%m-%d}", sorted(set(dates))
    assert "since" in text and "last confirmed today" in text


async def test_the_screens_show_no_date_after_now_when_the_clock_went_back(tmp_path, library):
    """A demo's games are dated up to today; the app's clock is years earlier."""
    from textual.widgets import DataTable
    from ui_driver import SIZE, make_app, screen_text, wait_for

    from nuzzle_game.cli.demo import run_demo
    from nuzzle_game.store.folder import SaveFolder
    from nuzzle_game.ui.screens.decks import DecksScreen
    from nuzzle_game.ui.screens.home import HomeScreen
    from nuzzle_game.ui.screens.lovemap import LoveMapScreen
    from nuzzle_game.ui.screens.stats import StatsScreen
    from nuzzle_game.ui.screens.welcome import WelcomeScreen

    folder = SaveFolder(tmp_path / "saves")
    run_demo(folder, library, "alex-sam", ("Alex", "Sam"), 40, seed=4, clock=Clock()).close()
    now = datetime(2020, 1, 1, 12, 0, tzinfo=UTC)
    app = make_app(folder.root, library, Clock(now))
    seen: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, WelcomeScreen)
        await pilot.press("enter")
        await wait_for(pilot, HomeScreen)
        await pilot.press("l")
        await wait_for(pilot, LoveMapScreen)
        entries = app.screen.query_one("#entries-0", DataTable)
        entries.focus()
        await pilot.press("down")
        await pilot.pause()
        seen.append(str(app.screen.query_one("#history-0").render()))
        assert "from " in seen[-1]
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
        await pilot.press("s")
        await wait_for(pilot, StatsScreen)
        axes = [line.split() for line in screen_text(app).splitlines() if re.match(r"\s*\d{4}-\d\d\b", line)]
        assert axes and axes[0][0].startswith(app.session.state.aggregates.months[0].key)  # the first column's month
        await pilot.press("escape")
        # (The stats chart's axis names the saved months its columns plot: not a "since".)
        for key, screen in (("d", DecksScreen),):
            await wait_for(pilot, HomeScreen)
            await pilot.press(key)
            await wait_for(pilot, screen)
            seen.append(screen_text(app))
            await pilot.press("escape")
    dates = re.findall(r"\b(\d{4}-\d\d(?:-\d\d)?)\b", "\n".join(seen))
    assert dates and max(dates) <= f"{now:%Y-%m-%d}", sorted(set(dates))
