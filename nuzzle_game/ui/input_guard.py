"""Keys that arrive faster than screens change: every Nuzzle App drops input meant
for a round screen that has already answered, or that came before it was shown."""

from __future__ import annotations

from textual import events
from textual.app import App


class StaleInputGuard(App[object]):
    """Mixed in before an App (hot seat, a seat at a table, a partner's own seat)."""

    async def on_event(self, event: events.Event) -> None:
        """Checked on the way in and again when a key bubbles back up for the
        bindings: by then the screen on top may be a newer one."""
        if isinstance(event, (events.Key, events.MouseDown, events.MouseUp, events.Click)):
            from nuzzle_game.ui.screens.base import NuzzleModal

            screen = self.screen_stack[-1] if self.screen_stack else None
            if isinstance(screen, NuzzleModal) and screen.stale(event):
                return
        await super().on_event(event)
