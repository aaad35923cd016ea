"""Finding entries on a love map (DESIGN §5): by words, by dimension, fresh or stale.

A love map of a few years holds hundreds of entries. One line of text filters
them: a dimension's name keeps that dimension, "fresh" or "stale" keeps those,
and every other word must appear in the question or the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from nuzzle_game.core.lovemap import STALE_AFTER_DAYS, Freshness, LoveMapEntry
from nuzzle_game.core.questions import Dimension

DIMENSIONS = {d.value: d for d in Dimension}
STATES = {"fresh": Freshness.FRESH, "stale": Freshness.STALE}


@dataclass(frozen=True)
class MapFilter:
    words: tuple[str, ...] = ()
    dimension: Dimension | None = None
    freshness: Freshness | None = None

    @classmethod
    def parse(cls, text: str) -> MapFilter:
        """'emotional stale walk' → the emotional entries gone stale that mention a walk."""
        words: list[str] = []
        dimension: Dimension | None = None
        freshness: Freshness | None = None
        for word in text.casefold().split():
            if word in DIMENSIONS:
                dimension = DIMENSIONS[word]
            elif word in STATES:
                freshness = STATES[word]
            else:
                words.append(word)
        return cls(tuple(words), dimension, freshness)

    def __bool__(self) -> bool:
        return bool(self.words) or self.dimension is not None or self.freshness is not None

    def keeps(self, entry: LoveMapEntry, text: str, now: datetime, horizon_days: int = STALE_AFTER_DAYS) -> bool:
        """Whether ``entry`` passes; ``text`` is what its row shows (question, answer)."""
        if self.dimension is not None and entry.dimension is not self.dimension:
            return False
        if self.freshness is not None and entry.freshness(now, horizon_days) is not self.freshness:
            return False
        folded = text.casefold()
        return all(word in folded for word in self.words)


def with_dimension(text: str, dimension: Dimension | None) -> str:
    """The filter ``text`` set to one dimension (or none): its other words kept."""
    kept = [word for word in text.split() if word.casefold() not in DIMENSIONS]
    return " ".join(([dimension.value] if dimension is not None else []) + kept)


@dataclass
class Found:
    """The entries a filter keeps, in the order shown."""

    entries: list[LoveMapEntry] = field(default_factory=list)
    total: int = 0


def find(
    entries: Sequence[tuple[LoveMapEntry, str]],
    query: MapFilter,
    now: datetime,
    horizon_days: int = STALE_AFTER_DAYS,
) -> Found:
    """The entries of (entry, row text) pairs ``query`` keeps, in their order."""
    kept = [entry for entry, text in entries if query.keeps(entry, text, now, horizon_days)]
    return Found(kept, len(entries))
