"""Stats: how in sync you are, month by month, what you found, and how sure you were.

One figure says how well: the share of rounds in sync. The rest is said in plain
words (in sync / close / new on your map, DESIGN §4). Every chart plots a share of
rounds on the same scale, 0% to 100%, and says so; the month not over yet is
drawn faint and named.
"""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from nuzzle_game.core.models import Outcome
from nuzzle_game.core.overview import calibration_rows
from nuzzle_game.core.questions import Dimension
from nuzzle_game.core.scoring import MIN_ROUNDS_FOR_DIMENSION_LABEL, MIN_ROUNDS_FOR_LABEL
from nuzzle_game.core.stats import Period, Tally
from nuzzle_game.core.text import percent
from nuzzle_game.core.unlocks import visibility
from nuzzle_game.ui.screens.base import NuzzleScreen
from nuzzle_game.ui.widgets.bars import FILL, HALF, bar
from nuzzle_game.ui.widgets.charts import month_strip, share_columns
from nuzzle_game.ui.widgets.footer import Footer

LABEL = 13  # the width of a row label ("experiential" and a space)
VALUE = 5  # " 100%"
PAGE = 4 + 2  # the page's padding, and room for its scrollbar


def count(n: int) -> str:
    return f"{n:,}"


def times(n: int) -> str:
    return "not yet" if n == 0 else "once" if n == 1 else f"{n:,} times"


def things(n: int, word: str, words: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (words or word + 's')}"


def in_sync_share(tally: Tally | None) -> float | None:
    return tally.in_sync / tally.rounds if tally and tally.rounds else None


def new_share(tally: Tally | None) -> float | None:
    return tally.discoveries / tally.rounds if tally and tally.rounds else None


