"""A game and its rounds as a pure state machine (DESIGN §3).

A round moves answer → guess → (verdict, for text) → revealed. Roles alternate
every round. A committed answer cannot change. A guess may also come first (two
screens at once): it is held, and the round moves on when the answer arrives.
Either partner may pass on a round before it is revealed: it is set aside and
another question takes its place. No I/O here.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import AwareDatetime, ConfigDict, Field

from nuzzle_game.core.base import Model
from nuzzle_game.core.models import Confidence, Guess, PlayerIndex, RoundResult, other
from nuzzle_game.core.questions import Question, QuestionKind, SavedAnswer

DEFAULT_ROUNDS = 8
CHECKIN_ROUNDS = 3
# A check-in in halves (DESIGN §12): each question asked both ways.
HALVES_QUESTIONS = 3


class RoundError(Exception):
    """A move that the rules of a round do not allow right now."""


class Phase(StrEnum):
    ANSWER = "answer"
    GUESS = "guess"
    VERDICT = "verdict"  # text questions: the answerer judges the guess
    REVEALED = "revealed"


class GameMode(StrEnum):
    GAME = "game"
    CHECKIN = "check-in"
    # The daily check-in played by each partner alone, when free: every question
    # is asked both ways, and all its rounds are open at once until both halves are in.
    HALVES = "check-in in halves"


class Round(Model):
    index: int
    question_id: str
    answerer: PlayerIndex
    phase: Phase = Phase.ANSWER
    answer: SavedAnswer | None = None
    answered_at: AwareDatetime | None = None
    guess: Guess | None = None
    result: RoundResult | None = None

    @property
    def guesser(self) -> PlayerIndex:
        return other(self.answerer)

    def commit_answer(self, question: Question, value: object, at: datetime) -> None:
        self._expect(Phase.ANSWER, "the answer is already committed")
        self.answer = question.check_value(value)
        self.answered_at = at
        self.phase = Phase.GUESS if self.guess is None else self._after_guess(question)

    def commit_guess(self, question: Question, value: object, confidence: Confidence) -> None:
        """The guess: after the answer, or before it (held until the answer comes)."""
        if self.guess is not None or self.phase not in (Phase.ANSWER, Phase.GUESS):
            raise RoundError("the guess is already committed")
        self.guess = Guess(value=question.check_value(value), confidence=Confidence(confidence))
        if self.phase is Phase.GUESS:
            self.phase = self._after_guess(question)

    @property
    def guess_held(self) -> bool:
        """A guess committed before the answer, waiting for it."""
        return self.phase is Phase.ANSWER and self.guess is not None

    @staticmethod
    def _after_guess(question: Question) -> Phase:
        return Phase.VERDICT if question.kind is QuestionKind.TEXT else Phase.REVEALED

    def needs_verdict(self) -> bool:
        return self.phase is Phase.VERDICT

    def resolve(self, result: RoundResult) -> None:
        """Attach the judged reveal. Text questions need the answerer's verdict."""
        if self.phase is Phase.VERDICT and result.verdict is None:
            raise RoundError("a text round needs the answerer's verdict")
        if self.phase not in (Phase.VERDICT, Phase.REVEALED) or self.result is not None:
            raise RoundError("this round cannot be revealed now")
        self.result = result
        self.phase = Phase.REVEALED

    def _expect(self, phase: Phase, message: str) -> None:
        if self.phase is not phase:
            raise RoundError(message)


class PassedRound(Model):
    """A round a partner passed on: nothing scored, another question took its place."""

    model_config = ConfigDict(frozen=True)

    question_id: str
    answerer: PlayerIndex  # whose question it was
    by: PlayerIndex  # who passed
    at: AwareDatetime


