"""Decks: open, locked (with what unlocks them and how close), broken."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from nuzzle_game.core.text import day, plural
from nuzzle_game.core.unlocks import is_available, progress
from nuzzle_game.ui.screens.base import NuzzleScreen
from nuzzle_game.ui.widgets.bars import share_bar


class DecksScreen(NuzzleScreen[None]):
    CSS_PATH = "review.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="page"):
            yield Static("Decks", classes="title")
            yield OptionList(id="deck-list", compact=True)
            yield Static("", id="description", classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        session = self.session
        state = session.state
        listing = self.query_one("#deck-list", OptionList)
        unlocked_at = {u.deck_id: u.at for u in state.unlocks}
        now = self.app.config.clock()
        for deck in session.library.decks:
            step = progress(deck, state.aggregates, state.couple)
            questions = plural(len(deck.questions), "question")
            if is_available(deck, state.unlocked_ids, state.couple):
                status = ("open", "$success")
                since = (
                    f" · unlocked {day(unlocked_at[deck.id], now)}"
                    if deck.id in unlocked_at and not deck.sensitive
                    else ""
                )
                detail = Content.styled(f"   {step.text if not since else since[3:]}", "$text-muted")
            elif deck.sensitive:
                # Never a count of who said yes: each partner's choice stays private.
                status = ("needs both opt-ins", "$warning")
                detail = Content.styled("   opens when both of you say yes, each in private (Settings)", "$text-muted")
            else:
                status = ("locked", "$warning")
                share = min(1.0, step.current / step.target) if step.target else 0.0
                detail = Content.assemble("   ", share_bar(share, 10), (f" {step.text}", "$text-muted"))
            head = Content.assemble((deck.title, "bold"), f" · {questions} · ", status)
            listing.add_option(Option(Content("\n").join([head, detail]), id=deck.id))
        for broken in session.library.broken:
            head = Content.assemble((broken.path.name, "bold"), " · ", ("broken", "$error"))
            listing.add_option(
                Option(
                    Content("\n").join([head, Content.styled(f"   {broken.reason}", "$text-muted")]),
                    id=f"broken:{broken.path}",
                )
            )
        if listing.option_count:
            listing.highlighted = 0

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        deck = self.app.library.deck(event.option.id or "")
        self.query_one("#description", Static).update(Content(deck.description) if deck else "")
