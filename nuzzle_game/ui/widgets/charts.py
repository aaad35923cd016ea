"""Small text charts on one fixed, stated scale: 0% to 100% (never scaled row by row)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from nuzzle_game.ui.widgets.bars import EMPTY

LEVELS = " ▁▂▃▄▅▆▇█"
FAINT = "$accent 45%"  # a month not over yet: its colour, faded


def level(value: float) -> str:
    """A 0–1 share as one cell: empty at 0%, a full block at 100%."""
    return LEVELS[max(0, min(8, round(value * 8)))]


def month_strip(values: Sequence[float | None], style: str = "$accent", partial_last: bool = False) -> Content:
    """One cell per month on the 0–100% scale; a faint dot where nothing was played.

    ``partial_last``: the last month is not over yet, and is drawn faint."""
    pieces: list[tuple[str, str]] = []
    for index, v in enumerate(values):
        cell_style = FAINT if partial_last and index == len(values) - 1 else style
        if v is None:
            pieces.append((EMPTY, "$text-muted"))
        else:
            # A 0% month still shows its baseline, so it is not mistaken for no play.
            pieces.append((level(v) if v > 0 else "_", cell_style))
    return Content.assemble(*pieces)


def share_columns(
    values: Sequence[float | None], height: int, style: str = "$accent", partial_last: bool = False
) -> list[Content]:
    """Vertical bars ``height`` rows tall on the 0–100% scale (the top row is 100%);
    a month without rounds is a faint dot on the baseline."""
    rows = []
    for row in range(height, 0, -1):
        pieces: list[tuple[str, str]] = []
        for index, v in enumerate(values):
            cell_style = FAINT if partial_last and index == len(values) - 1 else style
            if v is None:
                pieces.append((EMPTY if row == 1 else " ", "$text-muted"))
                continue
            part = v * height - (row - 1)  # how much of this row the bar fills
            if part >= 1:
                pieces.append(("█", cell_style))
            elif part > 0:
                pieces.append((level(part), cell_style))
            else:
                pieces.append(("_" if row == 1 and v == 0 else " ", cell_style))
        rows.append(Content.assemble(*pieces))
    return rows
