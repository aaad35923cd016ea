"""The questions a game may draw from, indexed once per deck (DESIGN §6).

Each deck is indexed once (by dimension and depth, ids sorted); a game's pool
only strings together the indexes of its decks, so building it costs per deck,
not per question.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from itertools import chain
from typing import overload

from nuzzle_game.core.fit import Fit
from nuzzle_game.core.questions import Dimension, Question


class DeckIndex:
    """One deck's questions by dimension and depth, each bucket sorted by id."""

    def __init__(self, deck_id: str, questions: Iterable[Question], checkin: bool = False) -> None:
        self.deck_id = deck_id
        self.checkin = checkin
        self.by_id: dict[str, Question] = {}
        self.buckets: dict[tuple[Dimension, int], list[Question]] = {}
        for question in questions:
            self.by_id[question.id] = question
            self.buckets.setdefault((question.dimension, question.depth), []).append(question)
        for bucket in self.buckets.values():
            bucket.sort(key=lambda q: q.id)


class Bucket(Sequence[Question]):
    """Several sorted lists read as one sequence, without copying them."""

    def __init__(self, parts: Sequence[list[Question]]) -> None:
        self._parts = [p for p in parts if p]
        self._flat: list[Question] | None = None
        self._ends: list[int] = []
        total = 0
        for part in self._parts:
            total += len(part)
            self._ends.append(total)

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    @overload
    def __getitem__(self, index: int) -> Question: ...

    @overload
    def __getitem__(self, index: slice) -> list[Question]: ...

    def __getitem__(self, index: int | slice) -> Question | list[Question]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        part = bisect.bisect_right(self._ends, index)
        start = self._ends[part - 1] if part else 0
        return self._parts[part][index - start]

    def __iter__(self) -> Iterator[Question]:
        for part in self._parts:
            yield from part

    def flat(self) -> list[Question]:
        """The same questions as one list (made when first needed, then kept):
        drawing samples and scans it without a Python call per question."""
        if self._flat is None:
            self._flat = list(chain.from_iterable(self._parts))
        return self._flat


class QuestionPool:
    """The questions a game may draw from, bucketed by dimension and depth.

    Built from deck indexes (``from_indexes``, cheap) or from questions (for
    tests and tools). Questions of check-in decks form ``staples``.
    """

    def __init__(self, questions: Iterable[Question] = (), *, staple_decks: Collection[str] = ()) -> None:
        by_deck: dict[str, list[Question]] = {}
        for question in questions:
            by_deck.setdefault(question.deck_id, []).append(question)
        self._setup([DeckIndex(d, qs, d in staple_decks) for d, qs in by_deck.items()])

    @classmethod
    def from_indexes(cls, indexes: Iterable[DeckIndex]) -> QuestionPool:
        pool = cls.__new__(cls)
        pool._setup(list(indexes))
        return pool

    def _setup(self, indexes: list[DeckIndex], with_staples: bool = True) -> None:
        # Fixed order, so a seed gives the same draw whatever the load order.
        self._indexes = sorted(indexes, key=lambda i: i.deck_id)
        keys = sorted({k for i in self._indexes for k in i.buckets}, key=lambda k: (list(Dimension).index(k[0]), k[1]))
        self._buckets: dict[Dimension, dict[int, Bucket]] = {}
        for dimension, depth in keys:
            self._buckets.setdefault(dimension, {})[depth] = Bucket(
                [i.buckets.get((dimension, depth), []) for i in self._indexes]
            )
        self._size = sum(len(i.by_id) for i in self._indexes)
        self._by_id: dict[str, Question] | None = None  # made by the first lookup
        self._places: tuple[list[tuple[Dimension, int]], dict[str, int]] | None = None
        self._fitting: dict[tuple[frozenset[str], int], frozenset[str]] = {}
        self.staples: QuestionPool | None = None
        staples = [i for i in self._indexes if i.checkin]
        if with_staples and staples and len(staples) < len(self._indexes):
            self.staples = QuestionPool.__new__(QuestionPool)
            self.staples._setup(staples, with_staples=False)

    def __len__(self) -> int:
        return self._size

    def get(self, question_id: str) -> Question | None:
        return self.lookup()(question_id)

    def lookup(self) -> Callable[[str], Question | None]:
        """``get`` as one dict lookup: every question by id (the first deck in
        order wins, as a search would), made once per pool when first needed,
        so building a pool still costs per deck, not per question."""
        if self._by_id is None:
            by_id: dict[str, Question] = {}
            for index in reversed(self._indexes):
                by_id.update(index.by_id)
            self._by_id = by_id
        return self._by_id.get

    def places(self) -> tuple[list[tuple[Dimension, int]], dict[str, int]]:
        """Every (dimension, depth) of the pool, and each question id's place in
        that list (the question ``get`` gives); made once per pool."""
        if self._places is None:
            get = self.lookup()
            keys = [(dimension, depth) for dimension, depths in self._buckets.items() for depth in depths]
            number = {key: i for i, key in enumerate(keys)}
            ids = self._by_id or {}
            self._places = keys, {i: number[(q.dimension, q.depth)] for i in ids if (q := get(i)) is not None}
        return self._places

    def fitting(self, fit: Fit) -> frozenset[str]:
        """The ids of the questions (as ``get`` gives them) that ``fit.suits``: the
        fast form of that part of the rule, made once per tags and month."""
        key = (fit.tags, fit.month)
        found = self._fitting.get(key)
        if found is None:
            self.lookup()
            suits = fit.suits
            found = self._fitting[key] = frozenset(i for i, q in (self._by_id or {}).items() if suits(q))
        return found

    @property
    def dimensions(self) -> list[Dimension]:
        return [d for d in Dimension if d in self._buckets]

    def bucket(self, dimension: Dimension, depth: int) -> Sequence[Question]:
        bucket = self._buckets.get(dimension, {}).get(depth)
        return bucket.flat() if bucket is not None else ()

    def depths(self, dimension: Dimension) -> list[int]:
        return sorted(self._buckets.get(dimension, {}))

    def all(self) -> Iterable[Question]:
        for depths in self._buckets.values():
            for bucket in depths.values():
                yield from bucket
