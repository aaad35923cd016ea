"""Decks (DESIGN §7): a deck's questions and the rule that unlocks it, and the
library of every deck loaded. Plain data: loading deck files is the store's
(``store.deck_files``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from nuzzle_game.core.base import Frozen
from nuzzle_game.core.pool import DeckIndex, QuestionPool
from nuzzle_game.core.questions import Dimension, Question, plain


class AlwaysOpen(Frozen):
    type: Literal["always"] = "always"


class AfterGames(Frozen):
    type: Literal["games"]
    count: int = Field(ge=1)


class AfterDays(Frozen):
    """After N days played: distinct days with a finished game or check-in."""

    type: Literal["days"]
    count: int = Field(ge=1)


class AfterDiscoveries(Frozen):
    type: Literal["discoveries"]
    count: int = Field(ge=1)


class AccuracyInDimension(Frozen):
    type: Literal["accuracy"]
    dimension: Dimension
    at_least: float = Field(gt=0, le=1)
    last_games: int = Field(ge=1, le=20)


class BothOptedIn(Frozen):
    type: Literal["opt_in"]


UnlockRule = Annotated[
    AlwaysOpen | AfterGames | AfterDays | AfterDiscoveries | AccuracyInDimension | BothOptedIn,
    Field(discriminator="type"),
]


class Deck(Frozen):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{1,39}$")
    title: str = Field(min_length=1, max_length=60)
    description: str = Field(min_length=1, max_length=400)
    unlock: UnlockRule = AlwaysOpen()
    sensitive: bool = False
    # A check-in staple: daily check-ins draw from it first (DESIGN §3).
    checkin: bool = False
    questions: list[Question] = Field(min_length=1)

    _plain_text = field_validator("id", "title", "description", mode="before")(plain)

    @model_validator(mode="after")
    def _consistent(self) -> Deck:
        if self.sensitive != isinstance(self.unlock, BothOptedIn):
            raise ValueError("a sensitive deck unlocks by 'opt_in', and only a sensitive deck does")
        seen: set[str] = set()
        for question in self.questions:
            if question.id in seen:
                raise ValueError(f"question id '{question.id}' appears twice")
            seen.add(question.id)
        # Every question knows its deck and whether it is sensitive.
        stamped = [q.model_copy(update={"deck_id": self.id, "sensitive": self.sensitive}) for q in self.questions]
        object.__setattr__(self, "questions", stamped)
        return self


# ------------------------------------------------------------- the library


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a deck file, located as precisely as we can."""

    file: str
    message: str
    question_id: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.question_id:
            where.append(f"question {self.question_id}")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{': '.join(where)}: {self.message}"


@dataclass(frozen=True)
class BrokenDeck:
    path: Path
    problems: tuple[Problem, ...]
    folder: bool = False  # a whole folder that could not be read

    @property
    def reason(self) -> str:
        first = self.problems[0]
        more = len(self.problems) - 1
        text = str(first).removeprefix(f"{first.file}: ")
        return text + (f" (and {more} more)" if more else "")


@dataclass
class DeckLibrary:
    decks: list[Deck] = field(default_factory=list)
    broken: list[BrokenDeck] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._questions = {q.id: q for d in self.decks for q in d.questions}
        self._decks = {d.id: d for d in self.decks}
        # Each deck indexed once, with the library (so a game's pool is cheap).
        self._indexes: dict[str, DeckIndex] = {d.id: DeckIndex(d.id, d.questions, d.checkin) for d in self.decks}
        self._pools: dict[frozenset[str], QuestionPool] = {}

    def pool(self, deck_ids: Iterable[str]) -> QuestionPool:
        """The question pool of these decks, built once per deck set."""
        key = frozenset(d for d in deck_ids if d in self._decks)
        pool = self._pools.get(key)
        if pool is None:
            pool = self._pools[key] = QuestionPool.from_indexes(self._indexes[d] for d in sorted(key))
        return pool

    def question(self, question_id: str) -> Question | None:
        return self._questions.get(question_id)

    def deck(self, deck_id: str) -> Deck | None:
        return self._decks.get(deck_id)

    @property
    def questions(self) -> list[Question]:
        return list(self._questions.values())

    @property
    def problems(self) -> list[Problem]:
        return [p for b in self.broken for p in b.problems]

    @property
    def unreadable(self) -> list[BrokenDeck]:
        """Deck folders that could not be read at all."""
        return [b for b in self.broken if b.folder]
