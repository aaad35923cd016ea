"""Decks: open, locked (with what unlocks them and how close), broken; and for the
deck under the cursor, what it is about and one of its questions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from nuzzle_game.core.decks import Deck
from nuzzle_game.core.models import Couple
from nuzzle_game.core.questions import Question
from nuzzle_game.core.situation import applicable_tags, applies
from nuzzle_game.core.state import ProfileState
from nuzzle_game.core.text import day, plural
from nuzzle_game.core.unlocks import due, fits, is_available, progress
from nuzzle_game.ui.screens.base import NuzzleScreen
from nuzzle_game.ui.widgets.bars import share_bar
from nuzzle_game.ui.widgets.footer import Footer

# Who a situational tag is for, to say why a deck does not open for a couple.
FOR_TAG = {
    "pets": "an animal",
    "kids": "children",
    "work": "a job",
    "shared_home": "a shared home",
    "living_apart": "homes apart",
}


def sample_question(deck: Deck, couple: Couple) -> Question | None:
    """One question to show what a deck asks: the lightest that fits the couple
    (never a sensitive deck's unless both opted in)."""
    if deck.sensitive and not couple.both_opted_in:
        return None
    tags = [applicable_tags(couple.situation, player) for player in (0, 1)]
    fitting = [q for q in deck.questions if any(applies(q, own) for own in tags)] or deck.questions
    return min(fitting, key=lambda q: q.depth)


def why_not(deck: Deck) -> str:
    """Why a deck does not open for this couple: whom its questions are for."""
    tags = sorted({tag for q in deck.questions for tag in q.tags})
    whom = " or ".join(FOR_TAG.get(tag, tag) for tag in tags)
    return f"for couples with {whom}: your situation is in Settings"


def deck_lines(deck: Deck, state: ProfileState, now_text: dict[str, str], ready: list[str]) -> Content:
    """A deck's two lines in the list: title, size and status; then how it opens."""
    couple = state.couple
    step = progress(deck, state.aggregates, couple)
    muted = "$text-muted"
    if is_available(deck, state.unlocked_ids, couple):
        status = ("open", "$text-success")
        detail = Content.styled(f"   {now_text.get(deck.id, step.text)}", muted)
    elif deck.sensitive:
        # Never a count of who said yes: each partner's choice stays private.
        status = ("needs both opt-ins", "$text-warning")
        detail = Content.styled("   opens when both of you say yes, each in private (Settings)", muted)
    elif not fits(deck, couple):
        status = ("not for you now", muted)
        detail = Content.styled(f"   {why_not(deck)}", muted)
    elif deck.id in ready:
        first = deck.id == ready[0]
        status = ("opens next", "$text-success") if first else ("ready", "$text-primary")
        when = "opens at your next game or check-in" if first else "waits its turn: one deck opens a game"
        detail = Content.assemble("   ", share_bar(1.0, 10), (f" {step.text} · {when}", muted))
    else:
        status = ("locked", "$text-warning")
        detail = Content.assemble("   ", share_bar(step.share, 10), (f" {step.text}", muted))
    head = Content.assemble((deck.title, "bold"), f" · {plural(len(deck.questions), 'question')} · ", status)
    return Content("\n").join([head, detail])


class DecksScreen(NuzzleScreen[None]):
    CSS_PATH = ["review.tcss", "decks.tcss"]
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="page"):
            yield Static("Decks", classes="title")
            yield Static("", id="decks-lede", classes="muted")
            yield OptionList(id="deck-list", compact=True)
            with VerticalScroll(id="deck-detail"):
                yield Static("", id="description")
                yield Static("", id="sample")
        yield Footer()

    def on_mount(self) -> None:
        session = self.session
        state = session.state
        aggregates = state.aggregates
        self.query_one("#decks-lede", Static).update(
            f"{plural(aggregates.days_played or 0, 'day')} played. Decks open one at a time as you play."
        )
        listing = self.query_one("#deck-list", OptionList)
        now = self.app.config.clock()
        unlocked_at = {u.deck_id: f"unlocked {day(u.at, now)}" for u in state.unlocks}
        decks = session.library.decks
        ready = [d.id for d in due(decks, aggregates, state.couple, state.unlocked_ids)]
        for deck in decks:
            listing.add_option(Option(deck_lines(deck, state, unlocked_at, ready), id=deck.id))
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
        deck = self.session.library.deck(event.option.id or "")
        description, sample = self.query_one("#description", Static), self.query_one("#sample", Static)
        if deck is None:
            description.update("A deck file that could not be read: `nuzzle decks validate` says why.")
            sample.update("")
            return
        description.update(Content(deck.description))
        question = sample_question(deck, self.session.state.couple)
        if question is None:
            sample.update(Content.styled("Its questions show once both of you have opted in.", "$text-muted"))
        else:
            sample.update(Content.assemble(("For example: ", "bold"), (question.text, "italic")))
