"""Novelty's order (DESIGN §6): never asked > stale > old > recent.

Stated on ``drawing.novelty`` itself, for any horizon and any ages, so a change
to its shape fails here rather than in a draw that passes by chance.
"""

from datetime import timedelta

from conftest import T0
from hypothesis import given
from hypothesis import strategies as st

from nuzzle_game.core.drawing import JITTER, DrawRules, novelty

horizons = st.integers(1, 3650)
# Ages as fractions of the horizon: below it (fresh), and from it to five times it (stale).
fresh_part = st.floats(0, 1, exclude_max=True)
stale_part = st.floats(1, 5)


def at_age(part: float, rules: DrawRules) -> float:
    """The novelty of a question last asked ``part`` horizons ago."""
    return novelty(T0 - timedelta(days=part * rules.stale_days), T0, rules)


@given(horizon=horizons, part=st.floats(0, 50))
def test_never_asked_ranks_above_any_asked_beyond_chance(horizon, part):
    rules = DrawRules(stale_days=horizon)
    assert novelty(None, T0, rules) >= at_age(part, rules) + JITTER


@given(horizon=horizons, stale=stale_part, fresh=fresh_part)
def test_a_stale_answer_ranks_above_every_fresh_one_beyond_chance(horizon, stale, fresh):
    rules = DrawRules(stale_days=horizon)
    assert at_age(stale, rules) >= at_age(fresh, rules) + JITTER


@given(horizon=horizons, ages=st.tuples(fresh_part, fresh_part).filter(lambda a: a[0] != a[1]))
def test_an_answer_rises_with_its_age_until_the_horizon(horizon, ages):
    """Recent sinks, old rises: the older of two fresh answers always ranks higher."""
    rules = DrawRules(stale_days=horizon)
    younger, older = sorted(ages)
    # Ages a day's fraction apart can round to the same timedelta: compare those the clock tells apart.
    if timedelta(days=younger * horizon) != timedelta(days=older * horizon):
        assert at_age(younger, rules) < at_age(older, rules)


@given(horizon=horizons, ages=st.tuples(stale_part, stale_part))
def test_a_stale_answer_keeps_rising_then_levels(horizon, ages):
    """'Still true?' grows over the horizon after it goes stale, then stays."""
    rules = DrawRules(stale_days=horizon)
    younger, older = sorted(ages)
    if younger >= 2:  # twice the horizon and more: level
        assert at_age(younger, rules) == at_age(older, rules)
    elif older <= 2 and timedelta(days=younger * horizon) != timedelta(days=older * horizon):
        assert at_age(younger, rules) < at_age(older, rules)
    else:
        assert at_age(younger, rules) <= at_age(older, rules)


def test_the_horizon_is_where_an_answer_goes_stale():
    rules = DrawRules(stale_days=90)
    assert at_age(89.99 / 90, rules) < 1 <= 2 <= at_age(1, rules)
