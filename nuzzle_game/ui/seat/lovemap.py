"""The love map at a seat: what each of you knows of the other, and since when.

The same data as hot seat's love map, asked of the table page by page
(``table.review``): the screen is given its names and a way to ask in its
constructor, and shows each page the App hands it. Read-only. A seat is often
a phone: each answer is two lines (the question, then the answer and since
when) that wrap to the width, rather than a table's columns cut off at its edge.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from nuzzle_game.core.models import PlayerIndex
from nuzzle_game.table.review_messages import HistoryAsk, HistoryPage, LoveMapAsk, LoveMapPage
from nuzzle_game.ui.widgets.footer import Footer

ASKING = "Asking the table…"


class SeatLoveMapScreen(Screen[None]):
    """Your map of your partner first, then theirs of you."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, seat: PlayerIndex, names: tuple[str, str], ask: Callable[[BaseModel], None]) -> None:
        super().__init__()
        self.seat, self.names, self.ask = seat, names, ask
        self.partner: PlayerIndex = 1 if seat == 0 else 0
        self.next_offset: dict[int, int | None] = {0: None, 1: None}
        self.asked: dict[int, int] = {}  # the offset last asked of each map, so a page is asked once

    def title_of(self, subject: int) -> str:
        """Whose map of whom, from this seat: "Your map of Sam", "Sam's map of you"."""
        if subject == self.partner:
            return f"Your map of {self.names[subject]}"
        return f"{self.names[self.partner]}'s map of you"

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent():
            for subject in (self.partner, self.seat):
                with TabPane(Content(self.title_of(subject)), id=f"map-{subject}"):
                    with Vertical():
                        yield DataTable(id=f"dims-{subject}", cursor_type="none", classes="dims")
                        yield OptionList(id=f"entries-{subject}", classes="entries")
                        yield Static(Content(ASKING), id=f"history-{subject}", classes="muted history")
        yield Footer()

    def on_mount(self) -> None:
        for subject in (self.partner, self.seat):
            dims = self.query_one(f"#dims-{subject}", DataTable)
            # Narrow headings: the five columns fit a phone's 46.
            dims.add_columns("Dimension", "Known", "Fresh", "Stale", "In sync")
            self._ask_page(subject, 0)

    def _ask_page(self, subject: int, offset: int) -> None:
        if self.asked.get(subject) == offset:
            return
        self.asked[subject] = offset
        self.ask(LoveMapAsk(subject=1 if subject else 0, offset=offset))

    # ------------------------------------------------------------ pages

    def show(self, page: LoveMapPage | HistoryPage) -> None:
        """Show what the table answered."""
        if isinstance(page, LoveMapPage):
            self.show_page(page)
        else:
            self.show_history(page)

    def show_page(self, page: LoveMapPage) -> None:
        subject = page.subject
        dims = self.query_one(f"#dims-{subject}", DataTable)
        entries = self.query_one(f"#entries-{subject}", OptionList)
        if page.offset == 0:
            dims.clear()
            for row in page.dimensions:
                dims.add_row(
                    row.dimension,
                    f"{row.known}/{row.total}",
                    str(row.fresh),
                    str(row.stale),
                    f"{row.in_sync}/{row.out_of}" if row.in_sync is not None and row.out_of else "—",
                )
            entries.clear_options()
        shown = {entries.get_option_at_index(i).id for i in range(entries.option_count)}
        entries.add_options(
            Option(
                Content.assemble(
                    entry.question, "\n  ", (entry.answer, "bold"), (f" · {entry.since} · {entry.state}", "dim")
                ),
                id=entry.question_id,
            )
            for entry in page.entries
            if entry.question_id not in shown
        )
        self.next_offset[subject] = page.next_offset
        history = self.query_one(f"#history-{subject}", Static)
        if not page.total:
            history.update(Content("Nothing revealed yet: play a game."))
        elif page.offset == 0:
            more = f" ({page.total} answers)" if page.next_offset is not None else ""
            history.update(Content(f"Pick an answer to see its history{more}."))

    def show_history(self, page: HistoryPage) -> None:
        lines = [f"{page.question} ({page.total} answer{'s' * (page.total != 1)}):"]
        for row in page.answers:
            lines.append(f"  {row.answer}: from {row.given}, last confirmed {row.confirmed}")
        if len(page.answers) < page.total:
            lines.append(f"  …and {page.total - len(page.answers)} older")
        self.query_one(f"#history-{page.subject}", Static).update(Content("\n".join(lines)))

    # ------------------------------------------------------------ moving

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        list_id = event.option_list.id or ""
        if not list_id.startswith("entries-") or event.option.id is None:
            return
        subject = int(list_id.rsplit("-", 1)[1])
        self.ask(HistoryAsk(subject=1 if subject else 0, question_id=event.option.id))
        next_offset = self.next_offset[subject]
        if next_offset is not None and event.option_index >= event.option_list.option_count - 5:
            self._ask_page(subject, next_offset)  # the next page, before the end is reached