class StatsScreen(NuzzleScreen[None]):
    CSS_PATH = "review.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        state = self.session.state
        # Without a sensitive deck's rounds while it is switched off.
        self.aggregates = aggregates = visibility(self.app.library.decks, state.couple).aggregates(
            state.aggregates, state.love_maps, self.profile.games, state.active_game
        )
        # Every month over the years: the archive's and the recent ones (a recount
        # without hidden rounds holds them all already).
        self.months = aggregates.months if aggregates is not state.aggregates else self.profile.months()
        self.now: datetime = self.app.config.clock()
        total = aggregates.total
        yield Header()
        with VerticalScroll(classes="page", id="stats"):
            yield Static("Stats", classes="title")
            yield Static(self.headline(), classes="headline", id="headline")
            yield Static(self.in_words(), id="in-words")
            if not self.months:
                yield Static("Play a game and your charts start here.", classes="muted")
            else:
                yield Static("In sync, month by month", classes="section")
                yield Static("", id="in-sync-legend", classes="muted")
                yield Static("", id="accuracy-chart")
                yield Static("New on your map, month by month", classes="section")
                yield Static("", id="discoveries-legend", classes="muted")
                yield Static("", id="discoveries-chart")
            if total.rounds:
                yield Static("How sure you were, and how close you came", classes="section")
                yield Static("", id="calibration-legend", classes="muted")
                yield Static("", id="calibration")
        yield Footer()

    def on_mount(self) -> None:
        self.draw()
        self.query_one("#stats").focus()  # the arrows and Page keys scroll it

    def on_resize(self) -> None:
        self.draw()

    def draw(self) -> None:
        """The charts at the width there is now (one column a month, as many as fit)."""
        width = max(40, self.size.width - PAGE)
        if self.months:
            self.query_one("#accuracy-chart", Static).update(self.in_sync_chart(width))
            self.query_one("#in-sync-legend", Static).update(self.in_sync_legend(width))
            self.query_one("#discoveries-chart", Static).update(self.discoveries_chart(width))
            self.query_one("#discoveries-legend", Static).update(
                "Each month's rounds new on your map, on the same scale: 0% to 100%."
            )
        if self.aggregates.total.rounds:
            self.query_one("#calibration-legend", Static).update(self.calibration_legend())
            self.query_one("#calibration", Static).update(self.calibration(width))

    # ------------------------------------------------------------ words

    def headline(self) -> Content:
        total = self.aggregates.total
        if not total.rounds:
            return Content("No round played yet.")
        return Content.assemble(
            (f"{Outcome.IN_SYNC.value.capitalize()} in {percent(in_sync_share(total))}", "bold $text-accent"),
            f" of your {things(total.rounds, 'round')}",
        )

    def in_words(self) -> str:
        a = self.aggregates
        t = a.total
        if not t.rounds:
            return "Your first game starts the count."
        return (
            f"{things(a.games, 'game')}: {count(t.in_sync)} {Outcome.IN_SYNC.value}, {count(t.close)} "
            f"{Outcome.CLOSE.value} (almost), {count(t.discoveries)} {Outcome.MISS.value}.\n"
            f"You were right before, it changed since: {times(a.outdated)}.\n"
            f"Guessed their own answer: {times(a.projections)}."
        )

    # ------------------------------------------------------------ charts

    def months_shown(self, width: int) -> list[Period]:
        room = width - LABEL - VALUE
        return self.months[-room:]

    def partial(self, months: list[Period]) -> bool:
        """Whether the last month shown is this one, not over yet."""
        return bool(months) and months[-1].key == self.now.strftime("%Y-%m")

    def axis(self, months: list[Period], indent: int = LABEL) -> Content:
        # The axis names the months its columns plot, as saved: a month label is
        # not a "since", and capping it at now would mislabel the columns.
        first, last = months[0].key, months[-1].key
        if len(months) < len(first) + len(last) + 2:
            return Content.styled(" " * indent + (first if first == last else f"{first}…{last}"), "$text-muted")
        gap = len(months) - len(first) - len(last)
        return Content.styled(" " * indent + first + " " * gap + last, "$text-muted")

    def in_sync_legend(self, width: int) -> str:
        months = self.months_shown(width)
        span = "this month" if len(months) == 1 else f"the last {len(months)} months"
        text = f"Each month's rounds in sync ({span}), from 0% _ to 100% █; · none played. At the right: all time."
        if self.partial(months):
            text += f" Faint: {months[-1].key}, this month so far."
        return text

    def in_sync_chart(self, width: int) -> Content:
        months = self.months_shown(width)
        partial = self.partial(months)
        players = self.aggregates.players
        lines = []
        for dimension in (None, *Dimension):
            if dimension is None:
                values = [in_sync_share(m.total) for m in months]
                overall = in_sync_share(self.aggregates.total)
            else:
                values = [in_sync_share(m.by_dimension.get(dimension)) for m in months]
                both = Tally()
                for player in players:
                    both.merge(player.dimension(dimension))
                overall = in_sync_share(both)
            name = dimension.value if dimension else "all"
            strip = month_strip(values, partial_last=partial)
            lines.append(Content.assemble(f"{name:<{LABEL}}", strip, f"{percent(overall):>{VALUE}}"))
        lines.append(self.axis(months))
        return Content("\n").join(lines)

    def discoveries_chart(self, width: int) -> Content:
        months = self.months_shown(width)
        rows = share_columns([new_share(m.total) for m in months], 4, partial_last=self.partial(months))
        marks = {0: "100% ┤", len(rows) - 1: "0% ┤"}
        labelled = [
            Content.assemble((f"{marks.get(i, '┤'):>{LABEL}}", "$text-muted"), row) for i, row in enumerate(rows)
        ]
        labelled.append(self.axis(months))
        return Content("\n").join(labelled)

    # ------------------------------------------------------------ calibration

    def calibration_legend(self) -> Content:
        return Content.assemble(
            "Both bars run from 0% to 100%: ",
            (HALF, "$secondary"),
            " how sure you said you were, ",
            (FILL, "$success"),
            " how close your guesses came on average (in sync counts fully, close about half).",
        )

    def calibration(self, width: int) -> Content:
        names = [p.name for p in self.session.state.couple.players]
        size = 6 if width < 70 else 12
        lines = []
        for index, name in enumerate(names):
            if index:
                lines.append(Content(""))
            lines.append(Content.styled(f"{name} as the guesser", "bold"))
            for row in calibration_rows(self.aggregates, index):
                minimum = MIN_ROUNDS_FOR_LABEL if row.label == "overall" else MIN_ROUNDS_FOR_DIMENSION_LABEL
                stats = self.aggregates.players[index]
                tally = stats.overall if row.label == "overall" else stats.dimension(Dimension(row.label))
                verdict = tally.calibration(minimum) or "too few rounds yet"
                lines.append(
                    Content.assemble(
                        f"{row.label:<{LABEL}}",
                        bar([(row.sure or 0, HALF, "$secondary")], 1.0, size),
                        f"{percent(row.sure):>{VALUE}} ",
                        bar([(row.right or 0, FILL, "$success")], 1.0, size),
                        f"{percent(row.right):>{VALUE}}  ",
                        (verdict, "$text-muted"),
                    )
                )
        return Content("\n").join(lines)
