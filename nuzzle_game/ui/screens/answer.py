"""Answer privately, then guess privately with a confidence; either may pass."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, RadioSet, Static

from nuzzle_game.core.game import GameMode
from nuzzle_game.core.models import Confidence, PlayerIndex
from nuzzle_game.core.questions import DEPTH_NAMES, AnswerValue
from nuzzle_game.core.text import for_guesser
from nuzzle_game.play.moves import PASS, AnswerMove, GuessMove
from nuzzle_game.play.views import RoundInfo
from nuzzle_game.ui.screens.round_base import RoundOptions, RoundScreen
from nuzzle_game.ui.widgets.answer_inputs import AnswerInput, TextAnswerInput, answer_input
from nuzzle_game.ui.widgets.toggles import Radio


class _AskScreen(RoundScreen):
    """Answer or guess one question; ``p`` passes on it, Escape pauses.

    A text answer hidden as it is typed (at a shared keyboard) is shown to its
    typer with Ctrl+R, and hidden again with it.
    """

    BINDINGS = [
        Binding("ctrl+s", "commit", "Commit"),
        Binding("ctrl+r", "show_typing(True)", "Show my typing"),
        Binding("ctrl+r", "show_typing(False)", "Hide my typing"),
        Binding("p", "pass", "Pass"),
        RoundScreen.PAUSE,
    ]
    COMMIT_LABEL = "Commit"

    def __init__(self, round_: RoundInfo, player: PlayerIndex, options: RoundOptions) -> None:
        super().__init__(options)
        self.round = round_
        self.question = round_.question
        self.player = round_.names[player]
        self.other = round_.names[1 - player]
        self._confirm_order = False  # a rank left as it was needs a second Ctrl+S

    @property
    def masked(self) -> bool:
        """Typed text is hidden only at a shared keyboard (see GuessScreen)."""
        return self.options.shared_keyboard

    def heading(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def words(self, text: str) -> str:
        """A deck's text as this player reads it (the guesser: see GuessScreen)."""
        return text

    def body(self) -> ComposeResult:
        question = self.question
        with VerticalScroll(classes="ask"):
            where = f"Round {self.round.number} of {self.round.total}"
            if self.round.mode is GameMode.HALVES:
                where = f"Your half of today's check-in · {self.round.number} of {self.round.total}"
            yield Static(f"{where} · {question.dimension.value} · {DEPTH_NAMES[question.depth]}", classes="muted")
            yield Static(Content(self.heading()), classes="section", id="who")
            yield Static(Content(self.words(question.text)), classes="question", id="question")
            yield answer_input(question, masked=self.masked, words=self.words)
            yield from self.extra()
        # Below the page, never scrolled away: why a commit did not go, and the buttons.
        yield Static("", id="error", classes="error")
        with Horizontal(classes="buttons"):
            yield Button(self.COMMIT_LABEL, id="commit", variant="primary", compact=True)
            yield Button("Pass on this one", id="pass", compact=True)

    def extra(self) -> ComposeResult:
        return iter(())

    def on_mount(self) -> None:
        self.query_one(AnswerInput).focus_first()
        if not self.options.cursor_blink:
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

    def action_pass(self) -> None:
        self.dismiss(PASS)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        allowed = super().check_action(action, parameters)
        if action != "show_typing" or not allowed:
            return allowed
        hidden = [field for field in self.query(TextAnswerInput) if field.masked]
        # One of the two Ctrl+R bindings at a time, in the Footer too: show while hidden, hide while shown.
        return bool(hidden) and hidden[0].hidden == parameters[0]

    def action_show_typing(self, shown: bool) -> None:
        for field in self.query(TextAnswerInput):
            field.show_typing(shown)
        self.refresh_bindings()

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


class AnswerScreen(_AskScreen):
    """Dismisses with the answer, PASS, or None to pause."""

    COMMIT_LABEL = "Commit my answer"

    def heading(self) -> str:
        return f"{self.player}, your answer, for yourself, right now:"

    def commit(self) -> None:
        value = self.checked_value()
        if value is not None:
            self.dismiss(AnswerMove(value=value))


class GuessScreen(_AskScreen):
    """Dismisses with the guess and its confidence, PASS, or None to pause."""

    COMMIT_LABEL = "Commit my guess"

    @property
    def masked(self) -> bool:
        return False  # the guesser may check their own typing; only answers are hidden

    def heading(self) -> str:
        return f"{self.player}, what would {self.other} say right now?"

    def words(self, text: str) -> str:
        """The question speaks to the answerer: "your partner" is the guesser (DESIGN §5)."""
        return for_guesser(text, self.player)

    def extra(self) -> ComposeResult:
        yield Label("How sure are you?", classes="section")
        with RadioSet(id="confidence", compact=True):
            for confidence in Confidence:
                yield Radio(confidence.value.capitalize())

    def commit(self) -> None:
        value = self.checked_value()
        if value is None:
            return
        index = self.query_one("#confidence", RadioSet).pressed_index
        if index < 0:
            self.query_one("#error", Static).update("Say how sure you are: sure, think so or no idea.")
            return
        self.dismiss(GuessMove(value=value, confidence=list(Confidence)[index]))
