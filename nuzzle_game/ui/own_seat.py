"""A partner's own seat (DESIGN §12): ``nuzzle join PROFILE --as NAME`` with no
table open, in their own terminal or over SSH from far away.

It plays their half of today's check-in, or shows the reveal of the last one.
It holds the profile (the one writer) only while there is something to do:
once the half is in, it lets go, so the partner can play theirs at the
keyboard or at their own seat, and it looks at the small summary.json every
few seconds to know when both halves are in. It offers no shell, no suspend and
writes nothing outside the profile: its command palette holds only Quit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from nuzzle_game.store.errors import ProfileBusy, SaveError
from nuzzle_game.store.holder import busy_line
from nuzzle_game.ui.input_guard import StaleInputGuard
from nuzzle_game.ui.screens.round_base import RoundOptions
from nuzzle_game.ui.seat.waiting import WaitingScreen

if TYPE_CHECKING:
    from nuzzle_game.clock import Clock
    from nuzzle_game.core.decks import DeckLibrary
    from nuzzle_game.core.models import PlayerIndex
    from nuzzle_game.store.folder import SaveFolder
    from nuzzle_game.store.profile import Profile

THEMES = {"dark": "textual-dark", "light": "textual-light"}
POLL_SECONDS = 2.0


@dataclass
class OwnSeatConfig:
    saves: SaveFolder
    profile: str
    player: PlayerIndex
    names: tuple[str, str]
    library: DeckLibrary = field(repr=False)
    clock: Clock
    join_command: str  # what the partner runs, for the waiting screen
    seed: int | None = None
    cursor_blink: bool = True


class OwnSeatApp(StaleInputGuard, App[str | None]):
    """Exits with a line for the terminal, or None."""

    CSS_PATH = ["nuzzle.tcss", "seat/seat.tcss"]
    TITLE = "Nuzzle"
    BINDINGS = [
        Binding("ctrl+t", "toggle_theme", "Light/dark"),
        Binding("enter", "look", "Look again", show=False),
    ]

    def __init__(self, config: OwnSeatConfig) -> None:
        super().__init__()
        self.config = config
        self.me, self.partner = config.names[config.player], config.names[1 - config.player]
        self.sub_title = f"{self.me}'s own seat"
        self.profile: Profile | None = None
        self.theme = THEMES["dark"]
        self._waiting_since: str | None = None  # the check-in waited on, while the profile is let go
        self._checkin: str | None = None  # the check-in whose half this seat played

    def get_default_screen(self) -> Screen:
        return WaitingScreen(self.me)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # No screenshot (it writes files), no theme picker, nothing but leaving.
        yield SystemCommand("Quit", "Leave your seat (everything is saved)", self.action_quit)

    async def action_quit(self) -> None:
        self.exit(f"Everything is saved. Come back any time: {self.config.join_command}")

    def action_toggle_theme(self) -> None:
        self.theme = THEMES["light"] if self.theme == THEMES["dark"] else THEMES["dark"]

    def on_mount(self) -> None:
        self.flow()

    def on_unmount(self) -> None:
        self.let_go()

    # ------------------------------------------------------------ the flow

    @work(exclusive=True, group="own-seat")
    async def flow(self) -> None:
        from nuzzle_game.play.halves import open_halves
        from nuzzle_game.play.session import GameSession
        from nuzzle_game.ui.screens.half import HalfScreen

        config = self.config
        try:
            self.profile = config.saves.open(config.profile, holder=("seat", self.me))
        except ProfileBusy:
            if self._checkin is None:
                self.exit(busy_line(config.saves.profile_dir(config.profile), config.profile, self.me), return_code=1)
                return
            # Both halves are in, and the partner is looking at it now: wait for them.
            self.show(f"Both halves are in. {self.partner} is looking at it now; yours shows as soon as they are done.")
            self._waiting_since = self._checkin
            return
        except SaveError as error:
            self.exit(str(error), return_code=1)
            return
        session = GameSession(self.profile, config.library, clock=config.clock, halves=True)
        game = session.game
        today = config.clock().date()
        try:
            if game is None or (game.finished_at is not None and game.finished_at.date() < today):
                open_halves(session, seed=config.seed)
        except (SaveError, ValueError) as error:
            self.exit(str(error), return_code=1)
            return
        options = RoundOptions(shared_keyboard=False, cursor_blink=config.cursor_blink)
        outcome = await self.push_screen_wait(HalfScreen(session, (config.player,), options, handoff=False))
        if outcome == "half-in":
            self.wait_for_partner(session.game.id if session.game else None)
        elif outcome == "revealed":
            self.let_go()
            self.show("That was today's check-in. Talk about what surprised you; see you tomorrow.")
        elif outcome == "stuck":
            self.exit("Today's check-in cannot go on: its questions left your decks.", return_code=1)
        else:
            self.exit(f"Your half is saved. Come back any time: {config.join_command}")  # paused

    def wait_for_partner(self, checkin: str | None) -> None:
        """The half is in: let go of the profile, and look for the partner's half."""
        self.let_go()
        self._waiting_since = self._checkin = checkin
        self.show(
            f"Your half is in. {self.partner}'s turn, whenever they are free "
            f"(they run  nuzzle join {self.config.profile} --as {self.partner}, or play it at the keyboard). "
            "The reveal shows here once both halves are in; Ctrl+Q to leave, nothing is lost."
        )
        self.set_interval(POLL_SECONDS, self.look)

    def look(self) -> None:
        """Both halves in? Then back to the profile for the verdicts and the reveal."""
        if self._waiting_since is None:
            return
        from nuzzle_game.store.summary import read_summary

        summary = read_summary(self.config.saves.profile_dir(self.config.profile))
        status = summary.checkin if summary is not None else None
        if status is not None and status.id == self._waiting_since and all(status.halves_in):
            self._waiting_since = None
            self.flow()

    def action_look(self) -> None:
        self.look()

    def show(self, message: str) -> None:
        base = self.screen_stack[0]
        if isinstance(base, WaitingScreen):
            base.show(message, "")

    def let_go(self) -> None:
        if self.profile is not None:
            self.profile.close()
            self.profile = None
