"""What one player may see of a game right now: the round engine's views.

A view is plain, immutable data built for one player alone. It never holds the
partner's answer or guess before the reveal (the answerer sees the guess at the
verdict of a text round, which is where its reveal begins); after a reveal both
players' views hold the same ``RoundResult``. Safe to send as it is
(``model_dump_json``): the table sends each seat its own view.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from nuzzle_game.core.base import Frozen
from nuzzle_game.core.game import GameMode, GameSummary
from nuzzle_game.core.models import Discovery, Guess, PlayerIndex, RoundResult, Verdict
from nuzzle_game.core.questions import AnswerValue, Question


class Task(StrEnum):
    """What a player can do now."""

    ANSWER = "answer"
    GUESS = "guess"
    VERDICT = "verdict"  # a text round: the answerer says how close the guess was
    WAIT = "wait"  # for the partner
    REVEAL = "reveal"  # read it, then say so
    SUMMARY = "summary"


class PartnerStatus(StrEnum):
    """What a player may know of the partner: whether they are done, never what."""

    ANSWERING = "answering"
    ANSWERED = "answered"
    GUESSING = "guessing"
    GUESSED = "guessed"
    JUDGING = "judging"  # the verdict of a text round
    READING = "reading"  # the reveal
    READY = "ready"  # read the reveal and waits for the next round
    DONE = "done"  # the game is over
    # A check-in in halves: whether the partner's half is in, never what is in it.
    HALF_TO_COME = "half to come"
    HALF_IN = "half in"


class RoundInfo(Frozen):
    """What any screen of a round may show: no answer, no guess."""

    index: int  # the round's place in the game (0-based)
    number: int  # as shown: "Round 2 of 8"
    total: int
    mode: GameMode
    question: Question
    answerer: PlayerIndex
    guesser: PlayerIndex
    names: tuple[str, str]

    @property
    def answerer_name(self) -> str:
        return self.names[self.answerer]

    @property
    def guesser_name(self) -> str:
        return self.names[self.guesser]

    @property
    def last(self) -> bool:
        return self.number >= self.total


class VerdictInfo(Frozen):
    """A text round at its verdict: what the answerer judges, and the game's suggestion."""

    answer: AnswerValue
    guess: Guess
    proposed: Verdict


class SummaryInfo(Frozen):
    """The end of a game, for both players alike (everything in it is revealed)."""

    mode: GameMode
    summary: GameSummary
    discoveries: list[Discovery]
    results: list[RoundResult] = Field(default_factory=list)  # every revealed round, for the recap
    questions: list[Question] = Field(default_factory=list)  # the questions of those rounds still in the decks
    unlocked: list[str] = Field(default_factory=list)  # titles of the decks this game opened

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


class PairedAnswer(Frozen):
    """One partner's side of a question in a check-in in halves."""

    answer: AnswerValue  # what they said for themselves
    guess: Guess  # what they guessed the partner would say
    result: RoundResult | None = None  # the round where they answered, once judged
    waiting_verdict: bool = False  # a text round: their verdict on the partner's guess is still to come


class PairedQuestion(Frozen):
    question: Question
    sides: tuple[PairedAnswer, PairedAnswer]  # by player


class CheckinReveal(Frozen):
    """A check-in in halves, revealed: per question, what each said and guessed."""

    questions: list[PairedQuestion]
    filed: bool  # every verdict is in: the love maps and the stats have it


class PlayerView(Frozen):
    """Everything one player may know now, and what they can do."""

    version: int
    me: PlayerIndex
    names: tuple[str, str]
    task: Task
    partner: PartnerStatus
    round: RoundInfo | None = None
    my_answer: AnswerValue | None = None  # only when I am the answerer
    my_guess: Guess | None = None  # only when I am the guesser
    verdict: VerdictInfo | None = None  # only for the answerer, once both committed
    result: RoundResult | None = None  # the reveal: the same for both players
    summary: SummaryInfo | None = None
    checkin: CheckinReveal | None = None  # a check-in in halves, once both halves are in

    @property
    def partner_name(self) -> str:
        return self.names[1 - self.me]
