"""The Footer, made again only when what it shows changes.

Textual's Footer makes all its keys again (new widgets, styled anew) each time
the screen's bindings may have changed: every move of the focus, every key that
refreshes them. Most of the time it would show the same keys. This one compares
what it would show with what it shows, and keeps its keys when they are the
same: a key pressed on a round screen no longer rebuilds the footer under it.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter

Shown = tuple[tuple[object, ...], ...]


def shown(screen: Screen[object]) -> Shown:
    """What a footer at the bottom of ``screen`` shows now: each binding shown, as
    it is drawn (its key, words, whether it is enabled, its tooltip and group)."""
    return tuple(
        (key, binding.action, binding.description, binding.key_display, enabled, tooltip, binding.group)
        for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
        if binding.show
    )


class Footer(TextualFooter):
    """Textual's Footer, recomposed only when the keys it shows change, and showing
    its first keys even before the app has the focus."""

    _shown: Shown | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        # Textual's Footer waits for the app to have the focus. A browser seat
        # starts without it (Textual's web driver posts a blur at start) and gets
        # it when its page says so; on a slow machine that focus can arrive before
        # the blur, and the footer stayed empty until the player's first key or
        # click. Its first keys are shown at once; later changes wait for the focus.
        self._bindings_ready = True
        if not (self.is_attached and screen is self.screen):
            return
        if not screen.app.app_focus and self._shown is not None:
            return
        now = shown(screen)
        if now == self._shown:
            return
        self._shown = now
        self.call_after_refresh(self.recompose)
