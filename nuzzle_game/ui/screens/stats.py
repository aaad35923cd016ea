"""Stats: accuracy per dimension over time, calibration, discoveries."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Sparkline, Static

from ...models import Dimension
from ...scoring import MIN_ROUNDS_FOR_DIMENSION_LABEL, MIN_ROUNDS_FOR_LABEL
from ...text import percent
from ...unlocks import visibility


class StatsScreen(Screen[None]):
    CSS_PATH = "review.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        state = self.app.session.state
        # Without a sensitive deck's rounds while it is switched off.
        self.aggregates = aggregates = visibility(self.app.library.decks, state.couple).aggregates(
            state.aggregates, state.love_maps, self.app.profile.games, state.active_game
        )
        names = [p.name for p in state.couple.players]
        total = aggregates.total
        yield Header()
        with VerticalScroll(classes="page", id="stats"):
            yield Static("Stats", classes="title")
            yield Static(
                f"{aggregates.games} games · {total.rounds} rounds · in sync "
                f"{percent(total.in_sync_rate)} · "
                f"{aggregates.discoveries} discoveries · {aggregates.outdated} outdated pictures · "
                f"{aggregates.projections} projections",
                classes="lede",
            )
            yield Label("Accuracy by month (each bar a month)", classes="section")
            months = self.app.profile.months()  # stats over the years, from the archive
            if months:
                yield Static(f"{months[0].key} … {months[-1].key}", classes="muted")
            for dimension in (None, *Dimension):
                series = [v for _, v in aggregates.trend(dimension, months)]
                with Horizontal(classes="trend"):
                    yield Label(dimension.value if dimension else "all", classes="trend-label")
                    yield Sparkline(series or [0], classes="spark", summary_function=max)
                    yield Label(percent(series[-1]) if series else "—", classes="trend-value")
            with Horizontal(classes="trend"):
                yield Label("discoveries", classes="trend-label")
                yield Sparkline([n for _, n in aggregates.discoveries_trend(months)] or [0], classes="spark")
                yield Label(str(aggregates.discoveries), classes="trend-value")
            yield Label("Calibration: how sure each of you was, against how right", classes="section")
            yield DataTable(id="calibration", cursor_type="none")
        yield Footer()

    def on_mount(self) -> None:
        state = self.app.session.state
        names = [p.name for p in state.couple.players]
        table = self.query_one("#calibration", DataTable)
        table.add_columns("Guesser", "Dimension", "Rounds", "Accuracy", "Brier", "Calibration")
        for index, stats in enumerate(self.aggregates.players):
            rows = [("overall", stats.overall, MIN_ROUNDS_FOR_LABEL)]
            rows += [(d.value, stats.dimension(d), MIN_ROUNDS_FOR_DIMENSION_LABEL) for d in Dimension]
            for label, tally, minimum in rows:
                table.add_row(
                    Text(names[index]), label, str(tally.rounds), percent(tally.accuracy),
                    "—" if tally.brier is None else f"{tally.brier:.2f}",
                    tally.calibration(minimum) or "too few rounds yet",
                )
