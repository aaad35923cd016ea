"""Things that changed: after a game, or across games from the menu.

Across games it is a list to talk about (DESIGN §5), not a log: what is new since
the couple last looked comes first, then what is still to talk about; a change
marked *we talked about it* goes to a folded group at the bottom. Each change is
one item of a list: the arrows move, Space marks it (the Footer says so).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from nuzzle_game.core.models import Discovery, PlayerIndex
from nuzzle_game.core.overview import newest_entries
from nuzzle_game.core.questions import Question
from nuzzle_game.core.talk import TalkList, mark_talked, note_looked, talk_list, talked_about
from nuzzle_game.core.text import ago, format_answer
from nuzzle_game.core.unlocks import visibility
from nuzzle_game.ui.screens.base import NuzzleScreen
from nuzzle_game.ui.widgets.footer import Footer
from nuzzle_game.ui.widgets.hanging import Hanging, Line

if TYPE_CHECKING:
    from nuzzle_game.core.state import ProfileState

CHANGE = "change:"  # an option's id: "change:<subject>:<question id>"
FOLD = "fold"  # the talked-about group's heading: Enter folds and unfolds it
MARKS = {"new": ("✦", "bold $text-accent"), "waiting": ("○", ""), "talked": ("✓", "bold $text-success")}


def change_id(d: Discovery) -> str:
    return f"{CHANGE}{d.subject}:{d.question_id}"


class ChangesScreen(NuzzleScreen[None]):
    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("space", "talked(True)", "We talked about it"),
        Binding("space", "talked(False)", "Not talked yet"),
        Binding("f", "fold", "Talked about: show", show=False),
    ]

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
        # Across games: the list to talk about, made again after each mark.
        self.grouped: Callable[[], TalkList] | None = None
        self.folded = True
        self.now: Callable[[], datetime] | None = None

    @classmethod
    def across_games(cls, app) -> ChangesScreen:
        session = app.session
        library = app.library
        state = session.state
        now = app.config.clock

        def follow_up(question_id: str) -> str | None:
            question = library.question(question_id)
            return question.follow_up if question else None

        shown = visibility(library.decks, state.couple)  # a sensitive deck's answers only while both opt in
        looked = state.aggregates.changes_seen_at
        players = state.couple.players
        screen = cls(
            [],
            "Things that changed",
            (players[0].name, players[1].name),
            library.question,
            "No answer has changed since it was last asked, yet. When one of you answers a "
            "question differently from before, it shows here with the old answer and when it was given.",
        )
        screen.grouped = lambda: talk_list(
            shown.love_maps(state.love_maps), session.question_text, follow_up, looked, now()
        )
        screen.now = now
        screen.newest = newest_entries(shown.love_maps(state.love_maps), session.question_text, limit=8)
        return screen

    # ------------------------------------------------------------ state

    @property
    def state(self) -> ProfileState | None:
        """The couple's saved state when this app holds it (hot seat): marks are
        kept there. A seat of two screens holds none, and shows no marks."""
        profile = getattr(self.app, "profile", None)
        return profile.state if profile is not None else None

    def clock(self) -> datetime:
        if self.now is not None:
            return self.now()
        return self.app.config.clock()

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="page", id="changes"):
            yield Static(self.heading, classes="title")
            yield Static("", id="changes-lede", classes="lede")
            yield OptionList(id="changes-list", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.fill()
        if self.grouped is not None and (state := self.state) is not None:
            note_looked(state, self.clock())  # what changes after now is new next time
            self.save(quiet=True)
        self.query_one("#changes-list", OptionList).focus()

    def fill(self, keep: str | None = None) -> None:
        """Fill the list; highlight ``keep`` (an option id) if it is still there."""
        menu = self.query_one("#changes-list", OptionList)
        options = self.options()
        menu.clear_options()
        menu.add_options(options)
        lede, text = self.query_one("#changes-lede", Static), self.lede()
        lede.update(text)
        lede.display = bool(text)
        ids = [o.id for o in options if isinstance(o, Option) and not o.disabled and o.id]
        if ids:
            menu.highlighted = menu.get_option_index(keep if keep in ids else ids[0])
        self.refresh_bindings()

    def lede(self) -> str:
        if self.state is None or not self.has_changes():
            return ""
        return "Talk about these together; Space marks one you did."

    def has_changes(self) -> bool:
        return bool(self.discoveries) if self.grouped is None else bool(len(self.grouped()))

    def options(self) -> list[Option | None]:
        if self.grouped is None:
            return self.game_options()
        talk = self.grouped()
        if not len(talk):
            return self.empty_options()
        out: list[Option | None] = []
        new_heading = "New since you last looked" if talk.looked else "New in the last two weeks"
        for group, heading, items in (
            ("new", new_heading, talk.new),
            ("waiting", "Still to talk about", talk.waiting),
        ):
            if items:
                out.append(
                    Option(Content.styled(f"{heading} ({len(items)})", "bold"), id=f"head:{group}", disabled=True)
                )
                for d in items:
                    out.extend((self.item(d, group), None))
        if talk.talked:
            sign = "▸" if self.folded else "▾"
            hint = "Enter shows them" if self.folded else "Enter folds them"
            out.append(
                Option(
                    Content.assemble(
                        (f"{sign} Talked about ({len(talk.talked)})", "bold"), (f"  {hint}", "$text-muted")
                    ),
                    id=FOLD,
                )
            )
            if not self.folded:
                for d in talk.talked:
                    out.extend((None, self.item(d, "talked")))
        return out

    def game_options(self) -> list[Option | None]:
        if not self.discoveries:
            return self.empty_options()
        state = self.state
        return [
            self.item(d, "talked" if state is not None and talked_about(state, d.subject, d.question_id) else "waiting")
            for d in self.discoveries
        ]

    def empty_options(self) -> list[Option | None]:
        out: list[Option | None] = [Option(Content(self.empty), id="empty", disabled=True)]
        if self.newest:
            out.append(Option(Content.styled("Newest on your maps", "bold"), id="head:newest", disabled=True))
            out.extend(Option(self.describe(d), id=f"newest:{d.subject}:{d.question_id}") for d in self.newest)
        return out

    def item(self, d: Discovery, group: str) -> Option:
        return Option(self.describe(d, MARKS[group]), id=change_id(d))

    def describe(self, d: Discovery, mark: tuple[str, str] | None = None) -> Hanging:
        subject, partner = self.names[d.subject], self.names[1 - d.subject]
        question = self.question(d.question_id)
        when = ago(d.at, self.clock()) if self.grouped is not None else None
        head = Content.assemble(
            *((mark[0], mark[1]), " ") if mark else (),
            (f"{subject} · {d.dimension.value}", "bold"),
            (f" · changed {when}", "$text-muted") if when and d.previous_answer is not None else "",
        )
        lines = [Line(head, 0, 2), Line(Content(d.question_text), 2, 0)]

        def detail(label: str, text: str, hang: int | None = None) -> None:
            lines.append(Line(Content.assemble((label, "$text-muted"), text), 2, len(label) if hang is None else hang))

        if d.previous_answer is not None and d.previous_at is not None:
            detail("was: ", f"{format_answer(question, d.previous_answer)} ({ago(d.previous_at, d.at)})")
        detail("now: ", format_answer(question, d.new_answer))
        if d.guess is not None:
            detail(f"{partner} guessed: ", format_answer(question, d.guess), 4)
        if d.outdated_since is not None:
            lines.append(
                Line(f"{partner} was right {ago(d.outdated_since, d.at)}: an older picture of {subject}.", 2, 2)
            )
        if d.projection:
            lines.append(Line(f"That was {partner}'s own answer.", 2, 2))
        if d.follow_up:
            detail("Talk about it: ", d.follow_up, 2)
        return Hanging(lines)

    # ------------------------------------------------------------ keys

    def highlighted_id(self) -> str | None:
        menu = self.query_one("#changes-list", OptionList)
        if menu.highlighted is None:
            return None
        return menu.get_option_at_index(menu.highlighted).id

    def on_option_list_option_highlighted(self, _: OptionList.OptionHighlighted) -> None:
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == FOLD:
            self.action_fold()
        elif (event.option.id or "").startswith(CHANGE):
            self.toggle()

    def highlighted_change(self) -> tuple[PlayerIndex, str] | None:
        """Whose answer to which question the highlighted change is, when marks can be kept."""
        key = self.highlighted_id() or ""
        if self.state is None or not key.startswith(CHANGE):
            return None
        subject, question_id = key.removeprefix(CHANGE).split(":", 1)
        return (0 if subject == "0" else 1), question_id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "talked":
            change, state = self.highlighted_change(), self.state
            return change is not None and state is not None and talked_about(state, *change) is not parameters[0]
        if action == "fold":
            return self.grouped is not None
        return True

    def toggle(self) -> None:
        change, state = self.highlighted_change(), self.state
        if change is not None and state is not None:
            self.action_talked(not talked_about(state, *change))

    def action_talked(self, talked: bool) -> None:
        """Mark the highlighted change as talked about (or not), and save it."""
        change, state = self.highlighted_change(), self.state
        if change is None or state is None:
            return
        subject, question_id = change
        entry = state.love_maps[subject].entries.get(question_id)
        if entry is None:
            return
        before = entry.talked_at
        mark_talked(state, subject, question_id, talked, self.clock())
        if not self.save():
            entry.talked_at = before
            return
        # The cursor goes on to the change after the one marked, which left its place.
        key = self.highlighted_id()
        ids = [o.id for o in self.query_one("#changes-list", OptionList).options if not o.disabled]
        after = ids[ids.index(key) + 1] if key in ids and ids.index(key) + 1 < len(ids) else None
        self.fill(keep=key if self.grouped is None else (after or key))

    def action_fold(self) -> None:
        self.folded = not self.folded
        self.fill(keep=FOLD)

    def save(self, quiet: bool = False) -> bool:
        from nuzzle_game.store.errors import SaveError

        try:
            self.app.profile.save_state()  # type: ignore[union-attr]
        except SaveError as problem:
            if not quiet:
                self.app.report(problem)
            return False
        return True
