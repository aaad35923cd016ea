"""Base screens: a typed ``app``, and input ignored once a screen has dismissed."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual import events
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from nuzzle_game.play.session import GameSession
    from nuzzle_game.store.profile import Profile
    from nuzzle_game.ui.app import NuzzleApp


class _CoupleScreen:
    """The couple's open session and profile, typed.

    A couple's screens are only ever shown while a couple is open (closing one
    pops them), so these are never None where they are used.
    """

    if TYPE_CHECKING:
        app: NuzzleApp

    @property
    def session(self) -> GameSession:
        return cast("GameSession", self.app.session)

    @property
    def profile(self) -> Profile:
        return cast("Profile", self.app.profile)


ResultType = TypeVar("ResultType")

# Forms move between fields at once: as priority bindings, Tab and Shift+Tab are
# handled when they arrive, so letters typed right after them (in one read) go to
# the next field. Without this a fast "Ada<Tab>Zoe" lands as "AdaZoe".
FORM_BINDINGS = [
    Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
    Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
]


class NuzzleScreen(_CoupleScreen, Screen[ResultType]):
    """A full screen of the app."""

    if TYPE_CHECKING:
        app: NuzzleApp  # the app these screens run in


class NuzzleModal(_CoupleScreen, ModalScreen[ResultType]):
    """A dialog or a round screen that answers with one result, once.

    Keys often arrive together (Ctrl+S and Enter in one read). After the first
    dismissal the screen takes no more input: no action, no button, no key, so
    nothing reaches widgets that are being removed. Keys and clicks read before
    the screen was shown are dropped too: they were meant for the screen before
    it (the App asks ``stale`` before it delivers an input event).
    """

    if TYPE_CHECKING:
        app: NuzzleApp  # the app these screens run in

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.done = False
        self._shown_at = time.monotonic()

    def dismiss(self, result: Any = None) -> Any:
        """Dismiss with ``result``; later calls are ignored."""
        if self.done:
            return None
        self.done = True
        return super().dismiss(result)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.done:
            return False
        return super().check_action(action, parameters)

    def stale(self, event: events.Event) -> bool:
        """An input event to ignore: the screen has answered, or it predates it."""
        return self.done or event.time < self._shown_at
