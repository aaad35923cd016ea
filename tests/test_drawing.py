import random
from datetime import timedelta

import pytest
from conftest import T0
from helpers import q

from nuzzle_game.core.drawing import DrawRules, draw_next, target_depth
from nuzzle_game.core.pool import QuestionPool
from nuzzle_game.core.questions import Dimension


def draw_game(pool, seed=1, rounds=8, last_asked=None, accuracy=None, checkin=False):
    used = []
    for i in range(rounds):
        question = draw_next(
            pool,
            rng=random.Random(f"{seed}:{i}"),
            now=T0,
            round_index=i,
            total_rounds=rounds,
            used=used,
            last_asked=last_asked or {},
            guesser_accuracy=accuracy,
            checkin=checkin,
        )
        used.append(question)
    return used


def test_same_seed_same_draw(library):
    pool = QuestionPool(library.questions)
    assert [x.id for x in draw_game(pool, seed=7)] == [x.id for x in draw_game(pool, seed=7)]
    assert [x.id for x in draw_game(pool, seed=7)] != [x.id for x in draw_game(pool, seed=8)]


def test_load_order_does_not_change_the_draw(library):
    forward = QuestionPool(library.questions)
    backward = QuestionPool(list(reversed(library.questions)))
    assert [x.id for x in draw_game(forward)] == [x.id for x in draw_game(backward)]


@pytest.mark.parametrize("seed", range(25))
def test_a_game_of_eight_covers_four_dimensions(library, seed):
    drawn = draw_game(QuestionPool(library.questions), seed=seed)
    assert len({x.dimension for x in drawn}) >= 4
    assert len({x.id for x in drawn}) == 8


def test_coverage_holds_even_when_one_dimension_is_weak(library):
    # A guesser weak at spiritual questions gets more of them, not only them.
    accuracy = {d: 0.95 for d in Dimension} | {Dimension.SPIRITUAL: 0.0}
    counts = []
    for seed in range(20):
        drawn = draw_game(QuestionPool(library.questions), seed=seed, accuracy=accuracy)
        assert len({x.dimension for x in drawn}) >= 4
        counts.append(sum(x.dimension is Dimension.SPIRITUAL for x in drawn))
    even = []
    for seed in range(20):
        drawn = draw_game(QuestionPool(library.questions), seed=seed)
        even.append(sum(x.dimension is Dimension.SPIRITUAL for x in drawn))
    assert sum(counts) > sum(even)


def test_coverage_with_a_small_pool():
    pool = QuestionPool(
        [q(qid=f"q{i}", dimension=d.value) for i, d in enumerate([Dimension.EMOTIONAL] * 6 + [Dimension.PHYSICAL])]
    )
    drawn = draw_game(pool, rounds=7)
    assert {x.dimension for x in drawn} == {Dimension.EMOTIONAL, Dimension.PHYSICAL}


def test_no_repeat_inside_the_window_while_the_pool_allows(library):
    pool = QuestionPool(library.questions)
    recent = {x.id: T0 - timedelta(days=3) for x in library.questions[: len(library.questions) - 40]}
    for seed in range(10):
        drawn = draw_game(pool, seed=seed, last_asked=recent)
        assert not any(x.id in recent for x in drawn)


def test_repeats_when_the_pool_would_be_empty():
    questions = [q(qid=f"q{i}") for i in range(3)]
    recent = {x.id: T0 - timedelta(days=1) for x in questions}
    drawn = draw_game(QuestionPool(questions), rounds=3, last_asked=recent)
    assert sorted(x.id for x in drawn) == ["q0", "q1", "q2"]


def test_a_stale_question_comes_back():
    questions = [q(qid=f"q{i}") for i in range(5)]
    asked = {f"q{i}": T0 - timedelta(days=40) for i in range(5)}
    asked["q3"] = T0 - timedelta(days=200)  # gone stale: "still true?"
    for seed in range(10):
        (first,) = draw_game(QuestionPool(questions), seed=seed, rounds=1, last_asked=asked)
        assert first.id == "q3"


def test_never_asked_ranks_above_stale():
    questions = [q(qid="old"), q(qid="new")]
    asked = {"old": T0 - timedelta(days=400)}
    for seed in range(10):
        (first,) = draw_game(QuestionPool(questions), seed=seed, rounds=1, last_asked=asked)
        assert first.id == "new"


def test_recent_questions_sink():
    # Novelties 7/90 and 80/90: further apart than a draw's chance (JITTER), so
    # the older wins every draw. (35 and 70 days, 0.39 apart, won 11 to 9: chance.)
    questions = [q(qid="week"), q(qid="months")]
    asked = {"week": T0 - timedelta(days=7), "months": T0 - timedelta(days=80)}
    no_window = DrawRules(no_repeat_days=0)  # both may be drawn: novelty alone decides
    picks = {
        draw_next(
            QuestionPool(questions),
            rng=random.Random(s),
            now=T0,
            round_index=0,
            total_rounds=1,
            last_asked=asked,
            rules=no_window,
        ).id
        for s in range(20)
    }
    assert picks == {"months"}


def test_lighter_early_deeper_later(library):
    pool = QuestionPool(library.questions)
    for seed in range(10):
        depths = [x.depth for x in draw_game(pool, seed=seed)]
        assert sum(depths[:3]) < sum(depths[-3:])
        assert depths[0] == 1 and depths[-1] == 3
    assert [target_depth(i, 8) for i in range(8)] == [1, 1, 2, 2, 2, 2, 3, 3]


