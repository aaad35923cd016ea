"""A brief moment at the reveal: hearts when in sync, a warm spark for a discovery.

It plays a few frames and settles; it takes no focus and never holds up play.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

FRAMES = {
    "in-sync": ["♥", "♥ ♥", "♥ ♥ ♥", "♥ ♥ ♥ ♥ ♥", "♥ ♥ ♥  in sync  ♥ ♥ ♥"],
    "discovery": ["✦", "· ✦ ·", "✦ · ✦ · ✦", "✦  something new  ✦", "✦  something new on your map  ✦"],
}
STYLE = {"in-sync": "bold $success", "discovery": "bold $warning"}


class Moment(Static):
    DEFAULT_CSS = """
    Moment { width: 100%; height: 1; content-align: center middle; }
    """

    def __init__(self, kind: str, frame_seconds: float = 0.09) -> None:
        super().__init__(id="moment", classes=kind)
        self.kind = kind
        self.frame = 0
        self.frame_seconds = frame_seconds

    def on_mount(self) -> None:
        if self.app.is_headless:  # tests and screenshots: the settled frame, every time
            self.frame = len(FRAMES[self.kind]) - 1
            self.show_frame()
            return
        self.show_frame()
        self.set_interval(self.frame_seconds, self.next_frame, repeat=len(FRAMES[self.kind]) - 1)

    def next_frame(self) -> None:
        # A timer may tick once more than asked (or the widget be remounted):
        # the moment settles on its last frame, it never runs past it.
        self.frame = min(self.frame + 1, len(FRAMES[self.kind]) - 1)
        self.show_frame()

    def show_frame(self) -> None:
        self.update(Content.styled(FRAMES[self.kind][self.frame], STYLE[self.kind]))
