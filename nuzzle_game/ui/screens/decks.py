"""Decks: open, locked (with what unlocks them and how close), broken."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ...unlocks import is_available, progress


class DecksScreen(Screen[None]):
    CSS_PATH = "review.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="page"):
            yield Static("Decks", classes="title")
            yield DataTable(id="decks", cursor_type="row")
            yield Static("", id="description", classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        session = self.app.session
        state = session.state
        table = self.query_one("#decks", DataTable)
        table.add_columns("Deck", "Questions", "Status", "Unlocks with")
        unlocked_at = {u.deck_id: u.at for u in state.unlocks}
        for deck in session.library.decks:
            info = progress(deck, state.aggregates, state.couple).text
            if deck.id in unlocked_at and not deck.sensitive:
                info = f"unlocked {unlocked_at[deck.id]:%Y-%m-%d}"
            if is_available(deck, state.unlocked_ids, state.couple):
                status = "open"
            elif deck.sensitive:
                status = "needs both opt-ins"
            else:
                status = "locked"
            table.add_row(Text(deck.title), str(len(deck.questions)), status, Text(info), key=deck.id)
        for broken in session.library.broken:
            table.add_row(Text(broken.path.name), "—", "broken", Text(broken.reason), key=f"broken:{broken.path}")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        deck = self.app.library.deck(event.row_key.value or "")
        self.query_one("#description", Static).update(Text(deck.description) if deck else "")
