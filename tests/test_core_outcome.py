"""In sync, close, or new on your map (DESIGN §4): a near miss is its own outcome,
never a discovery."""

from __future__ import annotations

from conftest import T0
from helpers import q

from nuzzle_game.core.lovemap import judge
from nuzzle_game.core.models import Confidence, Guess, Outcome, Verdict
from nuzzle_game.core.stats import Tally


def reveal(question, guess, answer, verdict=None):
    return judge(
        question,
        answerer=0,
        answer=answer,
        guess=Guess(value=guess, confidence=Confidence.SURE),
        verdict=verdict,
        subject_entry=None,
        guesser_entry=None,
        at=T0,
        game_id="g",
    )


def test_a_scale_guess_one_step_off_is_close_and_not_a_discovery():
    scale = q("scale")  # 1..5: one step is 0.75
    assert reveal(scale, 3, 3).outcome is Outcome.IN_SYNC
    near = reveal(scale, 4, 3)
    assert near.accuracy == 0.75 and near.outcome is Outcome.CLOSE and not near.discovery and not near.in_sync
    far = reveal(scale, 5, 3)  # two steps: 0.5, still close
    assert far.outcome is Outcome.CLOSE
    assert reveal(scale, 5, 1).outcome is Outcome.MISS and reveal(scale, 5, 1).discovery


def test_a_text_guess_the_answerer_calls_close_is_close():
    text = q("text")
    assert reveal(text, "a walk", "a long walk by the sea", Verdict.CLOSE).outcome is Outcome.CLOSE
    assert reveal(text, "a walk", "a long walk by the sea", Verdict.NOT_REALLY).outcome is Outcome.MISS
    assert reveal(text, "a walk", "a walk", Verdict.SPOT_ON).outcome is Outcome.IN_SYNC


def test_the_tally_counts_close_rounds_apart():
    tally = Tally()
    scale = q("scale")
    for guess, answer in ((3, 3), (4, 3), (5, 1)):
        tally.add(reveal(scale, guess, answer))
    assert (tally.in_sync, tally.close, tally.discoveries) == (1, 1, 1)
