"""Reveal together: a moment, not a form (DESIGN §9).

The answer is uncovered, then the guess, a beat apart; then how it went, in the
biggest words on the screen (in sync, close, new on your map), with what
matched marked and "you were right N months ago" right under it. Enter during
the uncovering shows it all at once; the next Enter goes on. Reduced motion
shows it all at once.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Button, Label, RadioSet, Static

from nuzzle_game.core.models import Outcome, RoundResult, Verdict
from nuzzle_game.core.questions import AnswerValue, Question
from nuzzle_game.core.text import ago, format_answer
from nuzzle_game.play.moves import ReadMove, VerdictMove
from nuzzle_game.play.views import RoundInfo, VerdictInfo
from nuzzle_game.ui.screens.round_base import RoundOptions, RoundScreen
from nuzzle_game.ui.widgets.matches import marked, match_line
from nuzzle_game.ui.widgets.moment import KIND, Headline, Moment
from nuzzle_game.ui.widgets.toggles import Radio, highlight_pressed

BEAT = 0.8  # seconds between two steps of the uncovering, in a real terminal
COVERED = "· · ·"


def side_by_side(
    question: Question, answerer: str, answer: AnswerValue, guesser: str, guess: AnswerValue, confidence: str
) -> ComposeResult:
    """The two answers, each in its panel (the verdict shows them at once)."""
    with Horizontal(classes="pair"):
        with Vertical(classes="panel"):
            yield Static(Content(f"{answerer} said"), classes="panel-title")
            yield Static(marked(question, answer, guess), id="the-answer")
        with Vertical(classes="panel"):
            yield Static(Content(f"{guesser} guessed ({confidence})"), classes="panel-title")
            yield Static(marked(question, guess, answer), id="the-guess")


class VerdictScreen(RoundScreen):
    """Text questions: the answerer says how close the guess was (a VerdictMove).

    The game's suggestion is named, pressed and highlighted: Ctrl+S takes it.
    """

    BINDINGS = [Binding("ctrl+s", "decide", "Confirm"), RoundScreen.PAUSE]

    def __init__(self, round_: RoundInfo, verdict: VerdictInfo, options: RoundOptions) -> None:
        super().__init__(options)
        self.verdict = verdict
        self.question = round_.question
        self.answerer, self.guesser = round_.answerer_name, round_.guesser_name
        self.proposed = verdict.proposed

    def body(self) -> ComposeResult:
        guess = self.verdict.guess
        with VerticalScroll(classes="reveal"):
            yield Static("Reveal", classes="muted")
            yield Static(Content(self.question.text), classes="question")
            yield from side_by_side(
                self.question, self.answerer, self.verdict.answer, self.guesser, guess.value, guess.confidence.value
            )
            yield Label(Content(f"{self.answerer}, how close was {self.guesser}?"), classes="section")
            with RadioSet(id="verdict", compact=True):
                for verdict in Verdict:
                    yield Radio(verdict.value.capitalize(), value=verdict is self.proposed)
            yield Static(f"The game suggests: {self.proposed.value}. You decide.", id="suggestion", classes="muted")
        with Horizontal(classes="buttons"):
            yield Button("That's my verdict", id="decide", variant="primary", compact=True)

    def on_mount(self) -> None:
        choices = self.query_one("#verdict", RadioSet)
        choices.focus()
        highlight_pressed(choices)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_decide()

    def action_decide(self) -> None:
        if self.done:
            return
        index = self.query_one("#verdict", RadioSet).pressed_index
        self.dismiss(VerdictMove(verdict=list(Verdict)[index] if index >= 0 else self.proposed))


class RevealScreen(RoundScreen):
    """Dismisses with a ReadMove for the next round, or None to pause after this one."""

    BINDINGS = [Binding("enter", "next", "Next", show=False), *RoundScreen.SCROLL_KEYS, RoundScreen.PAUSE]
    STEPS = 3  # the answer, the guess, how it went

    def __init__(self, round_: RoundInfo, result: RoundResult, options: RoundOptions) -> None:
        super().__init__(options)
        self.question, self.result = round_.question, result
        self.answerer, self.guesser = round_.answerer_name, round_.guesser_name
        self.number = (round_.number, round_.total)
        self.step = 0  # how much is uncovered: 0 nothing yet … STEPS everything
        self._timer: Timer | None = None

    @property
    def uncovered(self) -> bool:
        return self.step >= self.STEPS

    @property
    def next_label(self) -> str:
        if not self.uncovered:
            return "Show it all"
        return "See how it went" if self.number[0] >= self.number[1] else "Next round"

    def outcome_line(self) -> str:
        outcome = self.result.outcome
        if outcome is Outcome.IN_SYNC:
            return f"{self.guesser} knows this about {self.answerer} right now."
        if outcome is Outcome.CLOSE:
            return f"{self.guesser} nearly had it. Ask {self.answerer} what the difference is."
        return f"{self.guesser} just learned something about {self.answerer}."

    def insight(self) -> str | None:
        """The outdated model: the guess was true once (DESIGN §3, the core insight)."""
        r = self.result
        if r.outdated_since is None:
            return None
        return f"⟲ {self.guesser}, you were right {ago(r.outdated_since, r.at)}: this changed since."

    def notes(self) -> list[str]:
        r, q = self.result, self.question
        notes = []
        if r.changed and r.previous_at is not None:
            notes.append(
                f'This changed: {self.answerer} said "{format_answer(q, r.previous_answer)}" '
                f"{ago(r.previous_at, r.at)}."
            )
        if r.projection:
            notes.append(f"That's {self.guesser}'s own answer. {self.answerer} sees it differently.")
        return notes

    def score_text(self) -> str:
        r = self.result
        verdict = f" · {self.answerer}'s verdict: {r.verdict.value}" if r.verdict else ""
        return f"accuracy {r.accuracy:.0%} · {r.points} points{verdict}"

    def body(self) -> ComposeResult:
        r = self.result
        kind = KIND[r.outcome]
        with VerticalScroll(classes="reveal", id="reveal"):
            yield Static(f"Reveal · round {self.number[0]} of {self.number[1]}", classes="muted")
            yield Static(Content(self.question.text), classes="question")
            with Horizontal(classes="pair"):
                with Vertical(classes="panel"):
                    yield Static(Content(f"{self.answerer} said"), classes="panel-title")
                    yield Static(COVERED, id="the-answer", classes="covering")
                with Vertical(classes="panel"):
                    yield Static(Content(f"{self.guesser} guessed ({r.confidence.value})"), classes="panel-title")
                    yield Static(COVERED, id="the-guess", classes="covering")
            matched = match_line(self.question, r.answer, r.guess)
            yield Static(Content(matched or ""), id="matched", classes=f"later {'' if matched else 'empty'}")
            with Vertical(id="outcome", classes=f"later {kind}"):
                if self.options.reduced_motion:
                    yield Headline(r.outcome)
                else:
                    yield Moment(r.outcome, autoplay=False)
                yield Static(Content(self.outcome_line()), id="outcome-line")
            insight = self.insight()
            if insight:
                yield Static(Content(insight), id="insight", classes="later")
            yield Static(self.score_text(), id="score", classes="later")
            for note in self.notes():
                yield Static(Content(note), classes="note later")
            if r.follow_up:
                yield Static(Content(f"Talk about it: {r.follow_up}"), id="follow-up", classes="follow-up later")
        with Horizontal(classes="buttons", id="reveal-buttons"):
            yield Button(self.next_label, id="next", variant="primary", compact=True)
            if self.number[0] < self.number[1] and self.options.shared_keyboard:
                yield Button("Pause here", id="pause", compact=True)

    def on_mount(self) -> None:
        self.query_one("#next", Button).focus()
        beat = self.options.beat
        if beat is None:
            beat = 0.0 if self.app.is_headless else BEAT  # tests and screenshots: settled, every time
        if self.options.reduced_motion or beat <= 0:
            self.show_all()
        else:
            self.show(0)
            self._timer = self.set_interval(beat, self.uncover, repeat=self.STEPS)

    def uncover(self) -> None:
        """One more step of the uncovering (the timer's tick)."""
        if not self.uncovered:
            self.show(self.step + 1)

    def show_all(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.show(self.STEPS, animate=False)

    def show(self, step: int, animate: bool = True) -> None:
        r, q = self.result, self.question
        self.step = step
        answer, guess = self.query_one("#the-answer", Static), self.query_one("#the-guess", Static)
        if step >= 1:
            answer.update(marked(q, r.answer, r.guess if step >= 2 else None))
            answer.remove_class("covering")
        if step >= 2:
            guess.update(marked(q, r.guess, r.answer))
            guess.remove_class("covering")
            self.query_one("#matched").remove_class("later")
        if step >= self.STEPS:
            for part in self.query(".later"):
                part.remove_class("later")
            for moment in self.query(Moment):
                (moment.play if animate else moment.settle)()
            self.query_one("#next", Button).label = self.next_label
            self.call_after_refresh(self.query_one("#outcome").scroll_visible, animate=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "next":
            self.action_next()
        else:
            self.dismiss(None)

    def action_next(self) -> None:
        """Enter: everything at once while it is being uncovered; then on."""
        if not self.uncovered:
            self.show_all()
            return
        self.dismiss(ReadMove())
