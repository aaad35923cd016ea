"""Unlock rules (DESIGN §7): which decks are open, and how close the others are."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from nuzzle_game.core.decks import (
    AccuracyInDimension,
    AfterDiscoveries,
    AfterGames,
    AlwaysOpen,
    BothOptedIn,
    Deck,
)
from nuzzle_game.core.game import Game
from nuzzle_game.core.lovemap import LoveMap
from nuzzle_game.core.models import Couple, RoundResult
from nuzzle_game.core.stats import Aggregates


@dataclass(frozen=True)
class UnlockProgress:
    deck_id: str
    met: bool
    current: float
    target: float
    text: str  # "3 of 5 games", shown beside a locked deck


def progress(deck: Deck, aggregates: Aggregates, couple: Couple) -> UnlockProgress:
    rule = deck.unlock
    if isinstance(rule, AlwaysOpen):
        return UnlockProgress(deck.id, True, 1, 1, "open from the start")
    if isinstance(rule, AfterGames):
        n = aggregates.games
        return UnlockProgress(
            deck.id,
            n >= rule.count,
            min(n, rule.count),
            rule.count,
            f"{min(n, rule.count)} of {rule.count} games played",
        )
    if isinstance(rule, AfterDiscoveries):
        n = aggregates.discoveries
        return UnlockProgress(
            deck.id,
            n >= rule.count,
            min(n, rule.count),
            rule.count,
            f"{min(n, rule.count)} of {rule.count} discoveries made",
        )
    if isinstance(rule, AccuracyInDimension):
        value, games = aggregates.recent_accuracy(rule.dimension, rule.last_games)
        shown = value or 0.0
        met = games >= rule.last_games and value is not None and value >= rule.at_least
        need = f"{rule.at_least:.0%} {rule.dimension} accuracy over {rule.last_games} games"
        if games < rule.last_games:
            text = f"{need}: {games} of {rule.last_games} games played so far"
        else:
            text = f"{need}: {shown:.0%} now"
        return UnlockProgress(deck.id, met, shown, rule.at_least, text)
    assert isinstance(rule, BothOptedIn)
    opted = sum(p.opted_in for p in couple.players)
    return UnlockProgress(deck.id, opted == 2, opted, 2, f"{opted} of 2 partners opted in")


def is_available(deck: Deck, unlocked: Iterable[str], couple: Couple) -> bool:
    """Whether a deck can be played now.

    Earned unlocks stay earned; a sensitive deck is open only while both
    partners have opted in, and hidden the moment either switches it off.
    """
    if deck.sensitive:
        return couple.both_opted_in
    return isinstance(deck.unlock, AlwaysOpen) or deck.id in set(unlocked)


def newly_unlocked(decks: Iterable[Deck], aggregates: Aggregates, couple: Couple, unlocked: Iterable[str]) -> list[str]:
    """Decks whose rule is met now but were not unlocked before (not sensitive ones)."""
    already = set(unlocked)
    return [
        deck.id
        for deck in decks
        if not deck.sensitive
        and not isinstance(deck.unlock, AlwaysOpen)
        and deck.id not in already
        and progress(deck, aggregates, couple).met
    ]


# ------------------------------------------------- what may be shown


@dataclass(frozen=True)
class Visibility:
    """Which answers may be shown now: a sensitive deck's answers only while both
    partners opt in. The one filter the love map, the changes, the stats and the
    export all go through; switching the opt-in back on shows them again.
    """

    hidden: frozenset[str]

    def shows(self, question_id: str) -> bool:
        return question_id not in self.hidden

    def love_map(self, love_map: LoveMap) -> LoveMap:
        if not self.hidden:
            return love_map
        entries = {k: e for k, e in love_map.entries.items() if k not in self.hidden}
        return LoveMap(subject=love_map.subject, entries=entries)

    def love_maps(self, love_maps: Iterable[LoveMap]) -> list[LoveMap]:
        return [self.love_map(m) for m in love_maps]

    def results(self, results: Iterable[RoundResult]) -> list[RoundResult]:
        return [r for r in results if r.question_id not in self.hidden]

    def has_hidden_answers(self, love_maps: Iterable[LoveMap]) -> bool:
        return any(qid in m.entries for m in love_maps for qid in self.hidden)

    def aggregates(
        self,
        aggregates: Aggregates,
        love_maps: Iterable[LoveMap],
        games: Callable[[], Iterable[Game]],
        active: Game | None = None,
    ) -> Aggregates:
        """The stats without hidden rounds.

        The running aggregates when nothing is hidden (or no hidden question was
        ever answered); otherwise counted again from the games, which is read
        only in that case.
        """
        if not self.hidden or not self.has_hidden_answers(love_maps):
            return aggregates
        counted = Aggregates()
        for game in games():
            for result in self.results(game.results):
                counted.add_round(result)
            counted.finish_game(game.id, game.checkin)
        for result in self.results(active.results if active else ()):
            counted.add_round(result)
        return counted

    def game(self, game: Game) -> Game:
        """The game without its hidden rounds (renumbering nothing)."""
        if not self.hidden or all(r.question_id not in self.hidden for r in game.rounds):
            return game
        return game.model_copy(update={"rounds": [r for r in game.rounds if r.question_id not in self.hidden]})


def visibility(decks: Iterable[Deck], couple: Couple) -> Visibility:
    """What may be shown of ``couple``'s answers, given the decks."""
    if couple.both_opted_in:
        return Visibility(frozenset())
    return Visibility(frozenset(q.id for d in decks if d.sensitive for q in d.questions))
