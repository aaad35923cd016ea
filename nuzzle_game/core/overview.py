"""The couple at a glance (DESIGN §9): small pure summaries for the home screen,
the game summary and the stats charts. No I/O, no Textual."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from nuzzle_game.core.decks import Deck
from nuzzle_game.core.lovemap import Freshness, LoveMap
from nuzzle_game.core.models import Couple, Discovery, RoundResult, other
from nuzzle_game.core.questions import Dimension
from nuzzle_game.core.situation import applicable_tags, applies
from nuzzle_game.core.state import ProfileState
from nuzzle_game.core.stats import Aggregates
from nuzzle_game.core.unlocks import due, fits, is_available, progress

# ------------------------------------------------------------------ love map


@dataclass(frozen=True)
class Known:
    """What one partner knows of the other in one dimension: answers fresh and
    stale, out of every question of it they could ever be asked (``scale``)."""

    fresh: int
    stale: int
    scale: int

    @property
    def known(self) -> int:
        return self.fresh + self.stale


@dataclass(frozen=True)
class MapRow:
    """One dimension: ``by_knower[k]`` is what partner k knows of the other."""

    dimension: Dimension
    by_knower: tuple[Known, Known]


def knowable(decks: Iterable[Deck], couple: Couple) -> dict[tuple[int, Dimension], int]:
    """The fixed scale of the love map bars: per subject and dimension, the
    questions of every deck, open or locked, that can be asked of that subject
    (their situational tags; sensitive ones only while both opt in). It changes
    with the decks, the situation and the opt-ins, never as the couple plays."""
    tags = [applicable_tags(couple.situation, subject) for subject in (0, 1)]
    counts: dict[tuple[int, Dimension], int] = {}
    for deck in decks:
        if deck.sensitive and not couple.both_opted_in:
            continue
        for question in deck.questions:
            for subject in (0, 1):
                if applies(question, tags[subject]):
                    key = (subject, question.dimension)
                    counts[key] = counts.get(key, 0) + 1
    return counts


def map_rows(
    love_maps: Sequence[LoveMap], scale: dict[tuple[int, Dimension], int], now: datetime, horizon_days: int
) -> list[MapRow]:
    """Per dimension, what each partner knows of the other, fresh and stale, on
    the fixed scale of ``knowable``: a known answer stays known (it may go
    stale), so the bars only grow as the couple plays."""
    fresh: dict[tuple[int, Dimension], int] = {}
    stale: dict[tuple[int, Dimension], int] = {}
    for love_map in love_maps:
        for entry in love_map.entries.values():
            key = (love_map.subject, entry.dimension)
            counts = fresh if entry.freshness(now, horizon_days) is Freshness.FRESH else stale
            counts[key] = counts.get(key, 0) + 1
    rows = []
    for d in Dimension:
        known = []
        for knower in (0, 1):
            key = (other(knower), d)
            f, s = fresh.get(key, 0), stale.get(key, 0)
            known.append(Known(f, s, max(scale.get(key, 0), f + s)))
        rows.append(MapRow(d, (known[0], known[1])))
    return rows


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
    about: str = ""  # what the deck is about, in a few words


def about(deck: Deck) -> str:
    """What a deck is about, in a few words: its description's first clause
    (up to a colon or the end of its first sentence)."""
    text = deck.description.split(". ")[0].split(":")[0].rstrip(".")
    return text if len(text) <= 90 else text[:89].rsplit(" ", 1)[0] + "…"


def next_unlock(decks: Iterable[Deck], state: ProfileState) -> NextUnlock | None:
    """The deck that opens next: one whose rule is met and waits its turn (it
    opens at the next game), else the one closest to its rule. Sensitive decks
    open by the opt-ins, decks that fit no situation of the couple's never."""
    decks = list(decks)
    couple, aggregates = state.couple, state.aggregates
    ready = due(decks, aggregates, couple, state.unlocked_ids)
    if ready:
        deck = ready[0]
        return NextUnlock(deck.id, deck.title, 1.0, "opens at your next game or check-in", about(deck))
    best: NextUnlock | None = None
    for deck in decks:
        if deck.sensitive or is_available(deck, state.unlocked_ids, couple) or not fits(deck, couple):
            continue
        step = progress(deck, aggregates, couple)
        if best is None or step.share > best.share:
            best = NextUnlock(deck.id, deck.title, step.share, step.text, about(deck))
    return best


# ------------------------------------------------------------------ days played


@dataclass(frozen=True)
class LastGame:
    at: datetime
    rounds: int
    in_sync: int
    close: int
    discoveries: int


def last_game(aggregates: Aggregates) -> LastGame | None:
    if not aggregates.recent_games:
        return None
    game = aggregates.recent_games[-1]
    t = game.total
    return LastGame(game.at, t.rounds, t.in_sync, t.close, t.discoveries)


@dataclass(frozen=True)
class Streak:
    days: int  # days in a row, ending today or yesterday; 0 once broken
    today: bool  # whether today is already played
    milestone: int | None = None  # a milestone the streak reached on its last day, to celebrate


def streak(aggregates: Aggregates, today: date) -> Streak:
    """The streak's true length (counted as each game is filed), and the newest
    milestone while it is news: from the game that reached it until the next
    day played."""
    days = aggregates.streak(today)
    reached = aggregates.milestone
    news = reached is not None and days > 0 and reached.on == aggregates.last_day
    return Streak(days, days > 0 and aggregates.last_day == today, reached.days if news and reached else None)


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
