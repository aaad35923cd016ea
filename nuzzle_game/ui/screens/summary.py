"""End of a game: the shared headline, every round, the biggest surprise, unlocks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from nuzzle_game.core.models import Outcome, RoundResult
from nuzzle_game.core.overview import accuracy_by_dimension, biggest_surprise
from nuzzle_game.core.text import format_answer, percent, plural
from nuzzle_game.play.moves import ReadMove
from nuzzle_game.play.views import SummaryInfo
from nuzzle_game.ui.screens.round_base import RoundOptions, RoundScreen
from nuzzle_game.ui.widgets.bars import share_bar

# How each round went, in the recap: the outcome's own word (DESIGN §4).
MARKS = {
    Outcome.IN_SYNC: ("✓ in sync", "$success"),
    Outcome.CLOSE: ("≈ close", "$text-primary"),
    Outcome.MISS: ("✦ new", "$warning"),
}


class SummaryScreen(RoundScreen):
    """The end of a game; dismisses with a ReadMove when the couple is done with it."""

    CSS_PATH = "review.tcss"
    BINDINGS = [Binding("t", "changes", "New on your map"), *RoundScreen.SCROLL_KEYS, Binding("escape", "done", "Done")]

    def __init__(self, info: SummaryInfo, names: tuple[str, str], options: RoundOptions) -> None:
        super().__init__(options)
        self.info = info
        self.summary = info.summary
        self.discoveries = info.discoveries
        self.results = list(info.results)
        self.names = names

    def body(self) -> ComposeResult:
        s = self.summary
        names = list(self.names)
        with VerticalScroll(classes="page", id="summary"):
            yield Static("How it went", classes="title")
            yield Static(
                f"In sync {s.in_sync_percent}% · {s.close} close"
                f" · {plural(s.discoveries, 'discovery', 'discoveries')} · {plural(s.rounds, 'round')}",
                classes="lede",
                id="headline",
            )
            for i in (0, 1):
                if s.accuracy[i] is not None:
                    yield Static(
                        Content(
                            f"{names[i]}'s guesses: average accuracy {percent(s.accuracy[i])}"
                            f" · {plural(s.points[i], 'point')}"
                        ),
                        classes="partner",
                    )
            if s.milestone is not None:
                yield Static(Content(f"{s.milestone} days in a row: a milestone!"), id="milestone", classes="unlock")
            for title in self.info.unlocked:
                yield Static(Content(f"New deck open: {title}"), classes="unlock")
            surprise = biggest_surprise(self.results)
            if surprise is not None:
                yield Static("Biggest surprise", classes="section")
                yield Static(Content(self.surprise_text(surprise, names)), id="surprise", classes="partner")
            if self.results:
                yield Static("Every round", classes="section")
                for number, result in enumerate(self.results, 1):
                    with Horizontal(classes="recap"):
                        mark = MARKS[result.outcome]
                        yield Static(Content.assemble(f"{number:>2} ", mark), classes="recap-mark")
                        yield Static(self.round_text(result, names), classes="recap-text")
                yield Static("This game's accuracy by dimension", classes="section")
                yield Static(self.dimension_text(), id="by-dimension", classes="partner")
            if s.discoveries:
                yield Static("Every miss is something new on your map. Look at it together.", classes="muted")
        with Horizontal(classes="buttons", id="summary-buttons"):
            yield Button("New on your map", id="changes", variant="primary", compact=True)
            yield Button("Done", id="done", compact=True)

    def surprise_text(self, r: RoundResult, names: list[str]) -> str:
        question = self.info.question(r.question_id)
        text = question.text if question else r.question_id
        guess, answer = format_answer(question, r.guess), format_answer(question, r.answer)
        sure = {"sure": "was sure of", "think so": "thought", "no idea": "guessed"}[r.confidence.value]
        return f"{text}\n{names[r.guesser]} {sure} \u201c{guess}\u201d; {names[r.answerer]} said \u201c{answer}\u201d."

    def round_text(self, r: RoundResult, names: list[str]) -> Content:
        question = self.info.question(r.question_id)
        text = question.text if question else r.question_id
        return Content.assemble(
            text,
            "\n",
            (f"{names[r.answerer]} said: {format_answer(question, r.answer)}", "$text-muted"),
            "\n",
            (f"{names[r.guesser]} guessed: {format_answer(question, r.guess)}", "$text-muted"),
        )

    def dimension_text(self) -> Content:
        lines = [
            Content.assemble(f"{d.value:<13}", share_bar(value, 20), f" {value:>4.0%} · {plural(n, 'round')}")
            for d, (value, n) in accuracy_by_dimension(self.results).items()
        ]
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        self.query_one("#changes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "changes":
            self.action_changes()
        else:
            self.action_done()

    def action_changes(self) -> None:
        from nuzzle_game.ui.screens.changes import ChangesScreen

        self.app.push_screen(
            ChangesScreen(self.discoveries, "New on your map in this game", self.names, self.info.question)
        )

    def action_pause(self) -> None:  # Escape: done here too (the game is filed)
        self.action_done()

    def action_done(self) -> None:
        self.dismiss(ReadMove())
