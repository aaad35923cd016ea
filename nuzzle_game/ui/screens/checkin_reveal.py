"""The reveal of a check-in in halves: per question, what each said and guessed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from nuzzle_game.core.models import Outcome
from nuzzle_game.core.questions import AnswerValue, Question
from nuzzle_game.core.text import format_answer
from nuzzle_game.play.moves import ReadMove
from nuzzle_game.play.views import CheckinReveal, PairedAnswer
from nuzzle_game.ui.screens.round_base import RoundOptions, RoundScreen


def outcome(side: PairedAnswer, guesser: str) -> tuple[str, str]:
    """How the partner's guess of this answer went: the words and their style."""
    result = side.result
    if result is None:
        return ("waiting for the verdict", "$text-muted")
    if result.outcome is Outcome.IN_SYNC:
        return ("✓ in sync", "bold $text-success")
    if result.outcome is Outcome.CLOSE:
        return ("≈ close: almost, one nuance to learn", "bold $text-primary")
    return (f"✦ new on {guesser}'s map", "bold $text-warning")


class CheckinRevealScreen(RoundScreen):
    """Dismisses with a ReadMove once read (or None to step away)."""

    CSS_PATH = "review.tcss"
    DEFAULT_CSS = """
    CheckinRevealScreen #checkin-buttons {
        height: auto;
        padding: 0 2;
    }
    """
    BINDINGS = [Binding("enter", "done", "Done", show=False), *RoundScreen.SCROLL_KEYS, RoundScreen.PAUSE]

    def __init__(self, reveal: CheckinReveal, names: tuple[str, str], options: RoundOptions) -> None:
        super().__init__(options)
        self.reveal = reveal
        self.names = names

    def body(self) -> ComposeResult:
        with VerticalScroll(classes="page", id="checkin-reveal"):
            yield Static("Today's check-in", classes="title")
            if not self.reveal.filed:
                yield Static(
                    "Both halves are in. A text answer's verdict is its answerer's to give: until then, it waits.",
                    classes="muted",
                )
            for number, pair in enumerate(self.reveal.questions, 1):
                yield Static(Content(f"{number}. {pair.question.text}"), classes="section")
                for player in (0, 1):
                    yield from self.side(pair.question, player, pair.sides[player])
        with Horizontal(classes="buttons", id="checkin-buttons"):  # never scrolled away
            yield Button("Done", id="done", variant="primary", compact=True)

    def side(self, question: Question, player: int, side: PairedAnswer) -> ComposeResult:
        me, partner = self.names[player], self.names[1 - player]
        words, style = outcome(side, partner)
        if side.waiting_verdict:
            words = f"waiting for {me}'s verdict"
        elif side.result is not None and side.result.projection:
            words += f" · {partner}'s own answer"
        yield Static(
            Content.assemble(
                (f"{me} said: ", "bold"),
                format_answer(question, side.answer),
                "\n",
                f"{partner} guessed: {format_answer(question, self.guess_of(question, player))}  ",
                (words, style),
            ),
            classes="partner",
        )

    def guess_of(self, question: Question, player: int) -> AnswerValue:
        """The partner's guess of ``player``'s answer (it sits on the partner's side)."""
        pair = next(p for p in self.reveal.questions if p.question.id == question.id)
        return pair.sides[1 - player].guess.value

    def on_mount(self) -> None:
        self.query_one("#done", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_done()

    def action_done(self) -> None:
        self.dismiss(ReadMove())
