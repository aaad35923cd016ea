"""End of a game: the shared headline, each partner's part, unlocks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from ...game import GameSummary
from ...models import Discovery
from ...text import percent, plural


class SummaryScreen(ModalScreen[None]):
    CSS_PATH = "review.tcss"
    BINDINGS = [Binding("t", "changes", "Things that changed"), Binding("escape", "done", "Done")]

    def __init__(self, summary: GameSummary, discoveries: list[Discovery], names: tuple[str, str] | None = None) -> None:
        super().__init__()
        self.summary = summary
        self.discoveries = discoveries
        self.names = names  # given by a seat, which has no session of its own

    def compose(self) -> ComposeResult:
        s = self.summary
        names = self.names or [p.name for p in self.app.session.state.couple.players]
        library = self.app.library
        with Vertical(classes="page", id="summary"):
            yield Static("How it went", classes="title")
            yield Static(
                f"In sync {s.in_sync_percent}% · {plural(s.discoveries, 'discovery', 'discoveries')}"
                f" · {plural(s.rounds, 'round')}",
                classes="lede", id="headline",
            )
            for i in (0, 1):
                yield Static(
                    Content(f"{names[i]} guessed {percent(s.accuracy[i])} right · {s.points[i]} points"),
                    classes="partner",
                )
            if s.discoveries:
                yield Static("Every miss is something new on your map. Look at what changed together.", classes="muted")
            for deck_id in s.unlocked:
                deck = library.deck(deck_id)
                yield Static(Content(f"New deck open: {deck.title if deck else deck_id}"), classes="unlock")
            with Horizontal(classes="buttons"):
                yield Button("Things that changed", id="changes", variant="primary", compact=True)
                yield Button("Done", id="done", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#changes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "changes":
            self.action_changes()
        else:
            self.action_done()

    def action_changes(self) -> None:
        from .changes import ChangesScreen

        self.app.push_screen(ChangesScreen(self.discoveries, "What changed in this game", self.names))

    def action_done(self) -> None:
        self.dismiss(None)
