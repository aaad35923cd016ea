"""One round controller over a ``GameSession``: hot seat and the table drive it alike.

The controller follows the ``Phase`` each move of the session returns; it never
reads a round's phase held by a screen. Everything it hands out is immutable
(frozen pydantic models): a screen never receives the live ``Round``.

Hot seat (one keyboard, the App asks what to show next)::

    controller = RoundController(session)
    while True:
        step = controller.step()
        if isinstance(step, HandoffStep):   # "Sam, look away": show, then
            controller.handed_off()          # (or stop here to pause the game)
        elif isinstance(step, AnswerStep):
            controller.answer(step.player, value)     # or controller.pass_(step.player)
        elif isinstance(step, GuessStep):
            controller.guess(step.player, value, confidence)   # or pass_
        elif isinstance(step, VerdictStep):
            controller.judge(step.player, verdict)
        elif isinstance(step, RevealStep):
            controller.next_round()          # (or stop here to pause)
        elif isinstance(step, SummaryStep):
            break                            # the game is filed; show the summary

Pausing is simply not calling the next move: a new controller over the same
session resumes where the save stands (a hand-off is shown again first).

The table (two seats acting at once) calls the same moves with the seat that
made them, in any order the rules allow, and sends each seat ``view(player)``:

- ``answer(player, value)`` and ``guess(player, value, confidence)``: a guess
  committed before the answer is held (and saved) and applied when the answer
  arrives;
- ``judge(player, verdict)``: a text round's verdict is the answerer's, once both
  have committed;
- ``pass_(player)``: either partner, while the round is being answered or
  guessed; nothing is scored and another question takes its place;
- ``next_round(player)``: each seat says it has read the reveal; the next round
  is drawn when both have (hot seat passes no player: both at once);
- ``view(player)`` → ``SeatView``: only what that player may know. It never
  holds the partner's answer or guess before the reveal (the answerer sees the
  guess at the verdict of a text round, which is where its reveal begins).
  After a reveal both views hold the same ``RoundResult``.
- ``version`` grows with every change, so a table knows when to resend views.

A move that the rules do not allow raises ``MoveError`` (a ``RoundError``) with
a sentence for the player; ``GameStuck`` (a ``MoveError``) says the game cannot
go on because its decks are gone (offer ``GameSession.abandon``); a value that does not fit the question raises
``ValueError``. Save failures (the store's ``SaveError``) pass through: the move
can be retried.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from nuzzle_game.core.base import Model
from nuzzle_game.core.game import Game, GameMode, GameSummary, Phase, Round, RoundError
from nuzzle_game.core.models import Confidence, Discovery, Guess, PlayerIndex, RoundResult, Verdict
from nuzzle_game.core.questions import AnswerValue, Question
from nuzzle_game.play.session import GameSession


class MoveError(RoundError):
    """A move the round does not allow now, or not from this player."""


class GameStuck(MoveError):
    """The game cannot go on: its questions left the decks (a deck was removed).

    Offer to end it (``GameSession.abandon``): its revealed rounds stay.
    """


class _Frozen(Model):
    model_config = ConfigDict(frozen=True)


class Task(StrEnum):
    ANSWER = "answer"
    GUESS = "guess"


class RoundInfo(_Frozen):
    """What any screen of a round may show: no answer, no guess."""

    number: int  # 1-based, as shown ("Round 2 of 8")
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


# ------------------------------------------------------------ hot seat steps


class HandoffStep(_Frozen):
    """Pass the keyboard to ``player``; the partner looks away."""

    kind: Literal["handoff"] = "handoff"
    round: RoundInfo
    player: PlayerIndex
    task: Task

    @property
    def player_name(self) -> str:
        return self.round.names[self.player]

    @property
    def other_name(self) -> str:
        return self.round.names[1 - self.player]


class AnswerStep(_Frozen):
    kind: Literal["answer"] = "answer"
    round: RoundInfo
    player: PlayerIndex


class GuessStep(_Frozen):
    kind: Literal["guess"] = "guess"
    round: RoundInfo
    player: PlayerIndex


class VerdictStep(_Frozen):
    """A text round: the answerer says how close the guess was."""

    kind: Literal["verdict"] = "verdict"
    round: RoundInfo
    player: PlayerIndex  # the answerer
    answer: AnswerValue
    guess: Guess
    proposed: Verdict


class RevealStep(_Frozen):
    kind: Literal["reveal"] = "reveal"
    round: RoundInfo
    result: RoundResult


class SummaryStep(_Frozen):
    kind: Literal["summary"] = "summary"
    names: tuple[str, str]
    mode: GameMode
    summary: GameSummary
    discoveries: list[Discovery]
    # Every revealed round, for the recap (both answers are public by now).
    results: list[RoundResult] = Field(default_factory=list)


Step = Annotated[
    HandoffStep | AnswerStep | GuessStep | VerdictStep | RevealStep | SummaryStep,
    Field(discriminator="kind"),
]


# ------------------------------------------------------------- table views


class SeatTask(StrEnum):
    """What a seat can do now."""

    ANSWER = "answer"
    GUESS = "guess"
    VERDICT = "verdict"
    WAIT = "wait"  # for the partner
    REVEAL = "reveal"  # read it, then say "next"
    SUMMARY = "summary"


class PartnerStatus(StrEnum):
    """What a seat may know of the partner: whether they are done, never what."""

    ANSWERING = "answering"
    ANSWERED = "answered"
    GUESSING = "guessing"
    GUESSED = "guessed"
    JUDGING = "judging"  # the verdict of a text round
    READING = "reading"  # the reveal
    READY = "ready"  # read the reveal and waits for the next round
    DONE = "done"  # the game is over


class SeatView(_Frozen):
    """Everything one seat may know now. Safe to send as it is (``model_dump``)."""

    version: int
    me: PlayerIndex
    names: tuple[str, str]
    task: SeatTask
    partner: PartnerStatus
    round: RoundInfo | None = None
    my_answer: AnswerValue | None = None  # only when I am the answerer
    my_guess: Guess | None = None  # only when I am the guesser
    verdict: VerdictStep | None = None  # only for the answerer, once both committed
    result: RoundResult | None = None  # the reveal: the same for both seats
    summary: SummaryStep | None = None


# --------------------------------------------------------------- controller


class RoundController:
    def __init__(self, session: GameSession) -> None:
        if session.game is None:
            raise MoveError("no game in progress")
        self.session = session
        self.names: tuple[str, str] = tuple(p.name for p in session.state.couple.players)  # type: ignore[assignment]
        self.mode = session.game.mode
        self.version = 0
        self._handed: tuple[tuple[str, int, int], Task] | None = None
        self._reveal: RevealStep | None = None
        self._ready: set[int] = set()
        self._summary: SummaryStep | None = None

    # ------------------------------------------------------------- state

    @property
    def finished(self) -> bool:
        return self._summary is not None

    def _settle(self) -> Round | None:
        """The round in play, drawing it if needed; None at a reveal or the end."""
        if self._summary is not None or self._reveal is not None:
            return None
        session = self.session
        game = session.game
        if game is None:
            raise MoveError("no game in progress")
        try:
            round_ = session.resume()
            if round_ is not None:
                session.question(round_.question_id)
        except (RoundError, ValueError) as error:
            # A removed deck: no question left to draw, or this round's is gone.
            raise GameStuck(str(error)) from error
        if round_ is None:
            summary = session.finish()
            self._summary = SummaryStep(
                names=self.names,
                mode=game.mode,
                summary=summary,
                discoveries=session.discoveries(game),
                results=game.results,
            )
            self.version += 1
        return round_

    def _game(self) -> Game:
        game = self.session.game
        assert game is not None
        return game

    def _info(self, round_: Round) -> RoundInfo:
        game = self._game()
        return RoundInfo(
            number=round_.index + 1,
            total=game.total_rounds,
            mode=game.mode,
            question=self.session.question(round_.question_id),
            answerer=round_.answerer,
            guesser=round_.guesser,
            names=self.names,
        )

    def _key(self, round_: Round) -> tuple[str, int, int]:
        """Tells a round from the one that replaced it after a pass."""
        game = self._game()
        return (game.id, round_.index, len(game.passes))

    def _verdict_step(self, round_: Round) -> VerdictStep:
        assert round_.answer is not None and round_.guess is not None
        return VerdictStep(
            round=self._info(round_),
            player=round_.answerer,
            answer=round_.answer,
            guess=round_.guess,
            proposed=self.session.proposed_verdict() or Verdict.NOT_REALLY,
        )

    # ---------------------------------------------------------- hot seat

    def step(self) -> Step:
        """What a shared screen shows next."""
        round_ = self._settle()
        if self._summary is not None:
            return self._summary
        if self._reveal is not None:
            return self._reveal
        assert round_ is not None
        phase = round_.phase
        if phase is Phase.VERDICT:
            return self._verdict_step(round_)
        task, player = (Task.ANSWER, round_.answerer) if phase is Phase.ANSWER else (Task.GUESS, round_.guesser)
        info = self._info(round_)
        if self._handed != (self._key(round_), task):
            return HandoffStep(round=info, player=player, task=task)
        if task is Task.ANSWER:
            return AnswerStep(round=info, player=player)
        return GuessStep(round=info, player=player)

    def handed_off(self) -> None:
        """The player named by the hand-off step is at the keyboard, alone."""
        step = self.step()
        if not isinstance(step, HandoffStep):
            raise MoveError("there is no hand-off to confirm now")
        round_ = self._current()
        self._handed = (self._key(round_), step.task)
        self.version += 1

    # -------------------------------------------------------------- moves

    def _current(self) -> Round:
        round_ = self._settle()
        if round_ is None:
            raise MoveError("this round is already revealed")
        return round_

    def answer(self, player: PlayerIndex, value: object) -> None:
        round_ = self._current()
        if player != round_.answerer:
            raise MoveError(f"this round's answer is {self.names[round_.answerer]}'s to give")
        if round_.phase is not Phase.ANSWER:
            raise MoveError("your answer is already committed")
        phase = self.session.answer(value)
        self._after(round_, phase)

    def guess(self, player: PlayerIndex, value: object, confidence: Confidence | str) -> None:
        round_ = self._current()
        if player != round_.guesser:
            raise MoveError(f"this round's guess is {self.names[round_.guesser]}'s to make")
        if round_.guess is not None:
            raise MoveError("your guess is already committed")
        phase = self.session.guess(value, confidence)
        self._after(round_, phase)

    def judge(self, player: PlayerIndex, verdict: Verdict | str) -> None:
        round_ = self._current()
        if round_.phase is not Phase.VERDICT:
            raise MoveError("there is no verdict to give now")
        if player != round_.answerer:
            raise MoveError(f"the verdict is {self.names[round_.answerer]}'s to give")
        self._reveal_now(round_, Verdict(verdict))

    def pass_(self, player: PlayerIndex) -> None:
        """Either partner passes on the round in play; another question replaces it."""
        round_ = self._current()
        if player not in (0, 1):
            raise MoveError("only one of the two partners can pass")
        if round_.phase not in (Phase.ANSWER, Phase.GUESS):
            raise MoveError("both of you have committed: this round goes to the reveal")
        self.session.pass_round(player)
        self._handed = None
        self.version += 1

    def next_round(self, player: PlayerIndex | None = None) -> None:
        """Done reading the reveal (``None``: both at once, as in hot seat)."""
        if self._reveal is None:
            raise MoveError("there is no reveal to move on from")
        self._ready.update((0, 1) if player is None else (player,))
        if self._ready >= {0, 1}:
            self._reveal = None
            self._ready = set()
        self.version += 1

    def _after(self, round_: Round, phase: Phase) -> None:
        self.version += 1
        if phase is Phase.REVEALED:
            self._reveal_now(round_, None)

    def _reveal_now(self, round_: Round, verdict: Verdict | None) -> None:
        info = self._info(round_)
        result = self.session.reveal(verdict)
        self._reveal = RevealStep(round=info, result=result)
        self._ready = set()
        self.version += 1

    # -------------------------------------------------------------- table

    def view(self, player: PlayerIndex) -> SeatView:
        """What seat ``player`` may know now, and what it can do."""
        round_ = self._settle()
        if self._summary is not None:
            return SeatView(
                version=self.version,
                me=player,
                names=self.names,
                task=SeatTask.SUMMARY,
                partner=PartnerStatus.DONE,
                summary=self._summary,
            )
        partner = 1 - player
        if self._reveal is not None:
            return SeatView(
                version=self.version,
                me=player,
                names=self.names,
                task=SeatTask.WAIT if player in self._ready else SeatTask.REVEAL,
                partner=PartnerStatus.READY if partner in self._ready else PartnerStatus.READING,
                round=self._reveal.round,
                result=self._reveal.result,
            )
        assert round_ is not None
        info = self._info(round_)
        phase = round_.phase
        if player == round_.answerer:
            answered = phase is not Phase.ANSWER
            if phase is Phase.VERDICT:
                task = SeatTask.VERDICT
            else:
                task = SeatTask.WAIT if answered else SeatTask.ANSWER
            return SeatView(
                version=self.version,
                me=player,
                names=self.names,
                task=task,
                partner=PartnerStatus.GUESSED if round_.guess is not None else PartnerStatus.GUESSING,
                round=info,
                my_answer=round_.answer,
                verdict=self._verdict_step(round_) if phase is Phase.VERDICT else None,
            )
        guessed = round_.guess is not None
        if phase is Phase.VERDICT:
            status = PartnerStatus.JUDGING
        else:
            status = PartnerStatus.ANSWERED if phase is not Phase.ANSWER else PartnerStatus.ANSWERING
        return SeatView(
            version=self.version,
            me=player,
            names=self.names,
            task=SeatTask.WAIT if guessed else SeatTask.GUESS,
            partner=status,
            round=info,
            my_guess=round_.guess,
        )
