"""Things that changed: after a game, or across games from the menu."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from nuzzle_game.core.lovemap import changes_across_games
from nuzzle_game.core.models import Discovery
from nuzzle_game.core.overview import newest_entries
from nuzzle_game.core.questions import Question
from nuzzle_game.core.text import ago, format_answer
from nuzzle_game.core.unlocks import visibility
from nuzzle_game.ui.screens.base import NuzzleScreen


class ChangesScreen(NuzzleScreen[None]):
    CSS_PATH = "review.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(
        self,
        discoveries: list[Discovery],
        title: str,
        names: tuple[str, str],
        question: Callable[[str], Question | None],
        empty: str = "Every round was in sync: nothing new on your map this time.",
    ) -> None:
        super().__init__()
        self.discoveries = discoveries
        self.heading = title
        self.empty = empty
        self.names = names
        self.question = question  # the question an answer was given to, if still in the decks
        self.newest: list[Discovery] = []

    @classmethod
    def across_games(cls, app) -> ChangesScreen:
        session = app.session
        library = app.library

        def follow_up(question_id: str) -> str | None:
            question = library.question(question_id)
            return question.follow_up if question else None

        love_maps = visibility(library.decks, session.state.couple).love_maps(session.state.love_maps)
        found = changes_across_games(love_maps, session.question_text, follow_up, limit=50)
        players = session.state.couple.players
        screen = cls(
            found,
            "Answers that changed over time",
            (players[0].name, players[1].name),
            library.question,
            "No answer has changed since it was last asked, yet. When one of you answers a "
            "question differently from before, it shows here with the old answer and when it was given.",
        )
        screen.newest = newest_entries(love_maps, session.question_text, limit=8)
        return screen

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(classes="page", id="changes"):
            yield Static(self.heading, classes="title")
            if not self.discoveries:
                yield Static(self.empty, classes="muted change", id="empty")
            for item in self.discoveries:
                yield Static(Content(self.describe(item)), classes="change")
            if not self.discoveries and self.newest:
                yield Static("Newest on your maps", classes="section")
                for item in self.newest:
                    yield Static(Content(self.describe(item)), classes="change")
        yield Footer()

    def describe(self, d: Discovery) -> str:
        subject, partner = self.names[d.subject], self.names[1 - d.subject]
        question = self.question(d.question_id)
        lines = [f"{subject} · {d.dimension.value}: {d.question_text}"]
        if d.previous_answer is not None and d.previous_at is not None:
            lines.append(f"  was: {format_answer(question, d.previous_answer)} ({ago(d.previous_at, d.at)})")
        lines.append(f"  now: {format_answer(question, d.new_answer)}")
        if d.guess is not None:
            lines.append(f"  {partner} guessed: {format_answer(question, d.guess)}")
        if d.outdated_since is not None:
            lines.append(f"  {partner} was right {ago(d.outdated_since, d.at)}: an older picture of {subject}.")
        if d.projection:
            lines.append(f"  That was {partner}'s own answer.")
        if d.follow_up:
            lines.append(f"  Talk about it: {d.follow_up}")
        return "\n".join(lines)
