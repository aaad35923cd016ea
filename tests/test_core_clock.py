"""A clock that ran ahead and was put right leaves no future behind (core part).

Played with the clock 400 days ahead, then back at the real time: until a
reveal, every date after now reads as now (drawing's no-repeat window, novelty
and re-ask age; staleness); the first reveal brings every love map date after
now back to now, and the entries it changed are the store's to save.
The last test plays under libfaketime, in a child process.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from datetime import datetime, timedelta

from conftest import T0, make_couple
from helpers import first_value, other_value, q
from hypothesis import given
from hypothesis import strategies as st

from nuzzle_game.clock import system_clock
from nuzzle_game.core.drawing import DrawRules, draw_next, novelty
from nuzzle_game.core.fit import Fit
from nuzzle_game.core.lovemap import Freshness, LoveMap, judge
from nuzzle_game.core.models import Confidence, Guess
from nuzzle_game.core.pool import QuestionPool
from nuzzle_game.core.questions import QuestionKind
from nuzzle_game.core.state import ProfileState

AHEAD = timedelta(days=400)


def dates_of(love_map: LoveMap) -> list[datetime]:
    return [d for e in love_map.entries.values() for d in e.dates] + list(love_map.passed.values())


def played_ahead(ids: list[str], since: datetime = T0) -> LoveMap:
    """A love map whose answers were all given 400 days after ``since``."""
    love_map = LoveMap(subject=0)
    for i, question_id in enumerate(ids):
        love_map.record(q(qid=question_id), "a", since + AHEAD - timedelta(days=i), "g-ahead")
    return love_map


def reveal(question_id: str, answer: str, at: datetime, answerer: int = 0):
    return judge(
        q(qid=question_id),
        answerer=answerer,
        answer=answer,
        guess=Guess(value="a", confidence=Confidence.SURE),
        verdict=None,
        subject_entry=None,
        guesser_entry=None,
        at=at,
        game_id="g-now",
    )


# ------------------------------------------------------------- reading: a date after now is now


def test_an_answer_dated_after_now_is_fresh_and_as_new_as_one_given_now():
    love_map = played_ahead(["ahead"])
    assert love_map.freshness("ahead", T0) is Freshness.FRESH
    assert love_map.freshness("ahead", T0, horizon_days=0) is Freshness.FRESH
    rules = DrawRules()
    assert novelty(T0 + AHEAD, T0, rules) == novelty(T0, T0, rules) == 0.0


def test_a_question_asked_after_now_is_just_asked_for_drawing():
    pool = QuestionPool([q(qid="ahead"), q(qid="other")])
    asked = played_ahead(["ahead"]).last_asked()
    since = T0 - timedelta(days=400)  # re-asks are on
    for seed in range(30):
        drawn = draw_next(
            pool, rng=random.Random(seed), now=T0, round_index=0, total_rounds=1, last_asked=asked, couple_since=since
        )
        assert drawn.id == "other"  # in the no-repeat window, and never a re-ask ("answered 14 days ago")
    assert not Fit(now=T0, last_asked=asked, no_repeat_days=30)(q(qid="ahead"))
    assert Fit(now=T0, last_asked=asked, no_repeat_days=0)(q(qid="ahead"))  # no window: it fits


# ------------------------------------------------------------- a reveal caps the future at now


def test_a_reveal_brings_every_love_map_date_after_now_back_to_now():
    state = ProfileState(couple=make_couple())
    state.love_maps = (played_ahead(["a0", "a1", "a2"]), LoveMap(subject=1))
    state.love_maps[1].record(q(qid="b0"), "x", T0 + AHEAD, "g-ahead")
    state.love_maps[1].record(q(qid="b0"), "y", T0 + AHEAD + timedelta(days=1), "g-ahead")  # two answers ahead
    state.love_maps[1].record(q(qid="b1"), "x", T0 - timedelta(days=10), "g-before")  # in the past: untouched
    state.love_maps[0].record_pass("p0", T0 + AHEAD)
    state.love_maps[0].last_asked()  # drawing keeps its times aside: they follow
    state.take_changed()

    state.apply(reveal("a1", "b", T0))  # a changed answer, revealed at the real time

    for love_map in state.love_maps:
        assert max(dates_of(love_map)) <= T0
        assert dict(love_map.last_asked()) == dict(LoveMap.model_validate(love_map.model_dump()).last_asked())
    assert state.love_maps[1].entries["b1"].current.at == T0 - timedelta(days=10)
    assert state.love_maps[0].passed["p0"] == T0
    assert state.take_changed() == {(0, "a0"), (0, "a1"), (0, "a2"), (1, "b0")}  # the store saves them
    history = state.love_maps[0].entries["a1"].history
    assert [(r.value, r.at, r.confirmed_at) for r in history] == [("a", T0, T0), ("b", T0, T0)]


def test_a_confirmation_after_the_clock_went_back_leaves_no_answer_first_given_after_it():
    state = ProfileState(couple=make_couple())
    state.love_maps = (played_ahead(["a0"]), LoveMap(subject=1))
    state.apply(reveal("a0", "a", T0))  # the same answer: confirmed now
    (record,) = state.love_maps[0].entries["a0"].history
    assert record.at == record.confirmed_at == T0


def test_once_capped_a_question_returns_after_the_no_repeat_window_not_a_year():
    state = ProfileState(couple=make_couple())
    state.love_maps = (played_ahead(["a0", "a1"]), LoveMap(subject=1))
    state.apply(reveal("other", "a", T0))
    asked = state.love_maps[0].last_asked()
    assert not Fit(now=T0 + timedelta(days=29), last_asked=asked, no_repeat_days=30)(q(qid="a0"))
    assert Fit(now=T0 + timedelta(days=30), last_asked=asked, no_repeat_days=30)(q(qid="a0"))


def test_the_clock_put_right_while_the_game_is_open():
    """The times drawing keeps aside were made before the answers ahead came in."""
    state = ProfileState(couple=make_couple())
    state.apply(reveal("a0", "a", T0 - timedelta(days=3)))
    state.love_maps[0].last_asked()  # a draw: the times are kept aside from here on
    state.apply(reveal("a1", "a", T0 + AHEAD))  # the clock ran ahead
    state.love_maps[0].record_pass("a2", T0 + AHEAD)
    state.apply(reveal("a3", "a", T0))  # and was put right
    assert max(dates_of(state.love_maps[0])) == T0


def test_a_reveal_in_order_changes_nothing_else():
    state = ProfileState(couple=make_couple())
    state.apply(reveal("a0", "a", T0))
    state.take_changed()
    state.apply(reveal("a1", "a", T0 + timedelta(days=1)))
    assert state.take_changed() == {(0, "a1")}
    assert state.love_maps[0].entries["a0"].current.confirmed_at == T0


@given(
    offsets=st.lists(st.tuples(st.integers(-500, 500), st.integers(-500, 500), st.booleans()), max_size=12),
    passes=st.lists(st.integers(-500, 500), max_size=4),
    kept=st.booleans(),
)
def test_capping_moves_only_the_dates_after_now_and_the_times_follow(offsets, passes, kept):
    love_map = LoveMap(subject=0)
    for i, (first, second, changes) in enumerate(offsets):
        for at in (first, second):
            love_map.record_answer(
                f"q{i}",
                q().dimension,
                QuestionKind.CHOICE,
                "b" if changes and at == second else "a",
                T0 + timedelta(days=at),
                "g",
            )
    for i, at in enumerate(passes):
        love_map.record_pass(f"q{i * 3}", T0 + timedelta(days=at))
    if kept:
        love_map.last_asked()
    before = LoveMap.model_validate(love_map.model_dump())

    changed = love_map.cap_dates(T0)

    assert all(d <= T0 for d in dates_of(love_map))
    for question_id, entry in love_map.entries.items():
        old = before.entries[question_id]
        assert [(r.at, r.confirmed_at) for r in entry.history] == [
            (min(r.at, T0), min(r.confirmed_at, T0)) for r in old.history
        ]
        assert (question_id in changed) == (entry != old)
    assert love_map.passed == {k: min(v, T0) for k, v in before.passed.items()}
    assert dict(love_map.last_asked()) == dict(LoveMap.model_validate(love_map.model_dump()).last_asked())


# ------------------------------------------------------------- under libfaketime


def test_played_400_days_ahead_under_libfaketime_then_at_the_real_time(tmp_path, library):
    # .ci/run installs libfaketime (Debian's faketime): never skipped, a missing one fails.
    assert shutil.which("faketime"), "faketime is missing: apt-get install -y faketime"
    from nuzzle_game.store.folder import SaveFolder

    saves = tmp_path / "saves"
    env = {**os.environ, "FAKETIME_DONT_FAKE_MONOTONIC": "0"}  # the monotonic clock runs ahead too
    command = [
        sys.executable,
        "-m",
        "nuzzle_game",
        "--saves",
        str(saves),
        "demo",
        "--profile",
        "alex-sam",
        "--players",
        "Alex,Sam",
        "--games",
        "6",
        "--seed",
        "3",
    ]
    # A start time, not an offset: under a suite itself run under libfaketime, an
    # offset would count from the real clock, not from this test's.
    ahead_of_us = f"@{(system_clock() + timedelta(days=400)):%Y-%m-%d %H:%M:%S}"
    subprocess.run(["faketime", "-f", ahead_of_us, *command], check=True, env=env, capture_output=True, timeout=300)

    now = system_clock()
    with SaveFolder(saves).open("alex-sam") as profile:
        state = profile.state
        ahead = [d for m in state.love_maps for d in dates_of(m)]
        assert ahead and min(ahead) > now + timedelta(days=390)  # the future stayed in the save
        love_map = state.love_maps[0]
        asked = love_map.last_asked()
        rules = DrawRules()
        for question_id, entry in love_map.entries.items():
            assert entry.freshness(now) is Freshness.FRESH
            assert novelty(asked[question_id], now, rules) == 0.0
            assert not Fit(now=now, last_asked=asked, no_repeat_days=30)(library.question(question_id))
        question_id, entry = next(iter(love_map.entries.items()))
        question = library.question(question_id)
        new = other_value(question) if entry.current.value == first_value(question) else first_value(question)
        state.apply(
            judge(
                question,
                answerer=0,
                answer=new,
                guess=Guess(value=new, confidence=Confidence.SURE),
                verdict=None,
                subject_entry=entry,
                guesser_entry=None,
                at=now,
                game_id="now",
            )
        )
        profile.save_state()

    with SaveFolder(saves).open("alex-sam") as profile:  # as saved
        state = profile.state
        assert max(d for m in state.love_maps for d in dates_of(m)) <= now
        asked = state.love_maps[0].last_asked()
        back = now + timedelta(days=30)
        fits = Fit(
            now=back,
            tags=frozenset(["shared_home", "work", "kids", "pets", "living_apart"]),
            last_asked=asked,
            no_repeat_days=30,
        )
        questions = [library.question(i) for i in state.love_maps[0].entries]
        assert all(fits(x) for x in questions if fits.suits(x))  # back in the draw after the window, not a year
