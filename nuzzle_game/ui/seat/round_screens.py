"""The hot-seat round screens, each with the partner's line and no hand-off."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding

from nuzzle_game.ui.screens.answer import AnswerScreen, GuessScreen
from nuzzle_game.ui.screens.confirm import ConfirmScreen
from nuzzle_game.ui.screens.reveal import RevealScreen, VerdictScreen
from nuzzle_game.ui.screens.summary import SummaryScreen
from nuzzle_game.ui.seat.partner import PartnerLine

PASS = "pass"
# Textual finds CSS_PATH next to the subclass: point at the hot-seat stylesheets.
SCREENS = Path(__file__).parent.parent / "screens"
ROUND_CSS = str(SCREENS / "round.tcss")


class _Passable:
    """Escape offers to pass on the question (dismisses with PASS)."""

    BINDINGS = [Binding("escape", "pause", "Pass")]

    def action_pause(self) -> None:
        def decided(yes: bool | None) -> None:
            if yes:
                self.dismiss(PASS)  # type: ignore[attr-defined]

        self.app.push_screen(  # type: ignore[attr-defined]
            ConfirmScreen("Pass on this question? Another one takes its place and nothing is scored.", "Pass"),
            decided,
        )


class SeatAnswerScreen(PartnerLine, _Passable, AnswerScreen):
    CSS_PATH = ROUND_CSS
    BINDINGS = _Passable.BINDINGS  # type: ignore[misc,assignment]

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield from self.partner_line()


class SeatGuessScreen(PartnerLine, _Passable, GuessScreen):
    CSS_PATH = ROUND_CSS
    BINDINGS = _Passable.BINDINGS  # type: ignore[misc,assignment]

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield from self.partner_line()


class SeatVerdictScreen(PartnerLine, VerdictScreen):
    CSS_PATH = ROUND_CSS

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield from self.partner_line()


class SeatRevealScreen(PartnerLine, RevealScreen):
    """Next is the only way on; the game waits for both partners."""

    CSS_PATH = ROUND_CSS
    BINDINGS = [Binding("escape", "next", "Next", show=False)]

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield from self.partner_line()

    def on_mount(self) -> None:
        super().on_mount()
        for button in self.query("#pause"):
            button.display = False

    def action_pause(self) -> None:
        self.dismiss(True)


class SeatSummaryScreen(PartnerLine, SummaryScreen):
    CSS_PATH = str(SCREENS / "review.tcss")

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield from self.partner_line()
