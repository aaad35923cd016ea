"""The reveal's headline: how the round went, in the biggest words on the screen.

``Moment`` plays a few frames (hearts when in sync, ripples when close, a warm
spark for a discovery) and settles on the headline; ``Headline`` is the same
words at once, for reduced motion. Neither takes focus nor holds up play.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from nuzzle_game.core.models import Outcome

# The CSS class of each outcome, on the headline and the box around it.
KIND = {Outcome.IN_SYNC: "in-sync", Outcome.CLOSE: "close", Outcome.MISS: "discovery"}

HEADLINE = {
    Outcome.IN_SYNC: "♥ ♥  In sync  ♥ ♥",
    Outcome.CLOSE: "≈  Close: almost, one nuance to learn  ≈",
    Outcome.MISS: "✦  New on your map  ✦",
}

FRAMES = {
    Outcome.IN_SYNC: ["♥", "♥ ♥", "♥ ♥ ♥", "♥ ♥  In sync  ♥ ♥"],
    Outcome.CLOSE: ["≈", "≈  ≈", "≈  Close  ≈", HEADLINE[Outcome.CLOSE]],
    Outcome.MISS: ["✦", "· ✦ ·", "✦ · ✦ · ✦", HEADLINE[Outcome.MISS]],
}
STYLE = {
    Outcome.IN_SYNC: "bold $text-success",
    Outcome.CLOSE: "bold $text-primary",
    Outcome.MISS: "bold $text-warning",
}

_CSS = """
{name} {{ width: 100%; height: auto; content-align: center middle; text-align: center; }}
"""


class Headline(Static):
    """The outcome's words, still."""

    DEFAULT_CSS = _CSS.format(name="Headline")

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(Content.styled(HEADLINE[outcome], STYLE[outcome]), id="headline", classes=KIND[outcome])
        self.outcome = outcome


class Moment(Static):
    """The outcome's words, arriving. ``play`` starts it (the reveal does, when
    the outcome is uncovered); in a headless app (tests, screenshots) it settles at
    once, every time."""

    DEFAULT_CSS = _CSS.format(name="Moment")

    def __init__(self, outcome: Outcome, frame_seconds: float = 0.09, autoplay: bool = True) -> None:
        super().__init__(id="moment", classes=KIND[outcome])
        self.outcome = outcome
        self.frame = 0
        self.frame_seconds = frame_seconds
        self.autoplay = autoplay

    @property
    def frames(self) -> list[str]:
        return FRAMES[self.outcome]

    def on_mount(self) -> None:
        self.show_frame()
        if self.autoplay:
            self.play()

    def play(self) -> None:
        if self.app.is_headless:
            self.settle()
            return
        self.set_interval(self.frame_seconds, self.next_frame, repeat=len(self.frames) - 1)

    def settle(self) -> None:
        self.frame = len(self.frames) - 1
        self.show_frame()

    def next_frame(self) -> None:
        # A timer may tick once more than asked (or the widget be remounted):
        # the moment settles on its last frame, it never runs past it.
        self.frame = min(self.frame + 1, len(self.frames) - 1)
        self.show_frame()

    def show_frame(self) -> None:
        self.update(Content.styled(self.frames[self.frame], STYLE[self.outcome]))
