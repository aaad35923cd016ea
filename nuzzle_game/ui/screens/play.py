"""The table while a game is on at one keyboard: it runs the rounds, under the round screens.

A thin loop, as Textual's ``@work`` with ``push_screen_wait`` is meant to be used:
the engine (in ``play``) says what each player may see, the hot-seat driver
whose turn it is (with a hand-off between them), ``screen_for`` which screen
shows it, the screen what the player did (a move), and ``moves.apply`` hands
the move to the engine. A key that lands between two round screens (an Enter
typed with Ctrl+S) reaches this screen, which does nothing with it, instead of
the home menu underneath.

Dismisses with the ``GameStuck`` that stopped a game whose questions left the
decks, or None when the game ended or was paused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.widgets import Header

from nuzzle_game.ui.screens.base import NuzzleScreen
from nuzzle_game.ui.screens.round_base import RoundOptions

if TYPE_CHECKING:
    from nuzzle_game.play.engine import GameStuck, RoundEngine
    from nuzzle_game.play.hotseat import HotSeat


class PlayScreen(NuzzleScreen["GameStuck | None"]):
    def __init__(self, options: RoundOptions) -> None:
        super().__init__()
        self.options = options

    def compose(self) -> ComposeResult:
        yield Header()

    def on_mount(self) -> None:
        self.play()

    def on_unmount(self) -> None:
        # However it left (dismissed, popped by "switch couple", or its worker
        # cancelled), no game is on screen any more.
        self.app.playing = False

    @work(exclusive=True, group="game")
    async def play(self) -> None:
        from nuzzle_game.play.engine import GameStuck, RoundEngine
        from nuzzle_game.play.hotseat import HotSeat
        from nuzzle_game.store.errors import SaveError

        stuck: GameStuck | None = None
        try:
            engine = RoundEngine(self.session)
            seat = HotSeat(engine)
            while await self.step(engine, seat):
                pass
        except GameStuck as error:
            stuck = error
        except SaveError as error:
            self.app.report(error)
        if self not in self.app.screen_stack:
            return  # already gone ("switch couple"): nothing of ours to dismiss
        while self.app.screen is not self:
            await self.app.pop_screen()  # a round screen left open by an error
        self.dismiss(stuck)

    async def step(self, engine: RoundEngine, seat: HotSeat) -> bool:
        """Show one turn's screen and give the engine what the player did.

        Returns False when the game is over or the players paused it.
        """
        from nuzzle_game.play import moves
        from nuzzle_game.play.hotseat import Handoff
        from nuzzle_game.play.views import Task
        from nuzzle_game.ui.screens.handoff import HandoffScreen
        from nuzzle_game.ui.screens.rounds import screen_for

        app = self.app
        engine.advance()  # a reveal, a draw or the filing, when one is due
        turn = seat.turn()
        if isinstance(turn, Handoff):
            if not await app.push_screen_wait(HandoffScreen.for_round(turn)):
                return False
            seat.handed_off(turn)
            return True
        screen = screen_for(turn, self.options)
        if screen is None:  # pragma: no cover - at one keyboard someone always acts
            return False
        move = await app.push_screen_wait(screen)
        if turn.task is Task.SUMMARY:
            return False
        if move is None:
            # A pause. The last reveal always goes on to the summary: the game is over.
            if not (turn.task is Task.REVEAL and turn.round is not None and turn.round.last):
                return False
            move = moves.ReadMove()
        moves.apply(engine, seat.mover(turn), move)
        if isinstance(move, moves.PassMove):
            app.notify("Passed. Here is another question.", markup=False)
        return True
