"""Novelty's order (DESIGN §6): never asked > stale > old > recent.

Stated on ``drawing.novelty`` itself, for any horizon and any ages, so a change
to its shape fails here rather than in a draw that passes by chance.
"""

from datetime import timedelta

from conftest import T0
from hypothesis import given
from hypothesis import strategies as st

from nuzzle_game.core.drawing import JITTER, DrawRules, novelty

DAY = 86400


@st.composite
def ages(draw: st.DrawFn, fresh: bool, count: int = 1) -> tuple[int, list[int]]:
    """A horizon in days, and ages in seconds: under it (``fresh``), or from it
    to five horizons (stale). Whole seconds, so no age rounds across the horizon."""
    horizon = draw(st.integers(1, 3650))
    lo, hi = (0, horizon * DAY - 1) if fresh else (horizon * DAY, 5 * horizon * DAY)
    return horizon, [draw(st.integers(lo, hi)) for _ in range(count)]


def at_age(seconds: int, horizon: int) -> float:
    """The novelty of a question last asked ``seconds`` ago."""
    return novelty(T0 - timedelta(seconds=seconds), T0, DrawRules(stale_days=horizon))


@given(st.integers(1, 3650), st.integers(0, 50 * 3650 * DAY))
def test_never_asked_ranks_above_any_asked_beyond_chance(horizon, age):
    assert novelty(None, T0, DrawRules(stale_days=horizon)) >= at_age(age, horizon) + JITTER


@given(st.data())
def test_a_stale_answer_ranks_above_every_fresh_one_beyond_chance(data):
    horizon, (stale,) = data.draw(ages(fresh=False))
    fresh = data.draw(st.integers(0, horizon * DAY - 1))
    assert at_age(stale, horizon) >= at_age(fresh, horizon) + JITTER


@given(ages(fresh=True, count=2))
def test_an_answer_rises_with_its_age_until_the_horizon(horizon_and_ages):
    """Recent sinks, old rises: the older of two fresh answers always ranks higher."""
    horizon, (a, b) = horizon_and_ages
    if a != b:
        younger, older = sorted((a, b))
        assert at_age(younger, horizon) < at_age(older, horizon)


@given(ages(fresh=False, count=2))
def test_a_stale_answer_keeps_rising_then_levels(horizon_and_ages):
    """'Still true?' grows over the horizon after it goes stale, then stays."""
    horizon, (a, b) = horizon_and_ages
    younger, older = sorted((a, b))
    if younger >= 2 * horizon * DAY:  # twice the horizon and more: level
        assert at_age(younger, horizon) == at_age(older, horizon)
    elif younger < older <= 2 * horizon * DAY:
        assert at_age(younger, horizon) < at_age(older, horizon)
    else:
        assert at_age(younger, horizon) <= at_age(older, horizon)


def test_the_horizon_is_where_an_answer_goes_stale():
    assert at_age(90 * DAY - 1, 90) < 1 < 2 <= at_age(90 * DAY, 90)
