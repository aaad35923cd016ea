"""Answer privately, then guess privately with a confidence."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, RadioButton, RadioSet, Static

from ...models import DEPTH_NAMES, AnswerValue, Confidence, Question
from ..widgets.answer_inputs import AnswerInput, answer_input


class _AskScreen(ModalScreen):
    CSS_PATH = "round.tcss"
    BINDINGS = [
        Binding("ctrl+s", "commit", "Commit"),
        Binding("escape", "pause", "Pause game"),
    ]
    COMMIT_LABEL = "Commit"

    def __init__(self, question: Question, player: str, other: str, number: tuple[int, int]) -> None:
        super().__init__()
        self.question, self.player, self.other, self.number = question, player, other, number

    def heading(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        question = self.question
        with VerticalScroll(classes="ask"):
            yield Static(
                f"Round {self.number[0]} of {self.number[1]} · {question.dimension.value} · "
                f"{DEPTH_NAMES[question.depth]}",
                classes="muted",
            )
            yield Static(Content(self.heading()), classes="section", id="who")
            yield Static(Content(question.text), classes="question", id="question")
            yield answer_input(question)
            yield from self.extra()
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(self.COMMIT_LABEL, id="commit", variant="primary", compact=True)
        yield Footer()

    def extra(self) -> ComposeResult:
        return iter(())

    def on_mount(self) -> None:
        self.query_one(AnswerInput).focus_first()
        if not self.app.config.cursor_blink:
            for field in self.query("Input"):
                field.cursor_blink = False

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "commit":
            event.stop()
            self.action_commit()

    def on_answer_input_submitted(self) -> None:
        self.action_commit()

    def action_pause(self) -> None:
        self.dismiss(None)

    def checked_value(self) -> AnswerValue | None:
        """The value, validated by the rules; shows why when it is not ready."""
        value = self.query_one(AnswerInput).value
        error = self.query_one("#error", Static)
        if value is None:
            error.update("Choose an answer first.")
            return None
        try:
            return self.question.check_value(value)
        except ValueError as problem:
            error.update(Content(str(problem).capitalize() + "."))
            return None

    def action_commit(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class AnswerScreen(_AskScreen):
    """Dismisses with the answer, or None to pause."""

    COMMIT_LABEL = "Commit my answer"

    def heading(self) -> str:
        return f"{self.player}, your answer, for yourself, right now:"

    def action_commit(self) -> None:
        value = self.checked_value()
        if value is not None:
            self.dismiss(value)


class GuessScreen(_AskScreen):
    """Dismisses with (guess, confidence), or None to pause."""

    COMMIT_LABEL = "Commit my guess"

    def heading(self) -> str:
        return f"{self.player}, what would {self.other} say right now?"

    def extra(self) -> ComposeResult:
        yield Label("How sure are you?", classes="section")
        with RadioSet(id="confidence", compact=True):
            for confidence in Confidence:
                yield RadioButton(confidence.value.capitalize())

    def action_commit(self) -> None:
        value = self.checked_value()
        if value is None:
            return
        index = self.query_one("#confidence", RadioSet).pressed_index
        if index < 0:
            self.query_one("#error", Static).update("Say how sure you are: sure, think so or no idea.")
            return
        self.dismiss((value, list(Confidence)[index]))
