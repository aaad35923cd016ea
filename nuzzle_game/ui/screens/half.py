"""A check-in in halves on screen: one partner's half, or the reveal.

The same loop as ``PlayScreen`` over the same engine, driven the halves' way
(``play.halves.Half``): the engine says what each player may see, ``screen_for``
which screen shows it, the screen what the player did, ``moves.apply`` gives it
to the engine. At the shared keyboard a half starts with a hand-off; at a
partner's own seat it does not. ``players`` says whose turns this screen runs:
one partner's half, or both (the hot seat's "See today's check-in", where the
verdicts and the reveal are for both at once).

Dismisses with what happened: "half-in" (this half is in, the partner's is to
come), "revealed", "paused", or "stuck" (its questions left the decks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.widgets import Header

from nuzzle_game.ui.screens.base import NuzzleScreen
from nuzzle_game.ui.screens.round_base import RoundOptions

if TYPE_CHECKING:
    from nuzzle_game.core.models import PlayerIndex
    from nuzzle_game.play.engine import RoundEngine
    from nuzzle_game.play.session import GameSession
    from nuzzle_game.play.views import PlayerView


class HalfScreen(NuzzleScreen[str]):
    def __init__(
        self,
        session: GameSession,
        players: tuple[PlayerIndex, ...],
        options: RoundOptions,
        handoff: bool,
    ) -> None:
        super().__init__()
        self.halves_session = session
        self.players = players
        self.options = options
        self.handoff = handoff

    def compose(self) -> ComposeResult:
        yield Header()

    def on_mount(self) -> None:
        self.play()

    @work(exclusive=True, group="half")
    async def play(self) -> None:
        from nuzzle_game.play.engine import GameStuck, RoundEngine
        from nuzzle_game.store.errors import SaveError

        outcome = "paused"
        try:
            engine = RoundEngine(self.halves_session)
            outcome = await self.run_turns(engine)
        except GameStuck:
            outcome = "stuck"
        except SaveError as error:
            self.app.notify(str(error), title="Could not save", severity="error", timeout=10, markup=False)
        if self not in self.app.screen_stack:
            return
        while self.app.screen is not self:
            await self.app.pop_screen()
        self.dismiss(outcome)

    async def run_turns(self, engine: RoundEngine) -> str:
        from nuzzle_game.play import moves
        from nuzzle_game.play.views import Task
        from nuzzle_game.ui.screens.handoff import HandoffScreen
        from nuzzle_game.ui.screens.rounds import screen_for

        app = self.app
        names = engine.names
        if self.handoff and len(self.players) == 1:
            player = self.players[0]
            if not await app.push_screen_wait(HandoffScreen.for_half(names[player], names[1 - player])):
                return "paused"
        while True:
            engine.advance()  # judged, or filed, once it is due
            turn = self.next_turn(engine)
            if turn is None:
                return "half-in"
            screen = screen_for(turn, self.options)
            if screen is None:
                return "half-in"
            move = await app.push_screen_wait(screen)
            if move is None:
                return "paused"
            if turn.task is Task.REVEAL:
                moves.apply(engine, turn.me if len(self.players) == 1 else None, move)
                return "revealed"
            moves.apply(engine, turn.me, move, turn.round.index if turn.round else None)

    def next_turn(self, engine: RoundEngine) -> PlayerView | None:
        """The first of this screen's players with something to do; the reveal
        once nobody has; None while the partner's half is to come."""
        from nuzzle_game.play.views import Task

        views = [engine.view(player) for player in self.players]
        for view in views:
            if view.task in (Task.ANSWER, Task.GUESS, Task.VERDICT):
                return view
        return next((view for view in views if view.task is Task.REVEAL), None)
