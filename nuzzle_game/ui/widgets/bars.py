"""Horizontal bars drawn in text, every one on the scale it is given."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from nuzzle_game.core.overview import bar_cells

FILL = "█"
HALF = "▒"
EMPTY = "·"


def bar(parts: Sequence[tuple[int | float, str, str]], whole: float, width: int) -> Content:
    """One bar of ``width`` cells for ``whole``: each part is (amount, glyph, style).

    The rest of the bar is drawn as faint dots, so an empty bar still shows its
    length and bars drawn with the same ``whole`` and ``width`` compare.
    """
    scale = 1000
    amounts = [round(scale * p[0] / whole) if whole else 0 for p in parts]
    cells = bar_cells(amounts, scale, width)
    pieces: list[tuple[str, str] | str] = [(glyph * n, style) for n, (_, glyph, style) in zip(cells, parts) if n]
    rest = width - sum(cells)
    if rest:
        pieces.append((EMPTY * rest, "$text-muted"))
    return Content.assemble(*pieces)


def share_bar(value: float | None, width: int, style: str = "$accent") -> Content:
    """A 0–100% bar; nothing known is drawn as an empty bar."""
    return bar([(value or 0.0, FILL, style)], 1.0, width)
