"""One partner's screen at a table: the table's view of this seat, shown.

The App keeps no game state of its own: every screen is chosen from the last
view the table sent (``status.stage``), and every move goes back over the wire.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from nuzzle_game.core.game import GameMode
from nuzzle_game.play.engine import SeatTask
from nuzzle_game.table.client import SeatClient, TableGone
from nuzzle_game.table.connection import Connection
from nuzzle_game.table.wire import (
    AnswerMove,
    Bye,
    ErrorReply,
    GuessMove,
    Next,
    PassMove,
    SeatUpdate,
    Start,
    VerdictMove,
)
from nuzzle_game.ui.seat import status
from nuzzle_game.ui.seat.partner import PartnerLine
from nuzzle_game.ui.seat.waiting import WaitingScreen

if TYPE_CHECKING:
    from pydantic import BaseModel

    from nuzzle_game.core.decks import DeckLibrary

THEMES = {"dark": "textual-dark", "light": "textual-light"}


@dataclass
class SeatConfig:
    connection: Connection
    seat: int
    deck_dirs: list[Path] = field(default_factory=list)
    library: DeckLibrary | None = field(default=None, repr=False)
    cursor_blink: bool = True
    # Started ahead of its browser page (``nuzzle serve``): join the table only
    # when the page attaches and gives the App the focus.
    wait_for_focus: bool = False


class SeatApp(App[str | None]):
    """Exits with a line for the terminal (why the seat closed), or None."""

    CSS_PATH = ["../nuzzle.tcss", "seat.tcss"]
    TITLE = "Nuzzle"
    BINDINGS = [Binding("ctrl+t", "toggle_theme", "Light/dark", show=False)]
    # The reveal's moment plays on a seat; the hot-seat setting is per save folder.
    reduced_motion = False

    def __init__(self, config: SeatConfig) -> None:
        super().__init__()
        self.config = config
        self.me = config.connection.seats[config.seat].name
        self.partner = config.connection.seats[1 - config.seat].name
        self.sub_title = f"{self.me}'s seat"
        self.view: SeatUpdate | None = None
        self.partner_text = ""
        self._stage: tuple = ()
        self._client: SeatClient | None = None
        self._joining = False
        self.theme = THEMES["dark"]

    @property
    def library(self) -> DeckLibrary:
        """The decks (for deck titles and answers in the review screens)."""
        if self.config.library is None:
            from nuzzle_game.store.deck_files import load_decks

            self.config.library = load_decks(self.config.deck_dirs)
        return self.config.library

    def get_default_screen(self) -> Screen:
        return WaitingScreen(self.me)

    def on_mount(self) -> None:
        if not self.config.wait_for_focus:
            self.connect()

    def on_app_focus(self) -> None:
        if self.config.wait_for_focus and self._client is None and not self._joining:
            self._joining = True
            self.connect()

    def action_toggle_theme(self) -> None:
        self.theme = THEMES["light"] if self.theme == THEMES["dark"] else THEMES["dark"]

    # ------------------------------------------------------------ the wire

    @work(exclusive=True, group="link")
    async def connect(self) -> None:
        client = SeatClient(self.config.connection, self.config.seat)
        try:
            await client.connect()
        except TableGone as error:
            self.exit(str(error))
            return
        self._client = client
        try:
            await client.listen(self.receive)
        finally:
            await client.close()
            self._client = None
        if self.is_running and self.return_value is None:
            self.exit("The table closed. Your game is saved; join again when it is back.")

    def receive(self, message) -> None:
        if isinstance(message, SeatUpdate):
            self.show_view(message)
        elif isinstance(message, ErrorReply):
            self.notify(message.message, title="The table says", severity="warning", markup=False)
            if self.view is not None:  # the move did not count: back to where the table stands
                self._stage = ()
                self.show_view(self.view.model_copy(update={"note": None}))
        elif isinstance(message, Bye):
            self.exit(message.message)

    def send(self, move: BaseModel) -> None:
        self._send(move)

    @work(group="send")
    async def _send(self, move: BaseModel) -> None:
        if self._client is None:
            self.notify("Not connected to the table.", severity="error")
            return
        try:
            await self._client.send(move)
        except TableGone as error:
            self.exit(str(error))

    # ------------------------------------------------------------ screens

    def show_view(self, view: SeatUpdate) -> None:
        self.view = view
        self.partner_text = status.partner_line(view)
        if view.note:
            self.notify(view.note, markup=False)
        key = status.stage(view)
        if key != self._stage:
            self._stage = key
            self._open_stage(view, key)
        base = self.screen_stack[0]
        if isinstance(base, WaitingScreen):
            base.show(status.waiting_message(view), self.partner_text)
        for screen in self.screen_stack:
            if isinstance(screen, PartnerLine):
                screen.set_partner(self.partner_text)

    def _open_stage(self, view: SeatUpdate, key: tuple) -> None:
        from nuzzle_game.play.engine import RevealStep
        from nuzzle_game.ui.screens.answer import Passed
        from nuzzle_game.ui.seat.lobby import LobbyScreen
        from nuzzle_game.ui.seat.round_screens import (
            PASS,
            SeatAnswerScreen,
            SeatGuessScreen,
            SeatRevealScreen,
            SeatSummaryScreen,
            SeatVerdictScreen,
        )

        while len(self.screen_stack) > 1:
            self.pop_screen()
        kind, game = key[0], view.game
        if kind == status.LOBBY or game is None:
            self.push_screen(LobbyScreen(self.me, self.partner), self._start)
            return
        if kind == status.SUMMARY:
            assert game.summary is not None
            self.push_screen(
                SeatSummaryScreen(
                    game.summary.summary, game.summary.discoveries, game.summary.results, names=view.names
                ),
                lambda _: self.send(Next()),
            )
            return
        info = game.round
        if kind == status.WAIT or info is None:
            return
        if kind == status.ASK:
            answering = game.task is SeatTask.ANSWER

            def moved(value) -> None:
                if value == PASS or isinstance(value, Passed):
                    self.send(PassMove())
                elif value is not None and answering:
                    self.send(AnswerMove(value=value))
                elif value is not None:
                    self.send(GuessMove(value=value[0], confidence=value[1]))

            if answering:
                self.push_screen(SeatAnswerScreen(info, game.me), moved)
            else:
                self.push_screen(SeatGuessScreen(info, game.me), moved)
        elif kind == status.VERDICT:
            step = game.verdict
            assert step is not None
            self.push_screen(
                SeatVerdictScreen(step),
                lambda verdict: self.send(VerdictMove(verdict=verdict)),
            )
        elif kind == status.REVEAL:
            assert game.result is not None
            self.push_screen(
                SeatRevealScreen(RevealStep(round=info, result=game.result)),
                lambda _: self.send(Next()),
            )

    def _start(self, mode: GameMode | None) -> None:
        if mode is not None:
            self.send(Start(mode=mode))
