"""What every round screen shares: its options, its footer, the partner's line,
and Escape, which pauses (in every mode: the game waits, nothing is lost),
listed last in every round screen's footer (``RoundScreen.PAUSE``).

A round screen is given everything it shows (the round engine's view) and how
to show it (``RoundOptions``) in its constructor; it reaches into nothing else.
It answers with a move (``play.moves``) or None for a pause.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from nuzzle_game.play.moves import RoundMove
from nuzzle_game.ui.screens.base import NuzzleModal
from nuzzle_game.ui.widgets.footer import Footer
from nuzzle_game.ui.widgets.partner_line import PartnerLine


@dataclass(frozen=True)
class RoundOptions:
    """How a round screen shows itself, decided by the App that opens it."""

    shared_keyboard: bool = True  # hot seat: a typed answer is hidden, a partner may be near
    reduced_motion: bool = False  # no little celebration at the reveal
    cursor_blink: bool = True  # off in tests, for steady screenshots
    partner: str | None = None  # a seat: the partner's line, kept up by the App
    # Seconds between the steps of the reveal's uncovering; None: the reveal's own
    # beat in a terminal, all at once in a headless App (tests, screenshots).
    beat: float | None = None


class RoundScreen(NuzzleModal[RoundMove | None]):
    """The base of the answer, guess, verdict, reveal and summary screens."""

    CSS_PATH = "round.tcss"
    PAUSE = Binding("escape", "pause", "Pause")  # last in each screen's footer
    # A page to read whose focus sits on a button (the reveal, the summary): the
    # keys that scroll scroll its first VerticalScroll, wherever the focus is.
    SCROLL_KEYS = [
        Binding("down", "scroll_page('down')", "Scroll", key_display="↑↓"),
        Binding("up", "scroll_page('up')", show=False),
        Binding("pagedown", "scroll_page('page_down')", show=False),
        Binding("pageup", "scroll_page('page_up')", show=False),
        Binding("end", "scroll_page('end')", show=False),
        Binding("home", "scroll_page('home')", show=False),
    ]

    def __init__(self, options: RoundOptions) -> None:
        super().__init__()
        self.options = options

    def compose(self) -> ComposeResult:
        yield from self.body()
        if self.options.partner is not None:
            yield PartnerLine(self.options.partner)
        yield Footer()

    def body(self) -> ComposeResult:  # pragma: no cover - every screen has one
        raise NotImplementedError

    def set_partner(self, text: str) -> None:
        for line in self.query(PartnerLine):
            line.say(text)

    def action_pause(self) -> None:
        self.dismiss(None)

    def action_scroll_page(self, where: str) -> None:
        page = self.query(VerticalScroll).first()
        getattr(page, f"scroll_{where}")(animate=False)
