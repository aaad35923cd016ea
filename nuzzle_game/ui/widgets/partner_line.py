"""A line at the top of a seat's screens: what the partner is doing (never what they said)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class PartnerLine(Static):
    DEFAULT_CSS = """
    PartnerLine {
        dock: top;
        height: 1;
        padding: 0 2;
        background: $boost;
        color: $text-muted;
    }
    """

    def __init__(self, text: str = "") -> None:
        super().__init__(Content(text), id="partner")

    def say(self, text: str) -> None:
        self.update(Content(text))
