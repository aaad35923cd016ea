import pytest
from helpers import q

from nuzzle_game.core import scoring
from nuzzle_game.core.models import Confidence, Verdict


def test_choice_is_all_or_nothing():
    question = q("choice")
    assert scoring.accuracy(question, "a", "a") == 1
    assert scoring.accuracy(question, "a", "b") == 0


@pytest.mark.parametrize(
    "guess, answer, expected",
    [
        (["a"], ["a"], 1.0),
        (["a", "b"], ["b", "c"], 1 / 3),
        (["a"], ["b"], 0.0),
        ([], [], 1.0),  # both picked nothing: agreement
        ([], ["a"], 0.0),
        (["a", "b", "c", "d"], ["a"], 0.25),
    ],
)
def test_multi_is_jaccard(guess, answer, expected):
    assert scoring.accuracy(q("multi"), guess, answer) == pytest.approx(expected)


@pytest.mark.parametrize("guess, answer, expected", [(1, 5, 0.0), (5, 5, 1.0), (1, 1, 1.0), (2, 4, 0.5), (4, 5, 0.75)])
def test_scale_distance_over_range(guess, answer, expected):
    assert scoring.accuracy(q("scale"), guess, answer) == pytest.approx(expected)


def test_scale_with_other_ends():
    question = q("scale", scale={"lo": 0, "hi": 10, "lo_label": "none", "hi_label": "all"})
    assert scoring.accuracy(question, 0, 10) == 0
    assert scoring.accuracy(question, 3, 4) == pytest.approx(0.9)


def test_rank_of_three_is_kendall():
    question = q("rank", items=["x", "y", "z"])
    assert scoring.accuracy(question, ["x", "y", "z"], ["x", "y", "z"]) == 1
    assert scoring.accuracy(question, ["z", "y", "x"], ["x", "y", "z"]) == 0
    # one swap of neighbours: 1 discordant pair of 3
    assert scoring.accuracy(question, ["y", "x", "z"], ["x", "y", "z"]) == pytest.approx(2 / 3)


def test_rank_of_five_is_kendall():
    items = ["a", "b", "c", "d", "e"]
    question = q("rank", items=items)
    assert scoring.accuracy(question, items, items) == 1
    assert scoring.accuracy(question, list(reversed(items)), items) == 0
    # moving e to the front makes 4 discordant pairs of 10
    assert scoring.accuracy(question, ["e", "a", "b", "c", "d"], items) == pytest.approx(0.6)


@pytest.mark.parametrize("verdict, expected", [(Verdict.SPOT_ON, 1), (Verdict.CLOSE, 0.5), (Verdict.NOT_REALLY, 0)])
def test_text_takes_the_answerers_verdict(verdict, expected):
    # The verdict wins even when the similarity would say otherwise.
    assert scoring.accuracy(q("text"), "pizza", "sushi", verdict) == expected


def test_text_suggestion_from_similarity():
    assert scoring.suggest_verdict("A long walk", "a long walk!") is Verdict.SPOT_ON
    assert scoring.suggest_verdict("walk in the park", "a long walk in the park with the dog") is not Verdict.NOT_REALLY
    assert scoring.suggest_verdict("pizza", "finishing my thesis") is Verdict.NOT_REALLY


def test_in_sync_threshold_is_point_eight():
    assert scoring.is_in_sync(0.8)
    assert not scoring.is_in_sync(0.79)


@pytest.mark.parametrize(
    "depth, acc, points", [(1, 1.0, 10), (3, 1.0, 30), (2, 0.5, 10), (1, 0.25, 3), (3, 2 / 3, 20), (1, 0.0, 0)]
)
def test_points_are_ten_times_depth_times_accuracy(depth, acc, points):
    assert scoring.points(depth, acc) == points


def test_confidence_and_brier():
    assert Confidence.SURE.probability == 0.9
    assert Confidence.THINK_SO.probability == 0.7
    assert Confidence.NO_IDEA.probability == 0.5
    assert scoring.brier(Confidence.SURE, 0.0) == pytest.approx(0.81)
    assert scoring.brier(Confidence.NO_IDEA, 0.5) == 0


def test_calibration_needs_enough_rounds():
    assert scoring.calibration_label(3, 3 * 0.5, minimum=10) is None
    assert scoring.calibration_label(10, 10 * 0.4, minimum=10) == "overconfident"
    assert scoring.calibration_label(10, 10 * -0.3, minimum=10) == "underconfident"
    assert scoring.calibration_label(10, 0.2, minimum=10) == "well calibrated"
