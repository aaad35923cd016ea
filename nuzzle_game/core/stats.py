"""Running aggregates: everything the stats, trends and unlocks need.

They are updated as each round is revealed and kept in the bounded state, so
neither start-up nor the stats screen ever scans the game history. The bounded
state keeps the last ``KEEP_MONTHS`` monthly periods; older months are retired
to the archive (see ``state``), read back for stats over the years.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import pairwise

from pydantic import AwareDatetime, Field, model_validator

from nuzzle_game.core import scoring
from nuzzle_game.core.base import Model
from nuzzle_game.core.models import RoundResult
from nuzzle_game.core.questions import Dimension

RECENT_GAMES = 20
RECENT_ROUNDS = 10  # per guesser and dimension, for "recent accuracy"
KEEP_MONTHS = 12  # monthly periods kept in the bounded state
MILESTONES = (7, 30, 100, 365)  # streak lengths celebrated, then every 365 days


def milestone(days: int) -> bool:
    """Whether a streak of ``days`` is a milestone: 7, 30, 100, 365, then every 365."""
    return days in MILESTONES or (days > 0 and days % 365 == 0)


class Tally(Model):
    rounds: int = 0
    accuracy_sum: float = 0.0
    points: int = 0
    brier_sum: float = 0.0
    bias_sum: float = 0.0  # Σ (confidence − accuracy)
    in_sync: int = 0
    close: int = 0  # near misses: neither in sync nor a discovery
    discoveries: int = 0

    def add(self, result: RoundResult) -> None:
        # What assigning each field does (pydantic's own handler for a plain
        # field), without its __setattr__ per field: seven a tally, seven
        # tallies a round.
        fields = self.__dict__
        accuracy = result.accuracy
        fields["rounds"] += 1
        fields["accuracy_sum"] += accuracy
        fields["points"] += result.points
        fields["brier_sum"] += scoring.brier(result.confidence, accuracy)
        fields["bias_sum"] += result.confidence.probability - accuracy
        fields["in_sync"] += result.in_sync
        fields["discoveries"] += result.discovery
        fields["close"] += not result.in_sync and not result.discovery
        self.__pydantic_fields_set__.update(_TALLY_FIELDS)

    @property
    def accuracy(self) -> float | None:
        return self.accuracy_sum / self.rounds if self.rounds else None

    @property
    def in_sync_rate(self) -> float | None:
        """The couple's shared headline: the share of rounds in sync."""
        return self.in_sync / self.rounds if self.rounds else None

    @property
    def brier(self) -> float | None:
        return self.brier_sum / self.rounds if self.rounds else None

    def calibration(self, minimum: int = scoring.MIN_ROUNDS_FOR_LABEL) -> str | None:
        return scoring.calibration_label(self.rounds, self.bias_sum, minimum)

    def merge(self, other: Tally) -> None:
        """Add another tally's rounds to this one."""
        for name in type(self).model_fields:
            setattr(self, name, getattr(self, name) + getattr(other, name))


_TALLY_FIELDS = ("rounds", "accuracy_sum", "points", "brier_sum", "bias_sum", "in_sync", "close", "discoveries")


class PlayerStats(Model):
    """One player's record as the guesser."""

    overall: Tally = Field(default_factory=Tally)
    by_dimension: dict[Dimension, Tally] = Field(default_factory=dict)
    # The last few accuracies in each dimension, newest last.
    recent: dict[Dimension, list[float]] = Field(default_factory=dict)

    def add(self, result: RoundResult) -> None:
        self.overall.add(result)
        self.by_dimension.setdefault(result.dimension, Tally()).add(result)
        window = self.recent.setdefault(result.dimension, [])
        window.append(result.accuracy)
        del window[:-RECENT_ROUNDS]

    def recent_accuracy(self, dimension: Dimension) -> float | None:
        window = self.recent.get(dimension)
        return sum(window) / len(window) if window else None

    def dimension(self, dimension: Dimension) -> Tally:
        return self.by_dimension.get(dimension, Tally())


