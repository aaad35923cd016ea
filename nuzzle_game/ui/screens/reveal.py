"""Reveal together: both answers side by side, what it means, what to talk about."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Label, RadioButton, RadioSet, Static

from nuzzle_game.core.models import RoundResult, Verdict
from nuzzle_game.core.questions import Question
from nuzzle_game.core.text import ago, format_answer
from nuzzle_game.play.moves import ReadMove, VerdictMove
from nuzzle_game.play.views import RoundInfo, VerdictInfo
from nuzzle_game.ui.screens.round_base import RoundOptions, RoundScreen
from nuzzle_game.ui.widgets.moment import Moment


def side_by_side(question: Question, answerer: str, answer, guesser: str, guess, confidence: str) -> ComposeResult:
    with Horizontal(classes="pair"):
        with Vertical(classes="panel"):
            yield Static(Content(f"{answerer} said"), classes="panel-title")
            yield Static(Content(format_answer(question, answer, lines=True)), id="the-answer")
        with Vertical(classes="panel"):
            yield Static(Content(f"{guesser} guessed ({confidence})"), classes="panel-title")
            yield Static(Content(format_answer(question, guess, lines=True)), id="the-guess")


class VerdictScreen(RoundScreen):
    """Text questions: the answerer says how close the guess was (a VerdictMove)."""

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
                    yield RadioButton(verdict.value.capitalize(), value=verdict is self.proposed)
            yield Static("The game suggests one; you decide.", classes="muted")
            with Horizontal(classes="buttons"):
                yield Button("That's my verdict", id="decide", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#verdict", RadioSet).focus()

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

    BINDINGS = [Binding("enter", "next", "Next", show=False), RoundScreen.PAUSE]

    def __init__(self, round_: RoundInfo, result: RoundResult, options: RoundOptions) -> None:
        super().__init__(options)
        self.question, self.result = round_.question, result
        self.answerer, self.guesser = round_.answerer_name, round_.guesser_name
        self.number = (round_.number, round_.total)

    def notes(self) -> list[str]:
        r, q = self.result, self.question
        notes = []
        if r.in_sync:
            notes.append(f"In sync: {self.guesser} knows this about {self.answerer} right now.")
        else:
            notes.append(f"New on your map: {self.guesser} just learned something about {self.answerer}.")
        if r.changed and r.previous_at is not None:
            notes.append(
                f'This changed: {self.answerer} said "{format_answer(q, r.previous_answer)}" '
                f"{ago(r.previous_at, r.at)}."
            )
        if r.outdated_since is not None:
            notes.append(f"{self.guesser}, you were right {ago(r.outdated_since, r.at)}: this changed since.")
        if r.projection:
            notes.append(f"That's {self.guesser}'s own answer. {self.answerer} sees it differently.")
        return notes

    def body(self) -> ComposeResult:
        r = self.result
        last = self.number[0] >= self.number[1]
        with VerticalScroll(classes="reveal"):
            yield Static(f"Reveal · round {self.number[0]} of {self.number[1]}", classes="muted")
            yield Static(Content(self.question.text), classes="question")
            yield from side_by_side(self.question, self.answerer, r.answer, self.guesser, r.guess, r.confidence.value)
            if not self.options.reduced_motion:
                yield Moment("in-sync" if r.in_sync else "discovery")
            verdict = f" · {self.answerer}'s verdict: {r.verdict.value}" if r.verdict else ""
            yield Static(
                f"{'In sync' if r.in_sync else 'Discovery'} · accuracy {r.accuracy:.0%} · {r.points} points{verdict}",
                id="score",
                classes="in-sync" if r.in_sync else "discovery",
            )
            for note in self.notes():
                yield Static(Content(note), classes="note")
            if r.follow_up:
                yield Static(Content(f"Talk about it: {r.follow_up}"), id="follow-up", classes="follow-up")
            with Horizontal(classes="buttons"):
                yield Button("See how it went" if last else "Next round", id="next", variant="primary", compact=True)
                if not last and self.options.shared_keyboard:
                    yield Button("Pause here", id="pause", compact=True)

    def on_mount(self) -> None:
        self.query_one("#next", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(ReadMove() if event.button.id == "next" else None)

    def action_next(self) -> None:
        self.dismiss(ReadMove())
