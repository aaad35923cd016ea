"""The hot-seat round screens, each with the partner's line and no hand-off."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding

from ..screens.answer import AnswerScreen, GuessScreen
from ..screens.confirm import ConfirmScreen
from ..screens.reveal import RevealScreen, VerdictScreen
from ..screens.summary import SummaryScreen
from .partner import PartnerLine

PASS = "pass"


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
    BINDINGS = _Passable.BINDINGS

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield from self.partner_line()


class SeatGuessScreen(PartnerLine, _Passable, GuessScreen):
    BINDINGS = _Passable.BINDINGS

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield from self.partner_line()


class SeatVerdictScreen(PartnerLine, VerdictScreen):
    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield from self.partner_line()


class SeatRevealScreen(PartnerLine, RevealScreen):
    """Next is the only way on; the game waits for both partners."""

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
    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield from self.partner_line()
