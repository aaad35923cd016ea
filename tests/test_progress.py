"""Progress that lasts (DESIGN §7): decks keep opening for months at a game a
day, one at a time; the streak counts its true length and celebrates its
milestones once each; older saves count what they have, once."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from conftest import T0, make_couple

from nuzzle_game.core import overview
from nuzzle_game.core.models import Home, Situation
from nuzzle_game.core.stats import Aggregates, Period, milestone


class _Memory:
    def __init__(self, state):
        self.state = state

    def save_state(self):
        pass

    def save_game(self):
        pass

    def archive_game(self, game):
        if not game.halves:
            self.state.active_game = None


def play_days(library, days: int, situation: Situation | None = None, seed: int = 5, skip=()):
    """The demo's play, in memory: a game a day (every 4th a check-in), none on
    the days in ``skip``. Returns the state, each day's new unlocks, and each
    day's milestone as the game's summary told it."""
    from nuzzle_game.cli.demo import SimulatedPartner, play_game
    from nuzzle_game.core.game import GameMode
    from nuzzle_game.core.state import ProfileState
    from nuzzle_game.play.session import GameSession

    rng = random.Random(seed)
    couple = make_couple().model_copy(update={"situation": situation})
    state = ProfileState(couple=couple)
    now = [T0]
    session = GameSession(_Memory(state), library, clock=lambda: now[0])
    partners = (SimulatedPartner(random.Random(rng.random())), SimulatedPartner(random.Random(rng.random())))
    opened: dict[int, list[str]] = {}
    milestones: dict[int, int] = {}
    finish = session.finish

    def finishing():
        summary = finish()
        if summary.milestone is not None:
            milestones[day] = summary.milestone
        return summary

    session.finish = finishing  # type: ignore[method-assign]

    def tick():
        now[0] += timedelta(minutes=1)

    for day in range(1, days + 1):
        if day in skip:
            continue
        now[0] = T0 + timedelta(days=day - 1)
        before = len(state.unlocks)
        mode = GameMode.CHECKIN if day % 4 == 0 else GameMode.GAME
        play_game(session, partners, rng, lambda: now[0], tick, mode)
        if len(state.unlocks) > before:
            opened[day] = [u.deck_id for u in state.unlocks[before:]]
    return state, opened, milestones


@pytest.fixture(scope="module")
def a_year(library):
    """A couple who live together, no animal: a year of a game a day."""
    return play_days(library, 365, Situation(home=Home.TOGETHER))


def test_a_year_of_daily_play_keeps_decks_opening_for_months(library, a_year):
    state, opened, _ = a_year
    days = sorted(opened)
    assert all(len(decks) == 1 for decks in opened.values()), "no game opens two decks"
    assert len(opened) >= 12, opened
    assert days[0] <= 3, "a new couple meets a new deck in its first days"
    assert sum(d <= 14 for d in days) <= 7, "not every deck in the first two weeks"
    assert any(d > 150 for d in days), "a deck still opens after day 150"
    assert 150 < days[-1] <= 240, f"the last deck opens about half a year in, not on day {days[-1]}"
    # Every deck that play can open for this couple opened, and only those.
    playable = {d.id for d in library.decks if not d.sensitive and d.unlock.type != "always" and d.id != "animals"}
    assert {d for decks in opened.values() for d in decks} == playable
    assert overview.next_unlock(library.decks, state) is None


def test_a_deck_for_couples_with_an_animal_never_opens_for_those_without(library, a_year):
    state, opened, _ = a_year
    assert "animals" not in state.unlocked_ids
    assert "where-we-live" in state.unlocked_ids  # their home fits it


def test_the_streak_counts_its_true_length_after_years(library):
    aggregates = Aggregates()
    for day in range(1100):
        at = T0 + timedelta(days=day)
        aggregates.current_game = Period(key=f"g{day}", at=at)
        aggregates.finish_game(f"g{day}", checkin=False)
    today = (T0 + timedelta(days=1099)).date()
    assert aggregates.streak(today) == 1100
    assert overview.streak(aggregates, today).days == 1100
    assert overview.streak(aggregates, today + timedelta(days=1)).days == 1100  # alive until tonight
    assert overview.streak(aggregates, today + timedelta(days=2)).days == 0
    assert aggregates.days_played == 1100 and aggregates.celebrated == 1095


def test_milestones_are_celebrated_once_each_by_the_game_that_reached_them(library):
    _, _, milestones = play_days(library, 40, skip={20})
    # Days 1-19 in a row (7 reached on day 7), day 20 missed: a new streak from day 21,
    # whose seventh day is not celebrated again; 30 is never reached.
    assert milestones == {7: 7}
    _, _, milestones = play_days(library, 31)
    assert milestones == {7: 7, 30: 30}
    assert [n for n in range(1, 1500) if milestone(n)] == [7, 30, 100, 365, 730, 1095, 1460]


def test_the_home_shows_the_milestone_until_the_next_day_played():
    aggregates = Aggregates()
    for day in range(7):
        aggregates.current_game = Period(key=f"g{day}", at=T0 + timedelta(days=day))
        aggregates.finish_game(f"g{day}", checkin=False)
    seventh = (T0 + timedelta(days=6)).date()
    assert overview.streak(aggregates, seventh).milestone == 7
    assert overview.streak(aggregates, seventh + timedelta(days=1)).milestone == 7  # the next time
    aggregates.current_game = Period(key="g7", at=T0 + timedelta(days=7))
    aggregates.finish_game("g7", checkin=False)
    assert overview.streak(aggregates, seventh + timedelta(days=1)).milestone is None


def test_a_check_in_in_halves_counts_its_day_once_both_halves_are_in():
    from conftest import Clock
    from test_halves import halves_for, library_of, play_half

    from nuzzle_game.play.engine import RoundEngine

    clock = Clock()
    session, _ = halves_for(library_of(["choice"]), clock)
    engine = RoundEngine(session)
    play_half(engine, 0)
    aggregates = session.state.aggregates
    assert aggregates.days_played == 0, "one half is not a day played"
    clock.advance(days=1, hours=3)
    play_half(engine, 1)
    assert engine.finished
    assert (aggregates.days_played, aggregates.streak_days, aggregates.last_day) == (1, 1, clock().date())


def test_an_older_save_counts_its_days_and_streak_once_from_its_recent_games():
    recent = [Period(key=f"g{day}", at=T0 + timedelta(days=day)).model_dump(mode="json") for day in (0, 2, 3, 4, 4, 5)]
    saved = {"games": 106, "recent_games": recent}  # a save from before days were counted
    aggregates = Aggregates.model_validate(saved)
    assert aggregates.streak_days == 4  # days 2, 3, 4, 5
    assert aggregates.last_day == (T0 + timedelta(days=5)).date()
    assert aggregates.days_played == 5 + round(100 * 5 / 6)  # older games at the same rate of days a game
    assert aggregates.celebrated == 0 and aggregates.milestone is None
    again = Aggregates.model_validate(aggregates.model_dump(mode="json"))
    assert again == aggregates, "counted once: a save that has them keeps them"
    long = Aggregates.model_validate(
        {"games": 20, "recent_games": [Period(key=f"g{d}", at=T0 + timedelta(days=d)).model_dump() for d in range(20)]}
    )
    assert long.streak_days == 20 and long.celebrated == 7 and long.milestone is None, "never celebrated late"


def test_the_fixture_saves_of_older_versions_count_their_days(tmp_path, library):
    import shutil
    from pathlib import Path

    from nuzzle_game.store.folder import SaveFolder

    fixtures = Path(__file__).parent / "fixtures" / "saves"
    for version in ("v1", "v4"):
        shutil.copytree(fixtures / version, tmp_path / "saves" / version)
        with SaveFolder(tmp_path / "saves").open(version) as profile:
            aggregates = profile.state.aggregates
            assert aggregates.days_played == 3 and aggregates.streak_days == 3
