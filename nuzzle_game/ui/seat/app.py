"""One partner's screen at a table: the table's view of this seat, shown.

The App keeps no game state of its own: every screen is chosen from the last
view the table sent (``screens.rounds.stage``), opened through the same
``screen_for`` as hot seat, and every move goes back over the wire.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from nuzzle_game.core.game import GameMode
from nuzzle_game.play.moves import RoundMove
from nuzzle_game.table.client import SeatClient, TableGone
from nuzzle_game.table.connection import Connection
from nuzzle_game.table.review_messages import ChangesPage, HistoryPage, LoveMapPage, Refused
from nuzzle_game.table.wire import Bye, ErrorReply, SeatUpdate, Start
from nuzzle_game.ui.commands import BY_NAME
from nuzzle_game.ui.input_guard import StaleInputGuard
from nuzzle_game.ui.run import CrashReports, crash_line
from nuzzle_game.ui.screens.round_base import RoundOptions
from nuzzle_game.ui.seat import status
from nuzzle_game.ui.seat.changes import SeatChangesScreen
from nuzzle_game.ui.seat.lovemap import SeatLoveMapScreen
from nuzzle_game.ui.seat.waiting import WaitingScreen
from nuzzle_game.ui.serve_links import SEAT_STARTED
from nuzzle_game.ui.widgets.partner_line import PartnerLine

if TYPE_CHECKING:
    from pydantic import BaseModel

    from nuzzle_game.core.models import PlayerIndex


THEMES = {"dark": "textual-dark", "light": "textual-light"}


@dataclass
class SeatConfig:
    connection: Connection
    seat: int
    cursor_blink: bool = True
    # Started ahead of its browser page (``nuzzle serve``): join the table only
    # when the page attaches and gives the App the focus.
    wait_for_focus: bool = False
    # Where a crash's details go (the saves folder), never the terminal: under
    # ``nuzzle serve`` this App's output reaches the table's terminal.
    crash_folder: Path | None = None


class SeatApp(CrashReports, StaleInputGuard, App[str | None]):
    """Exits with a line for the terminal (why the seat closed), or None."""

    CSS_PATH = ["../nuzzle.tcss", "seat.tcss"]
    TITLE = "Nuzzle"
    BINDINGS = [Binding("ctrl+t", "toggle_theme", "Light/dark", show=False)]
    # The reveal's moment plays on a seat; the hot-seat setting is per save folder.
    reduced_motion = False

    def __init__(self, config: SeatConfig) -> None:
        super().__init__()
        self.config = config
        if config.crash_folder is not None:
            self.crash_folder = config.crash_folder
        self.seat: PlayerIndex = 1 if config.seat else 0
        self.me = config.connection.seats[config.seat].name
        self.partner = config.connection.seats[1 - config.seat].name
        self.sub_title = f"{self.me}'s seat"
        self.view: SeatUpdate | None = None
        self.partner_text = ""
        self._stage: tuple = ()
        self._client: SeatClient | None = None
        self._joining = False
        self.theme = THEMES["dark"]

    def run(self, *args: Any, **kwargs: Any) -> str | None:
        """The line for the terminal; after a crash, the one saying where its details went."""
        result = super().run(*args, **kwargs)
        return crash_line(self) if self.crashed else result

    def get_default_screen(self) -> Screen:
        return WaitingScreen(self.me)

    def on_mount(self) -> None:
        if not self.config.wait_for_focus:
            self.connect()

    def on_ready(self) -> None:
        # Served in a browser, a page can attach while this App is still starting:
        # the page's size and focus then reach Textual's web driver before its own
        # start-up size (80x24) and blur, which win. Once started, it says so and
        # the server sends them again (ui/serve.py).
        write_meta = getattr(self._driver, "write_meta", None)
        if self.config.wait_for_focus and write_meta is not None:
            write_meta({"type": SEAT_STARTED})

    def on_app_focus(self) -> None:
        if self.config.wait_for_focus and self._client is None and not self._joining:
            self._joining = True
            self.connect()

    def action_toggle_theme(self) -> None:
        self.theme = THEMES["light"] if self.theme == THEMES["dark"] else THEMES["dark"]

    # ------------------------------------------------------------ commands

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The game's own commands, and none of Textual's: nothing here writes on the
        host (no screenshot), suspends, or opens a picker of Textual's themes."""
        for name, action in (
            ("lovemap", self.action_love_map),
            ("changes", self.action_changes),
            ("theme", self.action_toggle_theme),
        ):
            command = BY_NAME[name]
            yield SystemCommand(command.title, command.help, action)
        yield SystemCommand("Leave the table", "Close your seat: the game waits for you", self.action_quit)

    def action_love_map(self) -> None:
        if self._review_allowed():
            self.push_screen(SeatLoveMapScreen(self.seat, self._names(), self.send))

    def action_changes(self) -> None:
        if self._review_allowed():
            self.push_screen(SeatChangesScreen(self.seat, self._names(), self.send))

    def _names(self) -> tuple[str, str]:
        return (self.me, self.partner) if self.seat == 0 else (self.partner, self.me)

    def _review_allowed(self) -> bool:
        if self._client is None:
            self.notify("Not connected to the table.", severity="error", markup=False)
            return False
        return not isinstance(self.screen, SeatLoveMapScreen | SeatChangesScreen)

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """A seat writes nothing on the host, and sends no file to a browser."""

    def deliver_screenshot(self, *args: Any, **kwargs: Any) -> str | None:
        return None

    def action_suspend_process(self) -> None:
        """No suspend: over SSH, this seat is all the partner may reach."""

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
        elif isinstance(message, LoveMapPage | HistoryPage):
            for screen in self.screen_stack:
                if isinstance(screen, SeatLoveMapScreen):
                    screen.show(message)
        elif isinstance(message, ChangesPage):
            for screen in self.screen_stack:
                if isinstance(screen, SeatChangesScreen):
                    screen.show_page(message)
        elif isinstance(message, Refused):  # only a look was refused: the game is where it was
            self.notify(message.message, title="The table says", severity="warning", markup=False)
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
        from nuzzle_game.ui.screens.rounds import stage

        self.view = view
        self.partner_text = status.partner_line(view, in_browser=self.is_web)
        if view.note:
            self.notify(view.note, markup=False)
        key = stage(view.game)
        if key != self._stage:
            self._stage = key
            self._open_stage(view)
        base = self.screen_stack[0]
        if isinstance(base, WaitingScreen):
            base.show(status.waiting_message(view), self.partner_text)
        for screen in self.screen_stack:
            for line in screen.query(PartnerLine):
                line.say(self.partner_text)

    def round_options(self) -> RoundOptions:
        """How round screens show themselves at a seat: nobody looks over a shoulder."""
        return RoundOptions(
            shared_keyboard=False,
            reduced_motion=self.reduced_motion,
            cursor_blink=self.config.cursor_blink,
            partner=self.partner_text,
        )

    def _open_stage(self, view: SeatUpdate) -> None:
        from nuzzle_game.ui.screens.rounds import screen_for
        from nuzzle_game.ui.seat.lobby import LobbyScreen

        while len(self.screen_stack) > 1:
            self.pop_screen()
        game = view.game
        if game is None:
            self.push_screen(LobbyScreen(self.me, self.partner, self.partner_text), self._start)
            return
        screen = screen_for(game, self.round_options())
        if screen is not None:
            self.push_screen(screen, self._moved)

    def _moved(self, move: RoundMove | None) -> None:
        """What a round screen answered with goes to the table; Escape steps away."""
        if move is not None:
            self.send(move)
            return
        from nuzzle_game.ui.screens.confirm import ConfirmScreen

        def decided(leave: bool | None) -> None:
            if leave:
                self.exit("You stepped away. The game waits for you: join again to go on.")
            elif self.view is not None:  # back to where the table stands
                self._stage = ()
                self.show_view(self.view.model_copy(update={"note": None}))

        self.push_screen(
            ConfirmScreen("Step away from the table for now? Nothing is lost; the game waits for you.", "Step away"),
            decided,
        )

    def _start(self, mode: GameMode | None) -> None:
        if mode is not None:
            self.send(Start(mode=mode))
