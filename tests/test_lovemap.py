"""The love map rules on hand-made histories (DESIGN §5)."""

from datetime import timedelta

import pytest
from conftest import T0
from helpers import first_value, other_value, q

from nuzzle_game.core.lovemap import (
    Freshness,
    LoveMap,
    changes_across_games,
    discoveries_of_game,
    judge,
    knowledge_by_dimension,
)
from nuzzle_game.core.models import Confidence, Guess, Verdict
from nuzzle_game.core.questions import Dimension

KINDS = ["choice", "multi", "scale", "rank", "text"]


def reveal(question, answer, guess, subject=None, guesser=None, verdict=None, at=T0):
    return judge(
        question,
        answerer=0,
        answer=answer,
        guess=Guess(value=guess, confidence=Confidence.SURE),
        verdict=verdict,
        subject_entry=subject.entry(question.id) if subject else None,
        guesser_entry=guesser.entry(question.id) if guesser else None,
        at=at,
        game_id="g2",
    )


def test_a_first_answer_starts_the_history():
    question = q("choice")
    love_map = LoveMap(subject=0)
    assert love_map.freshness(question.id, T0) is Freshness.UNKNOWN
    assert love_map.record(question, "a", T0, "g1") is False
    entry = love_map.entry(question.id)
    assert entry.current.value == "a" and len(entry.history) == 1


def test_the_same_answer_refreshes_the_date():
    question = q("choice")
    love_map = LoveMap(subject=0)
    love_map.record(question, "a", T0, "g1")
    later = T0 + timedelta(days=100)
    assert love_map.freshness(question.id, later) is Freshness.STALE
    assert love_map.record(question, "a", later, "g2") is False
    entry = love_map.entry(question.id)
    assert len(entry.history) == 1 and entry.current.at == T0 and entry.last_revealed == later
    assert love_map.freshness(question.id, later) is Freshness.FRESH


def test_a_changed_answer_adds_an_entry():
    question = q("scale")
    love_map = LoveMap(subject=1)
    love_map.record(question, 2, T0, "g1")
    assert love_map.record(question, 4, T0 + timedelta(days=3), "g2") is True
    assert [r.value for r in love_map.entry(question.id).history] == [2, 4]


def test_horizon_is_configurable():
    question = q("choice")
    love_map = LoveMap(subject=0)
    love_map.record(question, "a", T0, "g1")
    assert love_map.freshness(question.id, T0 + timedelta(days=20), horizon_days=14) is Freshness.STALE
    assert love_map.freshness(question.id, T0 + timedelta(days=20)) is Freshness.FRESH


def test_a_match_is_in_sync_and_a_miss_is_a_discovery():
    question = q("choice", depth=2)
    hit = reveal(question, "a", "a")
    assert hit.in_sync and not hit.discovery and hit.points == 20
    miss = reveal(question, "a", "b")
    assert miss.discovery and not miss.in_sync and miss.points == 0


@pytest.mark.parametrize("kind", KINDS)
def test_outdated_model_for_every_kind(kind):
    question = q(kind)
    old, new = first_value(question), other_value(question)
    subject = LoveMap(subject=0)
    subject.record(question, old, T0 - timedelta(days=120), "g1")
    result = reveal(question, answer=new, guess=old, subject=subject)
    assert result.discovery and result.changed
    assert result.outdated_since == T0 - timedelta(days=120)
    assert result.previous_answer == old
    assert not result.projection


@pytest.mark.parametrize("kind", KINDS)
def test_projection_for_every_kind(kind):
    question = q(kind)
    mine, theirs = first_value(question), other_value(question)
    guesser = LoveMap(subject=1)
    guesser.record(question, mine, T0 - timedelta(days=10), "g1")
    result = reveal(
        question, answer=theirs, guess=mine, guesser=guesser, verdict=Verdict.NOT_REALLY if kind == "text" else None
    )
    assert result.discovery and result.projection and result.outdated_since is None


def test_near_guesses_match_an_older_answer_too():
    """'Matches' uses the scoring accuracy: a scale guess one step off still counts."""
    question = q("scale", scale={"lo": 1, "hi": 10, "lo_label": "low", "hi_label": "high"})
    subject = LoveMap(subject=0)
    subject.record(question, 9, T0 - timedelta(days=60), "g1")
    result = reveal(question, answer=2, guess=8, subject=subject)
    assert result.outdated_since is not None


def test_no_flags_on_a_match():
    question = q("choice")
    subject, guesser = LoveMap(subject=0), LoveMap(subject=1)
    subject.record(question, "a", T0 - timedelta(days=60), "g1")
    guesser.record(question, "a", T0 - timedelta(days=60), "g1")
    result = reveal(question, answer="a", guess="a", subject=subject, guesser=guesser)
    assert result.in_sync and not result.projection and result.outdated_since is None