class Period(Model):
    """Accuracy and discoveries in one month or one game."""

    key: str  # "2026-11" for a month, the game id for a game
    at: AwareDatetime
    by_dimension: dict[Dimension, Tally] = Field(default_factory=dict)
    total: Tally = Field(default_factory=Tally)

    def add(self, result: RoundResult) -> None:
        self.total.add(result)
        self.by_dimension.setdefault(result.dimension, Tally()).add(result)

    def accuracy(self, dimension: Dimension) -> float | None:
        tally = self.by_dimension.get(dimension)
        return tally.accuracy if tally else None

    def merge(self, other: Period) -> None:
        """Add another period's rounds to this one (the same month, counted apart)."""
        self.at = min(self.at, other.at)
        self.total.merge(other.total)
        for dimension, tally in other.by_dimension.items():
            self.by_dimension.setdefault(dimension, Tally()).merge(tally)


def merge_months(*sources: Iterable[Period]) -> list[Period]:
    """Months from several places as one list: each key once, in order.

    A key met again with the same content is the same month read twice (a
    crash between archiving months and saving the state leaves them in both);
    with other content it is the same month counted apart (saves made before
    months were kept unique when the clock went back), and is added up.
    """
    found: dict[str, Period] = {}
    seen: dict[str, list[Period]] = {}
    for source in sources:
        for month in source:
            if month.key not in found:
                found[month.key] = month.model_copy(deep=True)
                seen[month.key] = [month]
            elif not any(month == other for other in seen[month.key]):
                found[month.key].merge(month)
                seen[month.key].append(month)
    return [found[key] for key in sorted(found)]


class Milestone(Model):
    """A streak milestone reached: how many days in a row, on which day, by which game."""

    days: int
    on: date
    game_id: str


