"""Unlock rules (DESIGN §7): which decks are open, and how close the others are."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .models import (
    AccuracyInDimension,
    AfterDiscoveries,
    AfterGames,
    AlwaysOpen,
    BothOptedIn,
    Couple,
    Deck,
)
from .stats import Aggregates


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
            deck.id, n >= rule.count, min(n, rule.count), rule.count,
            f"{min(n, rule.count)} of {rule.count} games played",
        )
    if isinstance(rule, AfterDiscoveries):
        n = aggregates.discoveries
        return UnlockProgress(
            deck.id, n >= rule.count, min(n, rule.count), rule.count,
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


def newly_unlocked(
    decks: Iterable[Deck], aggregates: Aggregates, couple: Couple, unlocked: Iterable[str]
) -> list[str]:
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
