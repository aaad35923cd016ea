"""The table while a game is on: it runs the rounds, under the round screens.

A thin loop, as Textual's ``@work`` with ``push_screen_wait`` is meant to be used:
the controller (in the core) says what to show next, the round screen on top
says what the player did, and the controller applies it. A key that lands
between two round screens (an Enter typed with Ctrl+S) reaches this screen,
which does nothing with it, instead of the home menu underneath.

Dismisses with the ``GameStuck`` that stopped a game whose questions left the
decks, or None when the game ended or was paused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.widgets import Header

from nuzzle_game.ui.screens.base import NuzzleScreen

if TYPE_CHECKING:
    from nuzzle_game.play.engine import GameStuck, RoundController, Step


class PlayScreen(NuzzleScreen["GameStuck | None"]):
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
        from nuzzle_game.play.engine import GameStuck, RoundController, SummaryStep
        from nuzzle_game.store.errors import SaveError
        from nuzzle_game.ui.screens.summary import SummaryScreen

        stuck: GameStuck | None = None
        try:
            controller = RoundController(self.session)
            while True:
                step = controller.step()
                if isinstance(step, SummaryStep):
                    await self.app.push_screen_wait(SummaryScreen(step.summary, step.discoveries, step.results))
                    break
                if not await self.show(controller, step):
                    break
        except GameStuck as error:
            stuck = error
        except SaveError as error:
            self.app.report(error)
        if self not in self.app.screen_stack:
            return  # already gone ("switch couple"): nothing of ours to dismiss
        while self.app.screen is not self:
            await self.app.pop_screen()  # a round screen left open by an error
        self.dismiss(stuck)

    async def show(self, controller: RoundController, step: Step) -> bool:
        """Show one step's screen and hand the controller what the player did.

        Returns False when the player paused the game.
        """
        from nuzzle_game.core.models import Verdict
        from nuzzle_game.play.engine import AnswerStep, GuessStep, HandoffStep, RevealStep, VerdictStep
        from nuzzle_game.ui.screens.answer import AnswerScreen, GuessScreen, Passed
        from nuzzle_game.ui.screens.handoff import HandoffScreen
        from nuzzle_game.ui.screens.reveal import RevealScreen, VerdictScreen

        app = self.app
        if isinstance(step, HandoffStep):
            if not await app.push_screen_wait(HandoffScreen(step)):
                return False
            controller.handed_off()
        elif isinstance(step, AnswerStep):
            value = await app.push_screen_wait(AnswerScreen(step.round, step.player))
            if value is None:
                return False
            if isinstance(value, Passed):
                controller.pass_(step.player)
                app.notify("Passed. Here is another question.", markup=False)
            else:
                controller.answer(step.player, value)
        elif isinstance(step, GuessStep):
            guess = await app.push_screen_wait(GuessScreen(step.round, step.player))
            if guess is None:
                return False
            if isinstance(guess, Passed):
                controller.pass_(step.player)
                app.notify("Passed. Here is another question.", markup=False)
            else:
                controller.guess(step.player, *guess)
        elif isinstance(step, VerdictStep):
            verdict: Verdict = await app.push_screen_wait(VerdictScreen(step))
            controller.judge(step.player, verdict)
        elif isinstance(step, RevealStep):
            # The last reveal always goes on to the summary: the game is over.
            if not await app.push_screen_wait(RevealScreen(step)) and not step.round.last:
                return False
            controller.next_round()
        return True
