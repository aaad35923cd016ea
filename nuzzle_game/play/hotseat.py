"""One keyboard: the round engine driven by two players taking turns.

Whoever acts next gets a hand-off first ("Sam, your turn; Alex, look away"), and
then their own view; a reveal and the summary are for both at once. A new
``HotSeat`` over the same session (a resumed game) hands off again first.

    seat = HotSeat(engine)
    while True:
        engine.advance()                  # draw or file, when due
        turn = seat.turn()
        if isinstance(turn, Handoff):     # show it; then
            seat.handed_off(turn)         # (or stop here to pause the game)
        else:                             # a PlayerView: its screen, then
            moves.apply(engine, seat.mover(turn), move)
"""

from __future__ import annotations

from dataclasses import dataclass

from nuzzle_game.core.models import PlayerIndex, other
from nuzzle_game.play.engine import MoveError, RoundEngine
from nuzzle_game.play.views import PlayerView, RoundInfo, Task


@dataclass(frozen=True)
class Handoff:
    """Pass the keyboard to ``player``; the partner looks away. Shows no answer."""

    round: RoundInfo
    player: PlayerIndex
    task: Task  # what they will do: answer or guess

    @property
    def player_name(self) -> str:
        return self.round.names[self.player]

    @property
    def other_name(self) -> str:
        return self.round.names[other(self.player)]


class HotSeat:
    def __init__(self, engine: RoundEngine) -> None:
        self.engine = engine
        self._handed: tuple[tuple[str, int, int], PlayerIndex] | None = None

    def turn(self) -> Handoff | PlayerView:
        """What the shared screen shows now (a pure read)."""
        engine = self.engine
        player = engine.actor()
        if player is None:  # a reveal or the summary: the same for both
            return engine.view(0)
        view = engine.view(player)
        # A text round's verdict begins its reveal: both may look, no hand-off.
        if view.task is not Task.VERDICT and self._handed != (engine.key(), player):
            assert view.round is not None
            return Handoff(round=view.round, player=player, task=view.task)
        return view

    def handed_off(self, handoff: Handoff) -> None:
        """The player the hand-off named is at the keyboard, alone."""
        if self.turn() != handoff:
            raise MoveError("there is no hand-off to confirm now")
        self._handed = (self.engine.key(), handoff.player)

    @staticmethod
    def mover(view: PlayerView) -> PlayerIndex | None:
        """Who makes the move a view's screen answers with (None: both, at a reveal)."""
        return None if view.task in (Task.REVEAL, Task.SUMMARY) else view.me
