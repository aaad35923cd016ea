"""The table while a game is on: a quiet backdrop under the round screens.

Round screens come and go on top of it. A key that lands between two of them
(an Enter typed with Ctrl+S) reaches this screen, which does nothing with it,
instead of the home menu underneath.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Header

from .base import NuzzleScreen


class PlayScreen(NuzzleScreen[None]):
    def compose(self) -> ComposeResult:
        yield Header()