class Game(Model):
    id: str
    mode: GameMode = GameMode.GAME
    total_rounds: int = Field(default=DEFAULT_ROUNDS, ge=1, le=30)
    deck_ids: list[str]
    seed: int
    first_answerer: PlayerIndex = 0
    started_at: AwareDatetime
    finished_at: AwareDatetime | None = None
    rounds: list[Round] = Field(default_factory=list)
    passes: list[PassedRound] = Field(default_factory=list)
    # A check-in in halves: the partners who have seen its reveal.
    seen: list[PlayerIndex] = Field(default_factory=list)

    @property
    def checkin(self) -> bool:
        """A daily check-in, played together or in halves."""
        return self.mode in (GameMode.CHECKIN, GameMode.HALVES)

    @property
    def halves(self) -> bool:
        return self.mode is GameMode.HALVES

    def moves_of(self, player: PlayerIndex) -> list[tuple[Round, Phase]]:
        """A check-in in halves: ``player``'s half in the order it is played, each
        question answered for themselves, then their guess of the partner's answer."""
        mine: list[tuple[Round, Phase]] = []
        for round_ in self.rounds:
            mine.append((round_, Phase.ANSWER if round_.answerer == player else Phase.GUESS))
        return sorted(mine, key=lambda item: (item[0].index // 2, item[1] is Phase.GUESS))

    def half_done(self, player: PlayerIndex) -> bool:
        """Whether ``player``'s half is in: every answer and every guess committed."""
        return all(
            (round_.answer is not None) if phase is Phase.ANSWER else (round_.guess is not None)
            for round_, phase in self.moves_of(player)
        )

    @property
    def halves_in(self) -> bool:
        return self.halves and self.half_done(0) and self.half_done(1)

    def answerer_for(self, index: int) -> PlayerIndex:
        return self.first_answerer if index % 2 == 0 else other(self.first_answerer)

    @property
    def current(self) -> Round | None:
        """The round in play: drawn and not yet revealed (one at a time; a check-in
        in halves has all its rounds open at once, and no current one)."""
        if not self.halves and self.rounds and self.rounds[-1].result is None:
            return self.rounds[-1]
        return None

    @property
    def results(self) -> list[RoundResult]:
        return [r.result for r in self.rounds if r.result is not None]

    @property
    def revealed(self) -> int:
        return len(self.results)

    @property
    def over(self) -> bool:
        return self.revealed >= self.total_rounds

    def add_round(self, question_id: str) -> Round:
        if self.current is not None:
            raise RoundError("finish the current round first")
        if self.over:
            raise RoundError("the game is over")
        index = len(self.rounds)
        round_ = Round(index=index, question_id=question_id, answerer=self.answerer_for(index))
        self.rounds.append(round_)
        return round_

    def add_question_pair(self, question_id: str) -> tuple[Round, Round]:
        """A check-in in halves: one question as two rounds, one for each partner to answer."""
        if not self.halves or len(self.rounds) + 2 > self.total_rounds:
            raise RoundError("only a check-in in halves asks a question both ways")
        index = len(self.rounds)
        pair = (
            Round(index=index, question_id=question_id, answerer=self.answerer_for(index)),
            Round(index=index + 1, question_id=question_id, answerer=self.answerer_for(index + 1)),
        )
        self.rounds.extend(pair)
        return pair

    def pass_pair(self, index: int, by: PlayerIndex, at: datetime, question_id: str) -> PassedRound:
        """A check-in in halves: the question of round ``index`` is set aside, for
        both its rounds (their moves go with it), and ``question_id`` takes its place."""
        if not self.halves or not 0 <= index < len(self.rounds):
            raise RoundError("there is no such round to pass on")
        first = index - index % 2
        pair = self.rounds[first : first + 2]
        if any(r.result is not None for r in pair):
            raise RoundError("this question is already revealed")
        passed = PassedRound(question_id=pair[0].question_id, answerer=self.rounds[index].answerer, by=by, at=at)
        for round_ in pair:
            self.rounds[round_.index] = Round(index=round_.index, question_id=question_id, answerer=round_.answerer)
        self.passes.append(passed)
        return passed

    def pass_current(self, by: PlayerIndex, at: datetime) -> PassedRound:
        """Set the round in play aside; the next round drawn takes its place."""
        current = self.current
        if current is None or current.phase not in (Phase.ANSWER, Phase.GUESS):
            raise RoundError("only a round still being answered or guessed can be passed")
        passed = PassedRound(question_id=current.question_id, answerer=current.answerer, by=by, at=at)
        self.rounds.pop()
        self.passes.append(passed)
        return passed


class GameSummary(Model):
    """The end of a game: the shared headline, each partner's part, what changed."""

    game_id: str
    rounds: int
    in_sync: int
    discoveries: int
    accuracy: tuple[float | None, float | None]  # each partner as guesser
    points: tuple[int, int]
    unlocked: list[str] = Field(default_factory=list)
    close: int = 0  # near misses: neither in sync nor a discovery
    milestone: int | None = None  # the streak milestone this game reached (days in a row)

    @property
    def in_sync_percent(self) -> int:
        return round(100 * self.in_sync / self.rounds) if self.rounds else 0

    @classmethod
    def of(cls, game: Game, unlocked: list[str], milestone: int | None = None) -> GameSummary:
        results = game.results
        accuracy: list[float | None] = []
        points: list[int] = []
        for player in (0, 1):
            mine = [r for r in results if r.guesser == player]
            accuracy.append(sum(r.accuracy for r in mine) / len(mine) if mine else None)
            points.append(sum(r.points for r in mine))
        return cls(
            game_id=game.id,
            rounds=len(results),
            in_sync=sum(r.in_sync for r in results),
            discoveries=sum(r.discovery for r in results),
            accuracy=(accuracy[0], accuracy[1]),
            points=(points[0], points[1]),
            unlocked=unlocked,
            close=sum(not r.in_sync and not r.discovery for r in results),
            milestone=milestone,
        )