def test_text_verdict_is_the_answerers_with_a_suggestion():
    question = q("text")
    result = reveal(question, answer="a long walk by the river", guess="a long walk by the river")
    assert result.suggested_verdict is Verdict.SPOT_ON and result.verdict is Verdict.SPOT_ON
    overruled = reveal(question, answer="a long walk by the river", guess="a walk", verdict=Verdict.CLOSE)
    assert overruled.verdict is Verdict.CLOSE and overruled.accuracy == 0.5


def test_things_that_changed_in_a_game_and_across_games():
    question = q("choice", follow_up="Ask what changed.")
    subject = LoveMap(subject=0)
    subject.record(question, "a", T0 - timedelta(days=50), "g1")
    result = reveal(question, answer="b", guess="a", subject=subject)
    (discovery,) = discoveries_of_game([result], lambda _: question.text)
    assert discovery.previous_answer == "a" and discovery.new_answer == "b" and discovery.guess == "a"
    assert discovery.outdated_since is not None and discovery.follow_up == "Ask what changed."
    subject.record(question, "b", T0, "g2")
    (change,) = changes_across_games([subject, LoveMap(subject=1)], lambda _: question.text)
    assert (change.previous_answer, change.new_answer, change.subject) == ("a", "b", 0)


def test_knowledge_by_dimension_counts_fresh_and_stale():
    love_map = LoveMap(subject=0)
    love_map.record(q(qid="e.one"), "a", T0 - timedelta(days=200), "g1")
    love_map.record(q(qid="e.two"), "a", T0, "g1")
    love_map.record(q(qid="p.one", dimension="physical"), "a", T0, "g1")
    rows = {r.dimension: r for r in knowledge_by_dimension(love_map, T0, {Dimension.EMOTIONAL: 10})}
    assert (rows[Dimension.EMOTIONAL].known, rows[Dimension.EMOTIONAL].fresh, rows[Dimension.EMOTIONAL].stale) == (
        2,
        1,
        1,
    )
    assert rows[Dimension.EMOTIONAL].total == 10 and rows[Dimension.PHYSICAL].known == 1


def test_last_asked_get_is_the_mapping_lookup_with_passes():
    love_map = LoveMap(subject=0)
    for name, days in (("answered", 40), ("passed-later", 40), ("passed-earlier", 10)):
        love_map.record(q(qid=name), "a", T0 - timedelta(days=days), "g")
    love_map.record_pass("passed-later", T0 - timedelta(days=5))
    love_map.record_pass("passed-earlier", T0 - timedelta(days=30))
    love_map.record_pass("passed-only", T0 - timedelta(days=3))
    last_asked = love_map.last_asked()
    assert last_asked.get("answered") == T0 - timedelta(days=40)
    assert last_asked.get("passed-later") == T0 - timedelta(days=5)
    assert last_asked.get("passed-earlier") == T0 - timedelta(days=10)
    assert last_asked.get("passed-only") == T0 - timedelta(days=3)
    assert last_asked.get("never") is None and last_asked.get("never", T0) == T0
    assert {k: last_asked.get(k) for k in last_asked} == dict(last_asked.items())


def test_the_times_drawing_reads_follow_every_answer_and_pass():
    love_map = LoveMap(subject=0)
    love_map.record(q(qid="qa"), "a", T0 - timedelta(days=50), "g1")
    love_map.record_pass("qp", T0 - timedelta(days=40))
    love_map.last_asked()  # the love map now keeps the times aside

    def as_loaded() -> LoveMap:  # the same love map read back: nothing kept aside
        return LoveMap.model_validate(love_map.model_dump())

    def check() -> None:
        kept, fresh = love_map.last_asked(), as_loaded().last_asked()
        for question_id in ("qa", "qb", "qp", "never"):
            assert kept.get(question_id) == fresh.get(question_id), question_id
        assert dict(kept.items()) == dict(fresh.items())
        assert love_map == as_loaded()

    love_map.record(q(qid="qa"), "a", T0 - timedelta(days=20), "g2")  # confirmed
    check()
    love_map.record(q(qid="qa"), "b", T0 - timedelta(days=10), "g3")  # changed
    check()
    love_map.record(q(qid="qb"), "a", T0 - timedelta(days=30), "g3")  # new
    check()
    love_map.record_pass("qa", T0 - timedelta(days=5))  # passed after its answer
    love_map.record_pass("qb", T0 - timedelta(days=35))  # passed before it
    love_map.record_pass("qp", T0 - timedelta(days=2))
    check()
    love_map.record(q(qid="qp"), "a", T0 - timedelta(days=60), "g4")  # the clock went back
    check()
    # Changed another way than by recording: the times are made again.
    love_map.entries = {"qb": love_map.entries["qb"]}
    check()
    love_map.passed.pop("qp")
    check()
