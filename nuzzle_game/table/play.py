"""The game at a table: seats' moves in, each seat's own view out.

Pure: no sockets, no Textual. The server hands every parsed move to ``move``
and sends each seat ``view(seat)``, which is built for that seat alone: the
partner's answer or guess is in it only once the round is revealed (and, for a
text question, the guess in the answerer's view when the verdict is theirs).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from ..game import GameMode, Phase, Round, RoundError
from ..session import GameSession
from .wire import (
    Answer,
    GuessMove,
    Next,
    Pass,
    RoundView,
    SeatMessage,
    SeatView,
    Start,
    SummaryView,
    VerdictMove,
)

if TYPE_CHECKING:
    from ..decks import DeckLibrary
    from ..session import GameStore


class TablePlay:
    def __init__(
        self,
        store: "GameStore",
        library: "DeckLibrary",
        clock: Callable[[], datetime],
        seed: int | None = None,
    ) -> None:
        self.session = GameSession(store, library, clock=clock)
        self.seed = seed
        self.names: tuple[str, str] = tuple(p.name for p in self.session.state.couple.players)  # type: ignore[assignment]
        self.revealed: Round | None = None  # the last reveal, shown until both seats move on
        self.ready: set[int] = set()
        self.summary: SummaryView | None = None
        self.summary_seen: set[int] = set()
        self.notes: dict[int, str] = {}
        if self.session.game is not None:
            self._advance()  # a game left in progress: pick it up where it stands

    # ------------------------------------------------------------ moves

    def move(self, seat: int, message: SeatMessage) -> None:
        """Apply one seat's move; RoundError (or ValueError) if it is not allowed now."""
        if isinstance(message, Start):
            self._start(message)
        elif isinstance(message, Next):
            self._next(seat)
        elif isinstance(message, Answer):
            round_ = self._round_for(seat, "answer")
            if round_.answer is not None:
                raise RoundError("your answer is already in")
            self.session.answer(message.value)
            self._reveal_if_ready()
        elif isinstance(message, GuessMove):
            round_ = self._round_for(seat, "guess")
            if round_.guess is not None:
                raise RoundError("your guess is already in")
            self.session.guess(message.value, message.confidence)
            self._reveal_if_ready()
        elif isinstance(message, VerdictMove):
            round_ = self._round_for(seat, "answer")
            if round_.phase is not Phase.VERDICT:
                raise RoundError("there is no verdict to give yet")
            self.revealed = round_
            self.session.reveal(message.verdict)
            self.ready = set()
        elif isinstance(message, Pass):
            round_ = self._round_for(seat, None)
            answerer = self.names[round_.answerer]
            self.session.pass_round(seat)  # type: ignore[arg-type]
            self.notes[1 - seat] = (
                f"{self.names[seat]} passed on that question"
                f"{'' if round_.answerer == seat else f' for {answerer}'}: here is another."
            )
        else:  # pragma: no cover - the wire admits nothing else
            raise RoundError("the table does not know that move")

    def _start(self, message: Start) -> None:
        game = self.session.game
        if game is not None:
            raise RoundError("a game is already under way")
        self.summary, self.summary_seen = None, set()
        self.session.start(mode=message.mode, rounds=message.rounds, seed=self.seed)

    def _round_for(self, seat: int, role: str | None) -> Round:
        if self.revealed is not None:
            raise RoundError("the round is revealed: press Next when you are ready")
        game = self.session.game
        round_ = game.current if game is not None else None
        if round_ is None:
            raise RoundError("no round is in play")
        if role == "answer" and round_.answerer != seat:
            raise RoundError(f"this round, {self.names[round_.answerer]} answers and you guess")
        if role == "guess" and round_.guesser != seat:
            raise RoundError(f"this round, you answer and {self.names[round_.guesser]} guesses")
        return round_

    def _reveal_if_ready(self) -> None:
        round_ = self.session.round
        if round_.phase is Phase.REVEALED:
            self.revealed = round_
            self.session.reveal()
            self.ready = set()

    def _next(self, seat: int) -> None:
        if self.revealed is not None:
            self.ready.add(seat)
            if self.ready == {0, 1}:
                self.revealed, self.ready = None, set()
                self._advance()
        elif self.summary is not None:
            self.summary_seen.add(seat)
            if self.summary_seen == {0, 1}:
                self.summary, self.summary_seen = None, set()

    def _advance(self) -> None:
        """Draw the next round, or close a game whose rounds are all revealed."""
        session = self.session
        game = session.game
        if game is None:
            return
        if session.resume() is None:
            summary = session.finish()
            self.summary = SummaryView(summary=summary, discoveries=session.discoveries(game))
            self.summary_seen = set()

    # ------------------------------------------------------------ views

    def view(self, seat: int, partner_here: bool = True) -> SeatView:
        """What ``seat`` may see now, and nothing more."""
        game = self.session.game
        common = dict(
            seat=seat,
            names=self.names,
            profile=self.session.state.couple.profile,
            partner_here=partner_here,
            note=self.notes.pop(seat, None),
        )
        if self.summary is not None and seat not in self.summary_seen:
            return SeatView(**common, summary=self.summary)
        if game is None:
            return SeatView(**common)
        round_ = self.revealed or game.current
        if round_ is None:
            return SeatView(**common, mode=game.mode)
        return SeatView(**common, mode=game.mode, round=self._round_view(seat, round_, game.total_rounds))

    def _round_view(self, seat: int, round_: Round, total: int) -> RoundView:
        question = self.session.question(round_.question_id)
        answering = round_.answerer == seat
        base = dict(
            number=round_.index + 1,
            total=total,
            question=question,
            role="answer" if answering else "guess",
            answerer=round_.answerer,
        )
        if round_.result is not None:
            return RoundView(
                **base, result=round_.result, mine_done=True,
                ready=seat in self.ready, partner_done=(1 - seat) in self.ready,
            )
        answered, guessed = round_.answer is not None, round_.guess is not None
        mine = round_.answer if answering else (round_.guess.value if guessed else None)  # type: ignore[union-attr]
        view = RoundView(
            **base,
            mine_done=answered if answering else guessed,
            partner_done=guessed if answering else answered,
            mine=mine,
        )
        if answering and round_.phase is Phase.VERDICT and round_.guess is not None:
            view = view.model_copy(
                update=dict(
                    verdict_guess=round_.guess.value,
                    verdict_confidence=round_.guess.confidence,
                    proposed=self.session.proposed_verdict(),
                )
            )
        return view
