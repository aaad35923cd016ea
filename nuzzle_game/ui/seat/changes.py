"""Things that changed, at a seat: the answers that changed since they were last
asked, newest first, as the table sends them page by page. Read-only."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from nuzzle_game.core.models import PlayerIndex
from nuzzle_game.table.review_messages import ChangeRow, ChangesAsk, ChangesPage
from nuzzle_game.ui.widgets.footer import Footer

EMPTY = (
    "No answer has changed since it was last asked, yet. When one of you answers a question "
    "differently from before, it shows here with the old answer and when it was given."
)


def describe(row: ChangeRow, names: tuple[str, str], seat: int) -> str:
    """One change as a few lines: whose, the question, was, now, what to talk about."""
    subject = names[row.subject] + (" (you)" if row.subject == seat else "")
    lines = [f"{subject} · {row.dimension}: {row.question}"]
    if row.was is not None:
        lines.append(f"  was: {row.was}" + (f" ({row.was_when})" if row.was_when else ""))
    lines.append(f"  now: {row.now}")
    if row.follow_up:
        lines.append(f"  Talk about it: {row.follow_up}")
    return "\n".join(lines)


class SeatChangesScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back"), Binding("m", "more", "More", show=False)]

    def __init__(self, seat: PlayerIndex, names: tuple[str, str], ask: Callable[[BaseModel], None]) -> None:
        super().__init__()
        self.seat, self.names, self.ask = seat, names, ask
        self.next_offset: int | None = None
        self.asked: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(classes="page", id="changes"):
            yield Static("Answers that changed over time", classes="title")
            yield Static(Content("Asking the table…"), classes="muted change", id="note")
        yield Footer()

    def on_mount(self) -> None:
        self._ask(0)

    def _ask(self, offset: int) -> None:
        if self.asked == offset:
            return
        self.asked = offset
        self.ask(ChangesAsk(offset=offset))

    def show_page(self, page: ChangesPage) -> None:
        scroll = self.query_one("#changes", VerticalScroll)
        if page.offset == 0:
            for old in scroll.query(".change, .section, #more"):
                if old.id != "note":
                    old.remove()
        else:
            for button in scroll.query("#more"):
                button.remove()
        note = self.query_one("#note", Static)
        if page.total:
            note.update(Content(f"{page.total} answer{'s' * (page.total != 1)} changed, newest first."))
        else:
            note.update(Content(EMPTY))
        widgets: list[Static | Button] = [
            Static(Content(describe(row, self.names, self.seat)), classes="change") for row in page.changes
        ]
        if page.newest:
            widgets.append(Static("Newest on your maps", classes="section"))
            widgets += [Static(Content(describe(row, self.names, self.seat)), classes="change") for row in page.newest]
        self.next_offset = page.next_offset
        if page.next_offset is not None:
            shown = page.next_offset
            widgets.append(Button(Content(f"m  More ({shown} of {page.total} shown)"), id="more", compact=True))
        scroll.mount_all(widgets)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "more":
            self.action_more()

    def action_more(self) -> None:
        if self.next_offset is not None:
            self._ask(self.next_offset)
