"""Drawing the next question (DESIGN §6). Pure and deterministic under a seed.

A game's pool is built from the decks' indexes (``pool``). A draw looks at a
bounded sample of each place (dimension and depth) it tries, and a re-ask at
most ``REASK_SCAN`` answers, so its work does not grow with the pool; how that
measures is in docs/benchmarks.md.

What a draw may pick is one rule, ``fit.Fit`` (this game, the answerer's tags,
the season, then the no-repeat window while the pool allows). From a couple's
second week about one round in four is a re-ask: a question this answerer
answered at least 14 days before ("still true?").
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Collection, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import datetime, timedelta
from operator import itemgetter

from nuzzle_game.core.fit import Fit
from nuzzle_game.core.pool import QuestionPool
from nuzzle_game.core.questions import Dimension, Question

MIN_DIMENSIONS = 4
SAMPLE = 24
# The chance a draw adds to each candidate's novelty: novelty's ranks (never
# asked, stale, the rest) stand at least this far apart, so chance never swaps them.
JITTER = 0.5
# Re-asking early (DESIGN §6): the share of rounds, how old an answer must be,
# and from which day of a couple's life.
REASK_SHARE = 0.25
REASK_AFTER_DAYS = 14
REASK_FROM_DAYS = 7
# Up to this many answers, a re-ask looks at all of them (``_reask_scan``, real
# play: a love map is bounded by the decks); beyond, it samples the places in
# rank order and stops at the first with candidates (``_reask_sample``), which
# keeps a huge pool's draw near a small one's (docs/benchmarks.md, drawing).
REASK_SCAN = 2000


@dataclass(frozen=True)
class DrawRules:
    no_repeat_days: int = 30
    stale_days: int = 90


def target_depth(round_index: int, total_rounds: int, checkin: bool = False) -> int:
    """Lighter questions early in a game, deeper ones later."""
    top = 2 if checkin else 3
    if total_rounds <= 1:
        return 1
    return 1 + round((top - 1) * round_index / (total_rounds - 1))


def novelty(last_asked: datetime | None, now: datetime, rules: DrawRules) -> float:
    """Never asked ranks highest; a stale one rises again; a recent one sinks.
    A date after ``now`` (the clock went back since) counts as now."""
    if last_asked is None:
        return 3.0
    days = max(0.0, (now - last_asked).total_seconds() / 86400)
    if days >= rules.stale_days:
        return 2.0 + min(days / rules.stale_days - 1, 1.0) * 0.5  # "still true?"
    return days / rules.stale_days


def is_reask_round(rng: random.Random, now: datetime, couple_since: datetime | None) -> bool:
    """About one round in four, from a couple's second week (one roll per draw)."""
    roll = rng.random()
    if couple_since is None or now - couple_since < timedelta(days=REASK_FROM_DAYS):
        return False
    return roll < REASK_SHARE


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
    tags: Collection[str] = frozenset(),
    couple_since: datetime | None = None,
) -> Question:
    """The question for round ``round_index`` of a game.

    ``last_asked`` maps question ids to when they were last put to this answerer;
    ``used`` are the questions already drawn in this game; ``tags`` are the
    situational tags that apply to this answerer (see ``situation``);
    ``couple_since`` is when the couple began (re-asks start in its second week).
    """
    if len(pool) == 0:
        raise ValueError("there are no questions to draw from")
    last_asked = last_asked or {}
    accuracy = guesser_accuracy or {}
    fit = Fit(
        now=now,
        tags=frozenset(tags),
        used={q.id for q in used},
        last_asked=last_asked,
        no_repeat_days=rules.no_repeat_days,
    )
    used_dims = {q.dimension for q in used}
    reask = is_reask_round(rng, now, couple_since)
    depth = target_depth(round_index, total_rounds, checkin)
    pools = [pool.staples, pool] if checkin and pool.staples is not None else [pool]
    orders = [_dimension_order(p, rng, used_dims, accuracy, round_index, total_rounds, checkin) for p in pools]
    if reask:
        for p, dims in zip(pools, orders):
            found = _reask(p, dims, rng, depth, fit)
            if found is not None:
                return found
    for ok in (fit, fit.without_window()):  # out of the no-repeat window while the pool allows
        for p, dims in zip(pools, orders):
            for dimension in dims:
                for d in sorted(p.depths(dimension), key=lambda x: (abs(x - depth), x)):
                    found = _best_in_bucket(p.bucket(dimension, d), rng, now, last_asked, rules, ok)
                    if found is not None:
                        return found
    # Every fitting question has been used in this game already: start again.
    everything = sorted(pool.all(), key=lambda q: q.id)
    return rng.choice([q for q in everything if fit.suits(q)] or everything)


