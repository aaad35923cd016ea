"""The one rule of what a draw may pick (core/fit.py, DESIGN §6)."""

from datetime import timedelta

from conftest import T0
from helpers import q
from hypothesis import given
from hypothesis import strategies as st

from nuzzle_game.core.fit import Fit
from nuzzle_game.core.pool import QuestionPool

TAGS = ["shared_home", "work", "kids"]


def test_each_part_of_the_rule_in_turn():
    plain, tagged, winter = q(qid="plain"), q(qid="home", tags=["shared_home"]), q(qid="winter", months=[12, 1])
    asked = {"plain": T0 - timedelta(days=29, hours=23), "home": T0 - timedelta(days=30)}
    fit = Fit(now=T0, tags=frozenset({"shared_home"}), last_asked=asked, no_repeat_days=30)
    assert not fit(plain)  # inside the window by an hour
    assert fit(tagged)  # its tag applies, and 30 days is out of the window
    assert fit(winter)  # January: in season, never asked
    assert fit.without_window()(plain)
    assert not Fit(now=T0, used={"home"}, tags=frozenset({"shared_home"}))(tagged)  # already in this game
    assert not Fit(now=T0)(tagged)  # no tags: only untagged questions
    assert not Fit(now=T0.replace(month=6))(winter)  # out of season
    assert Fit(now=T0, used={"plain"}).suits(plain)  # suits: the answerer and the season alone


def test_a_date_after_now_counts_as_now():
    question = q(qid="ahead")
    ahead = {"ahead": T0 + timedelta(days=400)}
    assert not Fit(now=T0, last_asked=ahead, no_repeat_days=30)(question)  # just asked: in the window
    assert not Fit(now=T0, last_asked=ahead, no_repeat_days=1)(question)
    assert Fit(now=T0, last_asked=ahead, no_repeat_days=0)(question)  # no window: fits


@given(
    tags=st.frozensets(st.sampled_from(TAGS)),
    month=st.integers(1, 12),
    questions=st.lists(
        st.tuples(st.lists(st.sampled_from(TAGS), unique=True, max_size=2), st.none() | st.sets(st.integers(1, 12))),
        min_size=1,
        max_size=12,
    ),
)
def test_the_pools_fitting_ids_are_the_rules_suits(tags, month, questions):
    pool = QuestionPool(
        [
            q(qid=f"q{i}", tags=tags_, **({"months": sorted(months)} if months else {}))
            for i, (tags_, months) in enumerate(questions)
        ]
    )
    fit = Fit(now=T0.replace(month=month), tags=tags)
    assert pool.fitting(fit) == {x.id for x in pool.all() if fit.suits(x)}
