"""The game at a table: seats' moves in, each seat's own view out.

Pure: no sockets, no Textual. The rounds are the round controller's
(``controller.RoundController``), the same one hot seat drives; this adds what
only a table has: starting a game from a seat, both seats leaving the summary,
and a word to the partner when a seat passes. ``view(seat)`` is built for that
seat alone from the controller's ``view(player)``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from nuzzle_game.play.engine import MoveError, RoundController
from nuzzle_game.play.session import GameSession
from nuzzle_game.table.wire import AnswerMove, GuessMove, Next, PassMove, SeatMessage, SeatUpdate, Start, VerdictMove

if TYPE_CHECKING:
    from nuzzle_game.core.decks import DeckLibrary
    from nuzzle_game.play.session import GameStore


class TableGame:
    def __init__(
        self,
        store: GameStore,
        library: DeckLibrary,
        clock: Callable[[], datetime],
        seed: int | None = None,
    ) -> None:
        self.session = GameSession(store, library, clock=clock)
        self.seed = seed
        self.names: tuple[str, str] = tuple(p.name for p in self.session.state.couple.players)  # type: ignore[assignment]
        self.controller: RoundController | None = None
        self.left_summary: set[int] = set()  # seats that have closed the summary
        self.notes: dict[int, str] = {}
        if self.session.game is not None:  # a game left in progress: pick it up
            self.controller = RoundController(self.session)

    # ------------------------------------------------------------ moves

    def move(self, seat: int, message: SeatMessage) -> None:
        """Apply one seat's move. MoveError / ValueError when it is not allowed now."""
        if isinstance(message, Start):
            self._start(message)
            return
        controller = self._controller()
        if isinstance(message, AnswerMove):
            controller.answer(seat, message.value)  # type: ignore[arg-type]
        elif isinstance(message, GuessMove):
            controller.guess(seat, message.value, message.confidence)  # type: ignore[arg-type]
        elif isinstance(message, VerdictMove):
            controller.judge(seat, message.verdict)  # type: ignore[arg-type]
        elif isinstance(message, PassMove):
            view = controller.view(seat)  # type: ignore[arg-type]
            controller.pass_(seat)  # type: ignore[arg-type]
            whose = "" if view.round is None or view.round.answerer == seat else f" for {view.round.answerer_name}"
            self.notes[1 - seat] = f"{self.names[seat]} passed on that question{whose}: here is another."
        elif isinstance(message, Next):
            if controller.finished:
                self.left_summary.add(seat)
                if self.left_summary >= {0, 1}:
                    self.controller, self.left_summary = None, set()
            else:
                controller.next_round(seat)  # type: ignore[arg-type]
        else:  # pragma: no cover - the wire admits nothing else
            raise MoveError("the table does not know that move")

    def _controller(self) -> RoundController:
        if self.controller is None:
            raise MoveError("no game is under way: start a check-in or a game first")
        return self.controller

    def _start(self, message: Start) -> None:
        if self.controller is not None and not self.controller.finished:
            raise MoveError("a game is already under way")
        self.session.start(mode=message.mode, rounds=message.rounds, seed=self.seed)
        self.controller, self.left_summary = RoundController(self.session), set()

    # ------------------------------------------------------------ views

    def view(self, seat: int, partner_here: bool = True) -> SeatUpdate:
        """What ``seat`` may see now, and nothing more."""
        game = None
        if self.controller is not None and seat not in self.left_summary:
            game = self.controller.view(seat)  # type: ignore[arg-type]
        return SeatUpdate(
            seat=seat,
            names=self.names,
            profile=self.session.state.couple.profile,
            partner_here=partner_here,
            game=game,
            note=self.notes.pop(seat, None),
        )
