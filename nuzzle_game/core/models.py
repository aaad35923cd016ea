"""The vocabulary of the game (DESIGN §2) as pydantic models.

Everything here is plain data with validation: no I/O, no Textual.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import AwareDatetime, Field, field_validator, model_validator

from nuzzle_game.core.base import Frozen
from nuzzle_game.core.questions import SITUATION_TAGS, AnswerValue, Dimension, QuestionKind
from nuzzle_game.core.text import clean_name
from nuzzle_game.paths import is_profile_name


class Confidence(StrEnum):
    SURE = "sure"
    THINK_SO = "think so"
    NO_IDEA = "no idea"

    @property
    def probability(self) -> float:
        return _CONFIDENCE_PROBABILITY[self]


_CONFIDENCE_PROBABILITY = {
    Confidence.SURE: 0.9,
    Confidence.THINK_SO: 0.7,
    Confidence.NO_IDEA: 0.5,
}


class Verdict(StrEnum):
    """The answerer's verdict on a guess at a free-text question."""

    SPOT_ON = "spot on"
    CLOSE = "close"
    NOT_REALLY = "not really"

    @property
    def accuracy(self) -> float:
        return {Verdict.SPOT_ON: 1.0, Verdict.CLOSE: 0.5, Verdict.NOT_REALLY: 0.0}[self]


PlayerIndex = Literal[0, 1]


def other(player: PlayerIndex) -> PlayerIndex:
    """The other partner: the guesser of an answerer, and the other way round."""
    return 1 if player == 0 else 0


# ------------------------------------------------------------------- players


class Player(Frozen):
    name: str = Field(min_length=1, max_length=24)
    opted_in: bool = False  # to sensitive content

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: object) -> object:
        # Before the length check: a name is measured in its canonical form.
        return clean_name(value) if isinstance(value, str) else value


# ----------------------------------------------------------------- situation


class Home(StrEnum):
    TOGETHER = "together"
    APART = "apart"
    BOTH = "both"  # some nights together, some apart


class Situation(Frozen):
    """The answers that decide the tags. ``work`` is per partner (index 0, 1)."""

    home: Home
    kids: bool = False
    pets: bool = False
    work: tuple[bool, bool] = (False, False)

    def tags(self, answerer: PlayerIndex | int) -> frozenset[str]:
        """The tags that apply when ``answerer`` answers."""
        tags: set[str] = set()
        if self.home in (Home.TOGETHER, Home.BOTH):
            tags.add("shared_home")
        if self.home in (Home.APART, Home.BOTH):
            tags.add("living_apart")
        if self.kids:
            tags.add("kids")
        if self.pets:
            tags.add("pets")
        if self.work[answerer]:
            tags.add("work")
        assert tags <= set(SITUATION_TAGS)
        return frozenset(tags)


class Couple(Frozen):
    profile: str
    players: tuple[Player, Player]
    created_at: AwareDatetime
    # Which situational tags apply (None: not asked yet; see situation.py).
    situation: Situation | None = None

    @field_validator("profile")
    @classmethod
    def _profile(cls, value: str) -> str:
        if not is_profile_name(value):
            raise ValueError(
                "a profile name uses letters, digits, '-' and '_' (up to 40), and starts with a letter or digit"
            )
        return value

    @model_validator(mode="after")
    def _distinct(self) -> Couple:
        if self.players[0].name.casefold() == self.players[1].name.casefold():
            raise ValueError("the two players need different names")
        return self

    @property
    def both_opted_in(self) -> bool:
        return all(p.opted_in for p in self.players)

    def name(self, index: int) -> str:
        return self.players[index].name


class Outcome(StrEnum):
    """How a round went (DESIGN §4): the one word every screen, the export and the
    help use for it."""

    IN_SYNC = "in sync"
    CLOSE = "close"
    MISS = "new on your map"  # a discovery


class Guess(Frozen):
    value: AnswerValue
    confidence: Confidence


class RoundResult(Frozen):
    """The reveal: what was guessed, what was answered, and what it means."""

    question_id: str
    kind: QuestionKind
    dimension: Dimension
    depth: int
    answerer: PlayerIndex
    guesser: PlayerIndex
    answer: AnswerValue
    guess: AnswerValue
    confidence: Confidence
    verdict: Verdict | None = None
    suggested_verdict: Verdict | None = None
    accuracy: float = Field(ge=0, le=1)
    points: int = Field(ge=0)
    in_sync: bool
    discovery: bool  # a miss: something new on the guesser's map (close rounds are not)
    # The answerer's answer before this one, when there was one.
    previous_answer: AnswerValue | None = None
    previous_at: AwareDatetime | None = None
    changed: bool = False
    # Set when the guess matched an earlier answer of the answerer.
    outdated_since: AwareDatetime | None = None
    # Set when the guess matched the guesser's own latest answer.
    projection: bool = False
    follow_up: str | None = None
    at: AwareDatetime
    game_id: str

    @property
    def outcome(self) -> Outcome:
        """In sync, close (a near miss) or a miss (a discovery)."""
        if self.in_sync:
            return Outcome.IN_SYNC
        return Outcome.MISS if self.discovery else Outcome.CLOSE


class Discovery(Frozen):
    """One thing that changed, for the review after a game and from the menu."""

    subject: PlayerIndex
    question_id: str
    question_text: str
    dimension: Dimension
    new_answer: AnswerValue
    at: AwareDatetime
    previous_answer: AnswerValue | None = None
    previous_at: AwareDatetime | None = None
    guess: AnswerValue | None = None
    outdated_since: AwareDatetime | None = None
    projection: bool = False
    follow_up: str | None = None


class Unlock(Frozen):
    deck_id: str
    at: AwareDatetime
    game_id: str | None = None
