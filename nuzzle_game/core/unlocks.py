"""Unlock rules (DESIGN §7): which decks are open, and how close the others are.

Decks open at a pace a couple can feel: at most one a finished game or check-in.
Those whose rule is met wait their turn in the library's order (``due``), and a
deck none of whose questions fits the couple's situation (Animals, for a couple
with no animal) is never announced: it waits until the situation says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from nuzzle_game.core.decks import (
    AccuracyInDimension,
    AfterDays,
    AfterDiscoveries,
    AfterGames,
    AlwaysOpen,
    BothOptedIn,
    Deck,
)
from nuzzle_game.core.game import Game
from nuzzle_game.core.lovemap import LoveMap
from nuzzle_game.core.models import Couple, RoundResult
from nuzzle_game.core.situation import applicable_tags, applies
from nuzzle_game.core.stats import Aggregates

# How many decks one finished game (or check-in) may open.
OPEN_PER_GAME = 1


@dataclass(frozen=True)
class UnlockProgress:
    deck_id: str
    met: bool
    current: float
    target: float
    text: str  # "3 of 5 games", shown beside a locked deck
    share: float = 0.0  # 0..1 of the way there, as the text tells it (1 only once met)


def _counted(deck_id: str, n: int, count: int, what: str) -> UnlockProgress:
    shown = min(n, count)
    return UnlockProgress(deck_id, n >= count, shown, count, f"{shown} of {what}", shown / count)


def progress(deck: Deck, aggregates: Aggregates, couple: Couple) -> UnlockProgress:
    rule = deck.unlock
    if isinstance(rule, AlwaysOpen):
        return UnlockProgress(deck.id, True, 1, 1, "open from the start", 1.0)
    if isinstance(rule, AfterDays):
        return _counted(deck.id, aggregates.days_played or 0, rule.count, f"{rule.count} days played")
    if isinstance(rule, AfterGames):
        return _counted(deck.id, aggregates.games, rule.count, f"{rule.count} games played")
    if isinstance(rule, AfterDiscoveries):
        return _counted(deck.id, aggregates.discoveries, rule.count, f"{rule.count} discoveries made")
    if isinstance(rule, AccuracyInDimension):
        value, games = aggregates.recent_accuracy(rule.dimension, rule.last_games)
        shown = value or 0.0
        met = games >= rule.last_games and value is not None and value >= rule.at_least
        need = f"{rule.at_least:.0%} {rule.dimension} accuracy over {rule.last_games} games"
        if games < rule.last_games:
            # The games come first: the bar shows them, as the text does.
            text = f"{need}: {games} of {rule.last_games} games played so far"
            share = games / rule.last_games
        else:
            text = f"{need}: {shown:.0%} now"
            share = 1.0 if met else min(shown / rule.at_least, 0.99)
        return UnlockProgress(deck.id, met, shown, rule.at_least, text, share)
    assert isinstance(rule, BothOptedIn)
    opted = sum(p.opted_in for p in couple.players)
    return UnlockProgress(deck.id, opted == 2, opted, 2, f"{opted} of 2 partners opted in", opted / 2)


def is_available(deck: Deck, unlocked: Iterable[str], couple: Couple) -> bool:
    """Whether a deck can be played now.

    Earned unlocks stay earned; a sensitive deck is open only while both
    partners have opted in, and hidden the moment either switches it off.
    """
    if deck.sensitive:
        return couple.both_opted_in
    return isinstance(deck.unlock, AlwaysOpen) or deck.id in set(unlocked)


def fits(deck: Deck, couple: Couple) -> bool:
    """Whether any of the deck's questions can be asked of this couple (its
    situational tags apply to one of them; see ``situation``)."""
    tags = [applicable_tags(couple.situation, player) for player in (0, 1)]
    return any(applies(question, own) for question in deck.questions for own in tags)


def due(decks: Iterable[Deck], aggregates: Aggregates, couple: Couple, unlocked: Iterable[str]) -> list[Deck]:
    """Locked decks whose rule is met, that fit the couple, in the order they open
    (the library's); sensitive decks open by the opt-ins, never by play."""
    already = set(unlocked)
    return [
        deck
        for deck in decks
        if not deck.sensitive
        and not isinstance(deck.unlock, AlwaysOpen)
        and deck.id not in already
        and progress(deck, aggregates, couple).met
        and fits(deck, couple)
    ]


def newly_unlocked(decks: Iterable[Deck], aggregates: Aggregates, couple: Couple, unlocked: Iterable[str]) -> list[str]:
    """The deck(s) a game just finished opens: the first due, one a game at most."""
    return [deck.id for deck in due(decks, aggregates, couple, unlocked)[:OPEN_PER_GAME]]


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