def test_checkin_starts_emotional(library):
    pool = QuestionPool(library.questions)
    for seed in range(10):
        drawn = draw_game(pool, seed=seed, rounds=3, checkin=True)
        assert drawn[0].dimension is Dimension.EMOTIONAL


def test_checkin_prefers_never_asked_or_stale(library):
    pool = QuestionPool(library.questions)
    emotional = [x for x in library.questions if x.dimension is Dimension.EMOTIONAL]
    # Leave half the light ones unasked: a check-in opens light, and the draw looks at a
    # sample of each bucket, so this many can't all be missed.
    fresh = {x.id for x in emotional if x.depth == 1}
    fresh = set(sorted(fresh)[::2])
    asked = {x.id: T0 - timedelta(days=45) for x in emotional if x.id not in fresh}
    drawn = draw_game(pool, rounds=3, checkin=True, last_asked=asked)
    assert drawn[0].id not in asked


def test_rules_windows_are_configurable():
    questions = [q(qid="qa"), q(qid="qb")]
    asked = {"qa": T0 - timedelta(days=10), "qb": T0 - timedelta(days=5)}
    pick = draw_next(
        QuestionPool(questions),
        rng=random.Random(1),
        now=T0,
        round_index=0,
        total_rounds=1,
        last_asked=asked,
        rules=DrawRules(no_repeat_days=7),
    )
    assert pick.id == "qa"


# ------------------------------------------------- situation, seasons, check-ins


def test_situational_questions_only_where_they_apply():
    questions = [q(qid="home", tags=["shared_home"]), q(qid="plain"), q(qid="kids", tags=["kids", "shared_home"])]
    pool = QuestionPool(questions)

    def picks(tags):
        return {
            draw_next(pool, rng=random.Random(s), now=T0, round_index=0, total_rounds=1, tags=tags).id
            for s in range(30)
        }

    assert picks(frozenset()) == {"plain"}  # a couple who never answered: untagged only
    assert picks(frozenset({"shared_home"})) == {"home", "plain"}
    assert picks(frozenset({"shared_home", "kids"})) == {"home", "plain", "kids"}


def test_situation_tags_follow_the_answers():
    from nuzzle_game.core.situation import Home, Situation, applicable_tags

    apart = Situation(home=Home.APART, kids=True, work=(True, False))
    assert applicable_tags(apart, 0) == {"living_apart", "kids", "work"}
    assert applicable_tags(apart, 1) == {"living_apart", "kids"}
    assert applicable_tags(Situation(home=Home.BOTH), 0) == {"shared_home", "living_apart"}
    assert applicable_tags(None, 0) == frozenset()


def test_old_couples_load_without_a_situation():
    from nuzzle_game.core.models import Couple

    couple = Couple.model_validate({"profile": "a-b", "players": [{"name": "A"}, {"name": "B"}], "created_at": T0})
    assert couple.situation is None


def test_seasonal_questions_wait_for_their_months():
    pool = QuestionPool([q(qid="year", months=[12, 1]), q(qid="any")])
    june, december = T0.replace(month=6), T0.replace(month=12)

    def picks(now):
        return {draw_next(pool, rng=random.Random(s), now=now, round_index=0, total_rounds=1).id for s in range(30)}

    assert picks(june) == {"any"}
    assert picks(december) == {"year", "any"}
    assert picks(T0) == {"year", "any"}  # January


def test_checkins_draw_from_the_checkin_deck_first():
    today = [
        q(qid=f"today.{i}", dimension=d, depth=1).model_copy(update={"deck_id": "today"})
        for i, d in enumerate(["emotional", "physical", "intellectual", "emotional"])
    ]
    others = [
        q(qid=f"other.{i}", dimension=d).model_copy(update={"deck_id": "other"})
        for i, d in enumerate(["emotional", "physical", "spiritual"] * 4)
    ]
    pool = QuestionPool(today + others, staple_decks={"today"})
    for seed in range(10):
        drawn = draw_game(pool, seed=seed, rounds=3, checkin=True)
        assert all(x.deck_id == "today" for x in drawn)
        assert drawn[0].dimension is Dimension.EMOTIONAL
        assert all(x.deck_id == "other" for x in draw_game(QuestionPool(others), seed=seed, rounds=3, checkin=True))
    # A game (not a check-in) draws from everything.
    games = [x.deck_id for seed in range(10) for x in draw_game(pool, seed=seed, rounds=8)]
    assert "other" in games
    # Once the staple deck was all asked recently, a check-in moves on to the rest.
    asked = {x.id: T0 - timedelta(days=2) for x in today}
    assert draw_game(pool, rounds=3, checkin=True, last_asked=asked)[0].deck_id == "other"


def test_the_library_builds_a_pool_once_per_deck_set(library):
    ids = [d.id for d in library.decks]
    assert library.pool(ids) is library.pool(reversed(ids))
    assert library.pool(ids[:1]) is not library.pool(ids)
    assert len(library.pool(ids)) == len(library.questions)
    assert {x.id for x in library.pool(ids[:1]).all()} == {x.id for x in library.decks[0].questions}
