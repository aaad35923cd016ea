"""One input widget per question kind; each says what value it holds.

All text from decks and players is shown literally (``Content(...)``), never
parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, RadioSet, SelectionList
from textual.widgets.option_list import Option

from nuzzle_game.core.questions import AnswerValue, Question, QuestionKind
from nuzzle_game.ui.widgets.toggles import Radio, TickList
from nuzzle_game.ui.widgets.wrap_radio import WrapRadioButton


def _as_written(text: str) -> str:
    return text


class AnswerInput(Vertical):
    """Base: ``value`` is the answer so far, or None while there is none.

    ``words`` turns a deck's text (an option, an item, a scale's end) into what
    this player reads; the value always holds the deck's own text.
    """

    DEFAULT_CSS = """
    AnswerInput {
        height: auto;
    }
    AnswerInput .hint {
        color: $text-muted;
        width: 100%;
    }
    """

    class Submitted(Message):
        """Enter was pressed in a widget that has a natural 'done' key."""

    class Changed(Message):
        """The player changed the answer."""

    def __init__(
        self, question: Question, masked: bool = True, words: Callable[[str], str] = _as_written, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.question = question
        self.masked = masked
        self.words = words

    @property
    def needs_confirmation(self) -> bool:
        """Whether the value is only a starting point the player has not touched."""
        return False

    @property
    def value(self) -> AnswerValue | None:  # pragma: no cover - overridden
        raise NotImplementedError

    def focus_first(self) -> None:
        for widget in self.query(Widget):
            if widget.can_focus:
                widget.focus()
                return


class ChoiceInput(AnswerInput):
    DEFAULT_CSS = """
    ChoiceInput #choice {
        width: 100%;
        height: auto;
    }
    """

    def on_radio_set_changed(self) -> None:
        self.post_message(self.Changed())

    def compose(self) -> ComposeResult:
        with RadioSet(id="choice", compact=True):
            for option in self.question.options or []:
                yield WrapRadioButton(Content(self.words(option)))  # long options wrap, never cut

    @property
    def value(self) -> AnswerValue | None:
        index = self.query_one(RadioSet).pressed_index
        return (self.question.options or [])[index] if index >= 0 else None


class MultiInput(AnswerInput):
    """Tick options; an exclusive one ("None of these") stands alone."""

    DEFAULT_CSS = """
    MultiInput #multi {
        height: auto;
        max-height: 8;
    }
    """

    def compose(self) -> ComposeResult:
        limit = self.question.choice_limit
        total = len(self.question.options or [])
        hint = "Pick any" if limit >= total else f"Pick up to {limit}"
        yield Label(f"{hint} (space to tick).", classes="hint")
        options = self.question.options or []
        yield TickList(*[(Content(self.words(o)), o) for o in options], id="multi", compact=True)

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        """Ticking an exclusive option unticks the others, and the other way round."""
        ticked = event.selection.value
        chosen = event.selection_list
        if ticked not in chosen.selected:
            self.post_message(self.Changed())
            return
        exclusive = set(self.question.exclusive or ())
        for other in list(chosen.selected):
            if other != ticked and (ticked in exclusive or other in exclusive):
                chosen.deselect(other)
        self.post_message(self.Changed())

    @property
    def value(self) -> AnswerValue | None:
        chosen = set(self.query_one(SelectionList).selected)
        return [o for o in self.question.options or [] if o in chosen]


class ScaleInput(AnswerInput):
    DEFAULT_CSS = """
    ScaleInput #scale {
        layout: horizontal;
        width: auto;
    }
    ScaleInput #scale > RadioButton {
        width: auto;
        margin-right: 2;
    }
    """

    def on_radio_set_changed(self) -> None:
        self.post_message(self.Changed())

    def compose(self) -> ComposeResult:
        scale = self.question.scale
        assert scale is not None
        with RadioSet(id="scale", compact=True):
            for point in range(scale.lo, scale.hi + 1):
                yield Radio(str(point))
        ends = f"{scale.lo} = {self.words(scale.lo_label)}   ·   {scale.hi} = {self.words(scale.hi_label)}"
        yield Label(Content(ends), classes="hint")

    @property
    def value(self) -> AnswerValue | None:
        scale = self.question.scale
        assert scale is not None
        index = self.query_one(RadioSet).pressed_index
        return scale.lo + index if index >= 0 else None


class RankList(OptionList):
    BINDINGS = [
        Binding("shift+up,minus", "move(-1)", "Move up", key_display="⇧↑"),
        Binding("shift+down,plus,equals_sign", "move(1)", "Move down", key_display="⇧↓"),
    ]

    class MoveRequested(Message):
        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def action_move(self, step: int) -> None:
        self.post_message(self.MoveRequested(step))


class RankInput(AnswerInput):
    """Put the items in order: keys shift+↑/↓ (or -/+), or the buttons.

    The deck's order is only a starting point: until an item is moved, the
    screen asks the player to confirm it (``needs_confirmation``).
    """

    DEFAULT_CSS = """
    RankInput .rank-row {
        height: auto;
    }
    RankInput #rank {
        width: 1fr;
        height: auto;
        max-height: 7;
    }
    RankInput .rank-buttons {
        width: 12;
        height: auto;
    }
    """

    def __init__(self, question: Question, **kwargs) -> None:
        super().__init__(question, **kwargs)
        self.order: list[str] = list(question.items or [])
        self.moved = False

    @property
    def needs_confirmation(self) -> bool:
        return not self.moved

    def compose(self) -> ComposeResult:
        yield Label("Most at the top. Move the highlighted item with shift+↑/↓ or the buttons.", classes="hint")
        with Horizontal(classes="rank-row"):
            yield RankList(id="rank", markup=False, compact=True)
            with Vertical(classes="rank-buttons"):
                # For the mouse; keyboard players use shift+↑/↓ and keep a short Tab order.
                for button in (
                    Button("▲ Up", id="rank-up", compact=True),
                    Button("▼ Down", id="rank-down", compact=True),
                ):
                    button.can_focus = False
                    yield button

    def on_mount(self) -> None:
        self._refresh_list(0)

    def _refresh_list(self, highlighted: int) -> None:
        ranks = self.query_one(RankList)
        ranks.clear_options()
        ranks.add_options([Option(Content(f"{i + 1}. {self.words(item)}")) for i, item in enumerate(self.order)])
        ranks.highlighted = highlighted

    def move(self, step: int) -> None:
        ranks = self.query_one(RankList)
        index = ranks.highlighted or 0
        target = index + step
        if 0 <= target < len(self.order):
            self.order[index], self.order[target] = self.order[target], self.order[index]
            self.moved = True
            self._refresh_list(target)
            self.post_message(self.Changed())

    def on_rank_list_move_requested(self, event: RankList.MoveRequested) -> None:
        event.stop()
        self.move(event.step)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id in ("rank-up", "rank-down"):
            event.stop()
            self.move(-1 if event.button.id == "rank-up" else 1)
            self.query_one(RankList).focus()

    @property
    def value(self) -> AnswerValue | None:
        return list(self.order)


class TextAnswerInput(AnswerInput):
    """Free text. ``masked`` (an answer at a shared keyboard, where the partner may
    be sitting right there) hides it while typed, until the typer shows it
    (``show_typing``); elsewhere it is plain to read."""

    def compose(self) -> ComposeResult:
        placeholder = "Type here (hidden as you type)" if self.masked else "Type here"
        yield Input(placeholder=placeholder, password=self.masked, max_length=2000, id="text", compact=True)

    @property
    def hidden(self) -> bool:
        return self.query_one(Input).password

    def show_typing(self, shown: bool) -> None:
        """Show or hide what is typed; only a masked input hides it again."""
        self.query_one(Input).password = self.masked and not shown

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted())

    @property
    def value(self) -> AnswerValue | None:
        text = self.query_one(Input).value.strip()
        return text or None


INPUTS: dict[QuestionKind, type[AnswerInput]] = {
    QuestionKind.CHOICE: ChoiceInput,
    QuestionKind.MULTI: MultiInput,
    QuestionKind.SCALE: ScaleInput,
    QuestionKind.RANK: RankInput,
    QuestionKind.TEXT: TextAnswerInput,
}


def answer_input(question: Question, masked: bool = True, words: Callable[[str], str] = _as_written) -> AnswerInput:
    return INPUTS[question.kind](question, masked=masked, words=words, id="answer-input")
