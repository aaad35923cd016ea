"""The game at a table: seats' moves in, each seat's own view out.

Pure: no sockets, no Textual. The rounds are the round engine's
(``play.engine.RoundEngine``), the same one hot seat drives; this adds what
only a table has: starting a game from a seat, both seats leaving the summary,
and a word to the partner when a seat passes. ``view(seat)`` is built for that
seat alone from the engine's ``view(player)``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from nuzzle_game.core.base import copied
from nuzzle_game.core.models import other
from nuzzle_game.play import moves
from nuzzle_game.play.engine import MoveError, RoundEngine
from nuzzle_game.play.session import GameSession
from nuzzle_game.store.errors import SaveError
from nuzzle_game.table.review import HistoryReader, Review
from nuzzle_game.table.wire import SeatMessage, SeatUpdate, Start

if TYPE_CHECKING:
    from nuzzle_game.clock import Clock
    from nuzzle_game.core.decks import DeckLibrary
    from nuzzle_game.core.models import PlayerIndex
    from nuzzle_game.play.session import GameStore
    from nuzzle_game.table.review_messages import ReviewAsk, ReviewPage


class TableGame:
    def __init__(self, store: GameStore, library: DeckLibrary, clock: Clock, seed: int | None = None) -> None:
        self.session = GameSession(store, library, clock=clock)
        # What a seat may look at between moves; older answers from the profile's archive, if it has one.
        self.review = Review(self.session, store if isinstance(store, HistoryReader) else None)
        self.seed = seed
        players = self.session.state.couple.players
        self.names: tuple[str, str] = (players[0].name, players[1].name)
        self.engine: RoundEngine | None = None
        self.left_summary: set[int] = set()  # seats that have closed the summary
        self.notes: dict[int, str] = {}
        if self.session.game is not None:  # a game left in progress: pick it up
            self.engine = RoundEngine(self.session)
            self.engine.advance()

    # ------------------------------------------------------------ moves

    def move(self, seat: PlayerIndex, message: SeatMessage) -> None:
        """Apply one seat's move. MoveError / ValueError when it is not allowed now."""
        if isinstance(message, Start):
            self._start(message)
            return
        engine = self._engine()
        if isinstance(message, moves.ReadMove) and engine.finished:
            self.left_summary.add(seat)
            if self.left_summary >= {0, 1}:
                self.engine, self.left_summary = None, set()
            return
        with self._whole(engine):
            if isinstance(message, moves.PassMove):
                info = engine.view(seat).round
                whose = "" if info is None or info.answerer == seat else f" for {info.answerer_name}"
                moves.apply(engine, seat, message)
                note = f"{self.names[seat]} passed on that question{whose}: here is another."
            elif isinstance(message, moves.AnswerMove | moves.GuessMove | moves.VerdictMove | moves.ReadMove):
                moves.apply(engine, seat, message)
                note = None
            else:  # pragma: no cover - the wire admits nothing else
                raise MoveError("the table does not know that move")
            engine.advance()
        if note:
            self.notes[other(seat)] = note

    @contextmanager
    def _whole(self, engine: RoundEngine) -> Iterator[None]:
        """A move and what it sets off (the reveal it completes, the filing of the
        game) count together or not at all.

        Each save keeps memory in step with the disk; but a move whose own save
        worked and whose reveal's did not (a full disk) would leave the round
        committed and unrevealed, and the move, tried again, "already committed".
        So when a save fails, the game and the engine go back to before the move:
        the seat is asked for it again, and when it is made again (space freed),
        it is saved, revealed and counted once.
        """
        session = self.session
        game = copied(session.game) if session.game is not None else None
        before = copy.deepcopy(engine, {id(session): session})  # the engine's own state, not the session's
        try:
            yield
        except SaveError:
            session.state.active_game = game
            self.engine = before
            raise

    def _engine(self) -> RoundEngine:
        if self.engine is None:
            raise MoveError("no game is under way: start a check-in or a game first")
        return self.engine

    def _start(self, message: Start) -> None:
        if self.engine is not None and not self.engine.finished:
            raise MoveError("a game is already under way")
        self.session.start(mode=message.mode, rounds=message.rounds, seed=self.seed)
        self.engine, self.left_summary = RoundEngine(self.session), set()

    # ------------------------------------------------------------ views

    def look(self, seat: PlayerIndex, ask: ReviewAsk) -> ReviewPage:
        """A page of the love map or of the changes, built for ``seat``: changes nothing."""
        return self.review.answer(seat, ask)

    def view(self, seat: PlayerIndex, partner_here: bool = True, partner_left: bool = False) -> SeatUpdate:
        """What ``seat`` may see now, and nothing more."""
        game = None
        if self.engine is not None and seat not in self.left_summary:
            game = self.engine.view(seat)
        return SeatUpdate(
            seat=seat,
            names=self.names,
            profile=self.session.state.couple.profile,
            partner_here=partner_here,
            partner_left=partner_left and not partner_here,
            game=game,
            note=self.notes.pop(seat, None),
        )
