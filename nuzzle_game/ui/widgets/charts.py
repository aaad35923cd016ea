"""Small text charts on fixed, stated scales (never scaled row by row)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from nuzzle_game.ui.widgets.bars import EMPTY

LEVELS = " ▁▂▃▄▅▆▇█"


def level(value: float) -> str:
    """A 0–1 share as one cell: empty at 0%, a full block at 100%."""
    return LEVELS[max(0, min(8, round(value * 8)))]


def month_strip(values: Sequence[float | None], style: str = "$accent") -> Content:
    """One cell per month on the 0–100% scale; a faint dot where nothing was played."""
    pieces: list[tuple[str, str]] = []
    for v in values:
        if v is None:
            pieces.append((EMPTY, "$text-muted"))
        else:
            # A 0% month still shows its baseline, so it is not mistaken for no play.
            pieces.append((level(v) if v > 0 else "_", style))
    return Content.assemble(*pieces)


def column_chart(counts: Sequence[int], height: int, style: str = "$warning") -> list[Content]:
    """Vertical bars, ``height`` rows tall, scaled to the largest count (shown on the axis)."""
    top = max(counts, default=0) or 1
    rows = []
    for row in range(height, 0, -1):
        cells = []
        for n in counts:
            filled = n / top * height  # in rows
            part = filled - (row - 1)
            cells.append(level(part) if 0 < part < 1 else ("█" if part >= 1 else " "))
        rows.append(Content.styled("".join(cells), style))
    return rows
