"""The love map: per dimension, how much each of you knows of the other, and since when."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from nuzzle_game.core.lovemap import knowledge_by_dimension
from nuzzle_game.core.overview import recent_rounds_right
from nuzzle_game.core.questions import Dimension
from nuzzle_game.core.text import ago, day, format_answer
from nuzzle_game.core.unlocks import visibility
from nuzzle_game.ui.screens.base import NuzzleScreen


class LoveMapScreen(NuzzleScreen[None]):
    CSS_PATH = "review.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        session = self.session
        names = [p.name for p in session.state.couple.players]
        yield Header()
        with TabbedContent():
            for subject in (0, 1):
                knower = names[1 - subject]
                with TabPane(Content(f"{knower}'s map of {names[subject]}"), id=f"map-{subject}"):
                    with Vertical():
                        yield DataTable(id=f"dims-{subject}", cursor_type="row", classes="dims")
                        yield DataTable(id=f"entries-{subject}", cursor_type="row", classes="entries")
                        yield Static("", id=f"history-{subject}", classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        session = self.session
        state = session.state
        now = self.app.config.clock()
        totals = Counter(q.dimension for d in session.available_decks() for q in d.questions)
        horizon = state.settings.stale_after_days
        shown = visibility(session.library.decks, state.couple)
        for subject in (0, 1):
            love_map = shown.love_map(state.love_maps[subject])
            guesser = state.aggregates.players[1 - subject]
            dims = self.query_one(f"#dims-{subject}", DataTable)
            dims.add_columns("Dimension", "Known", "Fresh", "Stale", "Last guesses in sync")
            for row in knowledge_by_dimension(love_map, now, dict(totals), horizon):
                right, out_of = recent_rounds_right(guesser.recent, row.dimension)
                dims.add_row(
                    row.dimension.value,
                    f"{row.known} of {row.total}",
                    str(row.fresh),
                    str(row.stale),
                    f"{right} of {out_of}" if out_of else "—",
                )
            entries = self.query_one(f"#entries-{subject}", DataTable)
            entries.add_column("Question", width=34)
            entries.add_column("Current answer", width=18)
            entries.add_column("Since", width=12)
            entries.add_column("State", width=6)
            order = list(Dimension)
            for entry in sorted(love_map.entries.values(), key=lambda e: (order.index(e.dimension), e.question_id)):
                question = session.library.question(entry.question_id)
                entries.add_row(
                    Text(question.text if question else entry.question_id),
                    Text(format_answer(question, entry.current.value)),
                    ago(entry.current.at, now),
                    entry.freshness(now, horizon).value,
                    key=entry.question_id,
                )
            if not love_map.entries:
                self.query_one(f"#history-{subject}", Static).update("Nothing revealed yet: play a game.")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        table_id = event.data_table.id or ""
        if not table_id.startswith("entries-") or event.row_key.value is None:
            return
        subject = int(table_id.rsplit("-", 1)[1])
        session = self.session
        entry = session.state.love_maps[subject].entries[event.row_key.value]
        question = session.library.question(entry.question_id)
        now = self.app.config.clock()
        text = question.text if question else entry.question_id
        history = self.profile.history_of(subject, entry.question_id)  # older answers from the archive
        lines = [f"{text} ({len(history)} answer{'s' * (len(history) != 1)}):"]
        for record in reversed(history):
            lines.append(
                f"  {format_answer(question, record.value)}: from {day(record.at, now)}, "
                f"last confirmed {ago(record.confirmed_at, now)}"
            )
        self.query_one(f"#history-{subject}", Static).update(Content("\n".join(lines)))