class Aggregates(Model):
    games: int = 0
    checkins: int = 0
    players: tuple[PlayerStats, PlayerStats] = Field(default_factory=lambda: (PlayerStats(), PlayerStats()))
    total: Tally = Field(default_factory=Tally)
    outdated: int = 0
    projections: int = 0
    months: list[Period] = Field(default_factory=list)
    recent_games: list[Period] = Field(default_factory=list)  # finished games only
    current_game: Period | None = None
    # The last game counted by finish_game: counting the same game again is a no-op.
    last_finished: str | None = None
    # The newest month retired to the archive: a month at or before it is never
    # started again here (its key would then be in both places).
    retired_through: str | None = None
    # Days played (distinct days with a finished game or check-in) and the streak
    # (days in a row ending on ``last_day``), counted as each game is finished.
    # None in a save made before they were counted: see ``_count_days_once``.
    days_played: int | None = None
    streak_days: int | None = None
    last_day: date | None = None
    # The longest streak milestone celebrated (each is celebrated once), and the newest.
    celebrated: int = 0
    milestone: Milestone | None = None
    # When the couple last looked at the things that changed across games: what
    # changed after it is "new since you last looked" (DESIGN §5).
    changes_seen_at: AwareDatetime | None = None

    @model_validator(mode="after")
    def _months_unique_and_in_order(self) -> Aggregates:
        """Each month once, oldest first. Saves made before a clock that went back
        was handled could hold a month twice: its two parts are added up."""
        keys = [m.key for m in self.months]
        if any(a >= b for a, b in pairwise(keys)):
            merged: dict[str, Period] = {}
            for month in self.months:
                if month.key in merged:
                    merged[month.key].merge(month)
                else:
                    merged[month.key] = month
            self.months = [merged[key] for key in sorted(merged)]
        return self

    @model_validator(mode="after")
    def _count_days_once(self) -> Aggregates:
        """A save made before days were counted: count what it has, once.

        Only the last games are kept, so the streak is the days in a row among
        them, ending on the last one (as the home counted it before), and the
        milestones up to it count as celebrated, never announced late. Days
        played: the distinct days of those games, and the older games at the
        same rate of days a game.
        """
        if self.days_played is not None and self.streak_days is not None:
            return self
        days = sorted({g.at.date() for g in self.recent_games})
        streak = 0
        for index, day in enumerate(days):
            streak = streak + 1 if index and (day - days[index - 1]).days == 1 else 1
        older = max(0, self.games - len(self.recent_games))
        rate = len(days) / len(self.recent_games) if self.recent_games else 1.0
        self.days_played = len(days) + round(older * rate)
        self.streak_days = streak
        self.last_day = days[-1] if days else None
        self.celebrated = max(self.celebrated, max((m for m in range(1, streak + 1) if milestone(m)), default=0))
        return self

    def add_round(self, result: RoundResult) -> None:
        self.players[result.guesser].add(result)
        self.total.add(result)
        self.outdated += result.outdated_since is not None
        self.projections += result.projection
        self._month_of(result).add(result)
        if self.current_game is None or self.current_game.key != result.game_id:
            self.current_game = Period(key=result.game_id, at=result.at)
        self.current_game.add(result)

    def _month_of(self, result: RoundResult) -> Period:
        """The month a round counts in, whatever the clock did before it.

        Months stay unique and in order: a round dated in an earlier month (the
        clock went back) counts in that month if it is still kept here, or is
        started in its place; a month already retired to the archive is never
        started again, and its round counts in the oldest month kept.
        """
        key = result.at.strftime("%Y-%m")
        months = self.months
        if not months or months[-1].key < key:
            months.append(Period(key=key, at=result.at))
            return months[-1]
        for index in range(len(months) - 1, -1, -1):  # usually the last one
            if months[index].key == key:
                return months[index]
            if months[index].key < key:
                months.insert(index + 1, Period(key=key, at=result.at))
                return months[index + 1]
        if self.retired_through is not None and key <= self.retired_through:
            return months[0]
        months.insert(0, Period(key=key, at=result.at))
        return months[0]

    def retire_months(self, keep: int = KEEP_MONTHS) -> list[Period]:
        """Take the months beyond the last ``keep`` out of the bounded state."""
        if len(self.months) <= keep:
            return []
        retired, self.months = self.months[:-keep], self.months[-keep:]
        self.retired_through = max(self.retired_through or "", retired[-1].key)
        return retired

    def finish_game(self, game_id: str, checkin: bool) -> None:
        """Count a finished game, once: finishing it again changes nothing."""
        if self.last_finished == game_id:
            return
        self.last_finished = game_id
        self.games += 1
        self.checkins += checkin
        if self.current_game is not None and self.current_game.key == game_id:
            self.recent_games.append(self.current_game)
            self.recent_games = self.recent_games[-RECENT_GAMES:]
            # The day it counts for: its first round's (a check-in in halves: the
            # day both halves were in and its rounds were judged).
            self.count_day(self.current_game.at.date(), game_id)
        self.current_game = None

    def count_day(self, day: date, game_id: str) -> None:
        """A day played: once a day, whatever the number of games.

        A day before the last one counted (the clock went back) changes nothing.
        A streak reaching a milestone not celebrated yet becomes the newest
        ``milestone``, to be announced.
        """
        last = self.last_day
        if last is not None and day <= last:
            return
        self.days_played = (self.days_played or 0) + 1
        alive = last is not None and (day - last).days == 1
        self.streak_days = (self.streak_days or 0) + 1 if alive else 1
        self.last_day = day
        if milestone(self.streak_days) and self.streak_days > self.celebrated:
            self.celebrated = self.streak_days
            self.milestone = Milestone(days=self.streak_days, on=day, game_id=game_id)

    def streak(self, today: date) -> int:
        """Days in a row, ending today or yesterday (still alive); 0 once broken."""
        if self.last_day is None or (today - self.last_day).days > 1:
            return 0
        return self.streak_days or 0

    @property
    def discoveries(self) -> int:
        return self.total.discoveries

    def recent_accuracy(self, dimension: Dimension, last_games: int) -> tuple[float | None, int]:
        """Accuracy in ``dimension`` over the last games, and how many games that is."""
        games = self.recent_games[-last_games:]
        tally = Tally()
        for game in games:
            part = game.by_dimension.get(dimension)
            if part:
                tally.rounds += part.rounds
                tally.accuracy_sum += part.accuracy_sum
        return tally.accuracy, len(games)

    def guesser_accuracy(self, guesser: int) -> dict[Dimension, float]:
        """Per-dimension accuracy of one guesser, for drawing toward weak spots."""
        stats = self.players[guesser]
        return {d: t.accuracy for d, t in stats.by_dimension.items() if t.accuracy is not None}

    def trend(self, dimension: Dimension | None = None, months: list[Period] | None = None) -> list[tuple[str, float]]:
        """(month, accuracy) over time, for one dimension or all of them.

        ``months`` defaults to the recent months in the bounded state; pass all
        of them (``ProfileReader.months()``) for the trend over the years.
        """
        points = []
        for month in self.months if months is None else months:
            value = month.accuracy(dimension) if dimension else month.total.accuracy
            if value is not None:
                points.append((month.key, value))
        return points

    def discoveries_trend(self, months: list[Period] | None = None) -> list[tuple[str, int]]:
        return [(m.key, m.total.discoveries) for m in (self.months if months is None else months)]
