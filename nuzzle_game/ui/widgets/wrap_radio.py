"""A radio button whose long label wraps onto more lines instead of ending in '…'."""

from __future__ import annotations

from textual.geometry import Size

from nuzzle_game.ui.widgets.toggles import Radio


class WrapRadioButton(Radio):
    DEFAULT_CSS = """
    WrapRadioButton {
        width: 100%;
        height: auto;
        text-wrap: wrap;
        text-overflow: fold;
    }
    """

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, self.render().get_height(self.styles, width))  # type: ignore[arg-type]
