"""Scoring a guess against an answer (DESIGN §4). Pure functions."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from itertools import combinations

from nuzzle_game.core.models import Confidence, Verdict
from nuzzle_game.core.questions import AnswerValue, Question, QuestionKind

IN_SYNC = 0.8

# Calibration is labelled only after this many rounds (overall / one dimension).
MIN_ROUNDS_FOR_LABEL = 10
MIN_ROUNDS_FOR_DIMENSION_LABEL = 5
# Mean (confidence − accuracy) beyond this is over- or under-confidence.
CALIBRATION_MARGIN = 0.1

# Similarity (0–100) at which free text is proposed as spot on / close.
SPOT_ON_SIMILARITY = 85
CLOSE_SIMILARITY = 55


def jaccard(guess: Iterable[str], answer: Iterable[str]) -> float:
    g, a = set(guess), set(answer)
    if not g and not a:
        return 1.0  # both chose nothing: they agree
    return len(g & a) / len(g | a)


def kendall(guess: Sequence[str], answer: Sequence[str]) -> float:
    """1 − discordant pairs / all pairs, for two orders of the same items."""
    n = len(answer)
    if n < 2:
        return 1.0
    position = {item: i for i, item in enumerate(guess)}
    discordant = sum(1 for x, y in combinations(answer, 2) if position[x] > position[y])
    return 1 - discordant / (n * (n - 1) / 2)


def scale_accuracy(guess: int, answer: int, lo: int, hi: int) -> float:
    return 1 - abs(guess - answer) / (hi - lo)


def text_similarity(a: str, b: str) -> float:
    """0–100: how alike two free-text answers read, ignoring case and word order."""
    # Imported at the first text round, not at start-up: rapidfuzz's extension
    # modules take memory (docs/benchmarks.md), and most screens never score text.
    from rapidfuzz import fuzz
    from rapidfuzz.utils import default_process

    return fuzz.token_set_ratio(a, b, processor=default_process)


def suggest_verdict(guess: str, answer: str) -> Verdict:
    """The default the answerer is offered for a text guess; they decide."""
    similarity = text_similarity(guess, answer)
    if similarity >= SPOT_ON_SIMILARITY:
        return Verdict.SPOT_ON
    if similarity >= CLOSE_SIMILARITY:
        return Verdict.CLOSE
    return Verdict.NOT_REALLY


def accuracy(
    question: Question,
    guess: AnswerValue,
    answer: AnswerValue,
    verdict: Verdict | None = None,
) -> float:
    """How close ``guess`` is to ``answer``, in [0, 1].

    For text questions the answerer's ``verdict`` decides; without one the
    automatic similarity stands in (used to compare with earlier answers).
    """
    kind = question.kind
    if kind is QuestionKind.CHOICE:
        return 1.0 if guess == answer else 0.0
    if kind is QuestionKind.MULTI:
        return jaccard(_items(guess), _items(answer))
    if kind is QuestionKind.SCALE:
        assert question.scale is not None
        if not (isinstance(guess, int) and isinstance(answer, int)):
            raise TypeError(f"a scale answer is a whole number, not {guess!r} or {answer!r}")
        return scale_accuracy(guess, answer, question.scale.lo, question.scale.hi)
    if kind is QuestionKind.RANK:
        return kendall(_items(guess), _items(answer))
    if verdict is None:
        verdict = suggest_verdict(str(guess), str(answer))
    return verdict.accuracy


def _items(value: AnswerValue) -> list[str]:
    """A multi or rank answer's items (answers are checked on entry: a single
    value is only met in a save whose deck changed the question's kind)."""
    return value if isinstance(value, list) else [str(value)]


def matches(question: Question, a: AnswerValue, b: AnswerValue) -> bool:
    """Whether two answers are close enough to count as the same (in sync)."""
    return accuracy(question, a, b) >= IN_SYNC


def is_in_sync(value: float) -> bool:
    return value >= IN_SYNC


def points(depth: int, value: float) -> int:
    """round(10 × depth × accuracy), halves rounded up."""
    return math.floor(10 * depth * value + 0.5 + 1e-9)


def brier(confidence: Confidence, value: float) -> float:
    return (confidence.probability - value) ** 2


def calibration_label(rounds: int, bias_sum: float, minimum: int) -> str | None:
    """'overconfident', 'well calibrated' or 'underconfident', or None if too few rounds.

    ``bias_sum`` is the sum over rounds of (confidence − accuracy).
    """
    if rounds < minimum:
        return None
    bias = bias_sum / rounds
    if bias > CALIBRATION_MARGIN:
        return "overconfident"
    if bias < -CALIBRATION_MARGIN:
        return "underconfident"
    return "well calibrated"
