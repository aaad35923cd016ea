"""Radio buttons, checkboxes and ticked lists that say their state in the glyph.

Textual draws every radio button "▐●▌" and every checkbox "▐X▌", on or off, so
only a colour tells them apart. These draw ◉ / ○ for a radio and ☑ / ☐ for a
checkbox or a ticked list, readable without colour (in the light theme, on a
terminal with few colours, to a colour-blind eye). A ticked list's long option
wraps onto more lines instead of ending in '…'.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import Checkbox, OptionList, RadioButton, RadioSet, SelectionList

RADIO = ("◉", "○")  # on, off
TICK = ("☑", "☐")

# An unticked glyph in the muted text colour, not Textual's near-background one
# ("Screen" outweighs RadioSet's own rule for its buttons).
_GLYPH_CSS = """
Screen {name} > .toggle--button {{ color: $text-muted; }}
Screen {name}.-on > .toggle--button {{ color: $text-success; }}
"""


class Radio(RadioButton):
    DEFAULT_CSS = _GLYPH_CSS.format(name="Radio")
    SCOPED_CSS = False  # its rules start at Screen

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # the glyph follows the value
        return RADIO[0] if self.value else RADIO[1]


class Tick(Checkbox):
    DEFAULT_CSS = _GLYPH_CSS.format(name="Tick")
    SCOPED_CSS = False

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return TICK[0] if self.value else TICK[1]


class TickList(SelectionList[str]):
    """A SelectionList whose options start with ☑ or ☐, and wrap."""

    DEFAULT_CSS = """
    TickList {
        text-wrap: wrap;
        text-overflow: fold;
        & > .selection-list--button, & > .selection-list--button-highlighted { color: $text-muted; }
    }
    """

    def render_line(self, y: int) -> Strip:
        # SelectionList puts its button on every line and takes line y for option
        # y; with wrapped options, the option and which of its lines come from the
        # OptionList's line map (the glyph on the first line, blank under it).
        try:
            option_index, line_offset = self._lines[self.scroll_offset.y + y]
            option = self.get_option_at_index(option_index)
        except (IndexError, LookupError):
            return super().render_line(y)
        line = OptionList.render_line(self, y)
        underlying = next(iter(line)).style if line.cell_length else None
        if line_offset:
            return Strip([Segment(" " * 4, underlying), *line])
        state = "-selected" if option.value in self.selected else ""
        highlighted = "-highlighted" if self.highlighted == option_index else ""
        button = self.get_component_rich_style(f"selection-list--button{state}{highlighted}")
        side = Style.from_color(button.bgcolor, underlying.bgcolor if underlying else None)
        meta = Style(meta={"option": option_index})
        glyph = TICK[0] if state else TICK[1]
        return Strip(
            [
                Segment("▐", side + meta),
                Segment(glyph, button + meta),
                Segment("▌", side + meta),
                Segment(" ", underlying),
                *line,
            ]
        )


def highlight_pressed(choices: RadioSet) -> None:
    """Put a mounted RadioSet's highlight on its pressed button (Textual starts it
    on the first), so the keys start where the value is."""
    for _ in range(max(0, choices.pressed_index)):
        choices.action_next_button()
