"""Stats: accuracy per dimension by month, discoveries per month, calibration.

Every chart says what it plots, and every row of a chart shares one scale.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from nuzzle_game.core.overview import calibration_rows
from nuzzle_game.core.questions import Dimension
from nuzzle_game.core.scoring import MIN_ROUNDS_FOR_DIMENSION_LABEL, MIN_ROUNDS_FOR_LABEL
from nuzzle_game.core.text import percent, plural
from nuzzle_game.core.unlocks import visibility
from nuzzle_game.ui.screens.base import NuzzleScreen
from nuzzle_game.ui.widgets.bars import FILL, HALF, bar
from nuzzle_game.ui.widgets.charts import column_chart, month_strip

LABEL = 13  # the width of a row label


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
        total = aggregates.total
        width = max(40, self.app.size.width - 4)
        yield Header()
        with VerticalScroll(classes="page", id="stats"):
            yield Static("Stats", classes="title")
            yield Static(
                f"{plural(aggregates.games, 'game')} · {plural(total.rounds, 'round')} · in sync "
                f"{percent(total.in_sync_rate)} · "
                f"{plural(aggregates.discoveries, 'discovery', 'discoveries')} · "
                f"{plural(aggregates.outdated, 'outdated picture')} · "
                f"{plural(aggregates.projections, 'projection')}",
                classes="lede",
            )
            if not self.months:
                yield Static("Play a game and your charts start here.", classes="muted")
            else:
                yield from self.accuracy_chart(width)
                yield from self.discoveries_chart(width)
            yield from self.calibration_chart(width)
        yield Footer()

    def months_shown(self, width: int) -> list:
        room = width - LABEL - 6
        return self.months[-room:]

    def axis(self, months: list) -> Content:
        # The axis names the months its columns plot, as saved: a month label is
        # not a "since", and capping it at now would mislabel the columns.
        first, last = months[0].key, months[-1].key
        if len(months) < len(first) + len(last) + 2:
            return Content.styled(" " * LABEL + (first if first == last else f"{first}…{last}"), "$text-muted")
        gap = len(months) - len(first) - len(last)
        return Content.styled(" " * LABEL + first + " " * gap + last, "$text-muted")

    def accuracy_chart(self, width: int) -> ComposeResult:
        months = self.months_shown(width)
        yield Static("Accuracy per dimension, by month", classes="section")
        yield Static(
            f"One column a month ({'this month only' if len(months) == 1 else f'the last {len(months)} months'}). Each cell fills from "
            "0% (_) to 100% (█) on the same scale; · is a month without that dimension.",
            classes="muted",
        )
        lines = []
        for dimension in (None, *Dimension):
            values = [m.total.accuracy if dimension is None else m.accuracy(dimension) for m in months]
            latest = next((v for v in reversed(values) if v is not None), None)
            name = dimension.value if dimension else "all"
            lines.append(Content.assemble(f"{name:<{LABEL}}", month_strip(values), f" {percent(latest):>4}"))
        lines.append(self.axis(months))
        yield Static(Content("\n").join(lines), id="accuracy-chart")

    def discoveries_chart(self, width: int) -> ComposeResult:
        months = self.months_shown(width)
        counts = [m.total.discoveries for m in months]
        top = max(counts, default=0)
        yield Static("Discoveries per month", classes="section")
        rows = column_chart(counts, 4)
        labelled = [
            Content.assemble(f"{(str(top) if i == 0 else '0' if i == len(rows) - 1 else ''):>{LABEL - 2}} ┤", row)
            for i, row in enumerate(rows)
        ]
        labelled.append(self.axis(months))
        yield Static(Content("\n").join(labelled), id="discoveries-chart")

    def calibration_chart(self, width: int) -> ComposeResult:
        state = self.session.state
        names = [p.name for p in state.couple.players]
        size = 8 if width < 70 else 12
        yield Static("Calibration: how sure each of you was, against how right", classes="section")
        yield Static(
            Content.assemble(
                "Both bars run from 0% to 100%: ",
                ("▒", "$secondary"),
                " how sure (the confidence you gave), ",
                (FILL, "$success"),
                " how right (accuracy).",
            ),
            classes="muted",
        )
        lines = []
        for index, name in enumerate(names):
            lines.append(Content.styled(f"{name} as the guesser", "bold"))
            for row in calibration_rows(self.aggregates, index):
                minimum = MIN_ROUNDS_FOR_LABEL if row.label == "overall" else MIN_ROUNDS_FOR_DIMENSION_LABEL
                tally = (
                    self.aggregates.players[index].overall
                    if row.label == "overall"
                    else (self.aggregates.players[index].dimension(Dimension(row.label)))
                )
                verdict = tally.calibration(minimum) or "too few rounds yet"
                lines.append(
                    Content.assemble(
                        f"{row.label:<{LABEL}}",
                        bar([(row.sure or 0, HALF, "$secondary")], 1.0, size),
                        f" {percent(row.sure):>4}  ",
                        bar([(row.right or 0, FILL, "$success")], 1.0, size),
                        f" {percent(row.right):>4}  ",
                        (verdict, "$text-muted"),
                    )
                )
        yield Static(Content("\n").join(lines), id="calibration")
