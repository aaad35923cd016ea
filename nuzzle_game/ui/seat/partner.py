"""A line at the top of every seat screen: what the partner is doing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static


class PartnerLine:
    """Mixed into a screen: ``partner_line()`` in compose, ``set_partner()`` after."""

    def partner_line(self) -> ComposeResult:
        app = getattr(self, "app", None)  # a Screen's, once mixed in
        yield Static(Content(getattr(app, "partner_text", "")), id="partner", classes="partner-line")

    def set_partner(self, text: str) -> None:
        for line in self.query("#partner"):  # type: ignore[attr-defined]
            line.update(Content(text))
