"""Drawing the next question (DESIGN §6). Pure and deterministic under a seed.

The pool is indexed once per game by dimension and depth; a draw then looks at a
bounded sample of candidates, so drawing from 10,000 questions costs about what
drawing from 100 does.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from .models import Dimension, Question

MIN_DIMENSIONS = 4
SAMPLE = 24


@dataclass(frozen=True)
class DrawRules:
    no_repeat_days: int = 30
    stale_days: int = 90


class QuestionPool:
    """The questions a game may draw from, bucketed by dimension and depth."""

    def __init__(self, questions: Iterable[Question]) -> None:
        self._buckets: dict[Dimension, dict[int, list[Question]]] = {}
        self._size = 0
        for question in questions:
            self._buckets.setdefault(question.dimension, {}).setdefault(
                question.depth, []
            ).append(question)
            self._size += 1
        # Fixed order, so a seed gives the same draw whatever the load order.
        for depths in self._buckets.values():
            for bucket in depths.values():
                bucket.sort(key=lambda q: q.id)

    def __len__(self) -> int:
        return self._size

    @property
    def dimensions(self) -> list[Dimension]:
        return [d for d in Dimension if d in self._buckets]

    def bucket(self, dimension: Dimension, depth: int) -> list[Question]:
        return self._buckets.get(dimension, {}).get(depth, [])

    def depths(self, dimension: Dimension) -> list[int]:
        return sorted(self._buckets.get(dimension, {}))

    def all(self) -> Iterable[Question]:
        for depths in self._buckets.values():
            for bucket in depths.values():
                yield from bucket


def target_depth(round_index: int, total_rounds: int, checkin: bool = False) -> int:
    """Lighter questions early in a game, deeper ones later."""
    top = 2 if checkin else 3
    if total_rounds <= 1:
        return 1
    return 1 + round((top - 1) * round_index / (total_rounds - 1))


def novelty(last_asked: datetime | None, now: datetime, rules: DrawRules) -> float:
    """Never asked ranks highest; a stale one rises again; a recent one sinks."""
    if last_asked is None:
        return 3.0
    days = (now - last_asked).total_seconds() / 86400
    if days >= rules.stale_days:
        return 2.0 + min(days / rules.stale_days - 1, 1.0) * 0.5  # "still true?"
    return days / rules.stale_days


def draw_next(
    pool: QuestionPool,
    *,
    rng: random.Random,
    now: datetime,
    round_index: int,
    total_rounds: int,
    used: Sequence[Question] = (),
    last_asked: Mapping[str, datetime] | None = None,
    guesser_accuracy: Mapping[Dimension, float] | None = None,
    checkin: bool = False,
    rules: DrawRules = DrawRules(),
) -> Question:
    """The question for round ``round_index`` of a game.

    ``last_asked`` maps question ids to when they were last put to this answerer;
    ``used`` are the questions already drawn in this game.
    """
    if len(pool) == 0:
        raise ValueError("there are no questions to draw from")
    last_asked = last_asked or {}
    accuracy = guesser_accuracy or {}
    used_ids = {q.id for q in used}
    used_dims = {q.dimension for q in used}

    def eligible(question: Question, window: bool) -> bool:
        if question.id in used_ids:
            return False
        asked = last_asked.get(question.id)
        if window and asked is not None:
            return (now - asked).days >= rules.no_repeat_days
        return True

    depth = target_depth(round_index, total_rounds, checkin)
    dims = _dimension_order(
        pool, rng, used_dims, accuracy, round_index, total_rounds, checkin
    )
    for window in (True, False):
        for dimension in dims:
            for d in sorted(pool.depths(dimension), key=lambda x: (abs(x - depth), x)):
                found = _best_in_bucket(
                    pool.bucket(dimension, d), rng, now, last_asked, rules,
                    lambda q: eligible(q, window),
                )
                if found is not None:
                    return found
    # Every question has been used in this game already: start again.
    return rng.choice(sorted(pool.all(), key=lambda q: q.id))


def _dimension_order(
    pool: QuestionPool,
    rng: random.Random,
    used_dims: set[Dimension],
    accuracy: Mapping[Dimension, float],
    round_index: int,
    total_rounds: int,
    checkin: bool,
) -> list[Dimension]:
    """Dimensions to try, best first: cover enough of them, lean to weak ones."""
    available = pool.dimensions
    if checkin and round_index == 0 and Dimension.EMOTIONAL in available:
        rest = [d for d in available if d is not Dimension.EMOTIONAL]
        return [Dimension.EMOTIONAL, *_weighted_order(rest, rng, used_dims, accuracy)]
    coverage = min(MIN_DIMENSIONS, len(available), total_rounds)
    missing = coverage - len(used_dims & set(available))
    rounds_left = total_rounds - round_index
    fresh = [d for d in available if d not in used_dims]
    if missing > 0 and missing >= rounds_left:
        # Only unused dimensions can still reach the coverage this game needs.
        stale = [d for d in available if d in used_dims]
        return _weighted_order(fresh, rng, used_dims, accuracy) + _weighted_order(
            stale, rng, used_dims, accuracy
        )
    return _weighted_order(available, rng, used_dims, accuracy)


def _weighted_order(
    dims: Sequence[Dimension],
    rng: random.Random,
    used_dims: set[Dimension],
    accuracy: Mapping[Dimension, float],
) -> list[Dimension]:
    """A weighted shuffle: unused dimensions and low-accuracy ones come first more often."""

    def key(dimension: Dimension) -> float:
        weight = (0.25 if dimension in used_dims else 1.0) * (
            1.5 - accuracy.get(dimension, 0.5)
        )
        # Efraimidis–Spirakis: u ** (1 / w) orders a weighted sample.
        return rng.random() ** (1 / weight)

    return sorted(dims, key=key, reverse=True)


def _best_in_bucket(
    bucket: list[Question],
    rng: random.Random,
    now: datetime,
    last_asked: Mapping[str, datetime],
    rules: DrawRules,
    ok,
) -> Question | None:
    if not bucket:
        return None
    sample = rng.sample(bucket, min(SAMPLE, len(bucket)))
    candidates = [q for q in sample if ok(q)]
    if not candidates and len(bucket) > SAMPLE:
        candidates = [q for q in bucket if ok(q)]
    if not candidates:
        return None

    def score(question: Question) -> float:
        return novelty(last_asked.get(question.id), now, rules) + rng.random() * 0.5

    return max(candidates, key=score)