def _reask(
    pool: QuestionPool,
    dims: Sequence[Dimension],
    rng: random.Random,
    depth: int,
    fit: Fit,
) -> Question | None:
    """A question answered at least ``REASK_AFTER_DAYS`` ago: "still true?"

    Dimensions in the game's order (so coverage holds), the nearest depth, then
    the oldest answer first, with a little chance. The question fits the draw
    but for the no-repeat window (a re-ask may come sooner).
    """
    now, last_asked = fit.now, fit.last_asked
    floor = now - timedelta(days=REASK_AFTER_DAYS)  # a date after now is after the floor too
    rank = {dimension: i for i, dimension in enumerate(dims)}
    last = len(rank)
    # The first of the dimensions in order, at the nearest depth, then the
    # oldest answer with a little chance: each candidate, in the order of
    # question ids, takes the next random number, so the pick is the one a key
    # of all three would give.
    if len(last_asked) <= REASK_SCAN:
        count, nearest = _reask_scan(pool, rank, depth, last_asked, floor, pool.fitting(fit) - fit.used)
        if not count:
            return None
        # The pick is all that is left to draw: no number past the last one it reads.
        random_ = rng.random
        chances = [random_() for _ in range(nearest[-1][0] + 1)]
        candidates = [(question, asked, chances[i]) for i, question, asked in nearest]
    else:
        found = _reask_sample(pool, dims, rng, depth, last_asked, floor, fit.without_window())
        if not found:
            return None
        chances = [rng.random() for _ in found]
        place = [(rank.get(q.dimension, last), abs(q.depth - depth)) for q, _ in found]
        best = min(place)
        candidates = [(q, asked, chance) for (q, asked), chance, at in zip(found, chances, place) if at == best]

    def older(item: tuple[Question, datetime, float]) -> float:
        _, asked, chance = item
        return -((now - asked).total_seconds() / 86400 + chance * 7)

    return min(candidates, key=older)[0]


def _reask_scan(
    pool: QuestionPool,
    rank: Mapping[Dimension, int],
    depth: int,
    last_asked: Mapping[str, datetime],
    floor: datetime,
    allowed: AbstractSet[str],
) -> tuple[int, list[tuple[int, Question, datetime]]]:
    """Every answer old enough to re-ask, in one pass: how many there are, and
    those at the best place (the first dimension in ``rank``, then the nearest
    depth) with their position among all of them in the order of question ids.

    ``allowed`` are the ids of the pool's questions that may be re-asked (the
    rule's fast form, ``QuestionPool.fitting``, less this game's questions)."""
    found = [(q, at) for q, at in last_asked.items() if at <= floor and q in allowed]
    if not found:
        return 0, []
    found.sort(key=itemgetter(0))  # by question id: each answer's position is among all of them
    # Places as numbers that order the same: the dimension's rank, then the depth's distance.
    keys, place = pool.places()
    last = len(rank)
    score = [rank.get(dimension, last) * 16 + abs(d - depth) for dimension, d in keys]
    at = [score[place[question_id]] for question_id, _ in found]
    best = min(at)
    get = pool.lookup()
    nearest = [
        (i, question, found[i][1])
        for i, here in enumerate(at)
        if here == best and (question := get(found[i][0])) is not None  # every id allowed is in the pool
    ]
    return len(found), nearest


def _reask_sample(
    pool: QuestionPool,
    dims: Sequence[Dimension],
    rng: random.Random,
    depth: int,
    last_asked: Mapping[str, datetime],
    floor: datetime,
    ok: Callable[[Question], bool],
) -> list[tuple[Question, datetime]]:
    """Re-ask candidates from a long love map, by sampling: the first place
    that has any, in the order ``_reask`` ranks places (the dimensions in
    order, then the depths nearest the target, equally near ones together),
    so a draw samples one place or a few rather than every bucket."""
    for dimension in dims:
        depths = pool.depths(dimension)
        for distance in sorted({abs(d - depth) for d in depths}):
            found: list[tuple[Question, datetime]] = []
            for d in depths:
                if abs(d - depth) != distance:
                    continue
                bucket = pool.bucket(dimension, d)
                for question in rng.sample(bucket, min(SAMPLE, len(bucket))):
                    when = last_asked.get(question.id)
                    if when is not None and when <= floor and ok(question):
                        found.append((question, when))
            if found:
                return found
    return []


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
        return _weighted_order(fresh, rng, used_dims, accuracy) + _weighted_order(stale, rng, used_dims, accuracy)
    return _weighted_order(available, rng, used_dims, accuracy)


def _weighted_order(
    dims: Sequence[Dimension],
    rng: random.Random,
    used_dims: set[Dimension],
    accuracy: Mapping[Dimension, float],
) -> list[Dimension]:
    """A weighted shuffle: unused dimensions and low-accuracy ones come first more often."""

    def key(dimension: Dimension) -> float:
        weight = (0.25 if dimension in used_dims else 1.0) * (1.5 - accuracy.get(dimension, 0.5))
        # Efraimidis–Spirakis: u ** (1 / w) orders a weighted sample.
        return math.pow(rng.random(), 1 / weight)

    return sorted(dims, key=key, reverse=True)


def _best_in_bucket(
    bucket: Sequence[Question],
    rng: random.Random,
    now: datetime,
    last_asked: Mapping[str, datetime],
    rules: DrawRules,
    ok: Callable[[Question], bool],
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
        return novelty(last_asked.get(question.id), now, rules) + rng.random() * JITTER

    return max(candidates, key=score)
