"""The couple at a glance (DESIGN §9): small pure summaries for the home screen,
the game summary and the stats charts. No I/O, no Textual."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from nuzzle_game.core.decks import AccuracyInDimension, Deck
from nuzzle_game.core.lovemap import Freshness, LoveMap
from nuzzle_game.core.models import Discovery, RoundResult
from nuzzle_game.core.questions import Dimension
from nuzzle_game.core.state import ProfileState
from nuzzle_game.core.stats import Aggregates, Period
from nuzzle_game.core.unlocks import is_available, progress

# ------------------------------------------------------------------ love map


@dataclass(frozen=True)
class MapBar:
    """How much of one dimension the two of you know of each other."""

    dimension: Dimension
    fresh: int
    stale: int
    total: int  # answers there are to know: questions × 2 partners

    @property
    def known(self) -> int:
        return self.fresh + self.stale


def map_bars(
    love_maps: Iterable[LoveMap], totals: dict[Dimension, int], now: datetime, horizon_days: int
) -> list[MapBar]:
    """Known answers per dimension over both love maps, split fresh and stale.

    ``totals`` counts the questions open to the couple per dimension; each can
    be known of both partners, so the whole is twice that.
    """
    fresh = {d: 0 for d in Dimension}
    stale = {d: 0 for d in Dimension}
    maps = list(love_maps)
    for love_map in maps:
        for entry in love_map.entries.values():
            if entry.freshness(now, horizon_days) is Freshness.FRESH:
                fresh[entry.dimension] += 1
            else:
                stale[entry.dimension] += 1
    bars = []
    for d in Dimension:
        total = max(totals.get(d, 0) * len(maps), fresh[d] + stale[d])
        bars.append(MapBar(d, fresh[d], stale[d], total))
    return bars


def bar_cells(parts: Sequence[int], whole: int, width: int) -> list[int]:
    """Split ``width`` cells among ``parts`` of ``whole`` on one scale.

    Every non-zero part gets at least one cell, so a little knowledge is never
    drawn as none; the parts never take more than ``width`` cells together.
    """
    if whole <= 0 or width <= 0:
        return [0 for _ in parts]
    cells = [round(width * p / whole) if p else 0 for p in parts]
    cells = [max(1, c) if p else 0 for c, p in zip(cells, parts)]
    while sum(cells) > width:
        biggest = max(range(len(cells)), key=lambda i: cells[i])
        cells[biggest] -= 1
    return cells


# ------------------------------------------------------------------ unlocks


@dataclass(frozen=True)
class NextUnlock:
    deck_id: str
    title: str
    share: float  # 0..1 of the way there
    text: str  # "3 of 5 games played"


def next_unlock(decks: Iterable[Deck], state: ProfileState) -> NextUnlock | None:
    """The locked deck closest to opening (sensitive decks open by opt-ins, not play)."""
    best: NextUnlock | None = None
    for deck in decks:
        if deck.sensitive or is_available(deck, state.unlocked_ids, state.couple):
            continue
        step = progress(deck, state.aggregates, state.couple)
        if step.met:
            continue
        share = min(1.0, step.current / step.target) if step.target else 0.0
        if isinstance(deck.unlock, AccuracyInDimension):
            # Accuracy counts only over enough games: the games are part of the way.
            played = min(len(state.aggregates.recent_games), deck.unlock.last_games)
            share = min(share, played / deck.unlock.last_games, 0.99)
        if best is None or share > best.share:
            best = NextUnlock(deck.id, deck.title, share, step.text)
    return best


# ------------------------------------------------------------------ days played


@dataclass(frozen=True)
class LastGame:
    at: datetime
    rounds: int
    in_sync: int
    discoveries: int


def last_game(aggregates: Aggregates) -> LastGame | None:
    if not aggregates.recent_games:
        return None
    game = aggregates.recent_games[-1]
    t = game.total
    return LastGame(game.at, t.rounds, t.in_sync, t.discoveries)


@dataclass(frozen=True)
class Streak:
    days: int
    at_least: bool  # the record kept is shorter than the streak: "20+ days"
    today: bool  # whether today is already played


def streak(games: Sequence[Period], today: date) -> Streak:
    """Days in a row with a game, ending today (or yesterday, still alive).

    Only the last finished games are kept in the bounded state; when every one
    of them belongs to the streak, it may be longer, and ``at_least`` says so.
    """
    days = sorted({g.at.date() for g in games}, reverse=True)
    if not days or (today - days[0]).days > 1:
        return Streak(0, False, False)
    count = 1
    for before, after in zip(days[1:], days):
        if (after - before).days != 1:
            return Streak(count, False, days[0] == today)
        count += 1
    return Streak(count, len(games) >= 20 and count == len(days), days[0] == today)


# ------------------------------------------------------------------ a game's recap


def biggest_surprise(results: Sequence[RoundResult]) -> RoundResult | None:
    """The round that surprised most: a sure guess that missed furthest.

    Ranked by how sure the guesser was times how far off, then by depth; an
    answer that changed since last time counts a little extra. None when every
    round was in sync.
    """
    misses = [r for r in results if not r.in_sync]
    if not misses:
        return None

    def weight(r: RoundResult) -> tuple[float, int]:
        surprise = r.confidence.probability * (1 - r.accuracy) + 0.1 * (r.outdated_since is not None or r.changed)
        return (surprise, r.depth)

    return max(misses, key=weight)


def accuracy_by_dimension(results: Iterable[RoundResult]) -> dict[Dimension, tuple[float, int]]:
    """A game's accuracy per dimension played, and how many rounds each."""
    sums: dict[Dimension, list[float]] = {}
    for r in results:
        sums.setdefault(r.dimension, []).append(r.accuracy)
    return {d: (sum(v) / len(v), len(v)) for d in Dimension if (v := sums.get(d))}


# ------------------------------------------------------------------ stats charts


@dataclass(frozen=True)
class CalibrationRow:
    """How sure a guesser was on average, against how right, in one dimension."""

    label: str
    rounds: int
    sure: float | None  # mean stated confidence, 0..1
    right: float | None  # mean accuracy, 0..1


def calibration_rows(aggregates: Aggregates, guesser: int) -> list[CalibrationRow]:
    stats = aggregates.players[guesser]
    rows = []
    for label, tally in [("overall", stats.overall)] + [(d.value, stats.dimension(d)) for d in Dimension]:
        if tally.rounds:
            right = tally.accuracy_sum / tally.rounds
            sure = right + tally.bias_sum / tally.rounds
            rows.append(CalibrationRow(label, tally.rounds, min(1.0, max(0.0, sure)), right))
        else:
            rows.append(CalibrationRow(label, 0, None, None))
    return rows


def recent_rounds_right(stats_recent: dict[Dimension, list[float]], dimension: Dimension) -> tuple[int, int]:
    """Of the last rounds in a dimension, how many were in sync, out of how many."""
    window = stats_recent.get(dimension, [])
    return sum(a >= 0.8 for a in window), len(window)


def newest_entries(
    love_maps: Iterable[LoveMap], question_text: Callable[[str], str], limit: int = 8
) -> list[Discovery]:
    """The answers most recently learned (first answers too), newest first."""
    found = [
        Discovery(
            subject=love_map.subject,
            question_id=entry.question_id,
            question_text=question_text(entry.question_id),
            dimension=entry.dimension,
            new_answer=entry.current.value,
            at=entry.current.at,
        )
        for love_map in love_maps
        for entry in love_map.entries.values()
    ]
    found.sort(key=lambda d: d.at, reverse=True)
    return found[:limit]
