"""Answer privately, then guess privately with a confidence; either may pass."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Input, Label, RadioButton, RadioSet, Static

from nuzzle_game.core.models import Confidence, PlayerIndex
from nuzzle_game.core.questions import DEPTH_NAMES, AnswerValue
from nuzzle_game.play.engine import RoundInfo
from nuzzle_game.ui.screens.base import NuzzleModal
from nuzzle_game.ui.widgets.answer_inputs import AnswerInput, answer_input


class Passed:
    """What an answer or guess screen dismisses with when its player passes."""

    def __repr__(self) -> str:
        return "PASSED"


PASSED = Passed()

T = TypeVar("T")


class _AskScreen(NuzzleModal[T | Passed | None], Generic[T]):
    CSS_PATH = "round.tcss"
    BINDINGS = [
        Binding("ctrl+s", "commit", "Commit"),
        Binding("p", "pass", "Pass"),
        Binding("escape", "pause", "Pause game"),
    ]
    COMMIT_LABEL = "Commit"
    MASKED = True  # text typed here is hidden: the partner may be right there

    def __init__(self, round_: RoundInfo, player: PlayerIndex) -> None:
        super().__init__()
        self.round = round_
        self.question = round_.question
        self.player = round_.names[player]
        self.other = round_.names[1 - player]
        self._confirm_order = False  # a rank left as it was needs a second Ctrl+S

    def heading(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        question = self.question
        with VerticalScroll(classes="ask"):
            yield Static(
                f"Round {self.round.number} of {self.round.total} · {question.dimension.value} · "
                f"{DEPTH_NAMES[question.depth]}",
                classes="muted",
            )
            yield Static(Content(self.heading()), classes="section", id="who")
            yield Static(Content(question.text), classes="question", id="question")
            yield answer_input(question, masked=self.MASKED)
            yield from self.extra()
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(self.COMMIT_LABEL, id="commit", variant="primary", compact=True)
                yield Button("Pass on this one", id="pass", compact=True)
        yield Footer()

    def extra(self) -> ComposeResult:
        return iter(())

    def on_mount(self) -> None:
        self.query_one(AnswerInput).focus_first()
        if not self.app.config.cursor_blink:
            for field in self.query(Input):
                field.cursor_blink = False

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "commit":
            self.action_commit()
        elif event.button.id == "pass":
            self.action_pass()

    def on_answer_input_submitted(self) -> None:
        self.action_commit()

    def on_answer_input_changed(self) -> None:
        if not self.done:
            self._confirm_order = False
            self.query_one("#error", Static).update("")

    def action_pause(self) -> None:
        self.dismiss(None)

    def action_pass(self) -> None:
        self.dismiss(PASSED)

    def checked_value(self) -> AnswerValue | None:
        """The value, validated by the rules; shows why when it is not ready."""
        field = self.query_one(AnswerInput)
        error = self.query_one("#error", Static)
        if field.needs_confirmation and not self._confirm_order:
            self._confirm_order = True
            error.update("Move an item to put them in your order, or press Ctrl+S again to keep this order.")
            return None
        value = field.value
        if value is None:
            error.update("Choose an answer first.")
            return None
        try:
            return self.question.check_value(value)
        except ValueError as problem:
            text = str(problem)
            error.update(Content(text[:1].upper() + text[1:] + "."))
            return None

    def action_commit(self) -> None:
        if self.done:
            return
        self.commit()

    def commit(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class AnswerScreen(_AskScreen[AnswerValue]):
    """Dismisses with the answer, PASSED, or None to pause."""

    COMMIT_LABEL = "Commit my answer"

    def heading(self) -> str:
        return f"{self.player}, your answer, for yourself, right now:"

    def commit(self) -> None:
        value = self.checked_value()
        if value is not None:
            self.dismiss(value)


class GuessScreen(_AskScreen[tuple[AnswerValue, Confidence]]):
    """Dismisses with (guess, confidence), PASSED, or None to pause."""

    COMMIT_LABEL = "Commit my guess"
    MASKED = False  # the guesser may check their own typing; only answers are hidden

    def heading(self) -> str:
        return f"{self.player}, what would {self.other} say right now?"

    def extra(self) -> ComposeResult:
        yield Label("How sure are you?", classes="section")
        with RadioSet(id="confidence", compact=True):
            for confidence in Confidence:
                yield RadioButton(confidence.value.capitalize())

    def commit(self) -> None:
        value = self.checked_value()
        if value is None:
            return
        index = self.query_one("#confidence", RadioSet).pressed_index
        if index < 0:
            self.query_one("#error", Static).update("Say how sure you are: sure, think so or no idea.")
            return
        self.dismiss((value, list(Confidence)[index]))
