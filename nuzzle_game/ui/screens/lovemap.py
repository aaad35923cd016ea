"""The love map: per dimension, how much each of you knows of the other, and since when.

Each map's entries fill the width they have (cut with an ellipsis, the whole
text below for the highlighted one) and are found with one filter line: words, a
dimension's name, "fresh" or "stale" (``core.map_filter``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Header, Input, Static, TabbedContent, TabPane

from nuzzle_game.core.lovemap import Freshness, LoveMapEntry, knowledge_by_dimension
from nuzzle_game.core.map_filter import MapFilter, find, with_dimension
from nuzzle_game.core.overview import recent_rounds_right
from nuzzle_game.core.questions import Dimension, Question
from nuzzle_game.core.text import ago, day, format_answer
from nuzzle_game.core.unlocks import visibility
from nuzzle_game.ui.screens.base import NuzzleScreen
from nuzzle_game.ui.widgets.footer import Footer
from nuzzle_game.ui.widgets.hanging import Hanging, Line

NARROW = 70  # below this many columns, shorter cells
SCROLLBAR = 2


def short_ago(then: datetime, now: datetime) -> str:
    """'today', '3 d', '4 mo', '2.9 y': "since" in a narrow column."""
    days = max(0, (now - then).days)
    if days == 0:
        return "today"
    if days < 31:
        return f"{days} d"
    if days < 365:
        return f"{round(days / 30.44)} mo"
    return f"{round(days / 365.25, 1):g} y"


def fit(text: str, width: int) -> Text:
    """``text`` in ``width`` cells: cut with an ellipsis when it is longer."""
    return Text(text if len(text) <= width else text[: max(0, width - 1)].rstrip() + "…", no_wrap=True)


def column_widths(width: int, narrow: bool) -> tuple[int, int, int, int]:
    """(question, answer, since, state) for an entries table ``width`` cells wide."""
    since, state = (6, 5) if narrow else (13, 5)
    room = max(20, width - SCROLLBAR - 2 * 4 - since - state)  # each column has a cell each side
    question = room * 3 // 5
    return question, room - question, since, state


@dataclass(frozen=True)
class Row:
    entry: LoveMapEntry
    question: Question | None
    text: str  # the question as shown
    answer: str  # the current answer as shown

    @property
    def searched(self) -> str:
        return f"{self.text}\n{self.answer}"


class LoveMapScreen(NuzzleScreen[None]):
    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("slash", "find", "Filter"),
        Binding("m", "other_map", "Other map"),
    ]

    def compose(self) -> ComposeResult:
        names = [p.name for p in self.session.state.couple.players]
        yield Header()
        with TabbedContent(id="maps"):
            for subject in (0, 1):
                knower = names[1 - subject]
                with TabPane(Content(f"{knower}'s map of {names[subject]}"), id=f"map-{subject}"):
                    with Vertical():
                        yield DataTable(id=f"dims-{subject}", cursor_type="row", classes="dims")
                        with Horizontal(classes="find"):
                            yield Input(
                                placeholder="Filter: words, a dimension, fresh or stale",
                                id=f"find-{subject}",
                                compact=True,
                            )
                            yield Static("", id=f"count-{subject}", classes="count muted")
                        yield DataTable(id=f"entries-{subject}", cursor_type="row", classes="entries")
                        yield Static("", id=f"history-{subject}", classes="history muted")
        yield Footer()

    def on_mount(self) -> None:
        session = self.session
        state = session.state
        self.now = now = self.app.config.clock()
        self.horizon = horizon = state.settings.stale_after_days
        totals = Counter(q.dimension for d in session.available_decks() for q in d.questions)
        shown = visibility(session.library.decks, state.couple)
        self.rows: dict[int, list[Row]] = {}
        self.widths: dict[int, int] = {}
        for subject in (0, 1):
            love_map = shown.love_map(state.love_maps[subject])
            guesser = state.aggregates.players[1 - subject]
            dims = self.query_one(f"#dims-{subject}", DataTable)
            dims.add_columns("Dimension", "Known", "Fresh", "Stale", "In sync lately")
            for row in knowledge_by_dimension(love_map, now, dict(totals), horizon):
                right, out_of = recent_rounds_right(guesser.recent, row.dimension)
                dims.add_row(
                    row.dimension.value,
                    f"{row.known} of {row.total}",
                    str(row.fresh),
                    str(row.stale),
                    f"{right} of {out_of}" if out_of else "—",
                    key=row.dimension.value,
                )
            rows = []
            for entry in love_map.entries.values():
                question = session.library.question(entry.question_id)
                text = question.text if question else entry.question_id
                rows.append(Row(entry, question, text, format_answer(question, entry.current.value)))
            # The answers learned or changed last come first.
            rows.sort(key=lambda r: r.entry.current.at, reverse=True)
            self.rows[subject] = rows
            if not rows:
                self.query_one(f"#history-{subject}", Static).update("Nothing revealed yet: play a game.")
        self.call_after_refresh(self.lay_out)
        self.query_one("#entries-0", DataTable).focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self.lay_out)

    def lay_out(self) -> None:
        """Fit both tables' columns to the width they have now."""
        self.set_class(self.size.height < 30, "short")
        for subject in (0, 1):
            table = self.query_one(f"#entries-{subject}", DataTable)
            width = table.size.width or self.size.width - 2
            if self.widths.get(subject) != width:
                self.widths[subject] = width
                self.show_entries(subject)

    # ------------------------------------------------------------ entries

    def show_entries(self, subject: int) -> None:
        """Fill ``subject``'s entries table: the rows its filter keeps, cut to fit."""
        table = self.query_one(f"#entries-{subject}", DataTable)
        highlighted = self.highlighted_key(table)
        width = self.widths.get(subject) or self.size.width - 2
        narrow = width < NARROW
        q_width, a_width, since_width, state_width = column_widths(width, narrow)
        query = MapFilter.parse(self.query_one(f"#find-{subject}", Input).value)
        rows = self.rows.get(subject, [])
        by_entry = {id(r.entry): r for r in rows}
        found = find([(r.entry, r.searched) for r in rows], query, self.now, self.horizon)
        table.clear(columns=True)
        table.add_column("Question", width=q_width, key="question")
        table.add_column("Answer now", width=a_width, key="answer")
        table.add_column("Since", width=since_width, key="since")
        table.add_column("State", width=state_width, key="state")
        when = short_ago if narrow else ago
        for entry in found.entries:
            row = by_entry[id(entry)]
            fresh = entry.freshness(self.now, self.horizon) is Freshness.FRESH
            table.add_row(
                fit(row.text, q_width),
                fit(row.answer, a_width),
                fit(when(entry.current.at, self.now), since_width),
                Text("fresh" if fresh else "stale", style="" if fresh else "italic"),
                key=entry.question_id,
            )
        count = self.query_one(f"#count-{subject}", Static)
        count.update(f"{len(found.entries)} of {found.total}" if query else f"{found.total} answers")
        if highlighted is not None and highlighted in {e.question_id for e in found.entries}:
            table.move_cursor(row=table.get_row_index(highlighted))
        self.show_history(subject)

    @staticmethod
    def highlighted_key(table: DataTable) -> str | None:
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def on_input_changed(self, event: Input.Changed) -> None:
        box = event.input.id or ""
        if box.startswith("find-"):
            self.show_entries(int(box.rsplit("-", 1)[1]))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        box = event.input.id or ""
        if box.startswith("find-"):
            self.query_one(f"#entries-{box.rsplit('-', 1)[1]}", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter (or a click) on a dimension keeps that dimension's entries; again, all."""
        table_id = event.data_table.id or ""
        if not table_id.startswith("dims-") or event.row_key.value is None:
            return
        subject = table_id.rsplit("-", 1)[1]
        box = self.query_one(f"#find-{subject}", Input)
        chosen = Dimension(event.row_key.value)
        box.value = with_dimension(box.value, None if MapFilter.parse(box.value).dimension is chosen else chosen)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        table_id = event.data_table.id or ""
        if table_id.startswith("entries-"):
            self.show_history(int(table_id.rsplit("-", 1)[1]))

    def show_history(self, subject: int) -> None:
        """The highlighted entry in full, with its answers over time (older ones from the archive)."""
        table = self.query_one(f"#entries-{subject}", DataTable)
        panel = self.query_one(f"#history-{subject}", Static)
        key = self.highlighted_key(table)
        if key is None:
            if self.rows.get(subject):
                panel.update("No answer matches this filter.")
            return
        row = next(r for r in self.rows[subject] if r.entry.question_id == key)
        history = self.profile.history_of(subject, key)
        count = f"{len(history)} answer{'s' * (len(history) != 1)}"
        lines = [Line(Content.assemble((row.text, "bold"), f" ({count}, {row.entry.dimension.value}):"), 0, 2)]
        for record in reversed(history):
            lines.append(
                Line(
                    f"{format_answer(row.question, record.value)}: from {day(record.at, self.now)}, "
                    f"last confirmed {ago(record.confirmed_at, self.now)}",
                    2,
                    2,
                )
            )
        panel.update(Hanging(lines))

    # ------------------------------------------------------------ keys

    def current_subject(self) -> int:
        active = self.query_one("#maps", TabbedContent).active
        return 1 if active == "map-1" else 0

    def action_find(self) -> None:
        self.query_one(f"#find-{self.current_subject()}", Input).focus()

    def action_other_map(self) -> None:
        tabs = self.query_one("#maps", TabbedContent)
        tabs.active = f"map-{1 - self.current_subject()}"
        self.query_one(f"#entries-{self.current_subject()}", DataTable).focus()
